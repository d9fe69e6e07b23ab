"""Database support for bulk sync import: the SQLite-specific statements it needs.

The importer writes many rows through Core in one transaction. Rows of one table may refer
to each other in any order (a unit's parent, a pegawai's penilai), so foreign keys are checked
at commit rather than per statement, and checked explicitly before commit so that a refusal
can name the table concerned.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys at commit instead of per statement (for this transaction)."""
    session.execute(text("PRAGMA defer_foreign_keys=ON"))


def foreign_key_problems(session: Session, tables: list[str]) -> list[tuple[str, str]]:
    """(table, missing parent table) for rows of ``tables`` whose parent does not exist."""
    found: list[tuple[str, str]] = []
    for table in tables:
        rows = session.execute(text(f'PRAGMA foreign_key_check("{table}")')).all()
        found.extend((str(row[0]), str(row[2])) for row in rows)
    return found
