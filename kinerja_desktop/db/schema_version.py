"""The schema revision this program expects, readable without importing Alembic.

Start-up asks ``is_current`` first: a database already at ``HEAD`` needs no migration, so
Alembic (a large import) is loaded only when there is work to do. A test checks that
``HEAD`` matches the newest migration script.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kinerja_desktop.db import cipher

HEAD = "0006_harian_replies"


@dataclass(frozen=True)
class MigrationResult:
    """What start-up did to the schema: the revisions before and after, and the backup made."""

    before: str | None
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def stamped_revision(database: Path, key: bytes | None = None) -> str | None:
    """The revision stored in ``alembic_version``, or None (no file, no table, unreadable)."""
    if not database.exists():
        return None
    errors = cipher.database_error_types()
    try:
        connection = cipher.connect(f"file:{database}?mode=ro", key, uri=True)
    except errors:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except errors:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def is_current(database: Path, key: bytes | None = None) -> bool:
    """True when the database is stamped with exactly the revision this program expects."""
    return stamped_revision(database, key) == HEAD
