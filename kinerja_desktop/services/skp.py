"""SKP planning, the core: the rows callers get (summary, detail with what the actor may
do), reading (one SKP, lists by scope, the supervisor's inbox), creating a draft, its
period and approach, deleting a draft, the permission helpers the other SKP modules share,
and the home-screen items. Editing the content is ``skp_edit``; the workflow (submit,
approve, return, revise) and copying are ``skp_workflow``; the cascade is ``cascade``; the
JSON form is ``skp_io``.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import N_, _
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
    EkspektasiKhusus,
    Iki,
    LampiranItem,
    PerilakuNilai,
    PerilakuPanduan,
    Rhk,
    Skp,
    SkpEvent,
)
from kinerja_desktop.services import access
from kinerja_desktop.services.home import HomeItem, Urgency
from kinerja_desktop.services.reference import pangkat_label
from kinerja_desktop.services.skp_rules import (
    IkiInput,
    IkiView,
    Problem,
    RhkInput,
    RhkView,
    check_period,
    completeness,
)
from kinerja_desktop.services.unit_scope import subtree_ids, unit_by_code

__all__ = ["IkiInput", "Problem", "RhkInput"]

EDITABLE = (SkpStatus.DRAFT, SkpStatus.DIKEMBALIKAN)
_JENIS_ORDER = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 1}

EVENT_LABELS = {
    "create": N_("Created"),
    "copy": N_("Copied from an earlier SKP"),
    "import": N_("Imported from a file"),
    "submit": N_("Submitted"),
    "withdraw": N_("Withdrawn by the employee"),
    "approve": N_("Approved"),
    "return": N_("Returned"),
    "revise": N_("Revision started"),
    "rhk_from_supervisor": N_("RHK handed out by the supervisor"),
}


# ---------------------------------------------------------------------------------------
# Rows returned to callers (plain, frozen; never live ORM objects)


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


# ---------------------------------------------------------------------------------------
# Loading and permission helpers


def get_skp_row(session: Session, skp_id: str) -> Skp:
    skp = session.get(Skp, skp_id)
    if skp is None or skp.deleted:
        raise NotFoundError(_("This SKP does not exist (it may have been deleted)."))
    return skp


def _get_pegawai(session: Session, pegawai_id: str) -> Pegawai:
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise NotFoundError(_("This person does not exist."))
    return person


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


def _as_party(values: dict[str, str]) -> Party | None:
    if not values:
        return None
    return Party(
        values.get("nama", ""),
        values.get("nip", ""),
        values.get("pangkat", ""),
        values.get("jabatan", ""),
        values.get("unit", ""),
    )


def _summary_query() -> Select[*tuple[Any, ...]]:
    penilai = aliased(Pegawai)
    rhk_count = (
        select(func.count(Rhk.id))
        .where(Rhk.skp_id == Skp.id, Rhk.deleted.is_(False))
        .correlate(Skp)
        .scalar_subquery()
    )
    return (
        select(
            Skp.id,
            Skp.pegawai_id,
            Pegawai.nip,
            Pegawai.nama,
            Jabatan.nama,
            UnitKerja.kode,
            UnitKerja.nama,
            Skp.tahun,
            Skp.periode_mulai,
            Skp.periode_selesai,
            Skp.pendekatan,
            Skp.jenis_jabatan,
            Skp.status,
            Skp.revisi,
            Skp.penilai_id,
            penilai.nama,
            rhk_count,
            Skp.updated_at,
        )
        .join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .outerjoin(penilai, penilai.id == Skp.penilai_id)
        .where(Skp.deleted.is_(False))
    )


def _summary(r: Sequence[Any]) -> SkpSummary:
    return SkpSummary(
        id=r[0],
        pegawai_id=r[1],
        nip=r[2],
        nama=r[3],
        jabatan=r[4] or "",
        unit_kode=r[5] or "",
        unit_nama=r[6] or "",
        tahun=r[7],
        periode_mulai=r[8],
        periode_selesai=r[9],
        pendekatan=r[10],
        jenis_jabatan=r[11],
        status=r[12],
        revisi=r[13],
        penilai_id=r[14],
        penilai_nama=r[15] or "",
        jumlah_rhk=r[16] or 0,
        updated_at=r[17],
    )


def _load_summary(session: Session, skp_id: str) -> SkpSummary:
    row = session.execute(_summary_query().where(Skp.id == skp_id)).one()
    return _summary(tuple(row))


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


def _intervensi_info(
    session: Session, skp: Skp, target_ids: set[str]
) -> dict[str, tuple[str, str, str]]:
    """For each intervened RHK id: (text, owner's name, problem or "")."""
    if not target_ids:
        return {}
    current_penilai = access.penilai_of(session, skp.pegawai_id)
    rows = session.execute(
        select(Rhk.id, Rhk.teks, Rhk.deleted, Skp.deleted, Skp.pegawai_id, Skp.tahun, Pegawai.nama)
        .join(Skp, Skp.id == Rhk.skp_id)
        .join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(Rhk.id.in_(target_ids))
    ).all()
    info: dict[str, tuple[str, str, str]] = {}
    for rid, teks, rhk_deleted, skp_deleted, owner_id, tahun, nama in rows:
        problem = ""
        if rhk_deleted or skp_deleted:
            problem = _("the supervisor's work result it supports was deleted; choose another.")
        elif owner_id != current_penilai:
            problem = _(
                "it supports a work result of {name}, who is no longer your supervisor; "
                "choose again."
            ).format(name=nama)
        elif tahun != skp.tahun:
            problem = _("it supports a work result of another year; choose again.")
        info[rid] = (teks, nama, problem)
    for missing in target_ids - info.keys():
        info[missing] = ("", "", _("the work result it supports is not in this database."))
    return info


def perilaku_of(session: Session, skp_id: str) -> tuple[PerilakuRow, ...]:
    nilai = session.execute(select(PerilakuNilai).order_by(PerilakuNilai.urutan)).scalars().all()
    panduan: dict[str, list[str]] = {}
    for p in session.execute(
        select(PerilakuPanduan).order_by(PerilakuPanduan.nilai_id, PerilakuPanduan.urutan)
    ).scalars():
        panduan.setdefault(p.nilai_id, []).append(p.teks)
    ekspektasi = dict(
        session.execute(
            select(EkspektasiKhusus.nilai_id, EkspektasiKhusus.teks).where(
                EkspektasiKhusus.skp_id == skp_id, EkspektasiKhusus.deleted.is_(False)
            )
        ).all()
    )
    return tuple(
        PerilakuRow(n.id, n.nama, tuple(panduan.get(n.id, ())), ekspektasi.get(n.id, ""))
        for n in nilai
    )


def lampiran_of(session: Session, skp_id: str) -> dict[JenisLampiran, tuple[LampiranRow, ...]]:
    items = session.execute(
        select(LampiranItem)
        .where(LampiranItem.skp_id == skp_id, LampiranItem.deleted.is_(False))
        .order_by(LampiranItem.urutan)
    ).scalars()
    grouped: dict[JenisLampiran, list[LampiranRow]] = {j: [] for j in JenisLampiran}
    for item in items:
        grouped[item.jenis].append(LampiranRow(item.id, item.jenis, item.teks))
    return {k: tuple(v) for k, v in grouped.items()}


def _events(session: Session, skp_id: str) -> tuple[EventRow, ...]:
    rows = session.execute(
        select(SkpEvent, Pegawai.nama)
        .outerjoin(Pegawai, Pegawai.id == SkpEvent.actor_pegawai_id)
        .where(SkpEvent.skp_id == skp_id, SkpEvent.deleted.is_(False))
        .order_by(SkpEvent.created_at, SkpEvent.change_seq)
    ).all()
    return tuple(
        EventRow(
            e.jenis,
            _(EVENT_LABELS.get(e.jenis, e.jenis)),
            e.dari_status,
            e.ke_status,
            e.alasan,
            nama or _("the program"),
            e.created_at,
        )
        for e, nama in rows
    )


def detail_of(session: Session, actor: Actor, skp: Skp) -> SkpDetail:
    rhk = active_rhk(session, skp.id)
    iki = active_iki(session, (r.id for r in rhk))
    targets = {r.intervensi_rhk_id for r in rhk if r.intervensi_rhk_id}
    info = _intervensi_info(session, skp, targets)
    rows: list[RhkRow] = []
    numbers = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 0}
    for r in rhk:
        numbers[r.jenis] += 1
        teks, pemilik, _problem = info.get(r.intervensi_rhk_id or "", ("", "", ""))
        rows.append(
            RhkRow(
                r.id,
                numbers[r.jenis],
                r.jenis,
                r.urutan,
                r.teks,
                r.intervensi_rhk_id,
                teks,
                pemilik,
                r.klasifikasi,
                r.penugasan_dari,
                r.sumber_rhk_id,
                tuple(
                    IkiRow(
                        i.id,
                        i.urutan,
                        i.teks,
                        i.aspek,
                        i.perspektif,
                        i.target_min,
                        i.target_max,
                        i.satuan,
                        i.target_teks,
                    )
                    for i in iki[r.id]
                ),
            )
        )
    penilai_now = access.penilai_of(session, skp.pegawai_id)
    problems = completeness(
        [
            RhkView(
                r.id,
                r.jenis,
                r.teks,
                r.intervensi_rhk_id,
                info.get(r.intervensi_rhk_id or "", ("", "", ""))[2],
                tuple(
                    IkiView(
                        i.id, i.teks, i.aspek, i.perspektif, i.target_min, i.target_teks, i.satuan
                    )
                    for i in iki[r.id]
                ),
            )
            for r in rhk
        ],
        pendekatan=skp.pendekatan,
        jenis_jabatan=skp.jenis_jabatan,
        has_penilai=penilai_now is not None,
    )
    approved = skp.status is SkpStatus.DISETUJUI and bool(skp.pegawai_snapshot)
    if approved:
        pegawai = _as_party(skp.pegawai_snapshot)
        penilai = _as_party(skp.penilai_snapshot)
        atasan = _as_party(skp.atasan_penilai_snapshot)
    else:
        pegawai = _as_party(party_of(session, skp.pegawai_id))
        penilai = _as_party(party_of(session, skp.penilai_id))
        atasan_id = access.penilai_of(session, skp.penilai_id) if skp.penilai_id else None
        atasan = _as_party(party_of(session, atasan_id))
    assert pegawai is not None
    return SkpDetail(
        summary=_load_summary(session, skp.id),
        alasan_dikembalikan=skp.alasan_dikembalikan,
        disalin_dari_id=skp.disalin_dari_id,
        diajukan_at=skp.diajukan_at,
        disetujui_at=skp.disetujui_at,
        pegawai=pegawai,
        penilai=penilai,
        atasan_penilai=atasan,
        rhk=tuple(rows),
        perilaku=perilaku_of(session, skp.id),
        lampiran=lampiran_of(session, skp.id),
        events=_events(session, skp.id),
        can=permissions_of(session, actor, skp),
        problems=tuple(problems),
    )


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


