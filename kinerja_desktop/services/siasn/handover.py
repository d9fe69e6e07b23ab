"""The hand-over to SIASN / e-Kinerja: who can be handed over for a period, and their
payloads.

``prepare`` reads, for a period and a unit (with its sub-units) or the whole office, every
active pegawai and sorts them into the ready (an approved SKP covering the period, a final
evaluation and everything a payload needs) and the blocked (with every reason). The
payloads carry exactly the field names of ``skp22/save`` (the year) or
``kinerjaperiodik/save`` (a month or a quarter), coded by ``services.siasn.codes``. Nothing
here calls the SIASN web service: ``services.siasn.export`` writes files an operator uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import (
    EvaluasiStatus,
    JenisJabatan,
    JenjangJabatan,
    Predikat,
    Ritme,
    SkpStatus,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import RitmePeriode
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.siasn import SerahSiasn
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access, unit_scope
from kinerja_desktop.services.core.periods import Periode, parse
from kinerja_desktop.services.evaluation.angka_kredit import koefisien
from kinerja_desktop.services.people.penilai import STATUS_ASN, PenilaiInfo, penilai_info_in
from kinerja_desktop.services.siasn import codes

_CHUNK = 900


class Jenis(StrEnum):
    """The payload kind: the SIASN endpoint a period's results go to."""

    SKP22 = "skp22"
    PERIODIK = "kinerjaperiodik"


class Masalah(StrEnum):
    """Why a person cannot be handed over."""

    TANPA_SKP = "tanpa_skp"
    TANPA_EVALUASI = "tanpa_evaluasi"
    BELUM_FINAL = "belum_final"
    TANPA_PENILAI = "tanpa_penilai"
    JENJANG_AK = "jenjang_ak"
    KOEFISIEN = "koefisien"
    SEMESTER = "semester"


_MESSAGES = {
    Masalah.TANPA_SKP: N_(
        "No approved SKP covers this period; the SKP must be approved before it is evaluated."
    ),
    Masalah.TANPA_EVALUASI: N_("There is no evaluation for this period yet."),
    Masalah.BELUM_FINAL: N_("The evaluation is not final yet; the pejabat penilai finalises it."),
    Masalah.TANPA_PENILAI: N_(
        "No pejabat penilai is recorded; set the appraising official in the people list."
    ),
    Masalah.JENJANG_AK: N_(
        "The position is a JF but its jenjang earns no known angka kredit coefficient; "
        "correct the jenjang of the position."
    ),
    Masalah.KOEFISIEN: N_(
        "SIASN's koefisienId for this jenjang and predikat is not known (only the Baik rows "
        "were found); hand this result over by hand in SIASN."
    ),
    Masalah.SEMESTER: N_(
        "SIASN has no periodik code for a semester (only monthly and quarterly). Hand over "
        "the year, or change the year's rhythm (Monitoring > Rhythm, or "
        "kinerja eval ritme --year YEAR --set triwulanan)."
    ),
}


def masalah_text(masalah: Masalah) -> str:
    """The people-facing explanation of a reason, with what to do."""
    return _(_MESSAGES[masalah])


@dataclass(frozen=True)
class Person:
    """One pegawai of the hand-over: identity, unit, and their evaluation if any."""

    pegawai_id: str
    nip: str
    nama: str
    unit_kode: str
    unit_nama: str
    jabatan: str
    skp_id: str
    evaluasi_id: str | None
    predikat: Predikat | None


@dataclass(frozen=True)
class Ready:
    """A person whose result can be handed over, with the payload (without the document)."""

    person: Person
    versi: int
    payload: dict[str, Any]
    handed_over_at: dt.datetime | None
    changed_since: bool


@dataclass(frozen=True)
class Blocked:
    """A person who cannot be handed over, with every reason."""

    person: Person
    reasons: tuple[Masalah, ...]

    def messages(self) -> list[str]:
        return [masalah_text(m) for m in self.reasons]


@dataclass(frozen=True)
class HandoverReport:
    """The validation report of a period: the ready and the blocked, and the payload kind."""

    periode: str
    periode_label: str
    jenis: Jenis
    unit_kode: str
    ready: tuple[Ready, ...]
    blocked: tuple[Blocked, ...]
    ritme_note: str

    @property
    def complete(self) -> bool:
        return not self.blocked


