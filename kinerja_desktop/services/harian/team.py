"""Who filled in their daily log: a person's missing working days, the supervisor's team month
grid (people x days: filled, late, missing, on leave, not a working day) and the home item
"N hari kerja belum diisi"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _, format_date, ngettext
from kinerja_desktop.models.harian import ProgresHarian, StatusHarian
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.calendar import Calendar, calendar_in
from kinerja_desktop.services.harian.entries import month_bounds


class DayState(StrEnum):
    FILLED = "filled"
    LATE = "late"
    MISSING = "missing"
    LEAVE = "leave"
    OFF = "off"
    FUTURE = "future"


@dataclass(frozen=True)
class DayCell:
    tanggal: dt.date
    state: DayState
    menit: int
    entries: int
    unacknowledged: int


@dataclass(frozen=True)
class PersonMonth:
    pegawai_id: str
    nip: str
    nama: str
    days: tuple[DayCell, ...]

    def count(self, state: DayState) -> int:
        return sum(1 for d in self.days if d.state is state)


@dataclass(frozen=True)
class TeamMonth:
    tahun: int
    bulan: int
    dates: tuple[dt.date, ...]
    people: tuple[PersonMonth, ...]


def _day_summaries(
    session: Session, pegawai_ids: Sequence[str], mulai: dt.date, selesai: dt.date
) -> dict[tuple[str, dt.date], tuple[int, int, int, dt.date]]:
    """(pegawai, day) -> (minutes, entries, unacknowledged, first written)."""
    rows = session.execute(
        select(
            ProgresHarian.pegawai_id,
            ProgresHarian.tanggal,
            func.sum(ProgresHarian.selesai - ProgresHarian.mulai),
            func.count(),
            func.sum(ProgresHarian.status != StatusHarian.DITERIMA.value),
            func.min(ProgresHarian.dicatat),
        )
        .where(
            ProgresHarian.pegawai_id.in_(pegawai_ids),
            ProgresHarian.tanggal.between(mulai, selesai),
            ProgresHarian.deleted.is_(False),
        )
        .group_by(ProgresHarian.pegawai_id, ProgresHarian.tanggal)
    )
    return {
        (pid, day): (int(minutes or 0), int(count), int(open_ or 0), dicatat)
        for pid, day, minutes, count, open_, dicatat in rows
    }


def _cell(
    cal: Calendar,
    pegawai_id: str,
    day: dt.date,
    summary: tuple[int, int, int, dt.date] | None,
    today: dt.date,
) -> DayCell:
    if summary is not None:
        minutes, count, open_, dicatat = summary
        state = DayState.LATE if cal.rules.is_late(day, dicatat) else DayState.FILLED
        return DayCell(day, state, minutes, count, open_)
    if cal.on_leave(day, pegawai_id):
        state = DayState.LEAVE
    elif not cal.is_working(day, pegawai_id):
        state = DayState.OFF
    elif day >= today:
        state = DayState.FUTURE
    else:
        state = DayState.MISSING
    return DayCell(day, state, 0, 0, 0)


def _team_ids(session: Session, actor: Actor) -> list[str]:
    if actor.pegawai_id is None:
        return []
    return list(
        session.execute(
            select(Pegawai.id).where(
                Pegawai.penilai_id == actor.pegawai_id,
                Pegawai.aktif.is_(True),
                Pegawai.deleted.is_(False),
            )
        ).scalars()
    )


def team_month(
    db: Database,
    *,
    actor: Actor,
    tahun: int,
    bulan: int,
    pegawai_ids: Sequence[str] | None = None,
    today: dt.date | None = None,
) -> TeamMonth:
    """The month grid of the actor's staff (or of ``pegawai_ids`` the actor may read)."""
    day0 = today or clock.today()
    first, last = month_bounds(tahun, bulan)
    with db.read(actor) as session:
        if pegawai_ids is None:
            ids = _team_ids(session, actor)
        else:
            ids = list(pegawai_ids)
            for pid in ids:
                access.require_read_performance(session, actor, pid)
        people = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama)
            .where(Pegawai.id.in_(ids))
            .order_by(Pegawai.nama)
        )
        cal = calendar_in(session, ids, first, last)
        summaries = _day_summaries(session, ids, first, last)
        dates = tuple(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
        rows = tuple(
            PersonMonth(
                pid,
                nip,
                nama,
                tuple(_cell(cal, pid, d, summaries.get((pid, d)), day0) for d in dates),
            )
            for pid, nip, nama in people
        )
    return TeamMonth(tahun, bulan, dates, rows)


def missing_days(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    mulai: dt.date,
    selesai: dt.date,
) -> list[dt.date]:
    """Working days of ``pegawai_id`` in ``mulai``..``selesai`` without any entry."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        cal = calendar_in(session, [pegawai_id], mulai, selesai)
        filled = {day for _pid, day in _day_summaries(session, [pegawai_id], mulai, selesai)}
    return [d for d in cal.working_days(mulai, selesai, pegawai_id) if d not in filled]


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """ "N hari kerja belum diisi": working days of this month before today with no entry."""
    if actor.pegawai_id is None:
        return []
    first = today.replace(day=1)
    last = today - dt.timedelta(days=1)
    if last < first:
        return []
    days = missing_days(db, actor=actor, pegawai_id=actor.pegawai_id, mulai=first, selesai=last)
    if not days:
        return []
    return [
        HomeItem(
            kind="harian_missing",
            title=ngettext(
                "{n} working day not filled in", "{n} working days not filled in", len(days)
            ).format(n=len(days)),
            detail=_("Daily log: the first is {date}.").format(date=format_date(days[0])),
            area="harian",
            payload=days[0].isoformat(),
            urgency=Urgency.ACTION,
            due=days[0],
        )
    ]
