"""Opening a data home: folders, migrations (after a backup), then the database.

Both the GUI and the CLI start here, so they see the same database the same way. A database
already at the expected revision skips Alembic entirely (it is a large import).
"""

from __future__ import annotations

from kinerja_desktop.db import schema_version
from kinerja_desktop.db.schema_version import MigrationResult
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome


def open_home(home: DataHome, key: bytes | None = None) -> tuple[Database, MigrationResult]:
    """Create the data home's folders, migrate its database to head and open it.

    ``key`` is the database key of an encrypted data home (unlocked at login, see
    ``services/admin/vault.py``); a plain data home is opened without one.
    """
    home.ensure()
    if schema_version.is_current(home.database, key=key):
        result = MigrationResult(before=schema_version.HEAD, after=schema_version.HEAD, backup=None)
    else:
        from kinerja_desktop.db.migrate import upgrade

        result = upgrade(home.database, home.backups, key=key)
    return Database.open(home, key=key), result
