"""Period codes (``services.core.periods``): a code says its own dates, so every install
agrees on them; the periods of a year follow the office's rhythm and cover every day."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.services.core.periods import parse, period_containing, periods_of_year


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the labels below are matched in English


@pytest.mark.parametrize(
    ("code", "mulai", "selesai", "tahunan", "akhir", "bulan", "label"),
    [
        ("2026", (2026, 1, 1), (2026, 12, 31), True, True, 12, "Year 2026"),
        ("2026-s1", (2026, 1, 1), (2026, 6, 30), False, False, 6, "Semester I 2026"),
        ("2026-S2", (2026, 7, 1), (2026, 12, 31), False, True, 6, "Semester II 2026"),
        ("2026-TW1", (2026, 1, 1), (2026, 3, 31), False, False, 3, "Quarter I 2026"),
        ("2026-TW4", (2026, 10, 1), (2026, 12, 31), False, True, 3, "Quarter IV 2026"),
        (" 2028-B02 ", (2028, 2, 1), (2028, 2, 29), False, False, 1, "February 2028"),
        ("2026-B12", (2026, 12, 1), (2026, 12, 31), False, True, 1, "December 2026"),
    ],
)
def test_a_code_says_its_dates_length_and_name(
    code: str,
    mulai: tuple[int, int, int],
    selesai: tuple[int, int, int],
    tahunan: bool,
    akhir: bool,
    bulan: int,
    label: str,
) -> None:
    period = parse(code)
    assert (period.mulai, period.selesai) == (dt.date(*mulai), dt.date(*selesai))
    assert (period.tahunan, period.akhir, period.bulan) == (tahunan, akhir, bulan)
    assert period.code == code.strip().upper()
    assert period.label() == label


def test_a_month_is_named_in_the_users_language() -> None:
    set_language("id")
    assert parse("2026-B03").label() == "Maret 2026"
    assert parse("2026-TW2").label() == "Triwulan II 2026"


@pytest.mark.parametrize("code", ["", "26", "2026-S3", "2026-TW5", "2026-B13", "2026-B1", "x"])
def test_an_unknown_code_is_refused_with_the_accepted_forms(code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse(code)
    assert caught.value.field == "periode"
    assert "2026-TW2" in str(caught.value)


@pytest.mark.parametrize(
    ("ritme", "codes"),
    [
        (Ritme.SEMESTERAN, ["2026-S1", "2026-S2"]),
        (Ritme.TRIWULANAN, ["2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4"]),
        (Ritme.BULANAN, [f"2026-B{n:02d}" for n in range(1, 13)]),
    ],
)
def test_the_periods_of_a_year_follow_the_rhythm_and_cover_every_day(
    ritme: Ritme, codes: list[str]
) -> None:
    periods = periods_of_year(2026, ritme)
    assert [p.code for p in periods] == codes
    day, days = dt.date(2026, 1, 1), 0
    while day.year == 2026:
        assert period_containing(day, ritme).mulai <= day <= period_containing(day, ritme).selesai
        day, days = day + dt.timedelta(days=1), days + 1
    assert days == sum((p.selesai - p.mulai).days + 1 for p in periods) == 365
