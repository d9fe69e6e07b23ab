"""Printing: load each form's data from the database in bulk, render PDFs, verify codes.

A ``PrintRequest`` names the form kind, whose forms (one NIP, or a unit and its sub-units
for a batch, or one coaching session) and the period. ``load_forms`` reads the models
directly with a fixed number of queries per batch (not per person) and returns the plain
data of ``kinerja_desktop.forms``; ``print_to_file`` renders them into one PDF written to a
temporary name and renamed when complete, reporting progress and honouring cancel.
``verify`` checks a printed verification code against the data held now.

Permissions: a person's forms need ``access.can_read_performance``; a unit batch and the
predikat decision need the unit's reader (its head or one above, or the pengelola). Private
coaching notes are never loaded (``CatatanSesi.privat`` is filtered here, in SQL).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop import forms
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.forms.data import (
    B18Data,
    B19Data,
    CoachingData,
    Distribusi,
    DokumenEvaluasiData,
    EvaluasiData,
    FormData,
    Identitas,
    IkiRow,
    LampiranList,
    PerilakuRow,
    PredikatData,
    PredikatRow,
    RhkRow,
    SesiData,
    SesiInfo,
    SkpData,
)
from kinerja_desktop.forms.verification import matches, parse_code, verification_code
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.coaching import (
    AgendaSesi,
    AksiDisepakati,
    CatatanSesi,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import JenisLampiran, JenisRhk, Predikat, SkpStatus
from kinerja_desktop.models.evaluation import CapaianKinerjaOrganisasi, Evaluasi
from kinerja_desktop.models.monitoring import FrasaUmpanBalik, Realisasi, UmpanBalik
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import (
    EkspektasiKhusus,
    Iki,
    LampiranItem,
    PerilakuNilai,
    PerilakuPanduan,
    Rhk,
    Skp,
)
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.services import access, unit_scope
from kinerja_desktop.services.coaching import B18_STATEMENTS
from kinerja_desktop.services.periods import Periode, parse
from kinerja_desktop.services.reference import pangkat_label

PAPER_SETTING = "paper_size"
PAPER_SIZES = ("A4", "F4")
_CHUNK = 900


class FormKind(StrEnum):
    SKP = "skp"
    EVALUASI = "evaluasi"
    DOKUMEN_EVALUASI = "dokumen-evaluasi"
    COACHING = "coaching"
    PREDIKAT = "predikat"


class CoachingForm(StrEnum):
    RECORD = "record"
    B18 = "b18"
    B19 = "b19"


@dataclass(frozen=True)
class PrintRequest:
    """Which forms to print: one kind, for a NIP, a unit (batch) or a coaching session."""

    kind: FormKind
    periode: str
    nip: str = ""
    unit_kode: str = ""
    sesi_id: str = ""
    coaching_forms: tuple[CoachingForm, ...] = tuple(CoachingForm)


@dataclass(frozen=True)
class PrintResult:
    path: Path
    forms: int


# --- settings -------------------------------------------------------------------------------


def paper_size(db: Database, *, actor: Actor) -> str:
    """The paper forms are printed on ("A4" or "F4"), from the settings (default A4)."""
    with db.read(actor) as session:
        setting = session.get(Setting, PAPER_SETTING)
        value = setting.value if setting is not None else None
    return value if value in PAPER_SIZES else "A4"


def set_paper_size(db: Database, *, actor: Actor, paper: str) -> str:
    """Choose the paper of this install's printed forms (a local setting)."""
    paper = (paper or "").strip().upper()
    if paper not in PAPER_SIZES:
        raise ValidationError(
            _("Unknown paper size '{paper}'. Use A4 or F4 (215 x 330 mm).").format(paper=paper),
            field="paper",
        )
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, PAPER_SETTING)
        if setting is None:
            session.add(Setting(key=PAPER_SETTING, value=paper))
        else:
            setting.value = paper
    return paper


# --- small helpers --------------------------------------------------------------------------


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _rows(session: Session, make: Any, ids: Iterable[str]) -> list[Any]:
    """Run ``make(chunk)`` (a select over an IN list) for chunks of ``ids``; all rows."""
    unique = sorted({i for i in ids if i})
    out: list[Any] = []
    for chunk in _chunks(unique):
        out.extend(session.execute(make(chunk)).all())
    return out


def _version(vv: dict[str, Any] | None) -> int:
    """A record's version: the sum of its version vector (grows with every change)."""
    return sum(int(v) for v in (vv or {}).values())


