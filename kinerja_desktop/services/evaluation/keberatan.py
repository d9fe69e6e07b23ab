"""Keberatan: a pegawai's objection to a final evaluation (PP 30/2019 Pasal 59).

A PNS who objects to the result of the evaluation files a keberatan with the atasan pejabat
penilai kinerja within 14 days (here: of the day the evaluation became final), with the
reasons and the evidence. The atasan may change and set the result; that decision, with its
reasons, is final: afterwards the evaluation is locked (no amendment, no second objection).
While an objection waits for its decision the evaluation is not amended either.

Who may do what: the pegawai files; the atasan pejabat penilai (the pegawai's penilai's own
penilai, recorded on the objection) decides; the pegawai, the pejabat penilai, anyone above
them and the pengelola kinerja read. The records travel by sync to the offices of the pegawai
and of the atasan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import EvaluasiStatus, Predikat, Rating, StatusKeberatan
from kinerja_desktop.models.evaluation import Evaluasi, KeberatanEvaluasi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation.evaluations import predikat_kinerja

TENGGAT_HARI = 14
"""PP 30/2019 Pasal 59: the objection is filed within 14 days."""


@dataclass(frozen=True)
class KeberatanRow:
    id: str
    evaluasi_id: str
    periode: str
    periode_label: str
    pegawai_id: str
    pegawai_nama: str
    pegawai_nip: str
    atasan_id: str
    atasan_nama: str
    atasan_nip: str
    tanggal: dt.date
    alasan: str
    bukti: str
    status: StatusKeberatan
    keputusan_tanggal: dt.date | None
    keputusan_alasan: str
    sebelum: dict[str, Any]
    sesudah: dict[str, Any]

    @property
    def diputuskan(self) -> bool:
        return self.status is StatusKeberatan.DIPUTUSKAN


def tenggat(evaluasi: Evaluasi) -> dt.date | None:
    """The last day to object to a final evaluation (``None`` while it is a draft)."""
    if evaluasi.status is not EvaluasiStatus.FINAL or evaluasi.final_at is None:
        return None
    return evaluasi.final_at.date() + dt.timedelta(days=TENGGAT_HARI)


def _row(session: Session, k: KeberatanEvaluasi) -> KeberatanRow:
    ev = session.get(Evaluasi, k.evaluasi_id)
    assert ev is not None
    pegawai = session.get(Pegawai, k.pegawai_id)
    atasan = session.get(Pegawai, k.atasan_id)
    return KeberatanRow(
        id=k.id,
        evaluasi_id=k.evaluasi_id,
        periode=ev.periode,
        periode_label=parse(ev.periode).label(),
        pegawai_id=k.pegawai_id,
        pegawai_nama=pegawai.nama_lengkap if pegawai else "",
        pegawai_nip=pegawai.nip if pegawai else "",
        atasan_id=k.atasan_id,
        atasan_nama=atasan.nama_lengkap if atasan else "",
        atasan_nip=atasan.nip if atasan else "",
        tanggal=k.tanggal,
        alasan=k.alasan,
        bukti=k.bukti,
        status=k.status,
        keputusan_tanggal=k.keputusan_tanggal,
        keputusan_alasan=k.keputusan_alasan,
        sebelum=dict(k.sebelum),
        sesudah=dict(k.sesudah),
    )


def for_evaluation(session: Session, evaluasi_id: str) -> KeberatanEvaluasi | None:
    """The objection to an evaluation, if one was filed."""
    return session.execute(
        select(KeberatanEvaluasi)
        .where(KeberatanEvaluasi.evaluasi_id == evaluasi_id, KeberatanEvaluasi.deleted.is_(False))
        .order_by(KeberatanEvaluasi.created_at)
    ).scalar()


def _evaluation(session: Session, pegawai_id: str, periode: str) -> Evaluasi:
    code = parse(periode).code
    ev = session.execute(
        select(Evaluasi)
        .join(Skp, Skp.id == Evaluasi.skp_id)
        .where(
            Skp.pegawai_id == pegawai_id,
            Skp.deleted.is_(False),
            Evaluasi.periode == code,
            Evaluasi.deleted.is_(False),
        )
    ).scalar()
    if ev is None:
        raise NotFoundError(_("There is no evaluation for this period to object to."))
    return ev


def _snapshot(ev: Evaluasi) -> dict[str, Any]:
    return {
        "rating_hasil": ev.rating_hasil.value if ev.rating_hasil else None,
        "rating_perilaku": ev.rating_perilaku.value if ev.rating_perilaku else None,
        "predikat": ev.predikat.value if ev.predikat else None,
    }


def _text(value: str, field: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError(_("{what} is required.").format(what=what), field=field)
    if len(cleaned) > 4000:
        raise ValidationError(
            _("The text is longer than {limit} characters.").format(limit=4000), field=field
        )
    return cleaned


def file_keberatan(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    periode: str,
    alasan: str,
    bukti: str = "",
    tanggal: dt.date | None = None,
) -> KeberatanRow:
    """The pegawai objects to their final evaluation of ``periode``, within 14 days."""
    day = tanggal or dt.date.today()
    with db.unit_of_work(actor) as session:
        if not (actor.is_system or access.is_self(actor, pegawai_id)):
            raise access.deny(_("Only the pegawai objects to their own evaluation."))
        ev = _evaluation(session, pegawai_id, periode)
        last_day = tenggat(ev)
        if last_day is None:
            raise WorkflowError(_("Only a final evaluation can be objected to."))
        if for_evaluation(session, ev.id) is not None:
            raise WorkflowError(_("An objection to this evaluation was already filed."))
        if day > last_day:
            raise WorkflowError(
                _(
                    "The objection period ended on {date}: a keberatan is filed within {days} "
                    "days of the final evaluation (PP 30/2019 Pasal 59)."
                ).format(date=format_date(last_day), days=TENGGAT_HARI)
            )
        penilai = ev.penilai_id or access.penilai_of(session, pegawai_id)
        atasan = access.penilai_of(session, penilai) if penilai else None
        if atasan is None:
            raise ValidationError(
                _(
                    "No atasan pejabat penilai is recorded (the pejabat penilai has no "
                    "penilai): ask the pengelola kinerja to record it first."
                ),
                field="atasan",
            )
        record = KeberatanEvaluasi(
            evaluasi_id=ev.id,
            pegawai_id=pegawai_id,
            atasan_id=atasan,
            tanggal=day,
            alasan=_text(alasan, "alasan", _("The reason")),
            bukti=bukti.strip(),
            sebelum=_snapshot(ev),
        )
        session.add(record)
        session.flush()
        return _row(session, record)


def decide_keberatan(
    db: Database,
    *,
    actor: Actor,
    keberatan_id: str,
    alasan: str,
    rating_hasil: Rating | None = None,
    rating_perilaku: Rating | None = None,
    tanggal: dt.date | None = None,
) -> KeberatanRow:
    """The atasan pejabat penilai decides: keeps the result or sets new ratings. Final."""
    with db.unit_of_work(actor) as session:
        record = _get(session, keberatan_id)
        if not (actor.is_system or access.is_self(actor, record.atasan_id)):
            raise access.deny(_("Only the atasan pejabat penilai decides on this objection."))
        if record.status is StatusKeberatan.DIPUTUSKAN:
            raise WorkflowError(_("This objection was already decided; the decision is final."))
        reason = _text(alasan, "keputusan_alasan", _("The reason for the decision"))
        ev = session.get(Evaluasi, record.evaluasi_id)
        assert ev is not None
        hasil = rating_hasil or ev.rating_hasil
        perilaku = rating_perilaku or ev.rating_perilaku
        if hasil is not None and perilaku is not None:
            if ev.rating_hasil != hasil:
                ev.rating_hasil = Rating(hasil)
            if ev.rating_perilaku != perilaku:
                ev.rating_perilaku = Rating(perilaku)
            predikat = predikat_kinerja(Rating(hasil), Rating(perilaku))
            if ev.predikat != predikat:
                ev.predikat = predikat
        record.status = StatusKeberatan.DIPUTUSKAN
        record.keputusan_tanggal = tanggal or dt.date.today()
        record.keputusan_alasan = reason
        record.sesudah = _snapshot(ev)
        session.flush()
        return _row(session, record)


def _get(session: Session, keberatan_id: str) -> KeberatanEvaluasi:
    record = session.get(KeberatanEvaluasi, keberatan_id)
    if record is None or record.deleted:
        raise NotFoundError(_("This objection does not exist (any more)."))
    return record


def _may_read(session: Session, actor: Actor, record: KeberatanEvaluasi) -> bool:
    return access.is_self(actor, record.atasan_id) or access.can_read_performance(
        session, actor, record.pegawai_id
    )


def get_keberatan(db: Database, *, actor: Actor, keberatan_id: str) -> KeberatanRow:
    """One objection in full (``kinerja eval keberatan show``), for those who may read it."""
    with db.read(actor) as session:
        record = _get(session, keberatan_id)
        if not _may_read(session, actor, record):
            raise access.deny(
                _("Only the pegawai, their superiors and the pengelola kinerja see an objection.")
            )
        return _row(session, record)


def keberatan_of(db: Database, *, actor: Actor, evaluasi_id: str) -> KeberatanRow | None:
    """The objection to an evaluation the actor may read, if one was filed."""
    with db.read(actor) as session:
        record = for_evaluation(session, evaluasi_id)
        if record is None or not _may_read(session, actor, record):
            return None
        return _row(session, record)


def list_keberatan(
    db: Database, *, actor: Actor, pegawai_id: str | None = None
) -> list[KeberatanRow]:
    """Objections the actor may read (of one pegawai, or all), newest first."""
    with db.read(actor) as session:
        query = select(KeberatanEvaluasi).where(KeberatanEvaluasi.deleted.is_(False))
        if pegawai_id is not None:
            query = query.where(KeberatanEvaluasi.pegawai_id == pegawai_id)
        records = session.execute(query.order_by(KeberatanEvaluasi.tanggal.desc())).scalars()
        return [_row(session, k) for k in records if _may_read(session, actor, k)]


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """The atasan: objections to decide. The pegawai: their objection's state, and the
    final evaluations they may still object to, with the last day. Each opens the pegawai's
    evaluation (payload: the pegawai's id)."""
    if actor.pegawai_id is None:
        return []
    items: list[HomeItem] = []
    with db.read(actor) as session:
        for record in session.execute(
            select(KeberatanEvaluasi).where(
                KeberatanEvaluasi.deleted.is_(False),
                (KeberatanEvaluasi.atasan_id == actor.pegawai_id)
                | (KeberatanEvaluasi.pegawai_id == actor.pegawai_id),
            )
        ).scalars():
            row = _row(session, record)
            if row.atasan_id == actor.pegawai_id and not row.diputuskan:
                items.append(HomeItem(
                    kind="evaluation.keberatan_decide",
                    title=_("Objection to decide: {name}, {period}").format(
                        name=row.pegawai_nama, period=row.periode_label),
                    detail=_("Filed on {date}; your decision is final.").format(
                        date=format_date(row.tanggal)),
                    area="evaluation", payload=row.pegawai_id, urgency=Urgency.ACTION,
                    due=row.tanggal,
                ))  # fmt: skip
            elif row.pegawai_id == actor.pegawai_id:
                detail = (
                    _("Decided on {date}: {predikat}.").format(
                        date=format_date(row.keputusan_tanggal),
                        predikat=_predikat(row.sesudah))
                    if row.diputuskan and row.keputusan_tanggal
                    else _("Filed on {date} with {name}; waiting for the decision.").format(
                        date=format_date(row.tanggal), name=row.atasan_nama)
                )  # fmt: skip
                items.append(HomeItem(
                    kind="evaluation.keberatan_status",
                    title=_("Your objection, {period}").format(period=row.periode_label),
                    detail=detail, area="evaluation", payload=row.pegawai_id,
                    urgency=Urgency.INFO,
                ))  # fmt: skip
        for ev in session.execute(
            select(Evaluasi)
            .join(Skp, Skp.id == Evaluasi.skp_id)
            .where(
                Skp.pegawai_id == actor.pegawai_id,
                Skp.deleted.is_(False),
                Evaluasi.deleted.is_(False),
                Evaluasi.status == EvaluasiStatus.FINAL,
                Evaluasi.final_at.is_not(None),
            )
        ).scalars():
            last_day = tenggat(ev)
            if last_day is None or last_day < today or for_evaluation(session, ev.id):
                continue
            items.append(HomeItem(
                kind="evaluation.keberatan_window",
                title=_("Evaluation {period} is final: {predikat}").format(
                    period=parse(ev.periode).label(), predikat=_predikat(_snapshot(ev))),
                detail=_("If you object, file a keberatan by {date}.").format(
                    date=format_date(last_day)),
                area="evaluation", payload=actor.pegawai_id, urgency=Urgency.INFO,
                due=last_day,
            ))  # fmt: skip
    return items


def _predikat(values: dict[str, Any]) -> str:
    value = values.get("predikat")
    return label(Predikat(value)) if value else "-"
