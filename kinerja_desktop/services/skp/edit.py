"""Editing an SKP's content: RHK and IKI (add, change, reorder, duplicate, delete and
restore), the supervisor's ekspektasi khusus, and the lampiran lists.

Only the owner edits a draft or returned SKP (``skp.editable_skp`` says why not otherwise);
the ekspektasi belong to the pejabat penilai. Field rules come from ``skp_rules``; the
completeness needed to submit is checked by ``skp_workflow.submit``. Deletes are tombstones,
and the ``restore_*`` functions bring one back (the editor's undo).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisLampiran, SkpStatus
from kinerja_desktop.models.skp import EkspektasiKhusus, Iki, LampiranItem, PerilakuNilai, Rhk, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.skp._rules import IkiInput, RhkInput, clean_iki, clean_rhk, clean_text
from kinerja_desktop.services.skp.plan import (
    active_iki,
    active_rhk,
    editable_skp,
    iki_of,
    is_penilai,
    readable_skp,
    rhk_of,
)

# Hasil kerja: RHK


def check_intervensi(session: Session, skp: Skp, target_id: str | None) -> str | None:
    """``target_id`` if it is an RHK of the pegawai's supervisor in the same year."""
    if target_id is None:
        return None
    penilai_id = access.penilai_of(session, skp.pegawai_id)
    if penilai_id is None:
        raise ValidationError(
            _("This person has no supervisor, so there is no work result to support."),
            field="rhk.intervensi",
        )
    row = session.execute(
        select(Skp.pegawai_id, Skp.tahun, Skp.deleted, Rhk.deleted)
        .join(Rhk, Rhk.skp_id == Skp.id)
        .where(Rhk.id == target_id)
    ).first()
    if row is None or row[2] or row[3]:
        raise ValidationError(
            _("The chosen supervisor's work result does not exist (any more)."),
            field="rhk.intervensi",
        )
    if row[0] != penilai_id or row[1] != skp.tahun:
        raise ValidationError(
            _("Choose a work result from your supervisor's SKP of {year}.").format(year=skp.tahun),
            field="rhk.intervensi",
        )
    return target_id


def _next_urutan(session: Session, model: type[Rhk] | type[Iki], parent: str) -> int:
    query = (
        select(func.max(Rhk.urutan)).where(Rhk.skp_id == parent)
        if model is Rhk
        else select(func.max(Iki.urutan)).where(Iki.rhk_id == parent)
    )
    current = session.execute(query).scalar()
    return int(current or 0) + 1


def _new_iki(session: Session, rhk: Rhk, skp: Skp, data: IkiInput, urutan: int) -> Iki:
    clean = clean_iki(data, pendekatan=skp.pendekatan, jenis_jabatan=skp.jenis_jabatan)
    iki = Iki(
        rhk_id=rhk.id,
        urutan=urutan,
        teks=clean.teks,
        aspek=clean.aspek,
        perspektif=clean.perspektif,
        target_min=clean.target_min,
        target_max=clean.target_max,
        satuan=clean.satuan,
        target_teks=clean.target_teks,
    )
    session.add(iki)
    return iki


def new_rhk(
    session: Session,
    skp: Skp,
    data: RhkInput,
    iki: Sequence[IkiInput] = (),
    *,
    sumber_rhk_id: str | None = None,
) -> Rhk:
    """Add an RHK (and its IKI) at the end of an SKP, inside an open unit of work."""
    clean = clean_rhk(data, jenis_jabatan=skp.jenis_jabatan)
    rhk = Rhk(
        skp_id=skp.id,
        jenis=clean.jenis,
        urutan=_next_urutan(session, Rhk, skp.id),
        teks=clean.teks,
        intervensi_rhk_id=check_intervensi(session, skp, clean.intervensi_rhk_id),
        klasifikasi=clean.klasifikasi,
        penugasan_dari=clean.penugasan_dari,
        sumber_rhk_id=sumber_rhk_id,
    )
    session.add(rhk)
    session.flush()
    for index, item in enumerate(iki, start=1):
        _new_iki(session, rhk, skp, item, index)
    return rhk


def add_rhk(
    db: Database, *, actor: Actor, skp_id: str, data: RhkInput, iki: Sequence[IkiInput] = ()
) -> str:
    """Add a work result (with its indicators) to a draft; returns the new RHK's id."""
    with db.unit_of_work(actor) as session:
        skp = editable_skp(session, actor, skp_id)
        return new_rhk(session, skp, data, iki).id


