"""Opening a data home: folders, migrations (after a backup), then the database.

Both the GUI and the CLI start here, so they see the same database the same way.
"""

from __future__ import annotations

from kinerja_desktop.db.migrate import MigrationResult, upgrade
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome


def open_home(home: DataHome) -> tuple[Database, MigrationResult]:
    """Create the data home's folders, migrate its database to head and open it."""
    home.ensure()
    result = upgrade(home.database, home.backups)
    return Database.open(home), result
