"""Periodic and annual evaluations, their amendments, and the capaian kinerja organisasi.

The predikat follows from the two ratings by one pure rule, ``predikat_kinerja`` (the
kuadran of PermenPANRB 6/2022, domain reference §3.2). Only the pejabat penilai evaluates;
a finished (final) evaluation is locked and every later change is an amendment with a
reason, kept with the values before and after, unless a keberatan was filed (then the
atasan pejabat penilai's decision sets the result, ``keberatan.py``). The capaian kinerja organisasi of a unit is
set by the head of the unit one level up, or by the pengelola kinerja.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.enums import (
    CapaianOrganisasi,
    EvaluasiStatus,
    JenjangJabatan,
    Predikat,
    Rating,
    SkpStatus,
    StatusKeberatan,
)
from kinerja_desktop.models.evaluation import (
    AmandemenEvaluasi,
    CapaianKinerjaOrganisasi,
    Evaluasi,
    KeberatanEvaluasi,
)
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access, unit_scope
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.evaluation import angka_kredit
from kinerja_desktop.services.monitoring.base import skp_for

_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
}


def predikat_kinerja(rating_hasil: Rating, rating_perilaku: Rating) -> Predikat:
    """The predikat kinerja pegawai for (rating hasil kerja, rating perilaku kerja)."""
    return _MATRIX[(Rating(rating_hasil), Rating(rating_perilaku))]


@dataclass(frozen=True)
class AmandemenRow:
    id: str
    at: dt.datetime
    oleh_nama: str
    alasan: str
    sebelum: dict[str, Any]
    sesudah: dict[str, Any]


@dataclass(frozen=True)
class EvaluasiRow:
    """One person's evaluation for one period, with what the screen shows around it."""

    id: str | None
    skp_id: str
    periode: str
    periode_label: str
    pegawai_id: str
    pegawai_nama: str
    pegawai_nip: str
    jabatan: str
    jenjang: JenjangJabatan | None
    unit_id: str | None
    unit_kode: str
    penilai_id: str | None
    penilai_nama: str
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    catatan: str
    rekomendasi: str
    status: EvaluasiStatus
    final_at: dt.datetime | None
    angka_kredit: Decimal | None
    capaian_organisasi: CapaianOrganisasi | None
    memimpin_unit: bool
    amandemen: list[AmandemenRow]
    can_edit: bool

    @property
    def is_final(self) -> bool:
        return self.status is EvaluasiStatus.FINAL


def _pegawai(session: Session, pegawai_id: str) -> Pegawai:
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise NotFoundError(_("This person does not exist."))
    return person


def _capaian(session: Session, unit_id: str | None, code: str) -> CapaianOrganisasi | None:
    if unit_id is None:
        return None
    return session.execute(
        select(CapaianKinerjaOrganisasi.capaian).where(
            CapaianKinerjaOrganisasi.unit_id == unit_id,
            CapaianKinerjaOrganisasi.periode == code,
            CapaianKinerjaOrganisasi.deleted.is_(False),
        )
    ).scalar_one_or_none()


def _find(session: Session, skp_id: str, code: str) -> Evaluasi | None:
    return session.execute(
        select(Evaluasi).where(
            Evaluasi.skp_id == skp_id, Evaluasi.periode == code, Evaluasi.deleted.is_(False)
        )
    ).scalar_one_or_none()


