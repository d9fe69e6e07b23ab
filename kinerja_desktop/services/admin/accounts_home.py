"""The accounts' home-screen item, apart from ``accounts`` so the home screen does not load
the password hasher (argon2) to list locked accounts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import UserAccount
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.services.core.home_items import HomeItem, Urgency


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """For the pengelola kinerja: accounts locked now after wrong passwords."""
    if not actor.is_pengelola or actor.is_system:
        return []
    now = utcnow()
    with db.read(actor) as session:
        locked = session.execute(
            select(UserAccount.username, UserAccount.gagal_login).where(
                UserAccount.terkunci_sampai > now
            )
        ).all()
    return [
        HomeItem(
            kind="account_locked",
            title=_("Account {name} is locked").format(name=username),
            detail=_(
                "{n} wrong passwords in a row; reset the password if the owner forgot it."
            ).format(n=failures),
            area="settings",
            payload="accounts",
            urgency=Urgency.SOON,
        )
        for username, failures in locked
    ]
