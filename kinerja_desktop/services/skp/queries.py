"""Reading SKPs: the full detail of one SKP (RHK and IKI with the work results they
support, perilaku with ekspektasi, lampiran, history, permissions, completeness problems),
finding one by pegawai and year, summaries by scope, the supervisor's inbox, the BerAKHLAK
reference, and the SKP area's home-screen items (registered in ``home``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import (
    JenisLampiran,
    JenisRhk,
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
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.core.unit_scope import subtree_ids, unit_by_code
from kinerja_desktop.services.skp._rules import (
    IkiView,
    Problem,
    RhkView,
    completeness,
)
from kinerja_desktop.services.skp.plan import (
    EventRow,
    IkiRow,
    LampiranRow,
    Party,
    PerilakuRow,
    RhkRow,
    SkpDetail,
    SkpSummary,
    active_iki,
    active_rhk,
    get_skp_row,
    party_of,
    permissions_of,
    readable_skp,
)

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
    pegawai, penilai, atasan = _parties(session, skp)
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
        rhk=tuple(_rhk_rows(rhk, iki, info)),
        perilaku=perilaku_of(session, skp.id),
        lampiran=lampiran_of(session, skp.id),
        events=_events(session, skp.id),
        can=permissions_of(session, actor, skp),
        problems=tuple(_problems(session, skp, rhk, iki, info)),
    )


def _rhk_rows(
    rhk: list[Rhk], iki: dict[str, list[Iki]], info: dict[str, tuple[str, str, str]]
) -> list[RhkRow]:
    """The RHK as the editor shows them, numbered within utama and tambahan."""
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
    return rows


def _problems(
    session: Session,
    skp: Skp,
    rhk: list[Rhk],
    iki: dict[str, list[Iki]],
    info: dict[str, tuple[str, str, str]],
) -> list[Problem]:
    """Why the SKP cannot be submitted yet (``_rules.completeness``)."""
    penilai_now = access.penilai_of(session, skp.pegawai_id)
    return completeness(
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


def _parties(session: Session, skp: Skp) -> tuple[Party | None, Party | None, Party | None]:
    """Pegawai, penilai and atasan penilai: as approved (the snapshot) or as they are now."""
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
    return pegawai, penilai, atasan


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
