"""The one clock of the daily log: what "today" is when a caller gives no ``today``.

Every service of the area that needs today's date and was not given one asks
``clock.today()`` (called through the module, so that tests can set the date).
"""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """Today's local date."""
    return dt.date.today()
