"""Self-test of an installation: ``kinerja-desktop --self-test``.

An office administrator (or the Windows and Linux installer checks) runs it after installing
to learn whether this copy of the program works on this PC. In a temporary data home that is
removed afterwards it creates and migrates a database, checks the shipped catalogs, fonts and
icons, loads a little demo data, renders a form to PDF, writes a sync bundle and reads it
back, and opens the main window offscreen. These are the parts a frozen build can lose (data
files, modules imported by name), so the same test runs from the source tree and from the
one-folder program.

Each step prints ``OK`` or ``FAILED`` with a short reason; the exit status is 0 only if every
step passed. A step whose part is not in this build fails and names the missing module: it
is never reported as passed. ``--report FILE`` (or ``KINERJA_SELF_TEST_REPORT``) also writes
the lines to a file, because a windowed Windows program has no console to print to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TextIO

from kinerja_desktop import __version__
from kinerja_desktop.actor import Actor
from kinerja_desktop.db.migrate import current_revision, head_revision
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import N_, _, current_language, format_date, format_number, set_language
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome, i18n_dir, resources_dir

ENV_REPORT = "KINERJA_SELF_TEST_REPORT"
ACTOR = Actor(
    user_id=None,
    pegawai_id=None,
    name="self-test",
    roles=frozenset({Role.PENGELOLA, Role.HUB_OPERATOR}),
)


class MissingPart(Exception):
    """A module the step needs is not in this build (not written yet, or left out)."""

    def __init__(self, module: str) -> None:
        super().__init__(module)
        self.module = module


class NeedsDatabase(Exception):
    """The step needs the database that an earlier step failed to create."""


@dataclass
class SelfTestRun:
    """What the steps share: the temporary data home and its database once open."""

    home: DataHome
    database: Database | None = None

    @property
    def db(self) -> Database:
        if self.database is None:
            raise NeedsDatabase
        return self.database


@dataclass(frozen=True)
class Step:
    title: str
    check: Callable[[SelfTestRun], str]


@dataclass(frozen=True)
class StepResult:
    title: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'OK' if self.ok else 'FAILED':<6} {_(self.title)}: {self.detail}"


def require(module: str) -> ModuleType:
    """Import ``module``, raising MissingPart when it (or its package) is absent."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and (module == error.name or module.startswith(error.name + ".")):
            raise MissingPart(module) from error
        raise


def check_database(run: SelfTestRun) -> str:
    run.database, result = open_home(run.home)
    head = head_revision()
    stamped = current_revision(run.home.database)
    if result.after != head or stamped != head:
        raise AssertionError(
            _("database is at schema {found}, expected {head}").format(found=stamped, head=head)
        )
    return _("created and migrated to schema {head}").format(head=head)


def check_encryption(run: SelfTestRun) -> str:
    """SQLCipher is in the program: an encrypted database written, read back through
    SQLAlchemy's SQLCipher dialect, and unreadable without its key."""
    from sqlalchemy import text

    from kinerja_desktop.db import cipher
    from kinerja_desktop.db.engine import make_engine

    path = run.home.root / "selftest-encrypted.sqlite3"
    key = cipher.new_key()
    engine = make_engine(path, key=key)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x TEXT)"))
            conn.execute(text("INSERT INTO t VALUES ('kinerja')"))
        with engine.connect() as conn:
            value = conn.execute(text("SELECT x FROM t")).scalar_one()
    finally:
        engine.dispose()
    if value != "kinerja" or cipher.is_plain(path) or b"kinerja" in path.read_bytes():
        raise AssertionError(_("the encrypted test database is not encrypted"))
    return _("SQLCipher {version}").format(version=_cipher_version(path, key))


def _cipher_version(path: Path, key: bytes) -> str:
    from kinerja_desktop.db import cipher

    conn = cipher.connect(path, key)
    try:
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()


def check_program_files(run: SelfTestRun) -> str:
    fonts = sorted(path.name for path in (resources_dir() / "fonts").glob("*.ttf"))
    if not fonts:
        raise AssertionError(_("no fonts in {path}").format(path=resources_dir() / "fonts"))
    for needed in (resources_dir() / "icons" / "kinerja.svg", i18n_dir() / "qt" / "qtbase_id.qm"):
        if not needed.is_file():
            raise AssertionError(_("{path} is missing").format(path=needed))
    return _("{count} fonts, the program icon, Qt's Indonesian strings").format(count=len(fonts))


