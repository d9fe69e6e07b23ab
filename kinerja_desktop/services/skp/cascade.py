"""The cascade of work results: which supervisor RHK a pegawai may support (intervensi),
handing one RHK to several subordinates at once, and the matriks peran hasil of a unit.

The matriks is a tree: the unit leader's RHK at the top, under each the RHK of people that
support (intervene) it, and so on down. Leader RHK that nobody supports, and core RHK of the
unit's people that support nothing, are listed apart so a leader sees the gaps at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisJabatan, JenisRhk, SkpStatus
from kinerja_desktop.models.org import Jabatan, Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp, SkpEvent
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.unit_scope import subtree_ids, unit_by_code
from kinerja_desktop.services.skp._rules import IkiInput, RhkInput
from kinerja_desktop.services.skp.create import new_skp
from kinerja_desktop.services.skp.edit import new_rhk
from kinerja_desktop.services.skp.plan import EDITABLE


@dataclass(frozen=True)
class Candidate:
    """A supervisor's RHK that a pegawai may choose to support."""

    rhk_id: str
    nomor: int
    teks: str
    pemilik: str
    iki: tuple[str, ...]


def _candidates(session: Session, pegawai_id: str, tahun: int) -> list[Candidate]:
    penilai_id = access.penilai_of(session, pegawai_id)
    if penilai_id is None:
        return []
    rows = session.execute(
        select(Rhk.id, Rhk.teks, Rhk.urutan, Pegawai.nama, Skp.periode_mulai)
        .join(Skp, Skp.id == Rhk.skp_id)
        .join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(
            Skp.pegawai_id == penilai_id,
            Skp.tahun == tahun,
            Skp.deleted.is_(False),
            Skp.disetujui_at.is_not(None),
            Rhk.deleted.is_(False),
            Rhk.jenis == JenisRhk.UTAMA,
        )
        .order_by(Skp.periode_mulai, Rhk.urutan)
    ).all()
    ikis: dict[str, list[str]] = {}
    if rows:
        for rhk_id, teks in session.execute(
            select(Iki.rhk_id, Iki.teks)
            .where(Iki.rhk_id.in_([r[0] for r in rows]), Iki.deleted.is_(False))
            .order_by(Iki.urutan)
        ).all():
            ikis.setdefault(rhk_id, []).append(teks)
    return [
        Candidate(r[0], n, r[1], r[3], tuple(ikis.get(r[0], [])))
        for n, r in enumerate(rows, start=1)
    ]


def intervensi_candidates(db: Database, *, actor: Actor, skp_id: str) -> list[Candidate]:
    """The core RHK of the pegawai's supervisor's approved SKP of the same year.

    An SKP that was approved once and is being revised still offers its RHK.
    """
    with db.read(actor) as session:
        skp = session.get(Skp, skp_id)
        if skp is None or skp.deleted:
            raise NotFoundError(_("This SKP does not exist (it may have been deleted)."))
        access.require_read_performance(session, actor, skp.pegawai_id)
        return _candidates(session, skp.pegawai_id, skp.tahun)


@dataclass(frozen=True)
class HandOut:
    """What happened for one subordinate when an RHK was handed out."""

    pegawai_id: str
    nama: str
    added: bool
    message: str


def distribute_rhk(
    db: Database, *, actor: Actor, source_rhk_id: str, pegawai_ids: Sequence[str]
) -> list[HandOut]:
    """Give one of the actor's own RHK (with its IKI) to several direct subordinates.

    Each gets a new core RHK supporting it in their draft SKP of the same year (a draft is
    created if they have none); each then adjusts their own copy. A subordinate whose SKP is
    submitted or approved, or who already has it, is skipped with the reason. One
    transaction: a refusal for one person (not a direct subordinate) writes nothing.
    """
    results: list[HandOut] = []
    with db.unit_of_work(actor) as session:
        source = session.get(Rhk, source_rhk_id)
        source_skp = session.get(Skp, source.skp_id) if source else None
        if source is None or source.deleted or source_skp is None or source_skp.deleted:
            raise NotFoundError(_("This work result (RHK) does not exist."))
        if not access.is_self(actor, source_skp.pegawai_id):
            raise PermissionDenied(_("You can only hand out work results of your own SKP."))
        source_iki = (
            session.execute(
                select(Iki)
                .where(Iki.rhk_id == source.id, Iki.deleted.is_(False))
                .order_by(Iki.urutan)
            )
            .scalars()
            .all()
        )
        for pegawai_id in dict.fromkeys(pegawai_ids):
            person = session.get(Pegawai, pegawai_id)
            if person is None or person.deleted or person.penilai_id != actor.pegawai_id:
                raise PermissionDenied(
                    _("{name} is not one of your direct staff.").format(
                        name=person.nama if person else pegawai_id
                    )
                )
            results.append(_hand_to(session, actor, source, source_skp, list(source_iki), person))
    return results


