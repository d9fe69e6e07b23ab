"""A read-only look into a plain database with the standard library's ``sqlite3``, before the
data layer (SQLAlchemy and the models, the longest part of starting) is loaded: does any
account exist, and the name of the office's instansi. The program uses it to show its login
dialog at once; the database itself is checked and opened once the password was given.

Anything unexpected (no file, not a database, damaged, locked, a schema without these
tables) gives None: the caller then goes the full way (check, open, ask the services).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Peek:
    has_accounts: bool
    office_name: str


def peek(path: Path) -> Peek | None:
    """What ``path`` says about its accounts and instansi, or None when it cannot tell."""
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            (has_accounts,) = conn.execute("SELECT EXISTS (SELECT 1 FROM user_account)").fetchone()
            office = conn.execute(
                "SELECT nama FROM instansi WHERE NOT deleted ORDER BY created_at LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    return Peek(has_accounts=bool(has_accounts), office_name=str(office[0]) if office else "")
