"""SKP planning, the core: the rows callers get (summary, detail with what the actor may
do), loading an SKP behind the access checks, the permission helpers the other SKP modules
share, the active RHK and IKI, a party's identity, and the event log. Reading (one SKP,
lists, the inbox, home items) is ``skp_queries``; creating a draft, its period and
approach, deleting a draft are ``skp_create``; editing the content is ``skp_edit``; the
workflow (submit, approve, return, revise) and copying are ``skp_workflow``; the cascade is
``cascade``; the JSON form is ``skp_io``.

Who may do what (checked in these services; the GUI only hides what would be refused):

- read: the owner, anyone above them in the chain of penilai, the pengelola kinerja;
- create: the owner, their pejabat penilai, the pengelola (who prepares SKPs in bulk);
- edit the content of a draft or returned SKP, submit, withdraw: the owner only;
- write the ekspektasi khusus pimpinan: the owner's pejabat penilai, before approval;
- approve or return a submitted SKP: its pejabat penilai (the pengelola for a pegawai who
  has none, the head of the instansi);
- start a revision of an approved SKP: the owner or the pejabat penilai, with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError, PermissionDenied, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    SkpStatus,
)
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import (
    Iki,
    Rhk,
    Skp,
    SkpEvent,
)
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import pangkat_label
from kinerja_desktop.services.skp._rules import (
    IkiInput,
    Problem,
    RhkInput,
)

__all__ = ["IkiInput", "Problem", "RhkInput"]


EDITABLE = (SkpStatus.DRAFT, SkpStatus.DIKEMBALIKAN)


_JENIS_ORDER = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 1}


@dataclass(frozen=True)
class SkpSummary:
    id: str
    pegawai_id: str
    nip: str
    nama: str
    jabatan: str
    unit_kode: str
    unit_nama: str
    tahun: int
    periode_mulai: dt.date
    periode_selesai: dt.date
    pendekatan: Pendekatan
    jenis_jabatan: JenisJabatan
    status: SkpStatus
    revisi: int
    penilai_id: str | None
    penilai_nama: str
    jumlah_rhk: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class Party:
    """Identity of one party as the SKP shows it (a snapshot once approved)."""

    nama: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str


@dataclass(frozen=True)
class IkiRow:
    id: str
    urutan: int
    teks: str
    aspek: Aspek | None
    perspektif: Perspektif | None
    target_min: float | None
    target_max: float | None
    satuan: str
    target_teks: str

    def input(self) -> IkiInput:
        return IkiInput(
            self.teks,
            self.aspek,
            self.perspektif,
            self.target_min,
            self.target_max,
            self.satuan,
            self.target_teks,
        )


@dataclass(frozen=True)
class RhkRow:
    id: str
    nomor: int
    jenis: JenisRhk
    urutan: int
    teks: str
    intervensi_rhk_id: str | None
    intervensi_teks: str
    intervensi_pemilik: str
    klasifikasi: KlasifikasiRhk | None
    penugasan_dari: str
    sumber_rhk_id: str | None
    iki: tuple[IkiRow, ...]

    def input(self) -> RhkInput:
        return RhkInput(
            self.teks, self.jenis, self.intervensi_rhk_id, self.klasifikasi, self.penugasan_dari
        )


@dataclass(frozen=True)
class PerilakuRow:
    nilai_id: str
    nama: str
    panduan: tuple[str, ...]
    ekspektasi: str


@dataclass(frozen=True)
class LampiranRow:
    id: str
    jenis: JenisLampiran
    teks: str


@dataclass(frozen=True)
class EventRow:
    jenis: str
    label: str
    dari_status: str
    ke_status: str
    alasan: str
    oleh: str
    at: dt.datetime


@dataclass(frozen=True)
class Permissions:
    """What the acting user may do with this SKP now."""

    edit: bool = False
    submit: bool = False
    withdraw: bool = False
    approve: bool = False
    return_: bool = False
    revise: bool = False
    ekspektasi: bool = False
    delete: bool = False


@dataclass(frozen=True)
class SkpDetail:
    summary: SkpSummary
    alasan_dikembalikan: str
    disalin_dari_id: str | None
    diajukan_at: dt.datetime | None
    disetujui_at: dt.datetime | None
    pegawai: Party
    penilai: Party | None
    atasan_penilai: Party | None
    rhk: tuple[RhkRow, ...]
    perilaku: tuple[PerilakuRow, ...]
    lampiran: dict[JenisLampiran, tuple[LampiranRow, ...]]
    events: tuple[EventRow, ...]
    can: Permissions
    problems: tuple[Problem, ...]

    @property
    def id(self) -> str:
        return self.summary.id

    @property
    def status(self) -> SkpStatus:
        return self.summary.status

    def rhk_by_id(self, rhk_id: str) -> RhkRow:
        for row in self.rhk:
            if row.id == rhk_id:
                return row
        raise KeyError(rhk_id)


def get_skp_row(session: Session, skp_id: str) -> Skp:
    skp = session.get(Skp, skp_id)
    if skp is None or skp.deleted:
        raise NotFoundError(_("This SKP does not exist (it may have been deleted)."))
    return skp


def is_penilai(actor: Actor, skp: Skp) -> bool:
    return actor.pegawai_id is not None and actor.pegawai_id == skp.penilai_id


def may_decide(actor: Actor, skp: Skp) -> bool:
    """Approve or return: the SKP's pejabat penilai; the pengelola when it has none."""
    if skp.penilai_id is None:
        return actor.is_pengelola or actor.is_system
    return is_penilai(actor, skp)