# ---------------------------------------------------------------------------------------
# Reading


def get_skp(db: Database, *, actor: Actor, skp_id: str) -> SkpDetail:
    """One SKP with everything the editor shows, and what ``actor`` may do with it."""
    with db.read(actor) as session:
        return detail_of(session, actor, readable_skp(session, actor, skp_id))


def find_skp(db: Database, *, actor: Actor, pegawai_id: str, tahun: int) -> SkpDetail | None:
    """The pegawai's active SKP of ``tahun`` (the latest period if there are several)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        skp = session.execute(
            select(Skp)
            .where(Skp.pegawai_id == pegawai_id, Skp.tahun == tahun, Skp.deleted.is_(False))
            .order_by(Skp.periode_mulai.desc())
            .limit(1)
        ).scalar_one_or_none()
        return detail_of(session, actor, skp) if skp else None


def _below(session: Session, pegawai_id: str, max_levels: int = 20) -> set[str]:
    """Everyone below ``pegawai_id`` in the chain of penilai."""
    found: set[str] = set()
    frontier = [pegawai_id]
    for _level in range(max_levels):
        if not frontier:
            break
        nxt = [
            pid
            for (pid,) in session.execute(
                select(Pegawai.id).where(
                    Pegawai.penilai_id.in_(frontier), Pegawai.deleted.is_(False)
                )
            ).all()
            if pid not in found
        ]
        found.update(nxt)
        frontier = nxt
    return found


def list_skp(
    db: Database,
    *,
    actor: Actor,
    tahun: int | None = None,
    status: SkpStatus | None = None,
    unit_kode: str | None = None,
    scope: str = "all",
) -> list[SkpSummary]:
    """SKPs the actor may see, by unit then name.

    ``scope``: ``"mine"`` (the actor's own), ``"team"`` (direct reports' SKPs, whose pejabat
    penilai is the actor), ``"below"`` (everyone under the actor) or ``"all"`` (everything
    visible: own and below; every SKP for the pengelola).
    """
    with db.read(actor) as session:
        query = _summary_query()
        if tahun is not None:
            query = query.where(Skp.tahun == tahun)
        if status is not None:
            query = query.where(Skp.status == status)
        if unit_kode:
            unit = unit_by_code(session, unit_kode)
            query = query.where(Pegawai.unit_id.in_(subtree_ids(session, unit.id)))
        me = actor.pegawai_id
        if scope == "mine":
            query = query.where(Skp.pegawai_id == (me or ""))
        elif scope == "team":
            query = query.where(Pegawai.penilai_id == (me or ""))
        elif scope == "below" or not (actor.is_pengelola or actor.is_system):
            ids = _below(session, me) if me else set()
            if scope != "below" and me:
                ids.add(me)
            query = query.where(Skp.pegawai_id.in_(ids))
        rows = session.execute(
            query.order_by(UnitKerja.kode, Pegawai.nama, Skp.tahun, Skp.periode_mulai)
        ).all()
        return [_summary(tuple(r)) for r in rows]


def inbox(db: Database, *, actor: Actor) -> list[SkpSummary]:
    """Submitted SKPs waiting for ``actor``'s decision, oldest submission first."""
    with db.read(actor) as session:
        query = _summary_query().where(Skp.status == SkpStatus.DIAJUKAN)
        mine = Skp.penilai_id == (actor.pegawai_id or "")
        if actor.is_pengelola or actor.is_system:
            query = query.where(or_(mine, Skp.penilai_id.is_(None)))
        else:
            query = query.where(mine)
        rows = session.execute(query.order_by(Skp.diajukan_at)).all()
        return [_summary(tuple(r)) for r in rows]