def check_translations(run: SelfTestRun) -> str:
    previous = current_language()
    day = dt.date(2026, 11, 27)
    try:
        set_language("id")
        if _(STEP_TRANSLATIONS) == STEP_TRANSLATIONS:
            raise AssertionError("the Indonesian catalog is missing or not compiled")
        indonesian = (format_date(day), format_number(1234.5))
        set_language("en")
        english = (format_date(day), format_number(1234.5))
    finally:
        set_language(previous)
    expected = (("27 November 2026", "1.234,5"), ("27 November 2026", "1,234.5"))
    if (indonesian, english) != expected:
        raise AssertionError(
            f"Indonesian {indonesian} and English {english}, expected {expected[0]} and "
            f"{expected[1]}"
        )
    return "id: {} {}; en: {} {}".format(*indonesian, *english)


def check_demo_data(run: SelfTestRun) -> str:
    demo = require("kinerja_desktop.services.demo.generator")
    summary = demo.generate_demo(run.db, employees=12, seed=7, year=2026)
    if summary.people != 12:
        raise AssertionError(f"{summary.people} people made, 12 asked for")
    return _("{people} people in {units} units, {rows} records").format(
        people=summary.people, units=summary.units, rows=summary.rows
    )


def check_pdf_form(run: SelfTestRun) -> str:
    """Print one demo person's SKP; the PDF must be whole and carry the shipped fonts."""
    printing = require("kinerja_desktop.services.printing.service")
    from sqlalchemy import select

    from kinerja_desktop.models.org import Pegawai
    from kinerja_desktop.models.skp import Skp

    with run.db.read(ACTOR) as session:
        nip = session.scalar(
            select(Pegawai.nip).join(Skp, Skp.pegawai_id == Pegawai.id).order_by(Pegawai.nip)
        )
    if nip is None:
        raise AssertionError("no SKP to print (no demo data?)")
    request = printing.PrintRequest(kind=printing.FormKind.SKP, periode="2026", nip=nip)
    out = run.home.root / "self-test-skp.pdf"
    result = printing.print_to_file(run.db, actor=ACTOR, request=request, out=out)
    data = result.path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise AssertionError(f"{result.path.name} is not a complete PDF")
    if b"/FontFile2" not in data:
        raise AssertionError("the PDF embeds no TrueType font")
    return _("SKP of NIP {nip}: {size} KB with embedded fonts").format(
        nip=nip, size=len(data) // 1024
    )


def check_sync_bundle(run: SelfTestRun) -> str:
    """Export the office's data for a second (hub) install, which imports it, twice."""
    sync = require("kinerja_desktop.services.sync.exchange")
    hub_home = DataHome(run.home.root.parent / "hub")
    exchange = run.home.root.parent / "exchange"
    exchange.mkdir()
    hub_db, _migration = open_home(hub_home)
    try:
        sync.set_mode(hub_db, actor=ACTOR, mode="hub", name="Self-test hub")
        office_card = sync.save_identity(run.db, run.home, actor=ACTOR, out=exchange)
        hub_card = sync.save_identity(hub_db, hub_home, actor=ACTOR, out=exchange)
        hub_fp = sync.read_card(run.db, run.home, actor=ACTOR, card_path=hub_card).fingerprint
        hub = sync.trust(run.db, actor=ACTOR, card_path=hub_card, confirmed=hub_fp)
        office_fp = sync.read_card(hub_db, hub_home, actor=ACTOR, card_path=office_card)
        sync.trust(hub_db, actor=ACTOR, card_path=office_card, confirmed=office_fp.fingerprint)
        exported = sync.export(run.db, run.home, actor=ACTOR, to=hub.install_id, out=exchange)
        first = sync.import_file(hub_db, hub_home, actor=ACTOR, path=exported.path)
        second = sync.import_file(hub_db, hub_home, actor=ACTOR, path=exported.path)
    finally:
        hub_db.close()
    if not exported.records:
        raise AssertionError("the bundle holds no records (no demo data?)")
    if (first.status, first.inserted) != ("applied", exported.records):
        raise AssertionError(
            f"first import: {first.status}, {first.inserted} of {exported.records} records"
        )
    if second.status != "already":
        raise AssertionError(f"second import of the same bundle: {second.status}")
    return _("{records} records written to {name} and read back by a second install").format(
        records=exported.records, name=exported.path.name
    )