def record_version(vv: dict[str, Any] | None) -> int:
    """An evaluation's version: the sum of its version vector (grows with every change)."""
    return sum(int(v) for v in (vv or {}).values())


def jenis_of(period: Periode) -> Jenis:
    return Jenis.SKP22 if period.tahunan else Jenis.PERIODIK


def _in_chunks(session: Session, make: Any, ids: Iterable[str]) -> list[Any]:
    unique = sorted({i for i in ids if i})
    rows: list[Any] = []
    for start in range(0, len(unique), _CHUNK):
        rows.extend(session.execute(make(unique[start : start + _CHUNK])).all())
    return rows


def _scope_people(session: Session, actor: Actor, unit_kode: str) -> list[Pegawai]:
    query = select(Pegawai).where(Pegawai.aktif.is_(True), Pegawai.deleted.is_(False))
    if unit_kode:
        unit = unit_scope.unit_by_code(session, unit_kode)
        unit_scope.require_unit_reader(session, actor, unit.id)
        query = query.where(Pegawai.unit_id.in_(unit_scope.subtree_ids(session, unit.id)))
    return list(session.execute(query.order_by(Pegawai.nama, Pegawai.nip)).scalars())


def _skps(session: Session, ids: Sequence[str], period: Periode) -> dict[str, list[Skp]]:
    found: dict[str, list[Skp]] = {}
    for (skp,) in _in_chunks(
        session,
        lambda chunk: (
            select(Skp)
            .where(
                Skp.pegawai_id.in_(chunk),
                Skp.deleted.is_(False),
                Skp.status == SkpStatus.DISETUJUI,
                Skp.periode_mulai <= period.selesai,
                Skp.periode_selesai >= period.mulai,
            )
            .order_by(Skp.periode_mulai)
        ),
        ids,
    ):
        found.setdefault(skp.pegawai_id, []).append(skp)
    return found


def _evaluations(session: Session, skp_ids: Iterable[str], code: str) -> dict[str, Evaluasi]:
    return {
        ev.skp_id: ev
        for (ev,) in _in_chunks(
            session,
            lambda chunk: select(Evaluasi).where(
                Evaluasi.skp_id.in_(chunk), Evaluasi.periode == code, Evaluasi.deleted.is_(False)
            ),
            skp_ids,
        )
    }


def _last_handovers(session: Session, evaluasi_ids: Iterable[str]) -> dict[str, SerahSiasn]:
    latest: dict[str, SerahSiasn] = {}
    for (row,) in _in_chunks(
        session,
        lambda chunk: (
            select(SerahSiasn).where(SerahSiasn.evaluasi_id.in_(chunk)).order_by(SerahSiasn.at)
        ),
        evaluasi_ids,
    ):
        latest[row.evaluasi_id] = row
    return latest


def _ritme(session: Session, tahun: int) -> Ritme | None:
    return session.execute(
        select(RitmePeriode.ritme).where(
            RitmePeriode.tahun == tahun, RitmePeriode.deleted.is_(False)
        )
    ).scalar_one_or_none()


def _choose(skps: list[Skp], evaluations: dict[str, Evaluasi]) -> tuple[Skp, Evaluasi | None]:
    """The SKP whose evaluation counts: a final one first, then any, then the latest SKP."""
    with_final = [
        s for s in skps if (e := evaluations.get(s.id)) and e.status is EvaluasiStatus.FINAL
    ]
    if with_final:
        return with_final[-1], evaluations[with_final[-1].id]
    with_any = [s for s in skps if s.id in evaluations]
    chosen = with_any[-1] if with_any else skps[-1]
    return chosen, evaluations.get(chosen.id)


def penilai_of(
    session: Session, skp: Skp, penilai: Pegawai | None, pegawai_id: str
) -> PenilaiInfo | None:
    """Who appraised: the ASN penilai of the evaluation or the SKP (as the SKP's approval
    snapshot names them; golongan of today), else what ``penilai_info_in`` records for the
    pegawai: a non-ASN official (a Bupati for a JPT: blank NIP and golongan) or their ASN
    penilai. ``None``: no penilai at all."""
    if penilai is None:
        return penilai_info_in(session, pegawai_id)
    snapshot = skp.penilai_snapshot or {}
    return PenilaiInfo(
        status_penilai=STATUS_ASN,
        nama=snapshot.get("nama") or penilai.nama_lengkap,
        nip=snapshot.get("nip") or penilai.nip,
        golongan=penilai.golongan,
        pangkat="",
        jabatan=snapshot.get("jabatan") or (penilai.jabatan.nama if penilai.jabatan else ""),
        unit=snapshot.get("unit") or (penilai.unit.nama if penilai.unit else ""),
        pegawai_id=penilai.id,
    )


