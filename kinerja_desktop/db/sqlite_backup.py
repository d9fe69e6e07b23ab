"""Copying a live SQLite database safely, with SQLite's online backup API.

Kept apart from the migrations so that taking a backup never loads Alembic. An encrypted
database is copied with its key: the copy is encrypted with the same key and page settings
(SQLite's backup cannot change the page size of an encrypted copy).
"""

from __future__ import annotations

import os
from pathlib import Path

from kinerja_desktop.db import cipher


def backup_file(database: Path, target: Path, *, key: bytes | None = None) -> Path:
    """Copy ``database`` to ``target`` with the SQLite online backup API (owner-only file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT, 0o600))
    settings = None if key is None else cipher.settings_of(database, key)
    source = cipher.connect(database, key, settings=settings)
    try:
        dest = cipher.connect(partial, key, settings=settings)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target