# The platform plugins of a desktop (the self-test itself runs offscreen) and the image formats
# the program reads (its SVG and PNG icons, the .ico on Windows). The build leaves the other
# Qt plugins out (installer/kinerja.spec), so a filter that went too far fails here.
PLATFORM_PLUGINS = {"win32": ("qwindows",), "linux": ("qxcb", "qwayland")}
IMAGE_FORMATS = ("svg", "png", "ico")


def check_qt_plugins() -> None:
    """Raise when a Qt plugin the program needs on this system is not in the build."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QImageReader

    formats = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    missing = [name for name in IMAGE_FORMATS if name not in formats]
    platforms = {
        plugin.name.split(".")[0].removeprefix("lib")
        for folder in QCoreApplication.libraryPaths()
        for plugin in (Path(folder) / "platforms").glob("*")
    }
    missing += [name for name in PLATFORM_PLUGINS.get(sys.platform, ()) if name not in platforms]
    if missing:
        raise AssertionError(
            _("Qt plugins missing from this build: {names}").format(names=", ".join(missing))
        )


def check_main_window(run: SelfTestRun) -> str:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([])
    check_qt_plugins()
    from kinerja_desktop.actor import SYSTEM
    from kinerja_desktop.ui.areas import AREAS
    from kinerja_desktop.ui.context import AppContext

    ctx = AppContext(run.db, run.home, SYSTEM)
    window = require("kinerja_desktop.ui.main_window").MainWindow(ctx)
    try:
        window.show()
        for area in AREAS:
            window.open_area(area.key, None)
            app.processEvents()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return _("opened with its {count} areas, then closed").format(count=len(AREAS))


STEP_TRANSLATIONS = N_("Translations, dates and numbers")

STEPS: list[Step] = [
    Step(N_("Database"), check_database),
    Step(N_("Encryption"), check_encryption),
    Step(N_("Program files"), check_program_files),
    Step(STEP_TRANSLATIONS, check_translations),
    Step(N_("Demo data"), check_demo_data),
    Step(N_("Form to PDF"), check_pdf_form),
    Step(N_("Sync bundle"), check_sync_bundle),
    Step(N_("Main window"), check_main_window),
]


def run_steps(
    steps: Sequence[Step], run: SelfTestRun, out: Callable[[str], None]
) -> list[StepResult]:
    """Run every step (a failed one does not stop the others) and print each result."""
    results = []
    for step in steps:
        try:
            result = StepResult(step.title, True, step.check(run))
        except MissingPart as missing:
            result = StepResult(
                step.title,
                False,
                _("not in this build: module {module} is missing").format(module=missing.module),
            )
        except NeedsDatabase:
            result = StepResult(step.title, False, _("needs the database, which failed above"))
        except Exception as error:
            result = StepResult(step.title, False, f"{type(error).__name__}: {error}")
        results.append(result)
        out(result.line())
    return results


def self_test(steps: Sequence[Step], out: Callable[[str], None]) -> int:
    """Run ``steps`` in a temporary data home; 0 if all passed, 1 otherwise."""
    frozen = _("frozen program") if getattr(sys, "frozen", False) else _("from source")
    out(
        _("Kinerja Desktop {version} self-test ({kind}, Python {python}, {system})").format(
            version=__version__,
            kind=frozen,
            python=platform.python_version(),
            system=platform.platform(terse=True),
        )
    )
    with tempfile.TemporaryDirectory(prefix="kinerja-selftest-", ignore_cleanup_errors=True) as tmp:
        run = SelfTestRun(home=DataHome(Path(tmp) / "home"))
        try:
            results = run_steps(steps, run, out)
        finally:
            if run.database is not None:
                run.database.close()
    failed = sum(not result.ok for result in results)
    if failed:
        out(_("{failed} of {total} steps FAILED.").format(failed=failed, total=len(results)))
        return 1
    out(_("All {total} steps passed.").format(total=len(results)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kinerja-desktop --self-test")
    parser.add_argument(
        "--report",
        metavar="FILE",
        default=os.environ.get(ENV_REPORT),
        help=_("also write the report to this file"),
    )
    args = parser.parse_args([] if argv is None else argv)
    with ExitStack() as stack:
        report: TextIO | None = (
            stack.enter_context(Path(args.report).open("w", encoding="utf-8"))
            if args.report
            else None
        )

        def out(line: str) -> None:
            if sys.stdout is not None:
                print(line, flush=True)
            if report is not None:
                report.write(line + "\n")
                report.flush()

        return self_test(STEPS, out)
