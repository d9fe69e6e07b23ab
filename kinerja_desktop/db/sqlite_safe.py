"""Raw ``sqlite3`` connections opened the safe way.

Every database file the program opens outside SQLAlchemy (backups, checks, migrations,
restore candidates) goes through ``connect``: ``trusted_schema=OFF`` so that a view or
trigger stored in the file cannot call functions with side effects while it is read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def harden(connection: Any) -> None:
    """Apply the pragmas every connection needs (a DB-API ``sqlite3`` connection)."""
    connection.execute("PRAGMA trusted_schema=OFF")


def connect(database: Path | str, *, uri: bool = False) -> sqlite3.Connection:
    """``sqlite3.connect`` with ``trusted_schema=OFF``."""
    connection = sqlite3.connect(database, uri=uri)
    try:
        harden(connection)
    except sqlite3.Error:
        connection.close()
        raise
    return connection
