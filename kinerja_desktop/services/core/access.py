"""Who may do what: the checks every service makes against the acting user.

Roles come from the account (pegawai, pengelola kinerja, hub operator); being a pejabat
penilai follows from the data: the actor is ``Pegawai.penilai_id`` of the person concerned.
The atasan pejabat penilai is the penilai's own penilai. The program itself (``SYSTEM``)
may do everything. The GUI only hides what these checks would refuse anyway.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.i18n import _
from kinerja_desktop.models.org import Pegawai


def deny(message: str | None = None) -> PermissionDenied:
    return PermissionDenied(message or _("You are not allowed to do this."))


def is_self(actor: Actor, pegawai_id: str | None) -> bool:
    return actor.pegawai_id is not None and actor.pegawai_id == pegawai_id


def penilai_of(session: Session, pegawai_id: str) -> str | None:
    return session.execute(
        select(Pegawai.penilai_id).where(Pegawai.id == pegawai_id)
    ).scalar_one_or_none()


def is_penilai_of(session: Session, actor: Actor, pegawai_id: str) -> bool:
    """The actor is the pejabat penilai of ``pegawai_id``."""
    if actor.pegawai_id is None:
        return False
    return penilai_of(session, pegawai_id) == actor.pegawai_id


def is_above(session: Session, actor: Actor, pegawai_id: str, *, max_levels: int = 20) -> bool:
    """The actor stands somewhere above ``pegawai_id`` in the chain of penilai."""
    if actor.pegawai_id is None:
        return False
    current: str | None = pegawai_id
    for _level in range(max_levels):
        current = penilai_of(session, current) if current else None
        if current is None:
            return False
        if current == actor.pegawai_id:
            return True
    return False


def people_below(session: Session, pegawai_id: str) -> list[str]:
    """Everyone with ``pegawai_id`` somewhere up their chain of penilai (not themselves)."""
    children: dict[str, list[str]] = {}
    for person_id, penilai_id in session.execute(
        select(Pegawai.id, Pegawai.penilai_id).where(Pegawai.penilai_id.is_not(None))
    ):
        children.setdefault(str(penilai_id), []).append(person_id)
    found: list[str] = []
    seen = {pegawai_id}
    stack = [pegawai_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in seen:
                seen.add(child)
                found.append(child)
                stack.append(child)
    return found


def can_read_performance(session: Session, actor: Actor, pegawai_id: str) -> bool:
    """Read a pegawai's SKP, feedback, evaluations and shared coaching notes."""
    return (
        actor.is_system
        or actor.is_pengelola
        or is_self(actor, pegawai_id)
        or is_above(session, actor, pegawai_id)
    )


def require_read_performance(session: Session, actor: Actor, pegawai_id: str) -> None:
    if not can_read_performance(session, actor, pegawai_id):
        raise deny(_("You may only see your own performance data and that of your staff."))


def require_pengelola(actor: Actor) -> None:
    """Only the office's performance administrator (pengelola kinerja)."""
    if not (actor.is_system or actor.is_pengelola):
        raise deny(_("Only the performance administrator (pengelola kinerja) may do this."))


def require_hub_operator(actor: Actor) -> None:
    if not (actor.is_system or actor.is_hub_operator or actor.is_pengelola):
        raise deny(_("Only a hub operator or the performance administrator may do this."))