def permissions_of(session: Session, actor: Actor, skp: Skp) -> Permissions:
    owner = access.is_self(actor, skp.pegawai_id)
    penilai = is_penilai(actor, skp) or (
        actor.pegawai_id is not None and access.is_penilai_of(session, actor, skp.pegawai_id)
    )
    editable = skp.status in EDITABLE
    return Permissions(
        edit=owner and editable,
        submit=owner and editable,
        withdraw=owner and skp.status is SkpStatus.DIAJUKAN,
        approve=may_decide(actor, skp) and skp.status is SkpStatus.DIAJUKAN,
        return_=may_decide(actor, skp) and skp.status is SkpStatus.DIAJUKAN,
        revise=(owner or penilai) and skp.status is SkpStatus.DISETUJUI,
        ekspektasi=penilai and skp.status is not SkpStatus.DISETUJUI,
        delete=(owner or actor.is_pengelola or actor.is_system)
        and skp.status is SkpStatus.DRAFT
        and skp.disetujui_at is None,
    )


def readable_skp(session: Session, actor: Actor, skp_id: str) -> Skp:
    skp = get_skp_row(session, skp_id)
    access.require_read_performance(session, actor, skp.pegawai_id)
    return skp


def editable_skp(session: Session, actor: Actor, skp_id: str) -> Skp:
    """The SKP if ``actor`` may change its content now; otherwise a clear refusal."""
    skp = readable_skp(session, actor, skp_id)
    if not access.is_self(actor, skp.pegawai_id):
        raise PermissionDenied(
            _("Only the employee whose SKP this is can change its work results and appendix.")
        )
    _require_editable_status(skp)
    return skp


def _require_editable_status(skp: Skp) -> None:
    if skp.status is SkpStatus.DIAJUKAN:
        raise WorkflowError(
            _(
                "This SKP is waiting for the supervisor's decision. Withdraw it first if you "
                "need to change it."
            )
        )
    if skp.status is SkpStatus.DISETUJUI:
        raise WorkflowError(
            _("This SKP is approved. Start a revision (with its reason) to change it.")
        )


def rhk_of(session: Session, actor: Actor, rhk_id: str) -> tuple[Rhk, Skp]:
    rhk = session.get(Rhk, rhk_id)
    if rhk is None:
        raise NotFoundError(_("This work result (RHK) does not exist."))
    return rhk, editable_skp(session, actor, rhk.skp_id)


def iki_of(session: Session, actor: Actor, iki_id: str) -> tuple[Iki, Rhk, Skp]:
    iki = session.get(Iki, iki_id)
    if iki is None:
        raise NotFoundError(_("This indicator (IKI) does not exist."))
    rhk, skp = rhk_of(session, actor, iki.rhk_id)
    if rhk.deleted:
        raise NotFoundError(_("This work result (RHK) was deleted."))
    return iki, rhk, skp


def party_of(session: Session, pegawai_id: str | None) -> dict[str, str]:
    if pegawai_id is None:
        return {}
    person = session.get(Pegawai, pegawai_id)
    if person is None:
        return {}
    jabatan = session.get(Jabatan, person.jabatan_id) if person.jabatan_id else None
    unit = session.get(UnitKerja, person.unit_id) if person.unit_id else None
    return {
        "nama": person.nama_lengkap,
        "nip": person.nip,
        "pangkat": pangkat_label(person.golongan) if person.golongan else "",
        "jabatan": jabatan.nama if jabatan else "",
        "unit": unit.nama if unit else "",
    }


def active_rhk(session: Session, skp_id: str) -> list[Rhk]:
    rows = session.execute(
        select(Rhk).where(Rhk.skp_id == skp_id, Rhk.deleted.is_(False))
    ).scalars()
    return sorted(rows, key=lambda r: (_JENIS_ORDER[r.jenis], r.urutan))


def active_iki(session: Session, rhk_ids: Iterable[str]) -> dict[str, list[Iki]]:
    ids = list(rhk_ids)
    result: dict[str, list[Iki]] = {rid: [] for rid in ids}
    if not ids:
        return result
    for iki in session.execute(
        select(Iki).where(Iki.rhk_id.in_(ids), Iki.deleted.is_(False)).order_by(Iki.urutan)
    ).scalars():
        result[iki.rhk_id].append(iki)
    return result


def add_event(
    session: Session,
    actor: Actor,
    skp: Skp,
    jenis: str,
    dari: SkpStatus | None,
    alasan: str = "",
) -> None:
    session.add(
        SkpEvent(
            skp_id=skp.id,
            actor_pegawai_id=actor.pegawai_id,
            jenis=jenis,
            dari_status=dari.value if dari else "",
            ke_status=skp.status.value,
            alasan=alasan,
        )
    )
