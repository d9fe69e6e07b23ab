"""The working-day calendar: real 2026 Indonesian holidays, the office's week, its own days
off and cuti bersama, a person's leave, and the lateness setting."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.services.harian import calendar
from kinerja_desktop.services.harian.calendar import CalendarRules, DayOff
from tests.factories import Office

pytestmark = pytest.mark.usefixtures("harian_today")


def test_2026_national_holidays_are_not_working_days(db: Database, office: Office) -> None:
    days = calendar.working_days(
        db, actor=SYSTEM, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 8, 10), selesai=dt.date(2026, 8, 23),
    )  # fmt: skip
    # Monday 17 August 2026 is Independence Day; weekends are off
    assert dt.date(2026, 8, 17) not in days
    assert days == [dt.date(2026, 8, d) for d in (10, 11, 12, 13, 14, 18, 19, 20, 21)]
    holidays = calendar.national_holidays(2026)
    assert holidays[dt.date(2026, 1, 1)] == "Tahun Baru Masehi"
    assert dt.date(2026, 12, 25) in holidays and dt.date(2026, 6, 1) in holidays


def test_six_day_week_office_days_off_and_cuti_bersama(db: Database, office: Office) -> None:
    calendar.set_rules(
        db, actor=office.admin.actor, hari_kerja=6, terlambat_setelah=None,
        libur=[DayOff(dt.date(2026, 12, 24), "Cuti bersama Natal", "cuti_bersama"),
               DayOff(dt.date(2026, 12, 2), "HUT Kabupaten", "libur")],
    )  # fmt: skip
    days = calendar.working_days(
        db, actor=SYSTEM, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 11, 30), selesai=dt.date(2026, 12, 6),
    )  # fmt: skip
    assert days == [dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 3),
                    dt.date(2026, 12, 4), dt.date(2026, 12, 5)]  # fmt: skip
    december = calendar.working_days(
        db, actor=SYSTEM, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 12, 21), selesai=dt.date(2026, 12, 27),
    )  # fmt: skip
    assert dt.date(2026, 12, 24) not in december and dt.date(2026, 12, 25) not in december
    assert dt.date(2026, 12, 26) in december  # a Saturday in a 6-day week


def test_leave_days_by_the_pegawai_or_the_administrator_only(db: Database, office: Office) -> None:
    added = calendar.add_leave(
        db, actor=office.staf.actor, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 11, 9), selesai=dt.date(2026, 11, 11), keterangan="Cuti tahunan",
    )  # fmt: skip
    assert added == 3
    days = calendar.working_days(
        db, actor=SYSTEM, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 11, 9), selesai=dt.date(2026, 11, 13),
    )  # fmt: skip
    assert days == [dt.date(2026, 11, 12), dt.date(2026, 11, 13)]
    with pytest.raises(PermissionDenied):
        calendar.add_leave(db, actor=office.staf2.actor, pegawai_id=office.staf.id,
                           mulai=dt.date(2026, 11, 16))  # fmt: skip
    assert calendar.add_leave(db, actor=office.admin.actor, pegawai_id=office.staf.id,
                              mulai=dt.date(2026, 11, 16)) == 1  # fmt: skip
    calendar.remove_leave(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                          tanggal=dt.date(2026, 11, 9))  # fmt: skip
    assert dt.date(2026, 11, 9) in calendar.working_days(
        db, actor=SYSTEM, pegawai_id=office.staf.id,
        mulai=dt.date(2026, 11, 9), selesai=dt.date(2026, 11, 9),
    )  # fmt: skip


def test_calendar_rules_are_checked_and_only_the_administrator_sets_them(
    db: Database, office: Office
) -> None:
    with pytest.raises(PermissionDenied):
        calendar.set_rules(db, actor=office.kabid.actor, hari_kerja=5, terlambat_setelah=3)
    with pytest.raises(ValidationError) as info:
        calendar.set_rules(db, actor=office.admin.actor, hari_kerja=4, terlambat_setelah=3)
    assert info.value.field == "hari_kerja"
    with pytest.raises(ValidationError) as info:
        calendar.set_rules(db, actor=office.admin.actor, hari_kerja=5, terlambat_setelah=3,
                           libur=[DayOff(dt.date(2026, 12, 2), " ", "libur")])  # fmt: skip
    assert "Day off 1" in info.value.message or "Hari libur 1" in info.value.message
    assert calendar.get_rules(db, actor=SYSTEM) == CalendarRules()


def test_lateness_is_off_by_default_and_counts_days_after() -> None:
    day = dt.date(2026, 11, 2)
    assert not CalendarRules().is_late(day, dt.date(2026, 12, 30))
    rules = CalendarRules(terlambat_setelah=2)
    assert not rules.is_late(day, dt.date(2026, 11, 4))
    assert rules.is_late(day, dt.date(2026, 11, 5))
