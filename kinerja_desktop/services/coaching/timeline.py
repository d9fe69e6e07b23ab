"""The pegawai's growth timeline: the story of their year in time order.

It gathers, read-only, what other areas recorded about one pegawai: SKP workflow and
revision steps (``SkpEvent``), feedback received and the pegawai's replies (``UmpanBalik``),
coaching sessions and their agreed actions, evaluations (``Evaluasi``, and past years' results
read back from SIASN) and development activities. Notes are not part of it (a private note must never appear; shared notes stay
in their session). Each item names the area and record that holds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import N_, _, format_date
from kinerja_desktop.models.coaching import (
    AksiDisepakati,
    KegiatanPengembangan,
    RencanaPengembangan,
    SesiCoaching,
)
from kinerja_desktop.models.enums import (
    EvaluasiStatus,
    Predikat,
    SkpStatus,
    StatusAksi,
    StatusSesi,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import FrasaUmpanBalik, UmpanBalik
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.siasn import RiwayatSiasn
from kinerja_desktop.models.skp import Skp, SkpEvent
from kinerja_desktop.services.core import access, periods
from kinerja_desktop.services.core.reference import label


class Kind(StrEnum):
    SKP = "skp"
    FEEDBACK = "feedback"
    REPLY = "reply"
    SESSION = "session"
    ACTION = "action"
    EVALUATION = "evaluation"
    DEVELOPMENT = "development"


KIND_LABELS: dict[Kind, str] = {
    Kind.SKP: N_("SKP changes"),
    Kind.FEEDBACK: N_("Feedback received"),
    Kind.REPLY: N_("Replies"),
    Kind.SESSION: N_("Conversations"),
    Kind.ACTION: N_("Agreed actions"),
    Kind.EVALUATION: N_("Evaluations"),
    Kind.DEVELOPMENT: N_("Development"),
}


@dataclass(frozen=True)
class TimelineItem:
    """One moment of the story: when, what kind, a title and a detail line, where it lives."""

    at: dt.datetime
    kind: Kind
    title: str
    detail: str
    area: str
    ref_id: str

    @property
    def tanggal(self) -> dt.date:
        return self.at.date()


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored UTC moment as a naive local one (dates from forms are naive already)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def _day(day: dt.date, waktu: str = "") -> dt.datetime:
    try:
        time = dt.time.fromisoformat(waktu) if waktu else dt.time(0, 0)
    except ValueError:
        time = dt.time(0, 0)
    return dt.datetime.combine(day, time)


def _period_label(code: str) -> str:
    try:
        return periods.parse(code).label()
    except ValidationError:
        return code


def _skp_step(event: SkpEvent) -> str:
    try:
        return label(SkpStatus(event.ke_status))
    except ValueError:
        return event.jenis.replace("_", " ")


def timeline(
    db: Database, *, actor: Actor, pegawai_id: str, tahun: int | None = None,
    kinds: Collection[Kind] | None = None,
) -> list[TimelineItem]:  # fmt: skip
    """The pegawai's timeline, oldest first; optionally one year and some kinds only."""
    wanted = set(kinds) if kinds is not None else set(Kind)
    items: list[TimelineItem] = []
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        names = _Names(session)
        skp_years = dict(
            session.execute(select(Skp.id, Skp.tahun).where(Skp.pegawai_id == pegawai_id)).all()
        )
        if Kind.SKP in wanted and skp_years:
            for event in session.execute(
                select(SkpEvent).where(SkpEvent.skp_id.in_(skp_years), SkpEvent.deleted.is_(False))
            ).scalars():
                who = names.get(event.actor_pegawai_id)
                items.append(TimelineItem(
                    _local(event.created_at), Kind.SKP,
                    _("SKP {year}: {step}").format(year=skp_years[event.skp_id],
                                                   step=_skp_step(event)),
                    " · ".join(x for x in (who, event.alasan) if x), "skp", event.skp_id,
                ))  # fmt: skip
        if wanted & {Kind.FEEDBACK, Kind.REPLY} and skp_years:
            frasa = aliased(FrasaUmpanBalik)
            for ub, frasa_teks in session.execute(
                select(UmpanBalik, frasa.teks)
                .outerjoin(frasa, frasa.id == UmpanBalik.frasa_id)
                .where(UmpanBalik.skp_id.in_(skp_years), UmpanBalik.deleted.is_(False))
            ):
                text = " — ".join(x for x in (frasa_teks, ub.teks) if x)
                reply = ub.penulis_id == pegawai_id
                kind = Kind.REPLY if reply else Kind.FEEDBACK
                if kind not in wanted:
                    continue
                title = (
                    _("Reply on {period}").format(period=_period_label(ub.periode)) if reply
                    else _("Feedback from {who} on {period}").format(
                        who=names.get(ub.penulis_id), period=_period_label(ub.periode))
                )  # fmt: skip
                items.append(TimelineItem(_local(ub.created_at), kind, title, text, "monitoring",
                                          ub.skp_id))  # fmt: skip
        if Kind.EVALUATION in wanted and skp_years:
            for ev in session.execute(
                select(Evaluasi).where(Evaluasi.skp_id.in_(skp_years), Evaluasi.deleted.is_(False))
            ).scalars():
                final = ev.status is EvaluasiStatus.FINAL
                result = label(ev.predikat) if ev.predikat else _("no rating yet")
                title = (
                    _("Evaluation {period}: {result}") if final
                    else _("Evaluation {period} (draft): {result}")
                ).format(period=_period_label(ev.periode), result=result)  # fmt: skip
                items.append(TimelineItem(
                    _local(ev.final_at or ev.updated_at), Kind.EVALUATION, title,
                    " · ".join(x for x in (ev.catatan, ev.rekomendasi) if x), "evaluation", ev.id,
                ))  # fmt: skip
        if Kind.EVALUATION in wanted:
            _siasn_history(session, pegawai_id, items)
        if wanted & {Kind.SESSION, Kind.ACTION}:
            _sessions(session, pegawai_id, wanted, names, items)
        if Kind.DEVELOPMENT in wanted:
            for act in session.execute(
                select(KegiatanPengembangan)
                .join(RencanaPengembangan, RencanaPengembangan.id == KegiatanPengembangan.rencana_id)
                .where(RencanaPengembangan.pegawai_id == pegawai_id,
                       RencanaPengembangan.deleted.is_(False),
                       KegiatanPengembangan.deleted.is_(False))
            ).scalars():  # fmt: skip
                hours = float(act.jp_realisasi if act.selesai else act.jp_rencana)
                title = (
                    _("Development done: {name} ({jp} JP)") if act.selesai
                    else _("Development planned: {name} ({jp} JP)")
                ).format(name=act.nama, jp=f"{hours:g}")  # fmt: skip
                at = _day(act.tanggal) if act.tanggal else _local(act.created_at)
                items.append(TimelineItem(at, Kind.DEVELOPMENT, title, act.jenis, "coaching",
                                          act.rencana_id))  # fmt: skip
    if tahun is not None:
        items = [i for i in items if i.at.year == tahun]
    return sorted(items, key=lambda i: (i.at, i.kind.value, i.title))