def _penilai_fields(info: PenilaiInfo, jenis: Jenis) -> dict[str, Any]:
    return {
        "penilaiNama": info.nama,
        "penilaiNipNrp": info.nip,
        "penilaiGolongan": info.golongan,
        "penilaiJabatan" if jenis is Jenis.SKP22 else "penilaiJabatanNama": info.jabatan,
        "penilaiUnorNama": info.unit,
        "statusPenilai": codes.status_penilai(penilai_is_asn=not info.non_asn),
    }


def build_payload(
    *,
    period: Periode,
    skp: Skp,
    ev: Evaluasi,
    penilai: PenilaiInfo,
    jenjang: JenjangJabatan | None,
    is_jf: bool,
) -> dict[str, Any]:
    """The payload of one final evaluation, its fields in SIASN's order; ``path`` is empty
    until the export adds the Dokumen Evaluasi. ``id`` (SIASN's record id) and the person's
    SIASN id are not known offline: they are ``null`` and filled when posting (by NIP)."""
    assert ev.rating_hasil is not None and ev.rating_perilaku is not None
    assert ev.predikat is not None
    jenis = jenis_of(period)
    values: dict[str, Any] = {
        "id": None,
        "tahun": period.tahun,
        "hasilKinerjaNilai": codes.rating_code(ev.rating_hasil),
        "perilakuKerjaNilai": codes.rating_code(ev.rating_perilaku),
        "kuadranKinerjaNilai": codes.kuadran_code(ev.predikat),
        **_penilai_fields(penilai, jenis),
        "path": [],
    }
    if jenis is Jenis.SKP22:
        values["pnsDinilaiOrang"] = None
        fields = codes.SKP22_FIELDS
    else:
        start = max(period.mulai, skp.periode_mulai)
        end = min(period.selesai, skp.periode_selesai)
        values.update(
            bulanMulaiPenilaian=start.month,
            tahunMulaiPenilaian=start.year,
            bulanSelesaiPenilaian=end.month,
            tahunSelesaiPenilaian=end.year,
            koefisienId=codes.koefisien_id(jenjang, ev.predikat) if is_jf and jenjang else None,
            periodikId=codes.periodik_id(period),
            pnsDinilaiId=None,
        )
        fields = codes.PERIODIK_FIELDS
    return {name: values[name] for name in fields}


def _reasons(
    period: Periode,
    ev: Evaluasi | None,
    penilai: PenilaiInfo | None,
    jenjang: JenjangJabatan | None,
    is_jf: bool,
) -> list[Masalah]:
    reasons: list[Masalah] = []
    if not period.tahunan and codes.periodik_id(period) is None:
        reasons.append(Masalah.SEMESTER)
    if ev is None:
        reasons.append(Masalah.TANPA_EVALUASI)
    elif ev.status is not EvaluasiStatus.FINAL or ev.predikat is None:
        reasons.append(Masalah.BELUM_FINAL)
    if penilai is None:
        reasons.append(Masalah.TANPA_PENILAI)
    if is_jf and koefisien(jenjang) is None:
        reasons.append(Masalah.JENJANG_AK)
    elif (
        is_jf
        and not period.tahunan
        and ev is not None
        and ev.predikat is not None
        and jenjang is not None
        and codes.koefisien_id(jenjang, ev.predikat) is None
    ):
        reasons.append(Masalah.KOEFISIEN)
    return reasons


def prepare(db: Database, *, actor: Actor, periode: str, unit_kode: str = "") -> HandoverReport:
    """The validation report and payloads of a period (pengelola kinerja only)."""
    access.require_pengelola(actor)
    period = parse(periode)
    with db.read(actor) as session:
        return _prepare(session, actor, period, unit_kode.strip())