def _row(session: Session, actor: Actor, person: Pegawai, skp_id: str, code: str) -> EvaluasiRow:
    period = parse(code)
    ev = _find(session, skp_id, code)
    jabatan: Jabatan | None = person.jabatan
    unit: UnitKerja | None = person.unit
    penilai_id = ev.penilai_id if ev is not None and ev.penilai_id else person.penilai_id
    penilai = session.get(Pegawai, penilai_id) if penilai_id else None
    history: list[AmandemenRow] = []
    if ev is not None:
        amendments = session.execute(
            select(AmandemenEvaluasi, Pegawai.nama)
            .outerjoin(Pegawai, Pegawai.id == AmandemenEvaluasi.oleh_id)
            .where(AmandemenEvaluasi.evaluasi_id == ev.id, AmandemenEvaluasi.deleted.is_(False))
            .order_by(AmandemenEvaluasi.created_at)
        ).all()
        history = [
            AmandemenRow(a.id, a.created_at, nama or "", a.alasan, dict(a.sebelum), dict(a.sesudah))
            for a, nama in amendments
        ]
    predikat = ev.predikat if ev is not None else None
    jenjang = jabatan.jenjang if jabatan is not None else None
    return EvaluasiRow(
        id=ev.id if ev is not None else None,
        skp_id=skp_id,
        periode=code,
        periode_label=period.label(),
        pegawai_id=person.id,
        pegawai_nama=person.nama_lengkap,
        pegawai_nip=person.nip,
        jabatan=jabatan.nama if jabatan is not None else "",
        jenjang=jenjang,
        unit_id=person.unit_id,
        unit_kode=unit.kode if unit is not None else "",
        penilai_id=penilai_id,
        penilai_nama=penilai.nama_lengkap if penilai is not None else "",
        rating_hasil=ev.rating_hasil if ev is not None else None,
        rating_perilaku=ev.rating_perilaku if ev is not None else None,
        predikat=predikat,
        catatan=ev.catatan if ev is not None else "",
        rekomendasi=ev.rekomendasi if ev is not None else "",
        status=ev.status if ev is not None else EvaluasiStatus.DRAFT,
        final_at=ev.final_at if ev is not None else None,
        angka_kredit=angka_kredit.angka_kredit(predikat, jenjang, bulan=period.bulan),
        capaian_organisasi=_capaian(session, person.unit_id, code),
        memimpin_unit=bool(jabatan is not None and jabatan.memimpin_unit),
        amandemen=history,
        can_edit=_may_evaluate(session, actor, person.id),
    )


def _may_evaluate(session: Session, actor: Actor, pegawai_id: str) -> bool:
    return actor.is_system or access.is_penilai_of(session, actor, pegawai_id)


def _require_penilai(session: Session, actor: Actor, person: Pegawai) -> None:
    if not _may_evaluate(session, actor, person.id):
        raise PermissionDenied(
            _("Only the pejabat penilai of {name} may evaluate them.").format(name=person.nama)
        )


def _skp_id(session: Session, person: Pegawai, code: str) -> str:
    skp = skp_for(session, person.id, code)
    if skp is None:
        raise NotFoundError(
            _(
                "{name} has no approved SKP for {period}. The SKP must be approved before "
                "monitoring and evaluation."
            ).format(name=person.nama, period=parse(code).label())
        )
    return skp.id


def get_evaluation(db: Database, *, actor: Actor, pegawai_id: str, periode: str) -> EvaluasiRow:
    """The evaluation of ``pegawai_id`` in ``periode`` (empty draft when none is saved yet)."""
    code = parse(periode).code
    with db.read(actor) as session:
        person = _pegawai(session, pegawai_id)
        access.require_read_performance(session, actor, person.id)
        return _row(session, actor, person, _skp_id(session, person, code), code)


def _check_text(value: str, field: str, limit: int = 4000) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(
            _("The text is longer than {limit} characters.").format(limit=limit), field=field
        )
    return text


def save_evaluation(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    periode: str,
    rating_hasil: Rating | None,
    rating_perilaku: Rating | None,
    catatan: str = "",
    rekomendasi: str = "",
) -> EvaluasiRow:
    """Save a draft evaluation; the predikat follows once both ratings are given."""
    code = parse(periode).code
    with db.unit_of_work(actor) as session:
        person = _pegawai(session, pegawai_id)
        _require_penilai(session, actor, person)
        skp_id = _skp_id(session, person, code)
        ev = _find(session, skp_id, code)
        if ev is not None and ev.status is EvaluasiStatus.FINAL:
            raise WorkflowError(
                _("This evaluation is final. To change it, amend it and give the reason.")
            )
        if ev is None:
            ev = Evaluasi(skp_id=skp_id, periode=code)
            session.add(ev)
        _apply(ev, actor, rating_hasil, rating_perilaku, catatan, rekomendasi)
        session.flush()
        return _row(session, actor, person, skp_id, code)


def _apply(
    ev: Evaluasi,
    actor: Actor,
    rating_hasil: Rating | None,
    rating_perilaku: Rating | None,
    catatan: str,
    rekomendasi: str,
) -> None:
    ev.rating_hasil = Rating(rating_hasil) if rating_hasil else None
    ev.rating_perilaku = Rating(rating_perilaku) if rating_perilaku else None
    ev.predikat = (
        predikat_kinerja(ev.rating_hasil, ev.rating_perilaku)
        if ev.rating_hasil and ev.rating_perilaku
        else None
    )
    ev.catatan = _check_text(catatan, "catatan")
    ev.rekomendasi = _check_text(rekomendasi, "rekomendasi")
    ev.penilai_id = actor.pegawai_id or ev.penilai_id


