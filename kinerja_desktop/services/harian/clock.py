"""The one clock of the daily log: what "today" is when a caller gives no ``today``, and
what time it is for the timer.

Every service of the area that needs today's date and was not given one asks
``clock.today()``, and the timer asks ``clock.now()`` (called through the module, so that
tests can set the date and time).
"""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """Today's local date."""
    return dt.date.today()


def now() -> dt.datetime:
    """The local date and time now (the timer's clock)."""
    return dt.datetime.now()
