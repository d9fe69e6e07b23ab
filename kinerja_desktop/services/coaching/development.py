"""Competency development plans: per pegawai per year, the needs (from coaching and from the
B.1.9 evaluations), the planned activities with their learning hours (jam pelajaran, JP) and
what was done, and the year's total against the 20 JP minimum of PP 11/2017.

The pegawai, everyone above them and the pengelola kinerja read a plan; the pegawai, their
superiors and the pengelola change it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.coaching import (
    EvaluasiKompetensi,
    KebutuhanPengembangan,
    KegiatanPengembangan,
    RencanaPengembangan,
    SesiCoaching,
)
from kinerja_desktop.services.core import access

MINIMUM_JP = 20.0
"""PP 11/2017: every PNS has at least 20 learning hours (JP) of competency development a year."""

WEAK_SCORE_SETTING = "pengembangan.batas_skor_b19"
DEFAULT_WEAK_SCORE = 3
"""The office's rule, not the regulation's: a B.1.9 score at or below this suggests a
development need. The Lampiran gives no such threshold; the pengelola kinerja sets it."""


@dataclass(frozen=True)
class NeedRow:
    id: str
    kompetensi: str
    sumber_sesi_id: str | None
    sumber_tanggal: dt.date | None
    keterangan: str


@dataclass(frozen=True)
class ActivityRow:
    id: str
    nama: str
    jenis: str
    jp_rencana: float
    jp_realisasi: float
    tanggal: dt.date | None
    selesai: bool


@dataclass(frozen=True)
class SuggestedNeed:
    """A weak B.1.9 score of the year not yet on the plan."""

    kompetensi: str
    skor: int
    alasan: str
    sesi_id: str
    tanggal: dt.date


@dataclass(frozen=True)
class PlanView:
    """A year's plan; ``id`` is None while nothing was written for that year."""

    id: str | None
    pegawai_id: str
    tahun: int
    catatan: str
    needs: list[NeedRow]
    activities: list[ActivityRow]
    suggestions: list[SuggestedNeed]
    jp_rencana: float
    jp_realisasi: float
    minimum: float
    batas_skor: int
    """The office's rule used for ``suggestions``: a B.1.9 score at or below it."""

    @property
    def memenuhi_minimum(self) -> bool:
        return self.jp_realisasi >= self.minimum

    @property
    def kekurangan(self) -> float:
        """Learning hours still missing to reach the minimum."""
        return max(self.minimum - self.jp_realisasi, 0.0)


@dataclass(frozen=True)
class ActivityInput:
    nama: str
    jenis: str = ""
    jp_rencana: float = 0.0
    jp_realisasi: float = 0.0
    tanggal: dt.date | None = None
    selesai: bool = False


def _require_write(session: Session, actor: Actor, pegawai_id: str) -> None:
    if not (
        actor.is_system
        or actor.is_pengelola
        or access.is_self(actor, pegawai_id)
        or access.is_above(session, actor, pegawai_id)
    ):
        raise access.deny(
            _("Only the pegawai, their superiors and the pengelola kinerja may change this plan.")
        )


def _plan(session: Session, pegawai_id: str, tahun: int) -> RencanaPengembangan | None:
    return session.execute(
        select(RencanaPengembangan).where(
            RencanaPengembangan.pegawai_id == pegawai_id,
            RencanaPengembangan.tahun == tahun,
            RencanaPengembangan.deleted.is_(False),
        )
    ).scalar_one_or_none()


def _ensure_plan(session: Session, pegawai_id: str, tahun: int) -> RencanaPengembangan:
    plan = _plan(session, pegawai_id, tahun)
    if plan is None:
        if not 2000 <= tahun <= 2100:
            raise ValidationError(_("The year must be between 2000 and 2100."), field="tahun")
        plan = RencanaPengembangan(pegawai_id=pegawai_id, tahun=tahun)
        session.add(plan)
        session.flush()
    return plan


