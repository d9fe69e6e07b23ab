"""Demo daily log: 3 to 6 entries a working day, holidays and weekends respected, some gaps,
late entries and leave, the whole year for a small office and a chosen span otherwise;
entries pass the services' own rules (no overlaps, inside the SKP)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest
from sqlalchemy import func, select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.models.harian import CutiPegawai, ProgresHarian
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.harian import calendar, team

pytestmark = pytest.mark.usefixtures("harian_today")

TODAY = dt.date(2026, 12, 3)


def test_a_small_office_gets_a_realistic_year_of_entries(db: Database) -> None:
    summary = generate_demo(db, employees=40, seed=3, year=2026, today=TODAY)
    assert summary.counts["progres_harian"] > 40 * 200 * 3
    holidays = calendar.national_holidays(2026)
    with db.read(SYSTEM) as s:
        first, last = s.execute(
            select(func.min(ProgresHarian.tanggal), func.max(ProgresHarian.tanggal))
        ).one()
        assert first <= dt.date(2026, 1, 5) and last == dt.date(2026, 12, 2)
        days = [d for (d,) in s.execute(select(ProgresHarian.tanggal).distinct())]
        assert all(d.weekday() < 5 and d not in holidays for d in days)
        per_day = Counter(s.execute(select(ProgresHarian.pegawai_id, ProgresHarian.tanggal)).all())
        assert min(per_day.values()) >= 3 and max(per_day.values()) <= 6
        late = s.execute(
            select(func.count()).where(ProgresHarian.dicatat > ProgresHarian.tanggal)
        ).scalar_one()
        assert late > 0
        assert s.execute(select(func.count(CutiPegawai.id))).scalar_one() > 0
        rows = s.execute(
            select(ProgresHarian.pegawai_id, ProgresHarian.tanggal, ProgresHarian.mulai,
                   ProgresHarian.selesai)
            .order_by(ProgresHarian.pegawai_id, ProgresHarian.tanggal, ProgresHarian.mulai)
        ).all()  # fmt: skip
        person = s.execute(select(ProgresHarian.pegawai_id).limit(1)).scalar_one()
    for before, after in itertools.pairwise(rows):
        if before[:2] == after[:2]:
            assert before[3] <= after[2] and after[2] < after[3]
    calendar.set_rules(db, actor=SYSTEM, hari_kerja=5, terlambat_setelah=2)
    grid = team.team_month(db, actor=SYSTEM, tahun=2026, bulan=11, pegawai_ids=[person],
                           today=TODAY)  # fmt: skip
    states = Counter(c.state.value for c in grid.people[0].days)
    assert states["filled"] + states["late"] + states["leave"] + states["missing"] == 21


def test_the_span_is_an_option(db: Database) -> None:
    summary = generate_demo(db, employees=30, seed=2, year=2026, today=TODAY, harian_days=14)
    with db.read(SYSTEM) as s:
        first = s.execute(select(func.min(ProgresHarian.tanggal))).scalar_one()
    assert first >= dt.date(2026, 11, 19)
    assert summary.counts["progres_harian"] < 30 * 10 * 6 + 1
    with pytest.raises(ValidationError):
        generate_demo(db, employees=30, seed=2, year=2026, today=TODAY, harian_days=400)
