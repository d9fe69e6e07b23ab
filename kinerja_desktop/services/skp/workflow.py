"""The SKP workflow: submit, withdraw, approve (with the identity snapshots), return with a
reason, start a revision of an approved SKP; and copying an SKP into a new period.

draft -> diajukan -> disetujui | dikembalikan; disetujui -> (revision) draft. Only the owner
submits or withdraws; only the SKP's pejabat penilai approves or returns (the pengelola for
a pegawai without one); the owner or the penilai starts a revision. Each step leaves an
``SkpEvent``: who, when, from which status to which, and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import and_, select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.enums import SkpStatus
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.skp._rules import IkiInput, RhkInput, clean_text
from kinerja_desktop.services.skp.create import new_skp
from kinerja_desktop.services.skp.edit import new_rhk, put_lampiran
from kinerja_desktop.services.skp.plan import (
    EDITABLE,
    SkpDetail,
    active_iki,
    active_rhk,
    add_event,
    may_decide,
    party_of,
    permissions_of,
    readable_skp,
)
from kinerja_desktop.services.skp.queries import detail_of, get_skp, lampiran_of

# Workflow


def _require_owner(actor: Actor, skp: Skp, what: str) -> None:
    if not access.is_self(actor, skp.pegawai_id):
        raise PermissionDenied(
            _("Only the employee whose SKP this is can {action} it.").format(action=what)
        )


def _require_decider(actor: Actor, skp: Skp) -> None:
    if not may_decide(actor, skp):
        raise PermissionDenied(
            _("Only the supervisor (pejabat penilai) of this SKP can approve or return it.")
        )
    if skp.status is not SkpStatus.DIAJUKAN:
        raise WorkflowError(_("Only a submitted SKP can be approved or returned."))


def submit(db: Database, *, actor: Actor, skp_id: str) -> SkpDetail:
    """Send a complete draft (or a fixed returned SKP) to the supervisor.

    Every completeness problem is listed in one message; nothing changes if any is found.
    """
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        _require_owner(actor, skp, _("submit"))
        if skp.status not in EDITABLE:
            raise WorkflowError(_("Only a draft or a returned SKP can be submitted."))
        penilai_now = access.penilai_of(session, skp.pegawai_id)
        if skp.penilai_id != penilai_now:
            skp.penilai_id = penilai_now
        problems = detail_of(session, actor, skp).problems
        if problems:
            raise ValidationError(
                _("The SKP is not complete yet:")
                + "\n• "
                + "\n• ".join(p.message for p in problems),
                field=problems[0].field,
            )
        before = skp.status
        skp.status = SkpStatus.DIAJUKAN
        skp.diajukan_at = utcnow()
        add_event(session, actor, skp, "submit", before)
    return get_skp(db, actor=actor, skp_id=skp_id)


def withdraw(db: Database, *, actor: Actor, skp_id: str) -> SkpDetail:
    """Take a submitted SKP back to draft before the supervisor decides."""
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        _require_owner(actor, skp, _("withdraw"))
        if skp.status is not SkpStatus.DIAJUKAN:
            raise WorkflowError(_("Only a submitted SKP can be withdrawn."))
        skp.status = SkpStatus.DRAFT
        add_event(session, actor, skp, "withdraw", SkpStatus.DIAJUKAN)
    return get_skp(db, actor=actor, skp_id=skp_id)


def approve(db: Database, *, actor: Actor, skp_id: str) -> SkpDetail:
    """Approve a submitted SKP and freeze the identity of the pegawai, the penilai and the
    atasan penilai as they are today."""
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        _require_decider(actor, skp)
        skp.status = SkpStatus.DISETUJUI
        skp.disetujui_at = utcnow()
        skp.alasan_dikembalikan = ""
        skp.pegawai_snapshot = party_of(session, skp.pegawai_id)
        skp.penilai_snapshot = party_of(session, skp.penilai_id)
        atasan = access.penilai_of(session, skp.penilai_id) if skp.penilai_id else None
        skp.atasan_penilai_snapshot = party_of(session, atasan)
        add_event(session, actor, skp, "approve", SkpStatus.DIAJUKAN)
    return get_skp(db, actor=actor, skp_id=skp_id)


def return_skp(db: Database, *, actor: Actor, skp_id: str, alasan: str) -> SkpDetail:
    """Send a submitted SKP back to the pegawai with the reason they will read."""
    text = clean_text(alasan, field="alasan", label=_("The reason"), required=True, max_len=2000)
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        _require_decider(actor, skp)
        skp.status = SkpStatus.DIKEMBALIKAN
        skp.alasan_dikembalikan = text
        add_event(session, actor, skp, "return", SkpStatus.DIAJUKAN, text)
    return get_skp(db, actor=actor, skp_id=skp_id)


def start_revision(db: Database, *, actor: Actor, skp_id: str, alasan: str) -> SkpDetail:
    """Reopen an approved SKP as a draft: who, when and why are recorded, the revision
    counter goes up, and it must be submitted and approved again."""
    text = clean_text(alasan, field="alasan", label=_("The reason"), required=True, max_len=2000)
    with db.unit_of_work(actor) as session:
        skp = readable_skp(session, actor, skp_id)
        if not permissions_of(session, actor, skp).revise:
            if skp.status is not SkpStatus.DISETUJUI:
                raise WorkflowError(_("Only an approved SKP is revised; edit the draft instead."))
            raise PermissionDenied(_("Only the employee or their supervisor can start a revision."))
        skp.status = SkpStatus.DRAFT
        skp.revisi += 1
        skp.alasan_dikembalikan = ""
        add_event(session, actor, skp, "revise", SkpStatus.DISETUJUI, text)
    return get_skp(db, actor=actor, skp_id=skp_id)


# ---------------------------------------------------------------------------------------
# Faster planning


def copy_skp(
    db: Database,
    *,
    actor: Actor,
    source_skp_id: str,
    tahun: int,
    periode_mulai: dt.date | None = None,
    periode_selesai: dt.date | None = None,
) -> SkpDetail:
    """A new draft for the same pegawai in ``tahun`` with the source's RHK, IKI and lampiran.

    Links to the supervisor's RHK are not copied (they belong to last year's plan): the
    pegawai picks them again from the supervisor's new SKP. ``sumber_rhk_id`` remembers
    where each RHK came from.
    """
    with db.unit_of_work(actor) as session:
        source = readable_skp(session, actor, source_skp_id)
        skp = new_skp(
            session,
            actor,
            pegawai_id=source.pegawai_id,
            tahun=tahun,
            periode_mulai=periode_mulai,
            periode_selesai=periode_selesai,
            pendekatan=source.pendekatan,
            event="copy",
        )
        skp.disalin_dari_id = source.id
        rhk = active_rhk(session, source.id)
        iki = active_iki(session, (r.id for r in rhk))
        for r in rhk:
            data = RhkInput(r.teks, r.jenis, None, r.klasifikasi, r.penugasan_dari)
            if skp.jenis_jabatan is not source.jenis_jabatan:
                data = replace(data, klasifikasi=None)
            inputs = [
                IkiInput(
                    i.teks,
                    i.aspek,
                    i.perspektif,
                    i.target_min,
                    i.target_max,
                    i.satuan,
                    i.target_teks,
                )
                for i in iki[r.id]
            ]
            if skp.jenis_jabatan is not source.jenis_jabatan:
                inputs = [replace(i, aspek=None, perspektif=None) for i in inputs]
            new_rhk(session, skp, data, inputs, sumber_rhk_id=r.id)
        for jenis, rows in lampiran_of(session, source.id).items():
            put_lampiran(session, skp, jenis, [row.teks for row in rows])
        new_id = skp.id
    return get_skp(db, actor=actor, skp_id=new_id)


def previous_skp(db: Database, *, actor: Actor, pegawai_id: str, before: int) -> str | None:
    """The id of the pegawai's latest SKP of a year before ``before`` (to copy from)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return session.execute(
            select(Skp.id)
            .where(and_(Skp.pegawai_id == pegawai_id, Skp.tahun < before, Skp.deleted.is_(False)))
            .order_by(Skp.tahun.desc(), Skp.periode_mulai.desc())
            .limit(1)
        ).scalar_one_or_none()


# ---------------------------------------------------------------------------------------
