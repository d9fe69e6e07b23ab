"""What a role sees: areas and tabs that can never hold anything for the acting user are not
shown (a pegawai without staff has no team, only administrators and hub operators sync)."""

from __future__ import annotations

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.context import AppContext


def has_staff(ctx: AppContext) -> bool:
    """True when the acting user is someone's pejabat penilai."""
    actor = ctx.actor
    if actor.pegawai_id is None:
        return False
    try:
        return bool(people.subordinates(ctx.db, actor=actor, penilai_id=actor.pegawai_id))
    except KinerjaError:
        return False


def area_visible(key: str, ctx: AppContext) -> bool:
    """Whether area ``key`` belongs in the acting user's navigation."""
    actor = ctx.actor
    manager = actor.is_pengelola or actor.is_system
    if key == "sync":
        return manager or actor.is_hub_operator
    if key == "people":
        return manager or has_staff(ctx)
    return True
