"""What a home-screen item is; each area's provider returns these.

Areas import this module (in ``core``) and never ``services.home``, so imports run one way:
``home`` gathers the areas' providers, the areas know only this type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database


class Urgency(IntEnum):
    """How pressing an item is; the home screen sorts by it."""

    OVERDUE = 0
    ACTION = 1
    SOON = 2
    INFO = 3


@dataclass(frozen=True)
class HomeItem:
    """One thing that needs the user: a title, a detail line, where it is handled."""

    kind: str
    title: str
    detail: str
    area: str
    payload: str | None
    urgency: Urgency = Urgency.ACTION
    due: dt.date | None = None


Provider = Callable[[Database, Actor, dt.date], list[HomeItem]]