def _today() -> dt.date:
    return dt.date.today()


def _date_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else _today()


@dataclass
class _Office:
    nama: str
    kota: str


def _office(session: Session) -> _Office:
    row = session.execute(
        select(Instansi.nama, Instansi.kota)
        .where(Instansi.deleted.is_(False))
        .order_by(Instansi.created_at)
        .limit(1)
    ).first()
    return _Office(row[0], row[1]) if row else _Office("", "")


def _identities(session: Session, ids: Iterable[str | None]) -> dict[str, Identitas]:
    """Live identities (name with titles, NIP, rank, position, unit) of many people."""
    rows = _rows(
        session,
        lambda chunk: (
            select(Pegawai, Jabatan.nama, UnitKerja.nama)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(Pegawai.id.in_(chunk))
        ),
        (i for i in ids if i),
    )
    return {
        p.id: Identitas(
            nama=p.nama_lengkap,
            nip=p.nip,
            pangkat=pangkat_label(p.golongan) if p.golongan else "",
            jabatan=jabatan or "",
            unit_kerja=unit or "",
        )
        for p, jabatan, unit in rows
    }


def _snapshot(values: dict[str, Any]) -> Identitas | None:
    if not values:
        return None
    return Identitas(
        nama=str(values.get("nama", "")),
        nip=str(values.get("nip", "")),
        pangkat=str(values.get("pangkat", "")),
        jabatan=str(values.get("jabatan", "")),
        unit_kerja=str(values.get("unit", "")),
    )


# --- choosing whose forms -------------------------------------------------------------------


