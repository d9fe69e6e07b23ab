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

An encrypted data home's backups are encrypted with the same database key (they are copies
made with SQLCipher's backup API); checking or restoring them needs that key, which a login
in this process unlocked (``db.keyslots.unlocked_key``). A plain backup restored into an
encrypted data home is encrypted with the home's key on the way in.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db import cipher, keyslots, schema_check, tracking
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.sqlite_backup import backup_file
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency

KEEP_AUTOMATIC = 12
AUTO_INTERVAL = dt.timedelta(minutes=30)
AUTO_PREFIX = "auto-"
MANUAL_PREFIX = "manual-"
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


_CIPHER_PAGE = 4096


def _encrypted_problem(size: int, key: bytes | None) -> str | None:
    """The problems visible from outside in an encrypted file (no header to read)."""
    if key is None:
        return _("the file is encrypted; log in (in the CLI: --user NAME) to check or restore it")
    if size < _CIPHER_PAGE or size % _CIPHER_PAGE:
        return _("the file is truncated: its size is not a whole number of pages")
    return None


def _header_problem(path: Path, key: bytes | None = None) -> str | None:
    """A problem visible in the file's header or size, before SQLite reads it."""
    size = path.stat().st_size
    if size == 0:
        return _("the file is empty")
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(_MAGIC):
        return _encrypted_problem(size, key)
    if len(header) < 100:
        return _("the file is not a SQLite database")
    page_size = cipher.header_page_size(header)
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


def check_file(path: Path, *, full: bool = True, key: bytes | None = None) -> CheckResult:
    """Check a database file in place: header, SQLite integrity, and schema revision.

    Nothing is written to it (SQLite may fold a leftover write-ahead log into the file, as any
    opening does); ``full=False`` runs ``quick_check`` (faster, used at start). An encrypted
    file is read with ``key``; a wrong key is reported as a problem.
    """
    if not path.is_file():
        return CheckResult(path, [_("the file does not exist")])
    size = path.stat().st_size
    problem = _header_problem(path, key)
    if problem:
        return CheckResult(path, [problem], size=size)
    problems: list[str] = []
    revision: str | None = None
    file_key = None if cipher.is_plain(path) else key
    try:
        with closing(cipher.connect(path, file_key)) as conn:
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
    except cipher.database_error_types() as exc:
        if file_key is not None and "not a database" in str(exc):
            problems.append(_("the file is encrypted with another key (another data folder?)"))
        else:
            problems.append(_("SQLite cannot read it: {error}").format(error=exc))
    except MemoryError:
        # SQLCipher reports a page that fails its authentication check this way.
        problems.append(_("SQLite reports damage: {details}").format(details=_("a damaged page")))
    return CheckResult(path, problems, revision=revision, size=size)


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from kinerja_desktop.db.migrate import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def check_restorable(path: Path, key: bytes | None = None) -> CheckResult:
    """``check_file`` plus: the schema is one this program knows (not newer), and the file
    holds exactly that schema: no table, index, trigger or view more or less, no table with
    other columns (``db.schema_check``)."""
    result = check_file(path, full=True, key=key)
    if not result.ok:
        return result
    problems: list[str]
    if result.revision is None:
        problems = [_("it carries no schema revision")]
    elif not _known_revision(result.revision):
        problems = [
            _(
                "it was made by a newer version of Kinerja Desktop (schema {rev}); install "
                "that version to use it"
            ).format(rev=result.revision)
        ]
    else:
        try:
            problems = schema_check.file_differences(
                path, result.revision, key=None if cipher.is_plain(path) else key
            )
        except cipher.database_error_types() as exc:
            problems = [_("SQLite cannot read it: {error}").format(error=exc)]
    return CheckResult(path, problems, revision=result.revision, size=result.size)


