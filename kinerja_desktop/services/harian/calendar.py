"""The working-day calendar of the daily log.

A day is a working day for a pegawai unless it is a weekend day by the office's rule (a 5-day
week: Saturday and Sunday off; a 6-day week: Sunday off), one of Indonesia's national holidays
(the ``holidays`` package), one of the office's own days off or cuti bersama (an editable
list), or one of the pegawai's leave days. The office rules (week, days off, lateness) are a
setting of this install, like the paper size; leave days travel with the pegawai's records.

Lateness: with "entries are on time until N days after the day" an entry first written more
than N days after its day is late; without the setting (the default) nothing is late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import N_, _, format_date
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.harian import CutiPegawai
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.core import access

SETTING_KEY = "harian.kalender"
JENIS_LIBUR = {"libur": N_("office day off"), "cuti_bersama": N_("cuti bersama")}


@dataclass(frozen=True)
class DayOff:
    """One of the office's own days off (``jenis``: ``libur`` or ``cuti_bersama``)."""

    tanggal: dt.date
    nama: str
    jenis: str = "libur"


@dataclass(frozen=True)
class CalendarRules:
    """The office's calendar settings."""

    hari_kerja: int = 5
    terlambat_setelah: int | None = None
    libur: tuple[DayOff, ...] = field(default_factory=tuple)

    def is_late(self, tanggal: dt.date, dicatat: dt.date) -> bool:
        if self.terlambat_setelah is None:
            return False
        return (dicatat - tanggal).days > self.terlambat_setelah


@lru_cache(maxsize=16)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Indonesia's national holidays of ``year`` with their Indonesian names."""
    return dict(holidays.country_holidays("ID", years=year, language="id").items())


def _rules_from(value: Any) -> CalendarRules:
    if not isinstance(value, dict):
        return CalendarRules()
    libur = tuple(
        DayOff(dt.date.fromisoformat(d["tanggal"]), str(d.get("nama", "")), str(d.get("jenis")))
        for d in value.get("libur", [])
    )
    late = value.get("terlambat_setelah")
    return CalendarRules(
        int(value.get("hari_kerja", 5)), None if late is None else int(late), libur
    )


def rules_in(session: Session) -> CalendarRules:
    setting = session.get(Setting, SETTING_KEY)
    return _rules_from(setting.value if setting else None)


def get_rules(db: Database, *, actor: Actor) -> CalendarRules:
    """The office's calendar settings (anyone may read them)."""
    with db.read(actor) as session:
        return rules_in(session)


def set_rules(
    db: Database,
    *,
    actor: Actor,
    hari_kerja: int,
    terlambat_setelah: int | None,
    libur: Iterable[DayOff] = (),
) -> CalendarRules:
    """Change the office's calendar (pengelola kinerja only)."""
    access.require_pengelola(actor)
    if hari_kerja not in (5, 6):
        raise ValidationError(_("The working week has 5 or 6 days."), field="hari_kerja")
    if terlambat_setelah is not None and not 0 <= terlambat_setelah <= 60:
        raise ValidationError(
            _("Entries are on time for 0 to 60 days after the day, or leave it empty."),
            field="terlambat_setelah",
        )
    days = sorted(libur, key=lambda d: d.tanggal)
    for number, day in enumerate(days, start=1):
        if day.jenis not in JENIS_LIBUR:
            raise ValidationError(
                _("Day off {row}: the kind must be an office day off or cuti bersama.").format(
                    row=number
                ),
                field="libur",
            )
        if not day.nama.strip():
            raise ValidationError(
                _("Day off {row} ({date}): give it a name.").format(
                    row=number, date=format_date(day.tanggal)
                ),
                field="libur",
            )
    value = {
        "hari_kerja": hari_kerja,
        "terlambat_setelah": terlambat_setelah,
        "libur": [
            {"tanggal": d.tanggal.isoformat(), "nama": d.nama.strip()[:200], "jenis": d.jenis}
            for d in days
        ],
    }
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, SETTING_KEY)
        if setting is None:
            session.add(Setting(key=SETTING_KEY, value=value))
        else:
            setting.value = value
    return _rules_from(value)