def update_rhk(db: Database, *, actor: Actor, rhk_id: str, data: RhkInput) -> None:
    """Change an RHK's text, kind, intervened RHK, klasifikasi or 'penugasan dari'."""
    with db.unit_of_work(actor) as session:
        rhk, skp = rhk_of(session, actor, rhk_id)
        if rhk.deleted:
            raise NotFoundError(_("This work result (RHK) was deleted."))
        clean = clean_rhk(data, jenis_jabatan=skp.jenis_jabatan)
        target = (
            clean.intervensi_rhk_id
            if clean.intervensi_rhk_id == rhk.intervensi_rhk_id
            else check_intervensi(session, skp, clean.intervensi_rhk_id)
        )
        if clean.jenis is not rhk.jenis:
            rhk.urutan = _next_urutan(session, Rhk, skp.id)
        values = {
            "teks": clean.teks,
            "jenis": clean.jenis,
            "intervensi_rhk_id": target,
            "klasifikasi": clean.klasifikasi,
            "penugasan_dari": clean.penugasan_dari,
        }
        for key, value in values.items():
            if getattr(rhk, key) != value:
                setattr(rhk, key, value)


def delete_rhk(db: Database, *, actor: Actor, rhk_id: str) -> None:
    """Delete an RHK and its IKI (tombstones; ``restore_rhk`` undoes it)."""
    with db.unit_of_work(actor) as session:
        rhk, _skp = rhk_of(session, actor, rhk_id)
        if rhk.deleted:
            return
        rhk.deleted = True
        for iki in session.execute(
            select(Iki).where(Iki.rhk_id == rhk.id, Iki.deleted.is_(False))
        ).scalars():
            iki.deleted = True


def restore_rhk(db: Database, *, actor: Actor, rhk_id: str) -> None:
    """Undo ``delete_rhk``: the RHK comes back with the IKI deleted together with it."""
    with db.unit_of_work(actor) as session:
        rhk, _skp = rhk_of(session, actor, rhk_id)
        if not rhk.deleted:
            return
        deleted_in = rhk.change_seq
        rhk.deleted = False
        for iki in session.execute(
            select(Iki).where(
                Iki.rhk_id == rhk.id, Iki.deleted.is_(True), Iki.change_seq == deleted_in
            )
        ).scalars():
            iki.deleted = False


def duplicate_rhk(db: Database, *, actor: Actor, rhk_id: str) -> str:
    """A copy of an RHK with its IKI, placed right after it; returns the copy's id."""
    with db.unit_of_work(actor) as session:
        rhk, skp = rhk_of(session, actor, rhk_id)
        if rhk.deleted:
            raise NotFoundError(_("This work result (RHK) was deleted."))
        siblings = [r for r in active_rhk(session, skp.id) if r.jenis is rhk.jenis]
        copy = Rhk(
            skp_id=skp.id,
            jenis=rhk.jenis,
            urutan=rhk.urutan + 1,
            teks=rhk.teks,
            intervensi_rhk_id=rhk.intervensi_rhk_id,
            klasifikasi=rhk.klasifikasi,
            penugasan_dari=rhk.penugasan_dari,
            sumber_rhk_id=rhk.sumber_rhk_id,
        )
        for other in siblings:
            if other.urutan > rhk.urutan:
                other.urutan += 1
        session.add(copy)
        session.flush()
        for iki in active_iki(session, [rhk.id])[rhk.id]:
            session.add(
                Iki(
                    rhk_id=copy.id,
                    urutan=iki.urutan,
                    teks=iki.teks,
                    aspek=iki.aspek,
                    perspektif=iki.perspektif,
                    target_min=iki.target_min,
                    target_max=iki.target_max,
                    satuan=iki.satuan,
                    target_teks=iki.target_teks,
                )
            )
        return copy.id


def _move(items: list[Any], item_id: str, delta: int) -> bool:
    ids = [i.id for i in items]
    index = ids.index(item_id)
    target = max(0, min(len(items) - 1, index + delta))
    if target == index:
        return False
    moved = items.pop(index)
    items.insert(target, moved)
    for position, item in enumerate(items, start=1):
        if item.urutan != position:
            item.urutan = position
    return True


def move_rhk(db: Database, *, actor: Actor, rhk_id: str, delta: int) -> bool:
    """Move an RHK up (negative) or down within its group; False when already at the edge."""
    with db.unit_of_work(actor) as session:
        rhk, skp = rhk_of(session, actor, rhk_id)
        group = [r for r in active_rhk(session, skp.id) if r.jenis is rhk.jenis]
        if rhk not in group:
            raise NotFoundError(_("This work result (RHK) was deleted."))
        return _move(group, rhk.id, delta)


# ---------------------------------------------------------------------------------------
# Hasil kerja: IKI


def add_iki(db: Database, *, actor: Actor, rhk_id: str, data: IkiInput) -> str:
    """Add an indicator with its target to an RHK; returns its id."""
    with db.unit_of_work(actor) as session:
        rhk, skp = rhk_of(session, actor, rhk_id)
        if rhk.deleted:
            raise NotFoundError(_("This work result (RHK) was deleted."))
        iki = _new_iki(session, rhk, skp, data, _next_urutan(session, Iki, rhk.id))
        session.flush()
        return iki.id


