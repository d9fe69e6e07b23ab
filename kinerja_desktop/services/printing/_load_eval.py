"""Bulk loading of the evaluation forms: the evaluation worksheet, the Dokumen Evaluasi
and the unit's Penetapan Predikat Kinerja.

Evaluation forms are the SKP form of ``printing_load_skp`` with the period's realisations,
feedback and ratings added; the predikat decision needs the unit's reader.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError
from kinerja_desktop.forms.data import (
    Distribusi,
    DokumenEvaluasiData,
    EvaluasiData,
    Identitas,
    KeberatanData,
    PredikatData,
    PredikatRow,
    SkpData,
)
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    CapaianOrganisasi,
    EvaluasiStatus,
    JenisRhk,
    Predikat,
    SkpStatus,
)
from kinerja_desktop.models.evaluation import CapaianKinerjaOrganisasi, Evaluasi, KeberatanEvaluasi
from kinerja_desktop.models.monitoring import FrasaUmpanBalik, Realisasi, UmpanBalik
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Rhk, Skp
from kinerja_desktop.services.core import access, unit_scope
from kinerja_desktop.services.core.periods import Periode, parse
from kinerja_desktop.services.evaluation.distribution import latest_predikat
from kinerja_desktop.services.printing._load import (
    date_of,
    load_identities,
    load_office,
    record_version,
    rows_in_chunks,
    snapshot_identity,
    today,
)
from kinerja_desktop.services.printing._load_skp import SkpParts, load_skp_parts, skp_form_data

# --- evaluation -----------------------------------------------------------------------------


def _feedback_text(frasa: str | None, teks: str) -> str:
    return " ".join(part for part in (frasa or "", teks) if part)


@dataclass(frozen=True)
class _Feedback:
    """The period's feedback texts, by IKI, by RHK and by (SKP, work-behaviour value)."""

    iki: dict[str, list[str]]
    rhk: dict[str, list[str]]
    nilai: dict[tuple[str, str], list[str]]


def evaluation_forms(
    session: Session, skps: Sequence[Skp], period: Periode, *, dokumen: bool
) -> list[EvaluasiData]:
    """Evaluation worksheet (or Dokumen Evaluasi) data for many SKPs in one period."""
    code = period.code
    parts = load_skp_parts(session, skps)
    skp_ids = [s.id for s in skps]
    evaluations = _load_evaluations(session, skp_ids, code)
    realisasi = _load_realisasi(session, [i.id for rows in parts.iki.values() for i in rows], code)
    feedback = _load_feedback(session, skp_ids, code)
    person_units = dict(
        rows_in_chunks(
            session,
            lambda chunk: select(Pegawai.id, Pegawai.unit_id).where(Pegawai.id.in_(chunk)),
            [s.pegawai_id for s in skps],
        )
    )
    unit_ids = {u for u in person_units.values() if u}
    capaian = _load_capaian(session, unit_ids, code)
    distribusi = _unit_distributions(session, unit_ids, code)
    atasan_ids = {
        skp.pegawai_id: _penilai_of_penilai(session, skp)
        for skp in skps
        if not (skp.status is SkpStatus.DISETUJUI and skp.atasan_penilai_snapshot)
    }
    atasan_live = load_identities(session, atasan_ids.values())
    out: list[EvaluasiData] = []
    kind = DokumenEvaluasiData if dokumen else EvaluasiData
    for skp in skps:
        ev = evaluations.get(skp.id)
        unit_id = person_units.get(skp.pegawai_id)
        atasan = (
            snapshot_identity(skp.atasan_penilai_snapshot)
            if skp.pegawai_id not in atasan_ids
            else atasan_live.get(atasan_ids[skp.pegawai_id] or "")
        )
        out.append(
            kind(
                record_id=skp.id,
                version=record_version(ev.vv) if ev else 0,
                periode=code,
                skp=_skp_with_realisations(skp, parts, realisasi, feedback),
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
                tanggal=date_of(ev.final_at) if ev else today(),
            )
        )
    return out


def _load_evaluations(session: Session, skp_ids: list[str], code: str) -> dict[str, Evaluasi]:
    """Each SKP's evaluation of the period."""
    return {
        ev.skp_id: ev
        for (ev,) in rows_in_chunks(
            session,
            lambda chunk: select(Evaluasi).where(
                Evaluasi.skp_id.in_(chunk), Evaluasi.periode == code, Evaluasi.deleted.is_(False)
            ),
            skp_ids,
        )
    }


