"""The home screen's question: what needs *me* now?

Each area contributes one provider: a function ``(db, actor, today) -> list[HomeItem]``.
The home screen shows them together, most urgent first; each item says which area opens it
and with what payload.
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


def _providers() -> list[Provider]:
    """Every area's provider (imported here so areas do not import this module)."""
    from kinerja_desktop.services import (
        accounts,
        backup,
        coaching,
        monitoring_board,
        skp_queries,
        sync,
    )

    return [coaching.home_items, monitoring_board.home_items, skp_queries.home_items,
            accounts.home_items, backup.home_items, sync.home_items]  # fmt: skip


def items_for(db: Database, *, actor: Actor, today: dt.date | None = None) -> list[HomeItem]:
    """All items for ``actor``, most urgent first, then by due date."""
    day = today or dt.date.today()
    items: list[HomeItem] = []
    for provider in _providers():
        items.extend(provider(db, actor, day))
    return sorted(items, key=lambda i: (i.urgency, i.due or dt.date.max, i.title))