def update_iki(db: Database, *, actor: Actor, iki_id: str, data: IkiInput) -> None:
    with db.unit_of_work(actor) as session:
        iki, _rhk, skp = iki_of(session, actor, iki_id)
        if iki.deleted:
            raise NotFoundError(_("This indicator (IKI) was deleted."))
        clean = clean_iki(data, pendekatan=skp.pendekatan, jenis_jabatan=skp.jenis_jabatan)
        for key in (
            "teks",
            "aspek",
            "perspektif",
            "target_min",
            "target_max",
            "satuan",
            "target_teks",
        ):
            value = getattr(clean, key)
            if getattr(iki, key) != value:
                setattr(iki, key, value)


def delete_iki(db: Database, *, actor: Actor, iki_id: str) -> None:
    with db.unit_of_work(actor) as session:
        iki, _rhk, _skp = iki_of(session, actor, iki_id)
        iki.deleted = True


def restore_iki(db: Database, *, actor: Actor, iki_id: str) -> None:
    with db.unit_of_work(actor) as session:
        iki, _rhk, _skp = iki_of(session, actor, iki_id)
        iki.deleted = False


def move_iki(db: Database, *, actor: Actor, iki_id: str, delta: int) -> bool:
    with db.unit_of_work(actor) as session:
        iki, rhk, _skp = iki_of(session, actor, iki_id)
        group = active_iki(session, [rhk.id])[rhk.id]
        if iki not in group:
            raise NotFoundError(_("This indicator (IKI) was deleted."))
        return _move(group, iki.id, delta)


# ---------------------------------------------------------------------------------------
# Perilaku and lampiran


def set_ekspektasi(db: Database, *, actor: Actor, skp_id: str, nilai_id: str, teks: str) -> None:
    """The supervisor's ekspektasi khusus pimpinan for one BerAKHLAK value."""
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        if not (is_penilai(actor, skp) or access.is_penilai_of(session, actor, skp.pegawai_id)):
            raise PermissionDenied(
                _("Only the supervisor (pejabat penilai) writes the specific expectations.")
            )
        if skp.status is SkpStatus.DISETUJUI:
            raise WorkflowError(
                _("This SKP is approved. Start a revision (with its reason) to change it.")
            )
        put_ekspektasi(session, skp, nilai_id, teks)


def put_ekspektasi(session: Session, skp: Skp, nilai_id: str, teks: str) -> None:
    """Write one ekspektasi inside an open unit of work (permission already checked)."""
    if session.get(PerilakuNilai, nilai_id) is None:
        raise ValidationError(
            _("Unknown core value '{value}'.").format(value=nilai_id), field="nilai"
        )
    text = clean_text(
        teks, field="ekspektasi", label=_("The expectation"), required=False, max_len=2000
    )
    row = session.execute(
        select(EkspektasiKhusus).where(
            EkspektasiKhusus.skp_id == skp.id, EkspektasiKhusus.nilai_id == nilai_id
        )
    ).scalar_one_or_none()
    if row is None:
        if text:
            session.add(EkspektasiKhusus(skp_id=skp.id, nilai_id=nilai_id, teks=text))
    elif row.teks != text or row.deleted:
        row.teks, row.deleted = text, False


def set_lampiran(
    db: Database, *, actor: Actor, skp_id: str, jenis: JenisLampiran, items: Sequence[str]
) -> None:
    """Replace one lampiran list of a draft (empty lines are dropped)."""
    with db.unit_of_work(actor) as session:
        skp = editable_skp(session, actor, skp_id)
        put_lampiran(session, skp, jenis, items)


def put_lampiran(session: Session, skp: Skp, jenis: JenisLampiran, items: Sequence[str]) -> None:
    """Write one lampiran list inside an open unit of work, reusing rows where it can."""
    texts = [
        clean_text(t, field="lampiran", label=_("An appendix line"), required=False, max_len=2000)
        for t in items
    ]
    texts = [t for t in texts if t]
    current = (
        session.execute(
            select(LampiranItem)
            .where(
                LampiranItem.skp_id == skp.id,
                LampiranItem.jenis == jenis,
                LampiranItem.deleted.is_(False),
            )
            .order_by(LampiranItem.urutan)
        )
        .scalars()
        .all()
    )
    for position, text in enumerate(texts, start=1):
        if position <= len(current):
            row = current[position - 1]
            if row.teks != text:
                row.teks = text
            if row.urutan != position:
                row.urutan = position
        else:
            session.add(LampiranItem(skp_id=skp.id, jenis=jenis, urutan=position, teks=text))
    for row in current[len(texts) :]:
        row.deleted = True


# ---------------------------------------------------------------------------------------
