"""Copying a live SQLite database safely, with SQLite's online backup API.

Kept apart from the migrations so that taking a backup never loads Alembic.
"""

from __future__ import annotations

from pathlib import Path

from kinerja_desktop.db.sqlite_safe import connect


def backup_file(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` with the SQLite online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    source = connect(database)
    try:
        dest = connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target