def _hand_to(
    session: Session,
    actor: Actor,
    source: Rhk,
    source_skp: Skp,
    source_iki: list[Iki],
    person: Pegawai,
) -> HandOut:
    skp = session.execute(
        select(Skp)
        .where(Skp.pegawai_id == person.id, Skp.tahun == source_skp.tahun, Skp.deleted.is_(False))
        .order_by(Skp.periode_mulai.desc())
        .limit(1)
    ).scalar_one_or_none()
    if skp is None:
        skp = new_skp(
            session,
            actor,
            pegawai_id=person.id,
            tahun=source_skp.tahun,
            pendekatan=source_skp.pendekatan,
        )
    if skp.status not in EDITABLE:
        return HandOut(
            person.id, person.nama, False, _("skipped: the SKP is submitted or approved")
        )
    already = session.execute(
        select(Rhk.id).where(
            Rhk.skp_id == skp.id, Rhk.sumber_rhk_id == source.id, Rhk.deleted.is_(False)
        )
    ).first()
    if already:
        return HandOut(person.id, person.nama, False, _("skipped: already has it"))
    jpt = skp.jenis_jabatan is JenisJabatan.JPT
    inputs = []
    for iki in source_iki:
        item = IkiInput(
            iki.teks,
            None if jpt else iki.aspek,
            iki.perspektif if jpt else None,
            iki.target_min,
            iki.target_max,
            iki.satuan,
            iki.target_teks,
        )
        if skp.pendekatan is not source_skp.pendekatan:
            item = replace(item, target_min=None, target_max=None, satuan="", target_teks="")
        inputs.append(item)
    new_rhk(
        session,
        skp,
        RhkInput(source.teks, JenisRhk.UTAMA, source.id),
        inputs,
        sumber_rhk_id=source.id,
    )
    session.add(
        SkpEvent(
            skp_id=skp.id,
            actor_pegawai_id=actor.pegawai_id,
            jenis="rhk_from_supervisor",
            dari_status=skp.status.value,
            ke_status=skp.status.value,
            alasan=source.teks,
        )
    )
    return HandOut(person.id, person.nama, True, _("added"))


# ---------------------------------------------------------------------------------------
# Matriks peran hasil


@dataclass(frozen=True)
class MatriksNode:
    rhk_id: str
    teks: str
    jenis: JenisRhk
    pegawai_id: str
    pegawai_nama: str
    jabatan: str
    skp_id: str
    skp_status: SkpStatus
    children: tuple[MatriksNode, ...]
    tidak_diintervensi: bool


@dataclass(frozen=True)
class Matriks:
    unit_kode: str
    unit_nama: str
    tahun: int
    pimpinan_id: str | None
    pimpinan_nama: str
    roots: tuple[MatriksNode, ...]
    tanpa_intervensi: tuple[MatriksNode, ...]
    di_luar_unit: tuple[MatriksNode, ...]
    tanpa_skp: tuple[str, ...]

    def count(self) -> int:
        """How many RHK the tree holds (for tests and the status line)."""

        def walk(nodes: tuple[MatriksNode, ...]) -> int:
            return sum(1 + walk(n.children) for n in nodes)

        return walk(self.roots) + len(self.tanpa_intervensi) + len(self.di_luar_unit)


