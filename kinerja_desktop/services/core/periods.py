"""Evaluation periods of a year, derived from the office's rhythm.

Codes: ``2026`` (the year), ``2026-S1``/``2026-S2``, ``2026-TW1``..``2026-TW4``,
``2026-B01``..``2026-B12``. A code says its own dates, so every install agrees on them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import get_month_names

from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, current_locale
from kinerja_desktop.models.enums import Ritme

_CODE = re.compile(r"^(\d{4})(?:-(S[12]|TW[1-4]|B(?:0[1-9]|1[0-2])))?$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Periode:
    """One evaluation period."""

    code: str
    tahun: int
    mulai: dt.date
    selesai: dt.date
    tahunan: bool
    akhir: bool

    @property
    def bulan(self) -> int:
        """Length in months (for the periodic angka kredit)."""
        return (
            (self.selesai.year - self.mulai.year) * 12 + self.selesai.month - self.mulai.month + 1
        )

    def label(self) -> str:
        """People-facing name, e.g. ``Triwulan II 2026`` / ``Quarter II 2026``."""
        kind = self.code[5:]
        if self.tahunan:
            return _("Year {year}").format(year=self.tahun)
        if kind.startswith("S"):
            return _("Semester {n} {year}").format(n=_ROMAN[int(kind[1])], year=self.tahun)
        if kind.startswith("TW"):
            return _("Quarter {n} {year}").format(n=_ROMAN[int(kind[2])], year=self.tahun)
        names = get_month_names("wide", locale=current_locale())
        return f"{names[int(kind[1:])]} {self.tahun}"


def parse(code: str) -> Periode:
    """The period of ``code``; ``ValidationError`` says the accepted forms."""
    match = _CODE.match((code or "").strip().upper())
    if not match:
        raise ValidationError(
            _(
                "Unknown period '{code}'. Use the year (2026), a semester (2026-S1), "
                "a quarter (2026-TW2) or a month (2026-B03)."
            ).format(code=code),
            field="periode",
        )
    year = int(match.group(1))
    kind = match.group(2)
    if kind is None:
        return Periode(f"{year}", year, dt.date(year, 1, 1), dt.date(year, 12, 31), True, True)
    if kind.startswith("S"):
        n = int(kind[1])
        first, last = (1, 6) if n == 1 else (7, 12)
    elif kind.startswith("TW"):
        n = int(kind[2])
        first, last = 3 * n - 2, 3 * n
    else:
        first = last = int(kind[1:])
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return Periode(f"{year}-{kind}", year, dt.date(year, first, 1), end, False, last == 12)


def periods_of_year(tahun: int, ritme: Ritme) -> list[Periode]:
    """The periodic evaluation periods of a year for a rhythm (without the annual one)."""
    if ritme is Ritme.SEMESTERAN:
        codes = [f"{tahun}-S{n}" for n in (1, 2)]
    elif ritme is Ritme.TRIWULANAN:
        codes = [f"{tahun}-TW{n}" for n in range(1, 5)]
    else:
        codes = [f"{tahun}-B{n:02d}" for n in range(1, 13)]
    return [parse(code) for code in codes]


def period_containing(day: dt.date, ritme: Ritme) -> Periode:
    """The periodic period that contains ``day`` (the periods of a year cover all its days)."""
    return next(p for p in periods_of_year(day.year, ritme) if p.mulai <= day <= p.selesai)