def _copy_database(source: Path, target: Path, key: bytes | None) -> None:
    """Online backup of ``source`` to ``target``, made a single self-contained file."""
    backup_file(source, target, key=key)
    with closing(cipher.connect(target, key)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")


def home_key(home: DataHome) -> bytes | None:
    """The key of an encrypted data home (unlocked by a login), None for a plain one."""
    if not keyslots.exists(home):
        return None
    key = keyslots.unlocked_key(home)
    if key is None:
        raise DatabaseError(
            _("The data folder is encrypted: log in first (in the CLI: --user NAME).")
        )
    return key


def make_backup(home: DataHome, *, out: Path | None = None) -> Path:
    """Copy the live database (online backup API) and verify the copy.

    Without ``out`` the copy goes to ``backups/`` as an automatic backup and old automatic
    backups beyond ``KEEP_AUTOMATIC`` are removed.
    """
    if not home.database.exists():
        raise DatabaseError(_("There is no database to back up yet."))
    key = home_key(home)
    target = out if out is not None else _unique(home.backups, AUTO_PREFIX)
    try:
        _copy_database(home.database, target, key)
    except cipher.database_error_types() as exc:
        raise DatabaseError(
            _(
                "The backup could not be made: {error}. Check the database in Settings > "
                "Backups (or with kinerja check)."
            ).format(error=exc)
        ) from exc
    result = check_file(target, full=False, key=key)
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
    """A backup asked for by a person: only the pengelola kinerja (it holds everyone's data).
    Without ``out`` it goes to ``backups/`` named ``manual-…``, never rotated away."""
    access.require_pengelola(actor)
    return make_backup(home, out=out if out is not None else _unique(home.backups, MANUAL_PREFIX))


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
    key = home_key(home)
    for info in list_backups(home):
        if check_restorable(info.path, key).ok:
            return info
    return None


def check_database(
    home: DataHome, *, full: bool = False, schema: bool = False, header_only: bool = False
) -> CheckResult:
    """Check the live database (a missing one is fine: it is a first start).

    ``header_only`` reads the file's header and size alone (instant whatever the size): the
    start after a clean end; the SQLite checks read every page. With ``schema`` the schema is
    also compared with its revision's, as a restore does (``kinerja check``).
    """
    if not home.database.exists():
        return CheckResult(home.database)
    key = home_key(home)
    if header_only:
        problem = _header_problem(home.database, key)
        return CheckResult(home.database, [problem] if problem else [],
                           size=home.database.stat().st_size)  # fmt: skip
    if schema:
        return check_restorable(home.database, key)
    return check_file(home.database, full=full, key=key)


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
        _copy_database(home.database, target, home_key(home))
        return target
    except cipher.database_error_types():
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


def _refuse_unless_restorable(home: DataHome, source: Path, staging: Path) -> CheckResult:
    result = check_restorable(staging, home_key(home))
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
        return _refuse_unless_restorable(home, source, staging)


def restore(home: DataHome, source: Path, *, actor: Actor = SYSTEM) -> RestoreResult:
    """Replace the live database with ``source`` if, and only if, it passes every check; the
    restored database's audit log then records who restored which file."""
    source = Path(source)
    _check_source(home, source)
    with _staged(home, source) as staging:
        result = _refuse_unless_restorable(home, source, staging)
        key = home_key(home)
        if key is not None and cipher.is_plain(staging):
            encrypted = staging.with_name(staging.name + ".enc")
            cipher.encrypt_copy(staging, encrypted, key)
            encrypted.replace(staging)
        previous = _copy_current(home)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{home.database}{suffix}").unlink(missing_ok=True)
        staging.replace(home.database)
    restored = RestoreResult(restored_from=source, previous_copy=previous, revision=result.revision)
    _record_restore(home, restored, actor)
    return restored


def _record_restore(home: DataHome, restored: RestoreResult, actor: Actor) -> None:
    """Write the restore to the restored database's audit log (migrating it first, as its
    next opening would)."""
    db, _migration = open_home(home, key=home_key(home))
    try:
        with db.unit_of_work(actor) as session:
            tracking.record_event(
                session,
                action=tracking.EVENT_RESTORE,
                subject=tracking.SUBJECT_DATABASE,
                details={
                    "file": str(restored.restored_from),
                    "revision": restored.revision,
                    "previous_copy": str(restored.previous_copy or ""),
                },
            )
    finally:
        db.close()


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
            detail=detail + " " + _("Make one in Settings > Backups."),
            area="settings",
            payload="backups",
            urgency=Urgency.SOON,
        )
    ]
