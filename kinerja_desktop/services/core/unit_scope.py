"""Units as the evaluation and monitoring areas see them: lookup, sub-trees, leaders, and
who may look at a unit's aggregate figures or set its capaian kinerja organisasi.

The head of a unit is the active pegawai whose jabatan ``memimpin_unit`` for that unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core import access


def unit_by_code(session: Session, kode: str) -> UnitKerja:
    unit = session.execute(
        select(UnitKerja).where(UnitKerja.kode == kode.strip(), UnitKerja.deleted.is_(False))
    ).scalar_one_or_none()
    if unit is None:
        raise ValidationError(
            _("Unknown unit code '{code}'. See the list of units for valid codes.").format(
                code=kode
            ),
            field="unit",
        )
    return unit


def _parents(session: Session) -> dict[str, str | None]:
    return dict(
        session.execute(
            select(UnitKerja.id, UnitKerja.parent_id).where(UnitKerja.deleted.is_(False))
        ).all()
    )


def subtree_ids(session: Session, root_id: str) -> list[str]:
    """``root_id`` and every unit below it."""
    children: dict[str | None, list[str]] = {}
    for unit_id, parent_id in _parents(session).items():
        children.setdefault(parent_id, []).append(unit_id)
    result, stack = [], [root_id]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(children.get(current, []))
    return result


def ancestors_ids(session: Session, unit_id: str) -> list[str]:
    """``unit_id`` and the units above it, nearest first."""
    parents = _parents(session)
    result: list[str] = []
    current: str | None = unit_id
    while current is not None and current not in result:
        result.append(current)
        current = parents.get(current)
    return result


def led_units(session: Session, pegawai_id: str | None) -> set[str]:
    """The units that ``pegawai_id`` heads."""
    if pegawai_id is None:
        return set()
    rows = session.execute(
        select(Jabatan.unit_id)
        .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
        .where(
            Pegawai.id == pegawai_id,
            Pegawai.aktif.is_(True),
            Jabatan.memimpin_unit.is_(True),
            Jabatan.unit_id.is_not(None),
        )
    ).scalars()
    return {str(u) for u in rows}


def head_of(session: Session, unit_id: str) -> str | None:
    """The pegawai heading ``unit_id`` (``None`` when vacant)."""
    return session.execute(
        select(Pegawai.id)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(
            Jabatan.unit_id == unit_id,
            Jabatan.memimpin_unit.is_(True),
            Pegawai.aktif.is_(True),
            Pegawai.deleted.is_(False),
        )
        .limit(1)
    ).scalar_one_or_none()


def can_read_unit(session: Session, actor: Actor, unit_id: str) -> bool:
    """Aggregate figures of a unit: the pengelola, or the head of the unit or of a unit above."""
    if actor.is_system or actor.is_pengelola:
        return True
    return bool(led_units(session, actor.pegawai_id) & set(ancestors_ids(session, unit_id)))


def require_unit_reader(session: Session, actor: Actor, unit_id: str) -> None:
    if not can_read_unit(session, actor, unit_id):
        raise access.deny(
            _(
                "Only the head of this unit (or of a unit above it) and the performance "
                "administrator may see the unit's figures."
            )
        )


def can_set_capaian(session: Session, actor: Actor, unit_id: str) -> bool:
    """The capaian of a unit is set by the leader one level up, or the pengelola."""
    if actor.is_system or actor.is_pengelola:
        return True
    unit = session.get(UnitKerja, unit_id)
    if unit is None or unit.parent_id is None:
        return False
    return unit.parent_id in led_units(session, actor.pegawai_id)


def people_below(session: Session, pegawai_id: str) -> set[str]:
    """Everyone whose chain of pejabat penilai reaches ``pegawai_id``."""
    children: dict[str, list[str]] = {}
    rows = session.execute(
        select(Pegawai.id, Pegawai.penilai_id).where(
            Pegawai.deleted.is_(False), Pegawai.penilai_id.is_not(None)
        )
    ).all()
    for person, penilai in rows:
        children.setdefault(str(penilai), []).append(str(person))
    found: set[str] = set()
    stack = [pegawai_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


@dataclass(frozen=True)
class UnitChoice:
    """A unit the actor may open on the monitoring board or the distribution tab."""

    id: str
    kode: str
    nama: str
    level: int


def viewable_units(db: Database, *, actor: Actor) -> list[UnitChoice]:
    """All units for the pengelola; for a leader the units they head and those below; for
    another supervisor their own unit (the board then shows only the people below them)."""
    with db.read(actor) as session:
        units = session.execute(
            select(UnitKerja)
            .where(UnitKerja.deleted.is_(False), UnitKerja.aktif.is_(True))
            .order_by(UnitKerja.level, UnitKerja.kode)
        ).scalars()
        rows = [UnitChoice(u.id, u.kode, u.nama, u.level) for u in units]
        if actor.is_system or actor.is_pengelola:
            return rows
        allowed: set[str] = set()
        for unit_id in led_units(session, actor.pegawai_id):
            allowed.update(subtree_ids(session, unit_id))
        if actor.pegawai_id is not None and people_below(session, actor.pegawai_id):
            own = session.get(Pegawai, actor.pegawai_id)
            if own is not None and own.unit_id is not None:
                allowed.add(own.unit_id)
        return [r for r in rows if r.id in allowed]
