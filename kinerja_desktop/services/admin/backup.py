"""Backups, integrity checks and restore of a data home's database.

* ``make_backup`` copies the live database with SQLite's online backup API (safe while the
  program writes), checks the copy, and keeps the newest ``KEEP_AUTOMATIC`` automatic ones.
  The GUI makes one every ``AUTO_INTERVAL`` while data changes, and one on exit.
* ``check_file`` inspects any database file without changing it: SQLite header, truncation,
  ``PRAGMA integrity_check`` (or ``quick_check``), and the schema revision it carries.
* ``restore`` replaces the live database with a backup only after a staged copy of the backup
  passed every check; a damaged, truncated, foreign or newer-schema file is refused with a
  message and the live database is not touched. The database being replaced is first copied
  to ``backups/`` so a restore can itself be undone. The caller holds the data home's lock
  (``db.lock.InstanceLock``) and has closed its own connections.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.sqlite_backup import backup_file
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency

KEEP_AUTOMATIC = 12
AUTO_INTERVAL = dt.timedelta(minutes=30)
AUTO_PREFIX = "auto-"
SAFETY_PREFIX = "before-restore-"
SUFFIX = ".sqlite3"
_MAGIC = b"SQLite format 3\x00"
_REQUIRED_TABLES = {"alembic_version", "install_state", "pegawai"}


@dataclass(frozen=True)
class CheckResult:
    """What ``check_file`` found; ``ok`` when ``problems`` is empty."""

    path: Path
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        return "; ".join(self.problems)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    automatic: bool
    created: dt.datetime
    size: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None
    revision: str | None


def _stamp() -> str:
    """Local time to the millisecond: names sort in the order the backups were made."""
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")[:-3]


def _unique(folder: Path, prefix: str) -> Path:
    base = f"{prefix}{_stamp()}"
    candidate = folder / f"{base}{SUFFIX}"
    index = 1
    while candidate.exists():
        candidate = folder / f"{base}-{index}{SUFFIX}"
        index += 1
    return candidate


def _header_problem(path: Path) -> str | None:
    """A problem visible in the file's header or size, before SQLite reads it."""
    size = path.stat().st_size
    if size == 0:
        return _("the file is empty")
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(_MAGIC):
        return _("the file is not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return _("the database header is damaged")
    change_counter = header[24:28]
    valid_for = header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    if change_counter == valid_for and pages and size < pages * page_size:
        return _(
            "the file is truncated: it holds {have} bytes of the {want} its header announces"
        ).format(have=size, want=pages * page_size)
    if size % page_size:
        return _("the file is truncated: its size is not a whole number of pages")
    return None


def check_file(path: Path, *, full: bool = True) -> CheckResult:
    """Check a database file in place: header, SQLite integrity, and schema revision.

    Nothing is written to it (SQLite may fold a leftover write-ahead log into the file, as any
    opening does); ``full=False`` runs ``quick_check`` (faster, used at start).
    """
    if not path.is_file():
        return CheckResult(path, [_("the file does not exist")])
    size = path.stat().st_size
    problem = _header_problem(path)
    if problem:
        return CheckResult(path, [problem], size=size)
    problems: list[str] = []
    revision: str | None = None
    try:
        with closing(sqlite3.connect(path)) as conn:
            pragma = "integrity_check" if full else "quick_check"
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(20)").fetchall()]
            if rows != ["ok"]:
                problems.append(
                    _("SQLite reports damage: {details}").format(details="; ".join(rows[:5]))
                )
            tables = {
                str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables >= _REQUIRED_TABLES:
                problems.append(_("the file is not a Kinerja Desktop database"))
            else:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(found[0]) if found else None
    except sqlite3.DatabaseError as exc:
        problems.append(_("SQLite cannot read it: {error}").format(error=exc))
    return CheckResult(path, problems, revision=revision, size=size)


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from kinerja_desktop.db.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def check_restorable(path: Path) -> CheckResult:
    """``check_file`` plus: the schema is one this program knows (not newer)."""
    result = check_file(path, full=True)
    if result.ok and result.revision is not None and not _known_revision(result.revision):
        return CheckResult(
            path,
            [
                _(
                    "it was made by a newer version of Kinerja Desktop (schema {rev}); install "
                    "that version to use it"
                ).format(rev=result.revision)
            ],
            revision=result.revision,
            size=result.size,
        )
    return result


def _copy_database(source: Path, target: Path) -> None:
    """Online backup of ``source`` to ``target``, made a single self-contained file."""
    backup_file(source, target)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")


def make_backup(home: DataHome, *, out: Path | None = None) -> Path:
    """Copy the live database (online backup API) and verify the copy.

    Without ``out`` the copy goes to ``backups/`` as an automatic backup and old automatic
    backups beyond ``KEEP_AUTOMATIC`` are removed.
    """
    if not home.database.exists():
        raise DatabaseError(_("There is no database to back up yet."))
    target = out if out is not None else _unique(home.backups, AUTO_PREFIX)
    try:
        _copy_database(home.database, target)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("The backup could not be made: {error}. Run 'kinerja check'.").format(error=exc)
        ) from exc
    result = check_file(target, full=False)
    if not result.ok:
        target.unlink(missing_ok=True)
        raise DatabaseError(
            _("The backup copy failed its check ({problems}); it was removed.").format(
                problems=result.message()
            )
        )
    if out is None:
        rotate(home)
    return target


def export_backup(home: DataHome, *, actor: Actor, out: Path | None = None) -> Path:
    """A backup asked for by a person: only the pengelola kinerja (it holds everyone's data)."""
    access.require_pengelola(actor)
    return make_backup(home, out=out)


def rotate(home: DataHome, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Remove automatic backups beyond the newest ``keep``; return what was removed."""
    automatic = sorted(
        (b.path for b in list_backups(home) if b.automatic), key=lambda p: p.name, reverse=True
    )
    removed = automatic[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(home: DataHome) -> list[BackupInfo]:
    """The backups in ``backups/``, newest first."""
    if not home.backups.is_dir():
        return []
    found = []
    for path in home.backups.glob(f"*{SUFFIX}"):
        stat = path.stat()
        found.append(
            BackupInfo(
                path=path,
                automatic=path.name.startswith(AUTO_PREFIX),
                created=dt.datetime.fromtimestamp(stat.st_mtime),
                size=stat.st_size,
            )
        )
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def latest_good_backup(home: DataHome) -> BackupInfo | None:
    """The newest backup that passes ``check_restorable`` (for a damaged live database)."""
    for info in list_backups(home):
        if check_restorable(info.path).ok:
            return info
    return None


def check_database(home: DataHome, *, full: bool = False, header_only: bool = False) -> CheckResult:
    """Check the live database (a missing one is fine: it is a first start).

    ``header_only`` reads the file's header and size alone (instant whatever the size): the
    start after a clean end; the SQLite checks read every page.
    """
    if not home.database.exists():
        return CheckResult(home.database)
    if header_only:
        problem = _header_problem(home.database)
        return CheckResult(home.database, [problem] if problem else [],
                           size=home.database.stat().st_size)  # fmt: skip
    return check_file(home.database, full=full)


@contextmanager
def _staged(home: DataHome, source: Path) -> Iterator[Path]:
    staging = home.root / f".restore-{_stamp()}{SUFFIX}"
    try:
        shutil.copyfile(source, staging)
        yield staging
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{staging}{suffix}").unlink(missing_ok=True)


def _copy_current(home: DataHome) -> Path | None:
    """Keep the database about to be replaced: an online backup, or the raw files if damaged."""
    if not home.database.exists():
        return None
    target = _unique(home.backups, SAFETY_PREFIX)
    try:
        _copy_database(home.database, target)
        return target
    except sqlite3.DatabaseError:
        target.with_name(target.name + ".part").unlink(missing_ok=True)
    shutil.copy2(home.database, target)
    wal = Path(f"{home.database}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{target}-wal"))
    return target


def _check_source(home: DataHome, source: Path) -> None:
    if source.resolve() == home.database.resolve():
        raise DatabaseError(_("This file is the database in use; choose a backup file."))
    if not source.is_file():
        raise DatabaseError(
            _(
                "Restore refused: {path} does not exist. The current database was not changed."
            ).format(path=source)
        )


def _refuse_unless_restorable(source: Path, staging: Path) -> CheckResult:
    result = check_restorable(staging)
    if not result.ok:
        raise DatabaseError(
            _(
                "Restore refused: {path} cannot be used ({problems}). The current database "
                "was not changed."
            ).format(path=source, problems=result.message())
        )
    return result


def verify_restorable(home: DataHome, source: Path) -> CheckResult:
    """Raise ``DatabaseError`` unless ``restore(home, source)`` would accept the file."""
    source = Path(source)
    _check_source(home, source)
    with _staged(home, source) as staging:
        return _refuse_unless_restorable(source, staging)


def restore(home: DataHome, source: Path) -> RestoreResult:
    """Replace the live database with ``source`` if, and only if, it passes every check."""
    source = Path(source)
    _check_source(home, source)
    with _staged(home, source) as staging:
        result = _refuse_unless_restorable(source, staging)
        previous = _copy_current(home)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{home.database}{suffix}").unlink(missing_ok=True)
        staging.replace(home.database)
    return RestoreResult(restored_from=source, previous_copy=previous, revision=result.revision)


STALE_AFTER = dt.timedelta(days=7)


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """For the pengelola kinerja: no backup at all, or none in the last week."""
    if not actor.is_pengelola or actor.is_system:
        return []
    latest = next(iter(list_backups(db.home)), None)
    if latest is not None and today - latest.created.date() <= STALE_AFTER:
        return []
    detail = (
        _("The last backup was made on {date}.").format(date=format_date(latest.created.date()))
        if latest
        else _("No backup of this database exists yet.")
    )
    return [
        HomeItem(
            kind="backup_stale",
            title=_("Make a backup"),
            detail=detail + " " + _("Use Settings > Backups, or: kinerja backup --out FILE"),
            area="settings",
            payload="backups",
            urgency=Urgency.SOON,
        )
    ]