def _people(session: Session, actor: Actor, request: PrintRequest) -> list[Pegawai]:
    """The people a request names, checked against the actor's rights, sorted by name."""
    if request.unit_kode:
        unit = unit_scope.unit_by_code(session, request.unit_kode)
        unit_scope.require_unit_reader(session, actor, unit.id)
        ids = unit_scope.subtree_ids(session, unit.id)
        return list(
            session.execute(
                select(Pegawai)
                .where(
                    Pegawai.unit_id.in_(ids),
                    Pegawai.aktif.is_(True),
                    Pegawai.deleted.is_(False),
                )
                .order_by(Pegawai.nama)
            ).scalars()
        )
    nip = "".join((request.nip or "").split())
    if not nip:
        raise ValidationError(_("Give a NIP, or a unit code for a batch."), field="nip")
    person = session.execute(
        select(Pegawai).where(Pegawai.nip == nip, Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if person is None:
        raise NotFoundError(_("No person has NIP {nip}.").format(nip=nip))
    access.require_read_performance(session, actor, person.id)
    return [person]


def _skps_for_year(session: Session, people: Sequence[Pegawai], tahun: int) -> list[Skp]:
    """Each person's SKP of the year: the approved one if any, else the latest draft."""
    rows = _rows(
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


def _skps_for_period(session: Session, people: Sequence[Pegawai], period: Periode) -> list[Skp]:
    """Each person's approved SKP covering the period (the latest starting), as monitoring."""
    rows = _rows(
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
class _SkpParts:
    """Everything the SKP forms of a batch need, loaded in a fixed number of queries."""

    office: _Office
    identities: dict[str, Identitas]
    rhk: dict[str, list[Rhk]]
    iki: dict[str, list[Iki]]
    intervensi: dict[str, str]
    perilaku: list[tuple[str, int, str, tuple[str, ...]]]
    ekspektasi: dict[tuple[str, str], str]
    lampiran: dict[str, list[LampiranItem]]
    units: dict[str, str]


def _load_skp_parts(session: Session, skps: Sequence[Skp]) -> _SkpParts:
    skp_ids = [s.id for s in skps]
    person_ids = {s.pegawai_id for s in skps} | {s.penilai_id for s in skps if s.penilai_id}
    rhk: dict[str, list[Rhk]] = defaultdict(list)
    for (row,) in _rows(
        session,
        lambda chunk: (
            select(Rhk).where(Rhk.skp_id.in_(chunk), Rhk.deleted.is_(False)).order_by(Rhk.urutan)
        ),
        skp_ids,
    ):
        rhk[row.skp_id].append(row)
    rhk_ids = [r.id for rows in rhk.values() for r in rows]
    iki: dict[str, list[Iki]] = defaultdict(list)
    for (row,) in _rows(
        session,
        lambda chunk: (
            select(Iki).where(Iki.rhk_id.in_(chunk), Iki.deleted.is_(False)).order_by(Iki.urutan)
        ),
        rhk_ids,
    ):
        iki[row.rhk_id].append(row)
    intervensi_ids = [r.intervensi_rhk_id for rows in rhk.values() for r in rows]
    intervensi = dict(
        _rows(
            session,
            lambda chunk: select(Rhk.id, Rhk.teks).where(Rhk.id.in_(chunk)),
            (i for i in intervensi_ids if i),
        )
    )
    panduan: dict[str, list[str]] = defaultdict(list)
    for nilai_id, teks in session.execute(
        select(PerilakuPanduan.nilai_id, PerilakuPanduan.teks).order_by(PerilakuPanduan.urutan)
    ).all():
        panduan[nilai_id].append(teks)
    perilaku = [
        (n.id, n.urutan, n.nama, tuple(panduan[n.id]))
        for n in session.execute(select(PerilakuNilai).order_by(PerilakuNilai.urutan)).scalars()
    ]
    ekspektasi = {
        (skp_id, nilai_id): teks
        for skp_id, nilai_id, teks in _rows(
            session,
            lambda chunk: select(
                EkspektasiKhusus.skp_id, EkspektasiKhusus.nilai_id, EkspektasiKhusus.teks
            ).where(EkspektasiKhusus.skp_id.in_(chunk), EkspektasiKhusus.deleted.is_(False)),
            skp_ids,
        )
    }
    lampiran: dict[str, list[LampiranItem]] = defaultdict(list)
    for (row,) in _rows(
        session,
        lambda chunk: (
            select(LampiranItem)
            .where(LampiranItem.skp_id.in_(chunk), LampiranItem.deleted.is_(False))
            .order_by(LampiranItem.urutan)
        ),
        skp_ids,
    ):
        lampiran[row.skp_id].append(row)
    units = dict(
        _rows(
            session,
            lambda chunk: (
                select(Pegawai.id, UnitKerja.nama)
                .join(UnitKerja, UnitKerja.id == Pegawai.unit_id)
                .where(Pegawai.id.in_(chunk))
            ),
            [s.pegawai_id for s in skps],
        )
    )
    return _SkpParts(
        office=_office(session),
        identities=_identities(session, person_ids),
        rhk=rhk,
        iki=iki,
        intervensi=intervensi,
        perilaku=perilaku,
        ekspektasi=ekspektasi,
        lampiran=lampiran,
        units=units,
    )


def _parties(skp: Skp, parts: _SkpParts) -> tuple[Identitas, Identitas]:
    """Both parties: the approval snapshots of an approved SKP, else today's data."""
    if skp.status is SkpStatus.DISETUJUI:
        pegawai = _snapshot(skp.pegawai_snapshot)
        penilai = _snapshot(skp.penilai_snapshot)
        if pegawai is not None:
            return pegawai, penilai or Identitas()
    return (
        parts.identities.get(skp.pegawai_id, Identitas()),
        parts.identities.get(skp.penilai_id or "", Identitas()),
    )


def _skp_data(skp: Skp, parts: _SkpParts) -> SkpData:
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
        version=_version(skp.vv),
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
        tanggal=_date_of(skp.disetujui_at),
    )


def skp_forms(session: Session, skps: Sequence[Skp]) -> list[SkpData]:
    """SKP form data for many SKPs, in bulk."""
    parts = _load_skp_parts(session, skps)
    return [_skp_data(skp, parts) for skp in skps]


# --- evaluation -----------------------------------------------------------------------------


def _feedback_text(frasa: str | None, teks: str) -> str:
    return " ".join(part for part in (frasa or "", teks) if part)


def evaluation_forms(
    session: Session, skps: Sequence[Skp], period: Periode, *, dokumen: bool
) -> list[EvaluasiData]:
    """Evaluation worksheet (or Dokumen Evaluasi) data for many SKPs in one period."""
    code = period.code
    parts = _load_skp_parts(session, skps)
    skp_ids = [s.id for s in skps]
    evaluations = {
        ev.skp_id: ev
        for (ev,) in _rows(
            session,
            lambda chunk: select(Evaluasi).where(
                Evaluasi.skp_id.in_(chunk), Evaluasi.periode == code, Evaluasi.deleted.is_(False)
            ),
            skp_ids,
        )
    }
    iki_ids = [i.id for rows in parts.iki.values() for i in rows]
    realisasi: dict[str, Realisasi] = {}
    for (row,) in _rows(
        session,
        lambda chunk: (
            select(Realisasi)
            .where(
                Realisasi.iki_id.in_(chunk), Realisasi.periode == code, Realisasi.deleted.is_(False)
            )
            .order_by(Realisasi.updated_at)
        ),
        iki_ids,
    ):
        realisasi[row.iki_id] = row
    feedback_iki: dict[str, list[str]] = defaultdict(list)
    feedback_rhk: dict[str, list[str]] = defaultdict(list)
    feedback_nilai: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ub, frasa in _rows(
        session,
        lambda chunk: (
            select(UmpanBalik, FrasaUmpanBalik.teks)
            .outerjoin(FrasaUmpanBalik, FrasaUmpanBalik.id == UmpanBalik.frasa_id)
            .where(
                UmpanBalik.skp_id.in_(chunk),
                UmpanBalik.periode == code,
                UmpanBalik.deleted.is_(False),
                UmpanBalik.balasan_untuk_id.is_(None),
            )
            .order_by(UmpanBalik.created_at)
        ),
        skp_ids,
    ):
        text = _feedback_text(frasa, ub.teks)
        if not text:
            continue
        if ub.iki_id:
            feedback_iki[ub.iki_id].append(text)
        elif ub.rhk_id:
            feedback_rhk[ub.rhk_id].append(text)
        elif ub.nilai_id:
            feedback_nilai[(ub.skp_id, ub.nilai_id)].append(text)
    person_units = dict(
        _rows(
            session,
            lambda chunk: select(Pegawai.id, Pegawai.unit_id).where(Pegawai.id.in_(chunk)),
            [s.pegawai_id for s in skps],
        )
    )
    unit_ids = {u for u in person_units.values() if u}
    capaian = dict(
        _rows(
            session,
            lambda chunk: select(
                CapaianKinerjaOrganisasi.unit_id, CapaianKinerjaOrganisasi.capaian
            ).where(
                CapaianKinerjaOrganisasi.unit_id.in_(chunk),
                CapaianKinerjaOrganisasi.periode == code,
                CapaianKinerjaOrganisasi.deleted.is_(False),
            ),
            unit_ids,
        )
    )
    distribusi = _unit_distributions(session, unit_ids, code)
    atasan_ids = {
        skp.pegawai_id: _penilai_of_penilai(session, skp)
        for skp in skps
        if not (skp.status is SkpStatus.DISETUJUI and skp.atasan_penilai_snapshot)
    }
    atasan_live = _identities(session, atasan_ids.values())
    out: list[EvaluasiData] = []
    kind = DokumenEvaluasiData if dokumen else EvaluasiData
    for skp in skps:
        base = _skp_data(skp, parts)
        rhks = []
        for rhk_row, rhk in zip(base.rhk, _ordered_rhk(parts, skp), strict=True):
            ikis = []
            for index, (iki_row, iki) in enumerate(
                zip(rhk_row.iki, parts.iki.get(rhk.id, []), strict=True)
            ):
                found = realisasi.get(iki.id)
                notes = list(feedback_iki.get(iki.id, []))
                if index == 0:
                    notes = feedback_rhk.get(rhk.id, []) + notes
                ikis.append(
                    replace(
                        iki_row,
                        realisasi_nilai=found.nilai if found else None,
                        realisasi_teks=found.teks if found else "",
                        umpan_balik="\n".join(notes),
                    )
                )
            rhks.append(replace(rhk_row, iki=tuple(ikis)))
        perilaku = tuple(
            replace(row, umpan_balik="\n".join(feedback_nilai.get((skp.id, nilai_id), [])))
            for row, (nilai_id, *_rest) in zip(base.perilaku, parts.perilaku, strict=True)
        )
        skp_data = replace(base, rhk=tuple(rhks), perilaku=perilaku)
        ev = evaluations.get(skp.id)
        unit_id = person_units.get(skp.pegawai_id)
        atasan = (
            _snapshot(skp.atasan_penilai_snapshot)
            if skp.pegawai_id not in atasan_ids
            else atasan_live.get(atasan_ids[skp.pegawai_id] or "")
        )
        out.append(
            kind(
                record_id=skp.id,
                version=_version(ev.vv) if ev else 0,
                periode=code,
                skp=skp_data,
                periode_mulai=max(period.mulai, skp.periode_mulai),
                periode_selesai=min(period.selesai, skp.periode_selesai),
                tahunan=period.tahunan,
                atasan_penilai=atasan or Identitas(),
                capaian_organisasi=capaian.get(unit_id) if unit_id else None,
                rating_hasil=ev.rating_hasil if ev else None,
                rating_perilaku=ev.rating_perilaku if ev else None,
                predikat=ev.predikat if ev else None,
                catatan=ev.catatan if ev else "",
                rekomendasi=ev.rekomendasi if ev else "",
                distribusi=distribusi.get(unit_id) if unit_id else None,
                tanggal=_date_of(ev.final_at) if ev else _today(),
            )
        )
    return out


def _ordered_rhk(parts: _SkpParts, skp: Skp) -> list[Rhk]:
    return sorted(
        parts.rhk.get(skp.id, []), key=lambda r: (r.jenis is not JenisRhk.UTAMA, r.urutan)
    )


def _penilai_of_penilai(session: Session, skp: Skp) -> str | None:
    if skp.penilai_id is None:
        return None
    return access.penilai_of(session, skp.penilai_id)


def _unit_distributions(
    session: Session, unit_ids: Iterable[str], code: str
) -> dict[str, Distribusi]:
    """Each unit's count of people per predikat in a period (one evaluation per person)."""
    rows = _rows(
        session,
        lambda chunk: (
            select(Pegawai.unit_id, Skp.pegawai_id, Evaluasi.predikat)
            .join(Skp, Skp.id == Evaluasi.skp_id)
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(
                Evaluasi.periode == code,
                Evaluasi.deleted.is_(False),
                Evaluasi.predikat.is_not(None),
                Skp.deleted.is_(False),
                Pegawai.unit_id.in_(chunk),
                Pegawai.aktif.is_(True),
                Pegawai.deleted.is_(False),
            )
            .order_by(Evaluasi.updated_at)
        ),
        unit_ids,
    )
    latest: dict[str, tuple[str, Predikat]] = {}
    for unit_id, pegawai_id, predikat in rows:
        latest[pegawai_id] = (unit_id, predikat)
    counts: dict[str, dict[Predikat, int]] = defaultdict(dict)
    for unit_id, predikat in latest.values():
        counts[unit_id][predikat] = counts[unit_id].get(predikat, 0) + 1
    return {
        unit_id: Distribusi(tuple((p, c[p]) for p in Predikat if p in c))
        for unit_id, c in counts.items()
    }


# --- coaching -------------------------------------------------------------------------------


def coaching_forms(
    session: Session, sessions: Sequence[SesiCoaching], which: Sequence[CoachingForm]
) -> list[CoachingData]:
    """The coaching forms of many sessions. Only SHARED notes are read: a private note
    (``CatatanSesi.privat``) is filtered out here in SQL and never reaches a form."""
    ids = [s.id for s in sessions]
    office = _office(session)
    agenda: dict[str, list[str]] = defaultdict(list)
    for sesi_id, teks in _rows(
        session,
        lambda chunk: (
            select(AgendaSesi.sesi_id, AgendaSesi.teks)
            .where(AgendaSesi.sesi_id.in_(chunk), AgendaSesi.deleted.is_(False))
            .order_by(AgendaSesi.urutan, AgendaSesi.created_at)
        ),
        ids,
    ):
        agenda[sesi_id].append(teks)
    notes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    note_rows = _rows(
        session,
        lambda chunk: (
            select(CatatanSesi.sesi_id, CatatanSesi.penulis_id, CatatanSesi.teks)
            .where(
                CatatanSesi.sesi_id.in_(chunk),
                CatatanSesi.privat.is_(False),
                CatatanSesi.deleted.is_(False),
            )
            .order_by(CatatanSesi.created_at)
        ),
        ids,
    )
    actions = _rows(
        session,
        lambda chunk: (
            select(AksiDisepakati)
            .where(AksiDisepakati.sesi_id.in_(chunk), AksiDisepakati.deleted.is_(False))
            .order_by(AksiDisepakati.created_at)
        ),
        ids,
    )
    people = {s.pegawai_id for s in sessions} | {s.coach_id for s in sessions}
    people |= {author for _sid, author, _t in note_rows}
    people |= {a.pelaksana_id for (a,) in actions}
    identities = _identities(session, people)
    for sesi_id, author, teks in note_rows:
        notes[sesi_id].append((identities.get(author, Identitas()).nama, teks))
    aksi: dict[str, list[Any]] = defaultdict(list)
    for (a,) in actions:
        who = identities.get(a.pelaksana_id, Identitas()).nama
        aksi[a.sesi_id].append((a.teks, who, a.tenggat, a.status))
    b18: dict[str, dict[int, UmpanBalikBimbingan]] = defaultdict(dict)
    for (row,) in _rows(
        session,
        lambda chunk: select(UmpanBalikBimbingan).where(
            UmpanBalikBimbingan.sesi_id.in_(chunk), UmpanBalikBimbingan.deleted.is_(False)
        ),
        ids,
    ):
        b18[row.sesi_id][row.nomor] = row
    b19: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for (row,) in _rows(
        session,
        lambda chunk: (
            select(EvaluasiKompetensi)
            .where(EvaluasiKompetensi.sesi_id.in_(chunk), EvaluasiKompetensi.deleted.is_(False))
            .order_by(EvaluasiKompetensi.urutan)
        ),
        ids,
    ):
        b19[row.sesi_id].append((row.kompetensi, row.skor, row.alasan))
    topics = dict(
        _rows(
            session,
            lambda chunk: select(Rhk.id, Rhk.teks).where(Rhk.id.in_(chunk)),
            (s.rhk_id for s in sessions if s.rhk_id),
        )
    )
    nilai = dict(session.execute(select(PerilakuNilai.id, PerilakuNilai.nama)).all())
    out: list[CoachingData] = []
    for sesi in sessions:
        info = SesiInfo(
            jenis=sesi.jenis,
            tanggal=sesi.tanggal,
            waktu=sesi.waktu,
            tempat=sesi.tempat,
            topik=topics.get(sesi.rhk_id or "", "") or nilai.get(sesi.nilai_id or "", ""),
            hadir_lain=sesi.hadir_lain,
            ringkasan=sesi.ringkasan,
            agenda=tuple(agenda.get(sesi.id, [])),
            catatan=tuple(notes.get(sesi.id, [])),
            aksi=tuple(aksi.get(sesi.id, [])),
        )
        common: dict[str, Any] = {
            "record_id": sesi.id,
            "version": _version(sesi.vv),
            "periode": "",
            "instansi": office.nama,
            "sesi": info,
            "pegawai": identities.get(sesi.pegawai_id, Identitas()),
            "coach": identities.get(sesi.coach_id, Identitas()),
            "kota": office.kota,
        }
        for form in which:
            if form is CoachingForm.RECORD:
                out.append(SesiData(**common))
            elif form is CoachingForm.B18:
                answers = b18.get(sesi.id, {})
                jawaban = tuple(
                    (
                        nomor,
                        statement,
                        answers[nomor].jawaban if nomor in answers else None,
                        answers[nomor].keterangan if nomor in answers else "",
                    )
                    for nomor, statement in enumerate(B18_STATEMENTS, start=1)
                )
                out.append(B18Data(**common, jawaban=jawaban))
            else:
                out.append(B19Data(**common, kompetensi=tuple(b19.get(sesi.id, []))))
    return out


def _sessions(
    session: Session, actor: Actor, request: PrintRequest, period: Periode | None
) -> list[SesiCoaching]:
    if request.sesi_id:
        sesi = session.get(SesiCoaching, request.sesi_id)
        if sesi is None or sesi.deleted:
            raise NotFoundError(_("This coaching session does not exist (any more)."))
        if not (
            access.is_self(actor, sesi.coach_id)
            or access.can_read_performance(session, actor, sesi.pegawai_id)
        ):
            raise access.deny(
                _("Only the coach, the pegawai and their superiors may open this session.")
            )
        return [sesi]
    people = _people(session, actor, request)
    assert period is not None
    query = (
        select(SesiCoaching)
        .where(
            SesiCoaching.pegawai_id.in_([p.id for p in people]),
            SesiCoaching.deleted.is_(False),
            SesiCoaching.tanggal >= period.mulai,
            SesiCoaching.tanggal <= period.selesai,
        )
        .order_by(SesiCoaching.tanggal, SesiCoaching.waktu)
    )
    return list(session.execute(query).scalars())


# --- predikat -------------------------------------------------------------------------------


def predikat_form(session: Session, actor: Actor, unit_kode: str, period: Periode) -> PredikatData:
    """The Penetapan Predikat Kinerja of a unit (with its sub-units) for a period."""
    unit = unit_scope.unit_by_code(session, unit_kode)
    unit_scope.require_unit_reader(session, actor, unit.id)
    ids = unit_scope.subtree_ids(session, unit.id)
    code = period.code
    rows = session.execute(
        select(Pegawai.id, Evaluasi)
        .join(Skp, Skp.pegawai_id == Pegawai.id)
        .join(Evaluasi, Evaluasi.skp_id == Skp.id)
        .where(
            Pegawai.unit_id.in_(ids),
            Pegawai.aktif.is_(True),
            Pegawai.deleted.is_(False),
            Skp.deleted.is_(False),
            Evaluasi.periode == code,
            Evaluasi.deleted.is_(False),
        )
        .order_by(Evaluasi.updated_at)
    ).all()
    latest: dict[str, Evaluasi] = {pegawai_id: ev for pegawai_id, ev in rows}
    head = unit_scope.head_of(session, unit.id)
    identities = _identities(session, [*latest, head])
    ordered = sorted(latest, key=lambda pid: identities[pid].nama)
    counts: dict[Predikat, int] = {}
    for ev in latest.values():
        if ev.predikat is not None:
            counts[ev.predikat] = counts.get(ev.predikat, 0) + 1
    capaian = session.execute(
        select(CapaianKinerjaOrganisasi).where(
            CapaianKinerjaOrganisasi.unit_id == unit.id,
            CapaianKinerjaOrganisasi.periode == code,
            CapaianKinerjaOrganisasi.deleted.is_(False),
        )
    ).scalar_one_or_none()
    office = _office(session)
    return PredikatData(
        record_id=unit.id,
        version=_version(capaian.vv) if capaian else 0,
        periode=code,
        instansi=office.nama,
        unit_nama=unit.nama,
        periode_mulai=period.mulai,
        periode_selesai=period.selesai,
        tahunan=period.tahunan,
        capaian_organisasi=capaian.capaian if capaian else None,
        rows=tuple(
            PredikatRow(
                nama=identities[pid].nama,
                nip=identities[pid].nip,
                jabatan=identities[pid].jabatan,
                rating_hasil=latest[pid].rating_hasil,
                rating_perilaku=latest[pid].rating_perilaku,
                predikat=latest[pid].predikat,
            )
            for pid in ordered
        ),
        distribusi=Distribusi(tuple((p, counts[p]) for p in Predikat if p in counts)),
        pimpinan=identities.get(head or "", Identitas()),
        tempat=office.kota,
        tanggal=_today(),
    )


# --- the public entry points ----------------------------------------------------------------


def load_forms(
    db: Database,
    *,
    actor: Actor,
    request: PrintRequest,
    progress: Progress | None = None,
) -> list[FormData]:
    """The data of every form a request names, loaded in bulk. Raises ``NotFoundError``
    with what to do when there is nothing to print."""
    progress = progress or NullProgress()
    period = parse(request.periode) if request.periode else None
    with db.read(actor) as session:
        progress.update(0, 1, _("Loading the data…"))
        check_cancel(progress)
        result: Sequence[FormData]
        if request.kind is FormKind.PREDIKAT:
            if not request.unit_kode or period is None:
                raise ValidationError(
                    _("The predikat decision needs a unit code and a period."), field="unit"
                )
            result = [predikat_form(session, actor, request.unit_kode, period)]
        elif request.kind is FormKind.COACHING:
            if not request.sesi_id and period is None:
                raise ValidationError(_("Give a session, or a period."), field="periode")
            sessions = _sessions(session, actor, request, period)
            result = coaching_forms(session, sessions, request.coaching_forms)
        else:
            if period is None:
                raise ValidationError(_("Give the period (e.g. 2026 or 2026-S1)."), field="periode")
            people = _people(session, actor, request)
            if request.kind is FormKind.SKP:
                result = skp_forms(session, _skps_for_year(session, people, period.tahun))
            else:
                dokumen = request.kind is FormKind.DOKUMEN_EVALUASI
                skps = _skps_for_period(session, people, period)
                result = evaluation_forms(session, skps, period, dokumen=dokumen)
        if not result:
            raise NotFoundError(_nothing_message(request))
        progress.update(1, 1, "")
        return list(result)


def _nothing_message(request: PrintRequest) -> str:
    if request.kind is FormKind.SKP:
        return _("There is no SKP for this year to print. Draft the SKP first.")
    if request.kind is FormKind.COACHING:
        return _("There is no coaching session in this period to print.")
    return _(
        "There is no approved SKP covering this period to print. The SKP must be approved "
        "before it can be evaluated."
    )


def render_forms(
    data: Sequence[FormData],
    out: Path,
    *,
    language: str = "id",
    paper: str = "A4",
    progress: Progress | None = None,
) -> PrintResult:
    """Render form data into ``out``: written to a temporary name, renamed when complete;
    a cancel or an error leaves no partial file behind."""
    progress = progress or NullProgress()
    if paper not in PAPER_SIZES:
        raise ValidationError(
            _("Unknown paper size '{paper}'. Use A4 or F4 (215 x 330 mm).").format(paper=paper),
            field="paper",
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    total = len(data)

    def on_form(index: int) -> None:
        check_cancel(progress)
        progress.update(index, total, _("Form {n} of {total}").format(n=index + 1, total=total))

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            forms.render(data, fh, language=language, paper=paper, on_form=on_form)
        check_cancel(progress)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    progress.update(total, total, "")
    return PrintResult(path=out, forms=total)


def print_to_file(
    db: Database,
    *,
    actor: Actor,
    request: PrintRequest,
    out: Path,
    language: str = "id",
    paper: str | None = None,
    progress: Progress | None = None,
) -> PrintResult:
    """Load and render the forms of ``request`` into one PDF at ``out``."""
    chosen = paper or paper_size(db, actor=actor)
    data = load_forms(db, actor=actor, request=request, progress=progress)
    return render_forms(data, out, language=language, paper=chosen, progress=progress)


# --- verification ---------------------------------------------------------------------------


class VerifyStatus(StrEnum):
    VALID = "valid"
    CHANGED = "changed"
    UNKNOWN = "unknown"
    INVALID = "invalid"


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    message: str
    kind: str = ""
    record_id: str = ""
    periode: str = ""
    printed_version: int | None = None
    current_version: int | None = None


_KIND_MODEL: dict[str, Any] = {
    "S": Skp,
    "E": Skp,
    "D": Skp,
    "B8": SesiCoaching,
    "B9": SesiCoaching,
    "C": SesiCoaching,
    "P": UnitKerja,
}


def verify(db: Database, code: str, *, actor: Actor = SYSTEM) -> VerifyResult:
    """Check a printed verification code (the QR payload or the short code) against the data
    held now: ``valid`` when the printed content is what the data says today, ``changed``
    when the record exists but its content differs, ``unknown`` when no record matches."""
    parsed = parse_code(code)
    if parsed is None or parsed.kind not in _KIND_MODEL:
        return VerifyResult(VerifyStatus.INVALID, _("This is not a Kinerja Desktop form code."))
    model = _KIND_MODEL[parsed.kind]
    with db.read(actor) as session:
        if parsed.full:
            candidates = [parsed.record_prefix]
        else:
            candidates = list(
                session.execute(
                    select(model.id).where(model.id.like(f"{parsed.record_prefix}%"))
                ).scalars()
            )
        for record_id in candidates:
            data = _rebuild(session, parsed.kind, record_id, parsed.periode or "")
            if data is None:
                continue
            current = verification_code(data)
            if matches(parsed, current):
                return VerifyResult(
                    VerifyStatus.VALID,
                    _("The printed form matches the data held (version {v}).").format(
                        v=current.version
                    ),
                    parsed.kind,
                    record_id,
                    current.periode,
                    parsed.version,
                    current.version,
                )
            return VerifyResult(
                VerifyStatus.CHANGED,
                _(
                    "The record exists but its data changed since printing (printed version "
                    "{printed}, now {now}): print the form again to get the current content."
                ).format(printed=parsed.version, now=current.version),
                parsed.kind,
                record_id,
                current.periode,
                parsed.version,
                current.version,
            )
    return VerifyResult(
        VerifyStatus.UNKNOWN,
        _("No record here matches this code; it may belong to data not yet received."),
        parsed.kind,
    )


def _rebuild(session: Session, kind: str, record_id: str, periode: str) -> FormData | None:
    """The form data of one record as it would print now (``None`` if it does not exist)."""
    if kind in ("S", "E", "D"):
        skp = session.get(Skp, record_id)
        if skp is None or skp.deleted:
            return None
        if kind == "S":
            return skp_forms(session, [skp])[0]
        return evaluation_forms(session, [skp], parse(periode), dokumen=kind == "D")[0]
    if kind == "P":
        unit = session.get(UnitKerja, record_id)
        if unit is None or unit.deleted:
            return None
        return predikat_form(session, SYSTEM, unit.kode, parse(periode))
    sesi = session.get(SesiCoaching, record_id)
    if sesi is None or sesi.deleted:
        return None
    which = {"C": CoachingForm.RECORD, "B8": CoachingForm.B18, "B9": CoachingForm.B19}[kind]
    return coaching_forms(session, [sesi], [which])[0]