def get_plan(db: Database, *, actor: Actor, pegawai_id: str, tahun: int) -> PlanView:
    """The pegawai's plan for ``tahun`` with totals and the needs suggested by B.1.9 scores."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        plan = _plan(session, pegawai_id, tahun)
        needs: list[NeedRow] = []
        activities: list[ActivityRow] = []
        if plan is not None:
            for need, tanggal in session.execute(
                select(KebutuhanPengembangan, SesiCoaching.tanggal)
                .outerjoin(SesiCoaching, SesiCoaching.id == KebutuhanPengembangan.sumber_sesi_id)
                .where(
                    KebutuhanPengembangan.rencana_id == plan.id,
                    KebutuhanPengembangan.deleted.is_(False),
                )
                .order_by(KebutuhanPengembangan.created_at)
            ):
                needs.append(
                    NeedRow(need.id, need.kompetensi, need.sumber_sesi_id, tanggal, need.keterangan)
                )
            for act in session.execute(
                select(KegiatanPengembangan)
                .where(
                    KegiatanPengembangan.rencana_id == plan.id,
                    KegiatanPengembangan.deleted.is_(False),
                )
                .order_by(KegiatanPengembangan.tanggal.is_(None), KegiatanPengembangan.tanggal,
                          KegiatanPengembangan.created_at)
            ).scalars():  # fmt: skip
                activities.append(
                    ActivityRow(act.id, act.nama, act.jenis, float(act.jp_rencana or 0),
                                float(act.jp_realisasi or 0), act.tanggal, act.selesai)
                )  # fmt: skip
        on_plan = {n.kompetensi.casefold() for n in needs}
        batas = _weak_score(session)
        suggestions = [
            s
            for s in _weak_scores(session, pegawai_id, tahun, batas)
            if s.kompetensi.casefold() not in on_plan
        ]
        return PlanView(
            id=plan.id if plan else None,
            pegawai_id=pegawai_id,
            tahun=tahun,
            catatan=plan.catatan if plan else "",
            needs=needs,
            activities=activities,
            suggestions=suggestions,
            jp_rencana=sum(a.jp_rencana for a in activities),
            jp_realisasi=sum(a.jp_realisasi for a in activities),
            minimum=MINIMUM_JP,
            batas_skor=batas,
        )


def _weak_score(session: Session) -> int:
    setting = session.get(Setting, WEAK_SCORE_SETTING)
    if setting is None or setting.value not in {"0", "1", "2", "3", "4", "5"}:
        return DEFAULT_WEAK_SCORE
    return int(setting.value)


def get_weak_score(db: Database, *, actor: Actor) -> int:
    """The office's rule: a B.1.9 score at or below this suggests a development need."""
    with db.read(actor) as session:
        return _weak_score(session)


def set_weak_score(db: Database, *, actor: Actor, skor: int) -> int:
    """Set the office's development-need rule (pengelola kinerja only); 0 turns it off."""
    access.require_pengelola(actor)
    if not 0 <= skor <= 5:
        raise ValidationError(
            _("The score is from 1 to 5 (0: no suggestions from B.1.9 scores)."), field="skor"
        )
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, WEAK_SCORE_SETTING)
        if setting is None:
            session.add(Setting(key=WEAK_SCORE_SETTING, value=str(skor)))
        elif setting.value != str(skor):
            setting.value = str(skor)
    return skor


def _weak_scores(session: Session, pegawai_id: str, tahun: int, batas: int) -> list[SuggestedNeed]:
    rows = session.execute(
        select(EvaluasiKompetensi, SesiCoaching.tanggal)
        .join(SesiCoaching, SesiCoaching.id == EvaluasiKompetensi.sesi_id)
        .where(
            SesiCoaching.pegawai_id == pegawai_id,
            SesiCoaching.deleted.is_(False),
            EvaluasiKompetensi.deleted.is_(False),
            EvaluasiKompetensi.skor <= batas,
            SesiCoaching.tanggal >= dt.date(tahun, 1, 1),
            SesiCoaching.tanggal <= dt.date(tahun, 12, 31),
        )
        .order_by(SesiCoaching.tanggal.desc())
    ).all()
    seen: set[str] = set()
    result = []
    for ev, tanggal in rows:
        key = ev.kompetensi.casefold()
        if key not in seen:
            seen.add(key)
            result.append(SuggestedNeed(ev.kompetensi, ev.skor, ev.alasan, ev.sesi_id, tanggal))
    return result