def _prepare(session: Session, actor: Actor, period: Periode, unit_kode: str) -> HandoverReport:
    people = _scope_people(session, actor, unit_kode)
    skps = _skps(session, [p.id for p in people], period)
    evaluations = _evaluations(session, (s.id for rows in skps.values() for s in rows), period.code)
    penilai_ids = {ev.penilai_id for ev in evaluations.values() if ev.penilai_id}
    penilai_ids |= {s.penilai_id for rows in skps.values() for s in rows if s.penilai_id}
    penilai = {
        p.id: p
        for (p,) in _in_chunks(
            session, lambda chunk: select(Pegawai).where(Pegawai.id.in_(chunk)), penilai_ids
        )
    }
    jabatan = {
        j.id: j
        for (j,) in _in_chunks(
            session,
            lambda chunk: select(Jabatan).where(Jabatan.id.in_(chunk)),
            (p.jabatan_id for p in people if p.jabatan_id),
        )
    }
    units = {u.id: u for u in session.execute(select(UnitKerja)).scalars()}
    handovers = _last_handovers(session, (ev.id for ev in evaluations.values()))
    ready: list[Ready] = []
    blocked: list[Blocked] = []
    for person in people:
        job = jabatan.get(person.jabatan_id or "")
        unit = units.get(person.unit_id or "")
        if person.id not in skps:
            blocked.append(Blocked(_person_row(person, unit, job), (Masalah.TANPA_SKP,)))
            continue
        skp, ev = _choose(skps[person.id], evaluations)
        is_jf = (job.jenis if job else skp.jenis_jabatan) is JenisJabatan.JF
        jenjang = job.jenjang if job else None
        penilai_id = (ev.penilai_id if ev else None) or skp.penilai_id
        who = penilai_of(session, skp, penilai.get(penilai_id or ""), person.id)
        row = _person_row(person, unit, job, skp, ev)
        reasons = _reasons(period, ev, who, jenjang, is_jf)
        if reasons:
            blocked.append(Blocked(row, tuple(reasons)))
            continue
        assert ev is not None and who is not None
        versi = record_version(ev.vv)
        last = handovers.get(ev.id)
        ready.append(
            Ready(
                person=row,
                versi=versi,
                payload=build_payload(
                    period=period, skp=skp, ev=ev, penilai=who, jenjang=jenjang, is_jf=is_jf
                ),
                handed_over_at=last.at if last else None,
                changed_since=last is not None and last.versi != versi,
            )
        )
    return HandoverReport(
        periode=period.code,
        periode_label=period.label(),
        jenis=jenis_of(period),
        unit_kode=unit_kode,
        ready=tuple(ready),
        blocked=tuple(blocked),
        ritme_note=_ritme_note(session, period),
    )


def _person_row(
    person: Pegawai,
    unit: UnitKerja | None,
    job: Jabatan | None,
    skp: Skp | None = None,
    ev: Evaluasi | None = None,
) -> Person:
    return Person(
        pegawai_id=person.id,
        nip=person.nip,
        nama=person.nama_lengkap,
        unit_kode=unit.kode if unit else "",
        unit_nama=unit.nama if unit else "",
        jabatan=job.nama if job else "",
        skp_id=skp.id if skp else "",
        evaluasi_id=ev.id if ev else None,
        predikat=ev.predikat if ev else None,
    )


def _ritme_note(session: Session, period: Periode) -> str:
    """Why only the annual result goes to SIASN in a semesteran year, or ""."""
    if _ritme(session, period.tahun) is not Ritme.SEMESTERAN:
        return ""
    return _(
        "The rhythm of {year} is semesteran, for which SIASN has no periodik code: only the "
        "annual result can be handed over. Change it with kinerja eval ritme --year {year} "
        "--set triwulanan (or bulanan)."
    ).format(year=period.tahun)


@dataclass(frozen=True)
class HandoverState:
    """Whether an evaluation has left for SIASN, when, in which export, and if it changed."""

    at: dt.datetime
    export_id: str
    folder: str
    changed_since: bool


def evaluation_state(db: Database, *, actor: Actor, evaluasi_id: str) -> HandoverState | None:
    """The latest hand-over of an evaluation (``None``: never handed over)."""
    with db.read(actor) as session:
        ev = session.get(Evaluasi, evaluasi_id)
        if ev is None:
            return None
        skp = session.get(Skp, ev.skp_id)
        if skp is None or not access.can_read_performance(session, actor, skp.pegawai_id):
            return None
        last = _last_handovers(session, [evaluasi_id]).get(evaluasi_id)
        if last is None:
            return None
        return HandoverState(
            at=last.at,
            export_id=last.export_id,
            folder=last.folder,
            changed_since=last.versi != record_version(ev.vv),
        )