def finalize_evaluation(
    db: Database, *, actor: Actor, pegawai_id: str, periode: str
) -> EvaluasiRow:
    """Finish the evaluation: both ratings are needed; afterwards it is locked."""
    code = parse(periode).code
    with db.unit_of_work(actor) as session:
        person = _pegawai(session, pegawai_id)
        _require_penilai(session, actor, person)
        skp_id = _skp_id(session, person, code)
        ev = _find(session, skp_id, code)
        if ev is None or ev.rating_hasil is None or ev.rating_perilaku is None:
            raise ValidationError(
                _("Give both the work result rating and the work behaviour rating first."),
                field="rating_hasil"
                if ev is None or ev.rating_hasil is None
                else "rating_perilaku",
            )
        if ev.status is EvaluasiStatus.FINAL:
            raise WorkflowError(_("This evaluation is already final."))
        ev.status = EvaluasiStatus.FINAL
        ev.final_at = utcnow()
        session.flush()
        return _row(session, actor, person, skp_id, code)


def _snapshot(ev: Evaluasi) -> dict[str, Any]:
    return {
        "rating_hasil": ev.rating_hasil.value if ev.rating_hasil else None,
        "rating_perilaku": ev.rating_perilaku.value if ev.rating_perilaku else None,
        "predikat": ev.predikat.value if ev.predikat else None,
        "catatan": ev.catatan,
        "rekomendasi": ev.rekomendasi,
    }


def amend_evaluation(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    periode: str,
    alasan: str,
    rating_hasil: Rating,
    rating_perilaku: Rating,
    catatan: str = "",
    rekomendasi: str = "",
) -> EvaluasiRow:
    """Change a final evaluation; the reason and the values before and after are kept."""
    code = parse(periode).code
    reason = alasan.strip()
    with db.unit_of_work(actor) as session:
        person = _pegawai(session, pegawai_id)
        _require_penilai(session, actor, person)
        skp_id = _skp_id(session, person, code)
        ev = _find(session, skp_id, code)
        if ev is None or ev.status is not EvaluasiStatus.FINAL:
            raise WorkflowError(
                _("Only a final evaluation is amended; a draft can simply be edited.")
            )
        if not reason:
            raise ValidationError(_("Give the reason for the amendment."), field="alasan")
        objection = session.execute(
            select(KeberatanEvaluasi.status).where(
                KeberatanEvaluasi.evaluasi_id == ev.id, KeberatanEvaluasi.deleted.is_(False)
            )
        ).scalar()
        if objection is StatusKeberatan.DIPUTUSKAN:
            raise WorkflowError(
                _(
                    "The atasan pejabat penilai decided on the objection to this evaluation; "
                    "that decision is final and the evaluation can no longer change."
                )
            )
        if objection is not None:
            raise WorkflowError(
                _(
                    "An objection to this evaluation waits for the atasan pejabat penilai's "
                    "decision; it cannot be amended meanwhile."
                )
            )
        before = _snapshot(ev)
        _apply(ev, actor, rating_hasil, rating_perilaku, catatan, rekomendasi)
        after = _snapshot(ev)
        if before == after:
            raise ValidationError(_("Nothing was changed, so there is nothing to amend."))
        session.add(
            AmandemenEvaluasi(
                evaluasi_id=ev.id,
                oleh_id=actor.pegawai_id,
                alasan=_check_text(reason, "alasan"),
                sebelum=before,
                sesudah=after,
            )
        )
        session.flush()
        return _row(session, actor, person, skp_id, code)


@dataclass(frozen=True)
class CapaianRow:
    unit_id: str
    unit_kode: str
    unit_nama: str
    periode: str
    capaian: CapaianOrganisasi | None
    catatan: str
    can_set: bool


def get_capaian(db: Database, *, actor: Actor, unit_kode: str, periode: str) -> CapaianRow:
    code = parse(periode).code
    with db.read(actor) as session:
        unit = unit_scope.unit_by_code(session, unit_kode)
        unit_scope.require_unit_reader(session, actor, unit.id)
        record = session.execute(
            select(CapaianKinerjaOrganisasi).where(
                CapaianKinerjaOrganisasi.unit_id == unit.id,
                CapaianKinerjaOrganisasi.periode == code,
                CapaianKinerjaOrganisasi.deleted.is_(False),
            )
        ).scalar_one_or_none()
        return CapaianRow(
            unit.id,
            unit.kode,
            unit.nama,
            code,
            record.capaian if record is not None else None,
            record.catatan if record is not None else "",
            unit_scope.can_set_capaian(session, actor, unit.id),
        )


