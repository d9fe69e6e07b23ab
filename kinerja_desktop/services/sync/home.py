"""The sync area's home-screen items, apart from ``exchange`` so the home screen does not load
the bundle code and its cryptography to count conflicts and unconfirmed bundles."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.sync_state import SyncBundleLog, SyncConflict
from kinerja_desktop.services.core.home_items import HomeItem, Urgency


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """Conflicts waiting for a decision and bundles not yet confirmed, for the pengelola."""
    if not (actor.is_system or actor.is_pengelola or actor.is_hub_operator):
        return []
    with db.read(actor) as session:
        open_count = int(
            session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )
        undelivered = int(
            session.scalar(
                select(func.count())
                .select_from(SyncBundleLog)
                .where(SyncBundleLog.direction == "out", SyncBundleLog.delivered.is_(False))
            )
            or 0
        )
    items: list[HomeItem] = []
    if open_count:
        items.append(
            HomeItem(
                kind="sync_conflicts",
                title=ngettext(
                    "{n} sync conflict waits for a decision",
                    "{n} sync conflicts wait for a decision",
                    open_count,
                ).format(n=open_count),
                detail=_("The same record was changed here and in another office."),
                area="sync",
                payload=None,
                urgency=Urgency.ACTION,
            )
        )
    if undelivered:
        items.append(
            HomeItem(
                kind="sync_undelivered",
                title=ngettext(
                    "{n} bundle not yet confirmed by its recipient",
                    "{n} bundles not yet confirmed by their recipients",
                    undelivered,
                ).format(n=undelivered),
                detail=_("Import the receipt or the return bundle when it comes."),
                area="sync",
                payload=None,
                urgency=Urgency.INFO,
            )
        )
    return items
