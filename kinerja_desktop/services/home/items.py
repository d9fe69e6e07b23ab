"""The home screen's question: what needs *me* now?

Each area contributes one provider: a function ``(db, actor, today) -> list[HomeItem]``
(``core.home_items``). The home screen shows them together, most urgent first; each item
says which area opens it and with what payload. This module imports the areas; the areas
import only ``core``. A provider lives in a module that imports nothing heavy (the password
hasher, cryptography, reportlab stay unloaded until a screen or command needs them:
tests/unit/test_layers.py checks it in a fresh interpreter).
"""

from __future__ import annotations

import datetime as dt

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.services.admin import accounts_home, backup
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.core.home_items import HomeItem, Provider
from kinerja_desktop.services.evaluation import keberatan
from kinerja_desktop.services.harian import team as harian_team
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.sync import home as sync_home

PROVIDERS: tuple[Provider, ...] = (
    coaching.home_items,
    monitoring_board.home_items,
    keberatan.home_items,
    harian_team.home_items,
    skp_queries.home_items,
    accounts_home.home_items,
    backup.home_items,
    sync_home.home_items,
)


def items_for(db: Database, *, actor: Actor, today: dt.date | None = None) -> list[HomeItem]:
    """All items for ``actor``, most urgent first, then by due date."""
    day = today or dt.date.today()
    items: list[HomeItem] = []
    for provider in PROVIDERS:
        items.extend(provider(db, actor, day))
    return sorted(items, key=lambda i: (i.urgency, i.due or dt.date.max, i.title))