def _siasn_history(session: Session, pegawai_id: str, items: list[TimelineItem]) -> None:
    """Past results read back from SIASN (``kinerja siasn import-riwayat``), at the end of
    their period."""
    for row in session.execute(
        select(RiwayatSiasn).where(RiwayatSiasn.pegawai_id == pegawai_id)
    ).scalars():
        try:
            end = periods.parse(row.periode).selesai
        except ValidationError:
            continue
        result = label(Predikat(row.predikat)) if row.predikat else _("no rating yet")
        detail = _("Credit points: {ak}").format(ak=row.angka_kredit) if row.angka_kredit else ""
        items.append(TimelineItem(
            _day(end), Kind.EVALUATION,
            _("Evaluation {period} (from SIASN): {result}").format(
                period=_period_label(row.periode), result=result),
            detail, "evaluation", row.id,
        ))  # fmt: skip


def _sessions(
    session: Session, pegawai_id: str, wanted: set[Kind], names: _Names, items: list[TimelineItem]
) -> None:
    sesi_by_id: dict[str, SesiCoaching] = {}
    for sesi in session.execute(
        select(SesiCoaching).where(
            SesiCoaching.pegawai_id == pegawai_id, SesiCoaching.deleted.is_(False)
        )
    ).scalars():
        sesi_by_id[sesi.id] = sesi
        if Kind.SESSION not in wanted:
            continue
        title = _("{kind} with {coach}").format(kind=label(sesi.jenis),
                                                coach=names.get(sesi.coach_id))  # fmt: skip
        if sesi.status is not StatusSesi.SELESAI:
            title = f"{title} ({label(sesi.status)})"
        detail = " · ".join(x for x in (sesi.tempat, sesi.ringkasan) if x)
        items.append(TimelineItem(_day(sesi.tanggal, sesi.waktu), Kind.SESSION, title, detail,
                                  "coaching", sesi.id))  # fmt: skip
    if Kind.ACTION not in wanted or not sesi_by_id:
        return
    for aksi in session.execute(
        select(AksiDisepakati).where(
            AksiDisepakati.sesi_id.in_(sesi_by_id), AksiDisepakati.deleted.is_(False)
        )
    ).scalars():
        sesi = sesi_by_id[aksi.sesi_id]
        who = names.get(aksi.pelaksana_id)
        due = _("due {date}").format(date=format_date(aksi.tenggat)) if aksi.tenggat else ""
        items.append(TimelineItem(
            _day(sesi.tanggal, sesi.waktu) + dt.timedelta(seconds=1), Kind.ACTION,
            _("Agreed: {action}").format(action=aksi.teks),
            " · ".join(x for x in (who, due) if x), "coaching", aksi.sesi_id,
        ))  # fmt: skip
        if aksi.status is not StatusAksi.OPEN:
            title = (
                _("Action done: {action}") if aksi.status is StatusAksi.DONE
                else _("Action dropped: {action}")
            ).format(action=aksi.teks)  # fmt: skip
            items.append(TimelineItem(_local(aksi.updated_at), Kind.ACTION, title,
                                      aksi.komentar_status, "coaching", aksi.sesi_id))  # fmt: skip


class _Names:
    """Pegawai names looked up once each."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[str, str] = {}

    def get(self, pegawai_id: str | None) -> str:
        if not pegawai_id:
            return ""
        if pegawai_id not in self._cache:
            self._cache[pegawai_id] = (
                self._session.execute(select(Pegawai.nama).where(Pegawai.id == pegawai_id))
                .scalar_one_or_none() or ""
            )  # fmt: skip
        return self._cache[pegawai_id]