@dataclass(frozen=True)
class Calendar:
    """The working days for a set of people, read once for a range of dates."""

    rules: CalendarRules
    leave: dict[str, set[dt.date]]

    def off_reason(self, day: dt.date, pegawai_id: str | None = None) -> str | None:
        """Why ``day`` is not a working day (translated), or None for a working day."""
        weekday = day.weekday()
        if weekday == 6 or (weekday == 5 and self.rules.hari_kerja == 5):
            return _("weekend")
        national = national_holidays(day.year).get(day)
        if national:
            return national
        for office_day in self.rules.libur:
            if office_day.tanggal == day:
                return f"{_(JENIS_LIBUR[office_day.jenis])}: {office_day.nama}"
        if pegawai_id is not None and day in self.leave.get(pegawai_id, ()):
            return _("leave")
        return None

    def on_leave(self, day: dt.date, pegawai_id: str) -> bool:
        return day in self.leave.get(pegawai_id, ())

    def is_working(self, day: dt.date, pegawai_id: str | None = None) -> bool:
        return self.off_reason(day, pegawai_id) is None

    def working_days(
        self, mulai: dt.date, selesai: dt.date, pegawai_id: str | None = None
    ) -> list[dt.date]:
        days = (mulai + dt.timedelta(days=n) for n in range((selesai - mulai).days + 1))
        return [d for d in days if self.is_working(d, pegawai_id)]


def calendar_in(
    session: Session, pegawai_ids: Iterable[str], mulai: dt.date, selesai: dt.date
) -> Calendar:
    ids = list(pegawai_ids)
    leave: dict[str, set[dt.date]] = {}
    if ids:
        rows = session.execute(
            select(CutiPegawai.pegawai_id, CutiPegawai.tanggal).where(
                CutiPegawai.pegawai_id.in_(ids),
                CutiPegawai.tanggal.between(mulai, selesai),
                CutiPegawai.deleted.is_(False),
            )
        )
        for pegawai_id, tanggal in rows:
            leave.setdefault(pegawai_id, set()).add(tanggal)
    return Calendar(rules_in(session), leave)


def working_days(
    db: Database, *, actor: Actor, pegawai_id: str, mulai: dt.date, selesai: dt.date
) -> list[dt.date]:
    """The working days of ``pegawai_id`` from ``mulai`` to ``selesai`` (both included)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return calendar_in(session, [pegawai_id], mulai, selesai).working_days(
            mulai, selesai, pegawai_id
        )


@dataclass(frozen=True)
class LeaveDay:
    """A leave day of a pegawai, with its remark."""

    tanggal: dt.date
    keterangan: str


def leave_days(db: Database, *, actor: Actor, pegawai_id: str, tahun: int) -> list[LeaveDay]:
    """The leave days of ``pegawai_id`` in ``tahun``, by date (whoever may read their
    performance may see them)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        rows = session.execute(
            select(CutiPegawai.tanggal, CutiPegawai.keterangan)
            .where(
                CutiPegawai.pegawai_id == pegawai_id,
                CutiPegawai.tanggal.between(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)),
                CutiPegawai.deleted.is_(False),
            )
            .order_by(CutiPegawai.tanggal)
        )
        return [LeaveDay(tanggal, keterangan) for tanggal, keterangan in rows]


def may_mark_leave(actor: Actor, pegawai_id: str) -> bool:
    """Whether ``actor`` may mark or unmark leave days of ``pegawai_id``."""
    return actor.is_system or actor.is_pengelola or access.is_self(actor, pegawai_id)


def _require_leave_writer(session: Session, actor: Actor, pegawai_id: str) -> None:
    if session.get(Pegawai, pegawai_id) is None:
        raise NotFoundError(_("This person does not exist."))
    if not may_mark_leave(actor, pegawai_id):
        raise access.deny(_("Leave days are marked by the pegawai or the administrator."))


def add_leave(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    mulai: dt.date,
    selesai: dt.date | None = None,
    keterangan: str = "",
) -> int:
    """Mark ``mulai``..``selesai`` as leave days of ``pegawai_id``; returns the days added."""
    last = selesai or mulai
    if last < mulai:
        raise ValidationError(_("The last day of leave is before the first day."), field="selesai")
    if (last - mulai).days > 366:
        raise ValidationError(_("Mark at most one year of leave at a time."), field="selesai")
    with db.unit_of_work(actor) as session:
        _require_leave_writer(session, actor, pegawai_id)
        known = calendar_in(session, [pegawai_id], mulai, last).leave.get(pegawai_id, set())
        added = 0
        for n in range((last - mulai).days + 1):
            day = mulai + dt.timedelta(days=n)
            if day not in known:
                session.add(
                    CutiPegawai(pegawai_id=pegawai_id, tanggal=day, keterangan=keterangan[:200])
                )
                added += 1
        return added


def remove_leave(db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date) -> None:
    """Unmark a leave day."""
    with db.unit_of_work(actor) as session:
        _require_leave_writer(session, actor, pegawai_id)
        rows = session.execute(
            select(CutiPegawai).where(
                CutiPegawai.pegawai_id == pegawai_id,
                CutiPegawai.tanggal == tanggal,
                CutiPegawai.deleted.is_(False),
            )
        ).scalars()
        found = False
        for row in rows:
            row.deleted, found = True, True
        if not found:
            raise NotFoundError(
                _("{date} is not marked as leave.").format(date=format_date(tanggal))
            )
