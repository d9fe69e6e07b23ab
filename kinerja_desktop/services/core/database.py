"""The data layer's types that the faces hold, re-exported so ``ui/`` and ``cli/`` import
``services`` only (the Layers contract in pyproject.toml forbids them to reach ``db``)."""

from kinerja_desktop.db.lock import InstanceLock as InstanceLock
from kinerja_desktop.db.schema_version import MigrationResult as MigrationResult
from kinerja_desktop.db.session import Database as Database
