"""Bring a database to the program's schema, safely.

Before upgrading a database that holds data, the file is copied with SQLite's online backup
API. The upgrade runs on its own engine whose connections have foreign keys OFF (a batch
rebuild of a parent table would otherwise cascade deletes into its children) and pysqlite's
implicit transactions disabled, inside one ``BEGIN IMMEDIATE`` transaction that also runs
``PRAGMA foreign_key_check``: any failure rolls the whole upgrade back. A database stamped
with a revision this program does not know was made by a newer version and is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, create_engine, event, inspect

from kinerja_desktop.db import cipher
from kinerja_desktop.db.engine import cipher_settings, database_url
from kinerja_desktop.db.schema_version import MigrationResult
from kinerja_desktop.db.sqlite_backup import backup_file
from kinerja_desktop.db.sqlite_safe import harden
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.i18n import _

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

__all__ = ["MigrationResult", "backup_file", "current_revision", "head_revision", "upgrade"]


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _plain_engine(database: Path, key: bytes | None = None) -> Any:
    """An engine for reading the schema, with ``trusted_schema=OFF`` on its connections."""
    engine = create_engine(database_url(database, key), hide_parameters=True)
    if key is not None:
        cipher_settings(engine, database, key)
    event.listen(engine, "connect", lambda dbapi_connection, _record: harden(dbapi_connection))
    return engine


def _migration_engine(database: Path, key: bytes | None = None) -> Any:
    engine = create_engine(database_url(database, key), hide_parameters=True)
    if key is not None:
        cipher_settings(engine, database, key)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        harden(dbapi_connection)
        if key is None:
            # A new plain database gets the pages of an encrypted one (an existing file
            # keeps its own: the pragma then has no effect), so the two are laid out alike
            # and a large table takes a quarter of the pages of SQLite's default.
            dbapi_connection.execute(f"PRAGMA page_size={cipher.PAGE_BYTES}")
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute("PRAGMA busy_timeout=5000")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def current_revision(database: Path, key: bytes | None = None) -> str | None:
    """The revision the database is stamped with (None for an empty database)."""
    if not database.exists():
        return None
    engine = _plain_engine(database, key)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def upgrade(
    database: Path, backups: Path, *, key: bytes | None = None, target: str | None = None
) -> MigrationResult:
    """Upgrade ``database`` (encrypted with ``key``, if given) to the head revision (or
    ``target``); refuse one made by a newer version. The backup is made with the same key."""
    script = ScriptDirectory.from_config(alembic_config())
    head = target or head_revision()
    before = current_revision(database, key)
    if before is not None and not _known(script, before):
        raise DatabaseError(
            _(
                "This database was made by a newer version of Kinerja Desktop (schema {rev}). "
                "Install the newer version, or restore a backup made by this one."
            ).format(rev=before)
        )
    if before == head:
        return MigrationResult(before=before, after=head, backup=None)
    backup: Path | None = None
    if before is not None or _has_tables(database, key):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_file(
            database, backups / f"pre-migration-{before or 'none'}-{stamp}.sqlite3", key=key
        )
    engine = _migration_engine(database, key)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, head)
            violations = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise DatabaseError(
                    _(
                        "The database upgrade would break {count} links between records; "
                        "nothing was changed. The backup is at {path}."
                    ).format(count=len(violations), path=backup)
                )
    finally:
        engine.dispose()
    conn = cipher.connect(database, key)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    return MigrationResult(before=before, after=head, backup=backup)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _has_tables(database: Path, key: bytes | None) -> bool:
    if not database.exists() or database.stat().st_size == 0:
        return False
    engine = _plain_engine(database, key)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()
