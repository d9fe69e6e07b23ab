"""The SQLite engine: WAL, foreign keys, a busy timeout. SQLite-specific SQL stays in ``db/``.

Every connection runs with ``trusted_schema=OFF``: a view or trigger stored in a database
file (for instance a restored or copied one) cannot call functions with side effects, and
``hide_parameters`` keeps bound values (password hashes, personal data) out of error
messages and the log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA trusted_schema=OFF")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(database: Path, *, echo: bool = False) -> Engine:
    """An engine on the database file (created on first use)."""
    engine = create_engine(f"sqlite:///{database}", echo=echo, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine
