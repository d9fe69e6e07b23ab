"""Bulk loading of the SKP form: choosing each person's SKP and reading its parts.

``load_skp_parts`` reads everything the SKP forms of a batch need in a fixed number of
queries; ``skp_form_data`` builds one form from it, which the evaluation forms extend.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.forms.data import Identitas, IkiRow, LampiranList, PerilakuRow, RhkRow, SkpData
from kinerja_desktop.models.enums import JenisLampiran, JenisRhk, SkpStatus
from kinerja_desktop.models.org import Pegawai, PenilaiNonAsn, UnitKerja
from kinerja_desktop.models.skp import (
    EkspektasiKhusus,
    Iki,
    LampiranItem,
    PerilakuNilai,
    PerilakuPanduan,
    Rhk,
    Skp,
)
from kinerja_desktop.services.core.periods import Periode
from kinerja_desktop.services.printing._load import (
    Office,
    date_of,
    load_identities,
    load_office,
    record_version,
    rows_in_chunks,
    snapshot_identity,
)


def skps_for_year(session: Session, people: Sequence[Pegawai], tahun: int) -> list[Skp]:
    """Each person's SKP of the year: the approved one if any, else the latest draft."""
    rows = rows_in_chunks(
        session,
        lambda chunk: select(Skp).where(
            Skp.pegawai_id.in_(chunk), Skp.tahun == tahun, Skp.deleted.is_(False)
        ),
        (p.id for p in people),
    )
    best: dict[str, Skp] = {}
    for (skp,) in rows:
        key = (skp.status is SkpStatus.DISETUJUI, skp.periode_mulai, skp.revisi, skp.updated_at)
        current = best.get(skp.pegawai_id)
        if current is None or key > (
            current.status is SkpStatus.DISETUJUI,
            current.periode_mulai,
            current.revisi,
            current.updated_at,
        ):
            best[skp.pegawai_id] = skp
    return [best[p.id] for p in people if p.id in best]


def skps_for_period(session: Session, people: Sequence[Pegawai], period: Periode) -> list[Skp]:
    """Each person's approved SKP covering the period (the latest starting), as monitoring."""
    rows = rows_in_chunks(
        session,
        lambda chunk: select(Skp).where(
            Skp.pegawai_id.in_(chunk),
            Skp.status == SkpStatus.DISETUJUI,
            Skp.deleted.is_(False),
            Skp.tahun == period.tahun,
            Skp.periode_mulai <= period.selesai,
            Skp.periode_selesai >= period.mulai,
        ),
        (p.id for p in people),
    )
    best: dict[str, Skp] = {}
    for (skp,) in rows:
        current = best.get(skp.pegawai_id)
        if current is None or skp.periode_mulai > current.periode_mulai:
            best[skp.pegawai_id] = skp
    return [best[p.id] for p in people if p.id in best]


# --- SKP ------------------------------------------------------------------------------------


@dataclass
class SkpParts:
    """Everything the SKP forms of a batch need, loaded in a fixed number of queries."""

    office: Office
    identities: dict[str, Identitas]
    rhk: dict[str, list[Rhk]]
    iki: dict[str, list[Iki]]
    intervensi: dict[str, str]
    perilaku: list[tuple[str, int, str, tuple[str, ...]]]
    ekspektasi: dict[tuple[str, str], str]
    lampiran: dict[str, list[LampiranItem]]
    units: dict[str, str]
    non_asn: dict[str, Identitas]
    """Non-ASN pejabat penilai by appraised pegawai (no NIP, no pangkat)."""


def load_skp_parts(session: Session, skps: Sequence[Skp]) -> SkpParts:
    skp_ids = [s.id for s in skps]
    person_ids = {s.pegawai_id for s in skps} | {s.penilai_id for s in skps if s.penilai_id}
    rhk: dict[str, list[Rhk]] = _grouped(
        session,
        lambda chunk: (
            select(Rhk).where(Rhk.skp_id.in_(chunk), Rhk.deleted.is_(False)).order_by(Rhk.urutan)
        ),
        skp_ids,
        lambda row: row.skp_id,
    )
    iki: dict[str, list[Iki]] = _grouped(
        session,
        lambda chunk: (
            select(Iki).where(Iki.rhk_id.in_(chunk), Iki.deleted.is_(False)).order_by(Iki.urutan)
        ),
        [r.id for rows in rhk.values() for r in rows],
        lambda row: row.rhk_id,
    )
    intervensi_ids = [r.intervensi_rhk_id for rows in rhk.values() for r in rows]
    intervensi = dict(
        rows_in_chunks(
            session,
            lambda chunk: select(Rhk.id, Rhk.teks).where(Rhk.id.in_(chunk)),
            (i for i in intervensi_ids if i),
        )
    )
    ekspektasi = {
        (skp_id, nilai_id): teks
        for skp_id, nilai_id, teks in rows_in_chunks(
            session,
            lambda chunk: select(
                EkspektasiKhusus.skp_id, EkspektasiKhusus.nilai_id, EkspektasiKhusus.teks
            ).where(EkspektasiKhusus.skp_id.in_(chunk), EkspektasiKhusus.deleted.is_(False)),
            skp_ids,
        )
    }
    lampiran: dict[str, list[LampiranItem]] = _grouped(
        session,
        lambda chunk: (
            select(LampiranItem)
            .where(LampiranItem.skp_id.in_(chunk), LampiranItem.deleted.is_(False))
            .order_by(LampiranItem.urutan)
        ),
        skp_ids,
        lambda row: row.skp_id,
    )
    units = dict(
        rows_in_chunks(
            session,
            lambda chunk: (
                select(Pegawai.id, UnitKerja.nama)
                .join(UnitKerja, UnitKerja.id == Pegawai.unit_id)
                .where(Pegawai.id.in_(chunk))
            ),
            [s.pegawai_id for s in skps],
        )
    )
    return SkpParts(
        non_asn=_non_asn_penilai(session, [s.pegawai_id for s in skps if not s.penilai_id]),
        office=load_office(session),
        identities=load_identities(session, person_ids),
        rhk=rhk,
        iki=iki,
        intervensi=intervensi,
        perilaku=_perilaku(session),
        ekspektasi=ekspektasi,
        lampiran=lampiran,
        units=units,
    )