def _rhk_rows(session: Session, unit_ids: list[str], tahun: int) -> list[tuple[Any, ...]]:
    """Every RHK of the year's SKPs of the units' active people: (id, text, jenis, order,
    intervened RHK, SKP id, SKP status, pegawai id), by jenis and order."""
    # Core execution (no ORM row processing): this query returns thousands of rows
    raw = (
        session.connection()
        .execute(
            select(
                Rhk.id,
                Rhk.teks,
                type_coerce(Rhk.jenis, String),
                Rhk.urutan,
                Rhk.intervensi_rhk_id,
                Skp.id,
                type_coerce(Skp.status, String),
                Skp.pegawai_id,
            )
            .join(Skp, Skp.id == Rhk.skp_id)
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(
                Pegawai.unit_id.in_(unit_ids),
                Pegawai.deleted.is_(False),
                Pegawai.aktif.is_(True),
                Skp.tahun == tahun,
                Skp.deleted.is_(False),
                Rhk.deleted.is_(False),
            )
            .order_by(Rhk.jenis, Rhk.urutan)
        )
        .all()
    )
    # enum columns are read as their stored strings (converting each row's enums dominated
    # the time on big units) and mapped to members once here
    jenis_of = {j.value: j for j in JenisRhk}
    status_of = {st.value: st for st in SkpStatus}
    return [(r[0], r[1], jenis_of[r[2]], r[3], r[4], r[5], status_of[r[6]], r[7]) for r in raw]


def matriks_peran_hasil(db: Database, *, actor: Actor, unit_kode: str, tahun: int) -> Matriks:
    """The cascade of one unit (and its sub-units) for a year."""
    with db.read(actor) as session:
        unit = unit_by_code(session, unit_kode)
        unit_kode, unit_nama = unit.kode, unit.nama
        unit_ids = subtree_ids(session, unit.id)
        members = (
            session.connection()
            .execute(
                select(
                    Pegawai.id, Pegawai.nama, Jabatan.nama, Jabatan.memimpin_unit, Jabatan.unit_id
                )
                .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
                .where(
                    Pegawai.unit_id.in_(unit_ids),
                    Pegawai.deleted.is_(False),
                    Pegawai.aktif.is_(True),
                )
                .order_by(Pegawai.nama)
            )
            .all()
        )
        member_ids = {m[0] for m in members}
        leader = next((m for m in members if m[3] and m[4] == unit.id), None)
        if not (
            actor.is_pengelola
            or actor.is_system
            or actor.pegawai_id in member_ids
            or (leader is not None and access.is_above(session, actor, leader[0]))
        ):
            raise PermissionDenied(
                _("Only the unit's people, their superiors and the administrator see this.")
            )
        names = {m[0]: (m[1], m[2] or "") for m in members}
        rows = _rhk_rows(session, unit_ids, tahun)
    with_skp = {r[7] for r in rows}
    children: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        if r[4]:
            children.setdefault(r[4], []).append(r)
    seen: set[str] = set()

    def node(r: tuple[Any, ...], depth: int, root: bool = False) -> MatriksNode:
        rid = str(r[0])
        seen.add(rid)
        kids = (
            tuple(node(c, depth + 1) for c in children.get(rid, []) if c[0] not in seen)
            if depth < 12
            else ()
        )
        nama, jabatan = names.get(str(r[7]), ("", ""))
        return MatriksNode(
            rid,
            str(r[1]),
            r[2],
            str(r[7]),
            nama,
            jabatan,
            str(r[5]),
            r[6],
            kids,
            root and not kids,
        )

    leader_id = leader[0] if leader else None
    roots = tuple(node(r, 0, True) for r in rows if r[7] == leader_id and r[2] is JenisRhk.UTAMA)
    rest = [r for r in rows if r[0] not in seen and r[7] != leader_id]
    unlinked = tuple(node(r, 0) for r in rest if r[4] is None and r[2] is JenisRhk.UTAMA)
    outside = tuple(node(r, 0) for r in rest if r[4] is not None and r[0] not in seen)
    return Matriks(
        unit_kode=unit_kode,
        unit_nama=unit_nama,
        tahun=tahun,
        pimpinan_id=leader_id,
        pimpinan_nama=leader[1] if leader else "",
        roots=roots,
        tanpa_intervensi=unlinked,
        di_luar_unit=outside,
        tanpa_skp=tuple(names[m][0] for m in names if m not in with_skp),
    )