def add_need(
    db: Database, *, actor: Actor, pegawai_id: str, tahun: int, kompetensi: str,
    keterangan: str = "", sumber_sesi_id: str | None = None,
) -> NeedRow:  # fmt: skip
    """A development need; ``sumber_sesi_id`` names the coaching session it came from."""
    name = " ".join(kompetensi.split())
    if not name:
        raise ValidationError(_("Name the competency to develop."), field="kompetensi")
    if len(name) > 300:
        raise ValidationError(
            _("The competency is longer than 300 characters."), field="kompetensi"
        )
    with db.unit_of_work(actor) as session:
        _require_write(session, actor, pegawai_id)
        tanggal = None
        if sumber_sesi_id is not None:
            sesi = session.get(SesiCoaching, sumber_sesi_id)
            if sesi is None or sesi.deleted or sesi.pegawai_id != pegawai_id:
                raise ValidationError(_("The source session is not one of this pegawai's."),
                                      field="sumber")  # fmt: skip
            tanggal = sesi.tanggal
        plan = _ensure_plan(session, pegawai_id, tahun)
        need = KebutuhanPengembangan(rencana_id=plan.id, kompetensi=name,
                                     sumber_sesi_id=sumber_sesi_id, keterangan=keterangan.strip())  # fmt: skip
        session.add(need)
        session.flush()
        return NeedRow(need.id, name, sumber_sesi_id, tanggal, need.keterangan)


def remove_need(db: Database, *, actor: Actor, need_id: str) -> None:
    with db.unit_of_work(actor) as session:
        need = session.get(KebutuhanPengembangan, need_id)
        plan = session.get(RencanaPengembangan, need.rencana_id) if need else None
        if need is None or need.deleted or plan is None:
            raise NotFoundError(_("This development need does not exist (any more)."))
        _require_write(session, actor, plan.pegawai_id)
        need.deleted = True


def _check_activity(data: ActivityInput) -> ActivityInput:
    name = " ".join(data.nama.split())
    if not name:
        raise ValidationError(_("Name the development activity."), field="nama")
    for value, fieldname in ((data.jp_rencana, "jp_rencana"), (data.jp_realisasi, "jp_realisasi")):
        if not 0 <= value <= 1000:
            raise ValidationError(
                _("Learning hours (JP) are a number from 0 to 1000."), field=fieldname
            )
    return ActivityInput(name, data.jenis.strip(), float(data.jp_rencana),
                         float(data.jp_realisasi), data.tanggal, data.selesai)  # fmt: skip


def add_activity(
    db: Database, *, actor: Actor, pegawai_id: str, tahun: int, data: ActivityInput
) -> ActivityRow:
    """A planned (or already done) development activity with its learning hours."""
    clean = _check_activity(data)
    with db.unit_of_work(actor) as session:
        _require_write(session, actor, pegawai_id)
        plan = _ensure_plan(session, pegawai_id, tahun)
        act = KegiatanPengembangan(
            rencana_id=plan.id, nama=clean.nama, jenis=clean.jenis, jp_rencana=clean.jp_rencana,
            jp_realisasi=clean.jp_realisasi, tanggal=clean.tanggal, selesai=clean.selesai,
        )  # fmt: skip
        session.add(act)
        session.flush()
        return ActivityRow(act.id, clean.nama, clean.jenis, clean.jp_rencana, clean.jp_realisasi,
                           clean.tanggal, clean.selesai)  # fmt: skip


def update_activity(db: Database, *, actor: Actor, activity_id: str, data: ActivityInput) -> None:
    """Change an activity, e.g. record the hours done and mark it finished."""
    clean = _check_activity(data)
    with db.unit_of_work(actor) as session:
        act = session.get(KegiatanPengembangan, activity_id)
        plan = session.get(RencanaPengembangan, act.rencana_id) if act else None
        if act is None or act.deleted or plan is None:
            raise NotFoundError(_("This development activity does not exist (any more)."))
        _require_write(session, actor, plan.pegawai_id)
        for key in ("nama", "jenis", "jp_rencana", "jp_realisasi", "tanggal", "selesai"):
            value = getattr(clean, key)
            if getattr(act, key) != value:
                setattr(act, key, value)


def remove_activity(db: Database, *, actor: Actor, activity_id: str) -> None:
    with db.unit_of_work(actor) as session:
        act = session.get(KegiatanPengembangan, activity_id)
        plan = session.get(RencanaPengembangan, act.rencana_id) if act else None
        if act is None or act.deleted or plan is None:
            raise NotFoundError(_("This development activity does not exist (any more)."))
        _require_write(session, actor, plan.pegawai_id)
        act.deleted = True