def _load_realisasi(session: Session, iki_ids: list[str], code: str) -> dict[str, Realisasi]:
    """Each IKI's realisation of the period (the latest written, if several)."""
    realisasi: dict[str, Realisasi] = {}
    for (row,) in rows_in_chunks(
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
    return realisasi


def _load_feedback(session: Session, skp_ids: list[str], code: str) -> _Feedback:
    """The period's feedback on the SKPs (not the replies to it), oldest first."""
    feedback = _Feedback(defaultdict(list), defaultdict(list), defaultdict(list))
    for ub, frasa in rows_in_chunks(
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
            feedback.iki[ub.iki_id].append(text)
        elif ub.rhk_id:
            feedback.rhk[ub.rhk_id].append(text)
        elif ub.nilai_id:
            feedback.nilai[(ub.skp_id, ub.nilai_id)].append(text)
    return feedback


def _load_capaian(session: Session, unit_ids: set[str], code: str) -> dict[str, CapaianOrganisasi]:
    """Each unit's organisational achievement of the period."""
    return dict(
        rows_in_chunks(
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


def _skp_with_realisations(
    skp: Skp, parts: SkpParts, realisasi: dict[str, Realisasi], feedback: _Feedback
) -> SkpData:
    """The SKP form's data with each IKI's realisation and the feedback added: an RHK's
    feedback goes before its first IKI's, a work-behaviour value's on its row."""
    base = skp_form_data(skp, parts)
    rhks = []
    for rhk_row, rhk in zip(base.rhk, _ordered_rhk(parts, skp), strict=True):
        ikis = []
        for index, (iki_row, iki) in enumerate(
            zip(rhk_row.iki, parts.iki.get(rhk.id, []), strict=True)
        ):
            found = realisasi.get(iki.id)
            notes = list(feedback.iki.get(iki.id, []))
            if index == 0:
                notes = feedback.rhk.get(rhk.id, []) + notes
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
        replace(row, umpan_balik="\n".join(feedback.nilai.get((skp.id, nilai_id), [])))
        for row, (nilai_id, *_rest) in zip(base.perilaku, parts.perilaku, strict=True)
    )
    return replace(base, rhk=tuple(rhks), perilaku=perilaku)


def _ordered_rhk(parts: SkpParts, skp: Skp) -> list[Rhk]:
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
    counts: dict[str, dict[Predikat, int]] = defaultdict(dict)
    for one in latest_predikat(session, unit_ids, code).values():
        counts[one.unit_id][one.predikat] = counts[one.unit_id].get(one.predikat, 0) + 1
    return {
        unit_id: Distribusi(tuple((p, c[p]) for p in Predikat if p in c))
        for unit_id, c in counts.items()
    }


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
    # signed by the leader who sets the unit's organisational predikat: one level above
    head = unit_scope.head_of(session, unit.parent_id) if unit.parent_id else None
    identities = load_identities(session, [*latest, head])
    ordered = sorted(latest, key=lambda pid: identities[pid].nama)
    final = [pid for pid in ordered if latest[pid].status is EvaluasiStatus.FINAL]
    drafts = [pid for pid in ordered if latest[pid].status is not EvaluasiStatus.FINAL]
    counts: dict[Predikat, int] = {}
    for pid in final:
        predikat = latest[pid].predikat
        if predikat is not None:
            counts[predikat] = counts.get(predikat, 0) + 1

    def row(pid: str) -> PredikatRow:
        return PredikatRow(
            nama=identities[pid].nama,
            nip=identities[pid].nip,
            jabatan=identities[pid].jabatan,
            rating_hasil=latest[pid].rating_hasil,
            rating_perilaku=latest[pid].rating_perilaku,
            predikat=latest[pid].predikat,
        )

    capaian = session.execute(
        select(CapaianKinerjaOrganisasi).where(
            CapaianKinerjaOrganisasi.unit_id == unit.id,
            CapaianKinerjaOrganisasi.periode == code,
            CapaianKinerjaOrganisasi.deleted.is_(False),
        )
    ).scalar_one_or_none()
    office = load_office(session)
    return PredikatData(
        record_id=unit.id,
        version=record_version(capaian.vv) if capaian else 0,
        periode=code,
        instansi=office.nama,
        unit_nama=unit.nama,
        periode_mulai=period.mulai,
        periode_selesai=period.selesai,
        tahunan=period.tahunan,
        capaian_organisasi=capaian.capaian if capaian else None,
        rows=tuple(row(pid) for pid in final),
        draft_rows=tuple(row(pid) for pid in drafts),
        distribusi=Distribusi(tuple((p, counts[p]) for p in Predikat if p in counts)),
        pimpinan=identities.get(head or "", Identitas()),
        tempat=office.kota,
        tanggal=today(),
    )


def keberatan_form(session: Session, actor: Actor, keberatan_id: str) -> KeberatanData:
    """The keberatan letter of one objection (who may read it: as ``keberatan.get``)."""
    record = session.get(KeberatanEvaluasi, keberatan_id)
    if record is None or record.deleted:
        raise NotFoundError(_("This objection does not exist (any more)."))
    if not (
        access.is_self(actor, record.atasan_id)
        or access.can_read_performance(session, actor, record.pegawai_id)
    ):
        raise access.deny(
            _("Only the pegawai, their superiors and the pengelola kinerja see an objection.")
        )
    ev = session.get(Evaluasi, record.evaluasi_id)
    assert ev is not None
    identities = load_identities(session, [record.pegawai_id, record.atasan_id])
    office = load_office(session)
    before = record.sebelum.get("predikat")
    after = record.sesudah.get("predikat")
    return KeberatanData(
        record_id=record.id,
        version=record_version(record.vv),
        periode=ev.periode,
        instansi=office.nama,
        periode_label=parse(ev.periode).label(),
        pegawai=identities.get(record.pegawai_id, Identitas()),
        atasan=identities.get(record.atasan_id, Identitas()),
        tanggal=record.tanggal,
        alasan=record.alasan,
        bukti=record.bukti,
        predikat_sebelum=Predikat(before) if before else None,
        keputusan_tanggal=record.keputusan_tanggal,
        keputusan_alasan=record.keputusan_alasan,
        predikat_sesudah=Predikat(after) if after else None,
        kota=office.kota,
    )
