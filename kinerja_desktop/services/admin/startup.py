"""What the GUI needs before the data layer is loaded, so that the login dialog shows within
a second of launch: the data home's instance lock, whether its database is encrypted and,
for a plain one, whether accounts exist and the office's name (``db/peek.py``, read with the
standard library). Importing this module loads neither SQLAlchemy nor the models nor any
crypto library (tests/ui/test_login_startup.py checks it in a fresh interpreter)."""

from __future__ import annotations

from kinerja_desktop.db import keyslots
from kinerja_desktop.db.lock import InstanceLock as InstanceLock
from kinerja_desktop.db.peek import Peek as Peek
from kinerja_desktop.db.peek import peek
from kinerja_desktop.paths import DataHome


def is_encrypted(home: DataHome) -> bool:
    """True when the data home's database is encrypted (then login comes before opening)."""
    return keyslots.exists(home)


def first_look(home: DataHome) -> Peek | None:
    """Accounts and office name of a plain data home's database; None when encrypted or
    when the database cannot be read this way (the caller opens it the full way)."""
    if is_encrypted(home):
        return None
    return peek(home.database)
