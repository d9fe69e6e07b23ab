"""Demo daily log: 3 to 6 entries a working day, holidays and weekends respected, some gaps,
late entries and leave, the whole year for a small office and a chosen span otherwise;
entries pass the services' own rules (no overlaps, inside the SKP)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import SkpStatus
from kinerja_desktop.models.harian import CutiPegawai, ProgresHarian
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo import _harian as harian_demo
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.harian import calendar, team

pytestmark = pytest.mark.usefixtures("harian_today")

TODAY = dt.date(2026, 12, 3)
ONE = dt.timedelta(days=1)


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


ENTRY_COLUMNS = (
    ProgresHarian.id, ProgresHarian.pegawai_id, ProgresHarian.tanggal, ProgresHarian.mulai,
    ProgresHarian.selesai, ProgresHarian.kegiatan, ProgresHarian.iki_id,
    ProgresHarian.realisasi, ProgresHarian.satuan, ProgresHarian.status,
    ProgresHarian.dicatat, ProgresHarian.diterima_oleh,
)  # fmt: skip


def _entries(db: Database) -> list[tuple[object, ...]]:
    with db.read(SYSTEM) as s:
        return [tuple(r) for r in s.execute(select(*ENTRY_COLUMNS).order_by(ProgresHarian.id))]


def _fresh_db(tmp_path: Path, template: Path, name: str) -> Database:
    home = DataHome(tmp_path / name).ensure()
    shutil.copyfile(template, home.database)
    database, _result = open_home(home)
    return database


@pytest.mark.parametrize(
    ("employees", "first"),
    [(1_999, dt.date(2026, 1, 1)), (2_000, dt.date(2026, 1, 1)), (2_001, dt.date(2026, 9, 3))],
)
def test_the_whole_year_up_to_2000_people_three_months_above(
    employees: int, first: dt.date
) -> None:
    assert harian_demo.span(employees, 2026, TODAY) == (first, dt.date(2026, 12, 2))


def test_the_span_by_months_and_days() -> None:
    assert harian_demo.span(30, 2026, TODAY, months=1) == (dt.date(2026, 11, 3), TODAY - ONE)
    assert harian_demo.span(30, 2026, TODAY, months=0)[0] > TODAY - ONE
    assert harian_demo.span(30, 2026, TODAY, months=12)[0] == dt.date(2026, 1, 1)
    assert harian_demo.span(30, 2026, TODAY, days=14)[0] == dt.date(2026, 11, 19)
    # The end of a longer month falls on the shorter month's last day.
    assert harian_demo.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    # A past year ends on its last day.
    assert harian_demo.span(30, 2025, TODAY, months=3) == (
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )


def test_a_large_office_gets_three_months_by_default(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rule of 2,000 people, tried on 6 people with the threshold lowered to 5.
    monkeypatch.setattr(harian_demo, "WHOLE_YEAR_UP_TO", 5)
    generate_demo(db, employees=6, seed=4, year=2026, today=TODAY)
    with db.read(SYSTEM) as s:
        first, last = s.execute(
            select(func.min(ProgresHarian.tanggal), func.max(ProgresHarian.tanggal))
        ).one()
    assert first >= dt.date(2026, 9, 3) and first <= dt.date(2026, 9, 8)
    assert last == dt.date(2026, 12, 2)


def test_the_office_calendar_is_respected(db: Database) -> None:
    office_day = dt.date(2026, 11, 10)
    calendar.set_rules(
        db, actor=SYSTEM, hari_kerja=6, terlambat_setelah=None,
        libur=[calendar.DayOff(office_day, "Hari jadi kabupaten")],
    )  # fmt: skip
    generate_demo(db, employees=12, seed=5, year=2026, today=TODAY, harian_months=2)
    holidays = calendar.national_holidays(2026)
    with db.read(SYSTEM) as s:
        days = {d for (d,) in s.execute(select(ProgresHarian.tanggal).distinct())}
    assert office_day not in days and dt.date(2026, 11, 9) in days
    assert any(d.weekday() == 5 for d in days), "a 6-day week has Saturdays"
    assert all(d.weekday() != 6 and d not in holidays for d in days)


def test_entries_use_the_persons_own_iki(db: Database) -> None:
    generate_demo(db, employees=15, seed=6, year=2026, today=TODAY, harian_months=1)
    with db.read(SYSTEM) as s:
        linked = s.execute(
            select(ProgresHarian.pegawai_id, ProgresHarian.kegiatan, ProgresHarian.satuan,
                   ProgresHarian.realisasi, Skp.pegawai_id, Skp.status, Iki.teks, Iki.satuan)
            .join(Iki, Iki.id == ProgresHarian.iki_id)
            .join(Rhk, Rhk.id == Iki.rhk_id)
            .join(Skp, Skp.id == Rhk.skp_id)
        ).all()  # fmt: skip
        total = s.execute(select(func.count(ProgresHarian.id))).scalar_one()
        broken = s.connection().exec_driver_sql("PRAGMA foreign_key_check").all()
    assert broken == []
    assert 0.4 * total < len(linked) < 0.8 * total
    for pegawai, kegiatan, satuan, realisasi, owner, status, teks, iki_satuan in linked:
        assert pegawai == owner and status == SkpStatus.DISETUJUI
        assert kegiatan == harian_demo.activity_of(teks) and satuan == iki_satuan
        assert realisasi is None or 1 <= realisasi <= 5
    assert harian_demo.activity_of("Jumlah dokumen arsip yang diselesaikan") == (
        "Menyelesaikan dokumen arsip"
    )
    for entry in _entries(db)[:5]:
        assert uuid.UUID(str(entry[0])).version == 7


def test_the_same_seed_gives_the_same_entries(tmp_path: Path, _template_database: Path) -> None:
    made = []
    for name, seed in (("a", 8), ("b", 8), ("c", 9)):
        database = _fresh_db(tmp_path, _template_database, name)
        try:
            generate_demo(database, employees=10, seed=seed, year=2026, today=TODAY,
                          harian_months=1)  # fmt: skip
            made.append(_entries(database))
        finally:
            database.close()
    assert made[0] and made[0] == made[1]
    assert made[0] != made[2]


@pytest.mark.parametrize(
    ("months", "days", "field"),
    [(13, None, "harian_months"), (-1, None, "harian_months"), (3, 10, "harian_months"),
     (None, 367, "harian_days")],
)  # fmt: skip
def test_a_wrong_span_is_refused_and_writes_nothing(
    db: Database, months: int | None, days: int | None, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        generate_demo(db, employees=5, seed=1, year=2026, today=TODAY, harian_months=months,
                      harian_days=days)  # fmt: skip
    assert refused.value.field == field
    with db.read(SYSTEM) as s:
        assert s.execute(select(func.count(Pegawai.id))).scalar_one() == 0


def test_the_cli_option_sets_and_checks_the_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    assert main(["--home", str(home), "demo", "--employees", "5", "--harian-months", "13"]) == 2
    assert "12" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["--home", str(home), "demo", "--employees", "5", "--harian-months", "2",
              "--harian-days", "3"])  # fmt: skip
    assert usage.value.code == 2
    assert "--harian-days" in capsys.readouterr().err
    assert main(["--home", str(home), "demo", "--employees", "5", "--harian-months", "0",
                 "--json"]) == 0  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert summary["people"] == 5 and "progres_harian" not in summary["counts"]
