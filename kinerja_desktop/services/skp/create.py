"""Creating an SKP draft (by the owner, their supervisor or the pengelola; import, copy and
cascade use ``new_skp`` too), changing its header (period and approach), and deleting a
draft that was never approved. The periods of one pegawai's SKPs may not overlap.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    JenisJabatan,
    Pendekatan,
    SkpStatus,
)
from kinerja_desktop.models.org import Jabatan, Pegawai
from kinerja_desktop.models.skp import (
    Iki,
    Skp,
)
from kinerja_desktop.services.core import access
from kinerja_desktop.services.skp._rules import (
    check_period,
)
from kinerja_desktop.services.skp.plan import (
    SkpDetail,
    active_rhk,
    add_event,
    editable_skp,
    permissions_of,
    readable_skp,
)
from kinerja_desktop.services.skp.queries import get_skp


def _get_pegawai(session: Session, pegawai_id: str) -> Pegawai:
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise NotFoundError(_("This person does not exist."))
    return person


def _check_overlap(
    session: Session,
    pegawai_id: str,
    mulai: dt.date,
    selesai: dt.date,
    exclude_id: str | None = None,
) -> None:
    query = select(Skp.periode_mulai, Skp.periode_selesai, Skp.status).where(
        Skp.pegawai_id == pegawai_id,
        Skp.deleted.is_(False),
        Skp.periode_mulai <= selesai,
        Skp.periode_selesai >= mulai,
    )
    if exclude_id:
        query = query.where(Skp.id != exclude_id)
    clash = session.execute(query.limit(1)).first()
    if clash is not None:
        raise ValidationError(
            _(
                "This person already has an SKP for {start} to {end}; periods of one person's "
                "SKPs may not overlap. Open that SKP, or choose a period after it ends."
            ).format(start=clash[0].isoformat(), end=clash[1].isoformat()),
            field="periode",
        )


def jenis_jabatan_of(session: Session, person: Pegawai) -> JenisJabatan:
    jabatan = session.get(Jabatan, person.jabatan_id) if person.jabatan_id else None
    if jabatan is None:
        raise ValidationError(
            _("{name} has no position (jabatan) yet; the administrator must set it first.").format(
                name=person.nama
            ),
            field="jabatan",
        )
    return jabatan.jenis


def _require_create(session: Session, actor: Actor, pegawai_id: str) -> None:
    if not (
        actor.is_pengelola
        or actor.is_system
        or access.is_self(actor, pegawai_id)
        or access.is_penilai_of(session, actor, pegawai_id)
    ):
        raise PermissionDenied(
            _("You may create an SKP for yourself, or for your own staff as their supervisor.")
        )


def new_skp(
    session: Session,
    actor: Actor,
    *,
    pegawai_id: str,
    tahun: int,
    periode_mulai: dt.date | None = None,
    periode_selesai: dt.date | None = None,
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
    event: str = "create",
) -> Skp:
    """Create a draft SKP inside an open unit of work (used by import and cascade too)."""
    person = _get_pegawai(session, pegawai_id)
    _require_create(session, actor, pegawai_id)
    mulai = periode_mulai or dt.date(tahun, 1, 1)
    selesai = periode_selesai or dt.date(tahun, 12, 31)
    check_period(tahun, mulai, selesai)
    jenis = jenis_jabatan_of(session, person)
    _check_overlap(session, pegawai_id, mulai, selesai)
    skp = Skp(
        pegawai_id=pegawai_id,
        penilai_id=person.penilai_id,
        tahun=tahun,
        periode_mulai=mulai,
        periode_selesai=selesai,
        pendekatan=pendekatan,
        jenis_jabatan=jenis,
        status=SkpStatus.DRAFT,
    )
    session.add(skp)
    session.flush()
    add_event(session, actor, skp, event, None)
    return skp


def create_skp(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    tahun: int,
    periode_mulai: dt.date | None = None,
    periode_selesai: dt.date | None = None,
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
) -> SkpDetail:
    """A new draft SKP; annual (1 January to 31 December) unless a shorter period is given.

    The layout (JPT or JA/JF) follows the pegawai's position.
    """
    with db.unit_of_work(actor) as session:
        skp = new_skp(
            session,
            actor,
            pegawai_id=pegawai_id,
            tahun=tahun,
            periode_mulai=periode_mulai,
            periode_selesai=periode_selesai,
            pendekatan=pendekatan,
        )
        skp_id = skp.id
    return get_skp(db, actor=actor, skp_id=skp_id)


def update_header(
    db: Database,
    *,
    actor: Actor,
    skp_id: str,
    periode_mulai: dt.date,
    periode_selesai: dt.date,
    pendekatan: Pendekatan,
) -> SkpDetail:
    """Change the period or the approach of a draft (the year stays)."""
    with db.unit_of_work(actor) as session:
        skp = editable_skp(session, actor, skp_id)
        check_period(skp.tahun, periode_mulai, periode_selesai)
        _check_overlap(session, skp.pegawai_id, periode_mulai, periode_selesai, skp.id)
        if pendekatan is not skp.pendekatan:
            rhk_ids = [r.id for r in active_rhk(session, skp.id)]
            with_target = session.execute(
                select(func.count(Iki.id)).where(
                    Iki.rhk_id.in_(rhk_ids),
                    Iki.deleted.is_(False),
                    or_(Iki.target_min.is_not(None), Iki.target_teks != ""),
                )
            ).scalar_one()
            if with_target:
                raise ValidationError(
                    _(
                        "The approach can only change while no indicator has a target yet: "
                        "quantitative targets are numbers, qualitative ones are statements."
                    ),
                    field="pendekatan",
                )
            skp.pendekatan = pendekatan
        skp.periode_mulai, skp.periode_selesai = periode_mulai, periode_selesai
    return get_skp(db, actor=actor, skp_id=skp_id)


def delete_skp(db: Database, *, actor: Actor, skp_id: str) -> None:
    """Delete a draft that was never approved (a tombstone, like every delete)."""
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        if not permissions_of(session, actor, skp).delete:
            if skp.status is not SkpStatus.DRAFT or skp.disetujui_at is not None:
                raise WorkflowError(
                    _("Only a draft that was never approved can be deleted; revise it instead.")
                )
            raise PermissionDenied(_("Only the employee or the administrator may delete it."))
        skp.deleted = True