def _grouped(
    session: Session, make: Callable[[list[str]], Any], ids: list[str], key: Callable[[Any], str]
) -> dict[str, list[Any]]:
    """The records ``make`` selects for ``ids`` (see rows_in_chunks), in their order, grouped
    by ``key``."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for (row,) in rows_in_chunks(session, make, ids):
        groups[key(row)].append(row)
    return groups


def _perilaku(session: Session) -> list[tuple[str, int, str, tuple[str, ...]]]:
    """The work-behaviour values in order: (id, number, name, their guidance lines)."""
    panduan: dict[str, list[str]] = defaultdict(list)
    for nilai_id, teks in session.execute(
        select(PerilakuPanduan.nilai_id, PerilakuPanduan.teks).order_by(PerilakuPanduan.urutan)
    ).all():
        panduan[nilai_id].append(teks)
    return [
        (n.id, n.urutan, n.nama, tuple(panduan[n.id]))
        for n in session.execute(select(PerilakuNilai).order_by(PerilakuNilai.urutan)).scalars()
    ]


def _non_asn_penilai(session: Session, pegawai_ids: list[str]) -> dict[str, Identitas]:
    """The non-ASN pejabat penilai recorded for each of ``pegawai_ids`` (the latest one)."""
    return {
        row.pegawai_id: Identitas(
            nama=row.nama, jabatan=row.jabatan, unit_kerja=row.unit, non_asn=True
        )
        for (row,) in rows_in_chunks(
            session,
            lambda chunk: (
                select(PenilaiNonAsn)
                .where(PenilaiNonAsn.pegawai_id.in_(chunk), PenilaiNonAsn.deleted.is_(False))
                .order_by(PenilaiNonAsn.updated_at)
            ),
            pegawai_ids,
        )
    }


def _parties(skp: Skp, parts: SkpParts) -> tuple[Identitas, Identitas]:
    """Both parties: the approval snapshots of an approved SKP, else today's data. Without
    an ASN penilai, the non-ASN one recorded for the pegawai (blank NIP and pangkat)."""
    non_asn = parts.non_asn.get(skp.pegawai_id) if not skp.penilai_id else None
    if skp.status is SkpStatus.DISETUJUI:
        pegawai = snapshot_identity(skp.pegawai_snapshot)
        penilai = snapshot_identity(skp.penilai_snapshot)
        if pegawai is not None:
            return pegawai, penilai or non_asn or Identitas()
    return (
        parts.identities.get(skp.pegawai_id, Identitas()),
        non_asn or parts.identities.get(skp.penilai_id or "", Identitas()),
    )


def skp_form_data(skp: Skp, parts: SkpParts) -> SkpData:
    pegawai, penilai = _parties(skp, parts)
    rhks = tuple(
        RhkRow(
            jenis=r.jenis,
            teks=r.teks,
            intervensi=parts.intervensi.get(r.intervensi_rhk_id or "", ""),
            penugasan_dari=r.penugasan_dari if r.jenis is JenisRhk.TAMBAHAN else "",
            iki=tuple(
                IkiRow(
                    teks=i.teks,
                    aspek=i.aspek,
                    perspektif=i.perspektif,
                    target_min=i.target_min,
                    target_max=i.target_max,
                    satuan=i.satuan,
                    target_teks=i.target_teks,
                )
                for i in parts.iki.get(r.id, [])
            ),
        )
        for r in sorted(
            parts.rhk.get(skp.id, []), key=lambda r: (r.jenis is not JenisRhk.UTAMA, r.urutan)
        )
    )
    perilaku = tuple(
        PerilakuRow(
            nomor=urutan,
            nama=nama,
            panduan=panduan,
            ekspektasi=parts.ekspektasi.get((skp.id, nilai_id), ""),
        )
        for nilai_id, urutan, nama, panduan in parts.perilaku
    )
    by_kind: dict[JenisLampiran, list[str]] = defaultdict(list)
    for item in parts.lampiran.get(skp.id, []):
        by_kind[item.jenis].append(item.teks)
    lampiran = tuple(LampiranList(jenis, tuple(by_kind.get(jenis, []))) for jenis in JenisLampiran)
    return SkpData(
        record_id=skp.id,
        version=record_version(skp.vv),
        periode=str(skp.tahun),
        jenis_jabatan=skp.jenis_jabatan,
        pendekatan=skp.pendekatan,
        instansi=parts.office.nama,
        unit_nama=pegawai.unit_kerja or parts.units.get(skp.pegawai_id, ""),
        periode_mulai=skp.periode_mulai,
        periode_selesai=skp.periode_selesai,
        pegawai=pegawai,
        penilai=penilai,
        rhk=rhks,
        perilaku=perilaku,
        lampiran=lampiran,
        tempat=parts.office.kota,
        tanggal=date_of(skp.disetujui_at),
    )


def skp_forms(session: Session, skps: Sequence[Skp]) -> list[SkpData]:
    """SKP form data for many SKPs, in bulk."""
    parts = load_skp_parts(session, skps)
    return [skp_form_data(skp, parts) for skp in skps]