def perilaku_reference(db: Database, *, actor: Actor) -> list[PerilakuRow]:
    """The 7 BerAKHLAK values with their 3 standard behaviours (no ekspektasi)."""
    with db.read(actor) as session:
        return list(perilaku_of(session, ""))


# ---------------------------------------------------------------------------------------
# Creating, header, deleting


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


# ---------------------------------------------------------------------------------------
# Home screen


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """SKPs waiting for the actor's decision; the actor's own SKP returned, still a draft,
    or missing for this year."""
    items: list[HomeItem] = []
    for row in inbox(db, actor=actor):
        items.append(
            HomeItem(
                kind="skp.waiting",
                area="skp",
                payload=row.id,
                urgency=Urgency.ACTION,
                title=_("SKP {year} of {name} is waiting for your approval").format(
                    year=row.tahun, name=row.nama
                ),
                detail=_("{position} · {count} RHK").format(
                    position=row.jabatan, count=row.jumlah_rhk
                ),
            )
        )
    if actor.pegawai_id is None:
        return items
    mine = list_skp(db, actor=actor, tahun=today.year, scope="mine")
    for row in mine:
        if row.status is SkpStatus.DIKEMBALIKAN:
            with db.read(actor) as session:
                reason = get_skp_row(session, row.id).alasan_dikembalikan
            items.append(
                HomeItem(
                    kind="skp.returned",
                    area="skp",
                    payload=row.id,
                    urgency=Urgency.ACTION,
                    title=_("Your SKP {year} was returned").format(year=row.tahun),
                    detail=reason,
                )
            )
        elif row.status is SkpStatus.DRAFT:
            items.append(
                HomeItem(
                    kind="skp.draft",
                    area="skp",
                    payload=row.id,
                    urgency=Urgency.SOON,
                    title=_("Your SKP {year} is still a draft").format(year=row.tahun),
                    detail=_("Complete it and submit it to {name}.").format(
                        name=row.penilai_nama or _("the administrator")
                    ),
                )
            )
    if not mine:
        items.append(
            HomeItem(
                kind="skp.missing",
                area="skp",
                payload=None,
                urgency=Urgency.SOON,
                title=_("You have no SKP for {year} yet").format(year=today.year),
                detail=_("Create it in the SKP area, or copy last year's."),
            )
        )
    return items
