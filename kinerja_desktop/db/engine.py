"""The SQLite engine: WAL, foreign keys, a busy timeout. SQLite-specific SQL stays in ``db/``.

Every connection runs with ``trusted_schema=OFF``: a view or trigger stored in a database
file (for instance a restored or copied one) cannot call functions with side effects, and
``hide_parameters`` keeps bound values (password hashes, personal data) out of error
messages and the log.

With a database key the engine goes through SQLAlchemy's pysqlcipher dialect (the
``sqlcipher3`` module, SQLCipher 4): the raw 256-bit key is given as ``PRAGMA key`` on every
new connection, then the page settings of the file (``cipher.settings_of``, read once per
engine), before the same pragmas as a plain database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from kinerja_desktop.db import cipher


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA trusted_schema=OFF")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


# A page is decrypted when it enters SQLite's page cache: a cache larger than SQLite's 2 MiB
# default keeps the screens' working set decrypted once per connection (plain databases get
# the same cache, so that the two are compared fairly in bench/bench_encryption.py).
CACHE_KIB = 32768


def cipher_settings(engine: Engine, database: Path, key: bytes) -> None:
    """Give every connection of ``engine`` the page settings that open ``database`` (read
    once here; the dialect gives the key first, SQLCipher's log goes quiet)."""
    settings = cipher.settings_of(database, key)

    def _set_cipher_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cipher.apply_settings(dbapi_connection, settings)
        cipher.quiet(dbapi_connection)

    event.listen(engine, "connect", _set_cipher_pragmas)


def database_url(database: Path, key: bytes | None = None) -> URL:
    """The SQLAlchemy URL of ``database``: plain, or SQLCipher with the raw ``key``."""
    if key is None:
        return URL.create("sqlite", database=str(database))
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(database))


def make_engine(database: Path, *, key: bytes | None = None, echo: bool = False) -> Engine:
    """An engine on the database file (created on first use), encrypted with ``key``."""
    if key is None:
        engine = create_engine(database_url(database), echo=echo, hide_parameters=True)
    else:
        engine = create_engine(
            database_url(database, key),
            echo=echo,
            hide_parameters=True,
            poolclass=QueuePool,
            connect_args={"check_same_thread": False},
        )
        cipher_settings(engine, database, key)
    event.listen(engine, "connect", _set_pragmas)
    return engine
