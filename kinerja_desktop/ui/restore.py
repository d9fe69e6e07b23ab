"""Restoring a backup while the program runs: the same checks as ``kinerja restore``
(``services.admin.backup.restore``), with the open database's connections closed first and
the restored file brought to this version's schema before anyone works on it again."""

from __future__ import annotations

from pathlib import Path

from kinerja_desktop.home import open_home
from kinerja_desktop.services.admin import backup
from kinerja_desktop.services.admin.backup import RestoreResult
from kinerja_desktop.ui.context import AppContext


def restore_database(ctx: AppContext, source: Path) -> RestoreResult:
    """Replace ``ctx``'s database with ``source``; ``ctx.db`` opens new connections to it."""
    ctx.db.close()
    result = backup.restore(ctx.home, source)
    migrated, _migration = open_home(ctx.home)
    migrated.close()
    return result