def set_capaian(
    db: Database,
    *,
    actor: Actor,
    unit_kode: str,
    periode: str,
    capaian: CapaianOrganisasi,
    catatan: str = "",
) -> CapaianRow:
    """Record a unit's capaian kinerja organisasi for a period."""
    code = parse(periode).code
    with db.unit_of_work(actor) as session:
        unit = unit_scope.unit_by_code(session, unit_kode)
        if not unit_scope.can_set_capaian(session, actor, unit.id):
            raise PermissionDenied(
                _(
                    "The organisational achievement of {unit} is set by the head of the unit "
                    "above it or by the performance administrator."
                ).format(unit=unit.nama)
            )
        record = session.execute(
            select(CapaianKinerjaOrganisasi).where(
                CapaianKinerjaOrganisasi.unit_id == unit.id,
                CapaianKinerjaOrganisasi.periode == code,
                CapaianKinerjaOrganisasi.deleted.is_(False),
            )
        ).scalar_one_or_none()
        if record is None:
            record = CapaianKinerjaOrganisasi(
                unit_id=unit.id, periode=code, capaian=CapaianOrganisasi(capaian)
            )
            session.add(record)
        record.capaian = CapaianOrganisasi(capaian)
        record.catatan = _check_text(catatan, "catatan")
    return get_capaian(db, actor=actor, unit_kode=unit_kode, periode=code)


@dataclass(frozen=True)
class EvaluateeRow:
    """A person the actor evaluates, with the state of their evaluation in a period."""

    pegawai_id: str
    nip: str
    nama: str
    jabatan: str
    has_skp: bool
    predikat: Predikat | None
    status: EvaluasiStatus | None


def evaluatees(db: Database, *, actor: Actor, periode: str) -> list[EvaluateeRow]:
    """The people whose pejabat penilai is the actor, and the actor's own line first."""
    period = parse(periode)
    code = period.code
    with db.read(actor) as session:
        if actor.pegawai_id is None:
            return []
        people = (
            session.execute(
                select(Pegawai)
                .options(selectinload(Pegawai.jabatan))
                .where(
                    (Pegawai.penilai_id == actor.pegawai_id) | (Pegawai.id == actor.pegawai_id),
                    Pegawai.aktif.is_(True),
                    Pegawai.deleted.is_(False),
                )
                .order_by(Pegawai.nama)
            )
            .scalars()
            .all()
        )
        # Three queries for the whole team, not two per person: each one's approved SKP
        # covering the period (the latest starting, as skp_for), then their evaluations.
        skp_of: dict[str, tuple[dt.date, str]] = {}
        for pegawai_id, skp_id, mulai in session.execute(
            select(Skp.pegawai_id, Skp.id, Skp.periode_mulai).where(
                Skp.pegawai_id.in_([p.id for p in people]),
                Skp.status == SkpStatus.DISETUJUI,
                Skp.deleted.is_(False),
                Skp.tahun == period.tahun,
                Skp.periode_mulai <= period.selesai,
                Skp.periode_selesai >= period.mulai,
            )
        ):
            if pegawai_id not in skp_of or mulai > skp_of[pegawai_id][0]:
                skp_of[pegawai_id] = (mulai, skp_id)
        evaluation_of = {
            skp_id: (predikat, status)
            for skp_id, predikat, status in session.execute(
                select(Evaluasi.skp_id, Evaluasi.predikat, Evaluasi.status).where(
                    Evaluasi.skp_id.in_([skp_id for _m, skp_id in skp_of.values()]),
                    Evaluasi.periode == code,
                    Evaluasi.deleted.is_(False),
                )
            )
        }
        rows: list[EvaluateeRow] = []
        for person in people:
            skp = skp_of.get(person.id)
            predikat, status = evaluation_of.get(skp[1], (None, None)) if skp else (None, None)
            row = EvaluateeRow(
                person.id,
                person.nip,
                person.nama_lengkap,
                person.jabatan.nama if person.jabatan is not None else "",
                skp is not None,
                predikat,
                status,
            )
            if person.id == actor.pegawai_id:
                rows.insert(0, row)
            else:
                rows.append(row)
        return rows
