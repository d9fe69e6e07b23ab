"""Benchmark of the daily log, Progres Harian (issue 13).

A 500-person office with a year of demo entries (``generate_demo``, seed 13, year 2026, "today"
31 December: about half a million entries). Targets, checked here:

- saving an entry (``entries.add_entry``, every rule checked) < 30 ms;
- a week view (``entries.week``) < 50 ms;
- a supervisor's month grid for 30 people (``team.team_month``) < 100 ms;
- the period roll-up for one pegawai (``rollup.rollup``, a quarter) < 50 ms;
- a month's XLSX export for the whole office (``exchange.export_month``) < 10 s;
- a bundle holding a month of the office's entries (a second demo office with 31 days of
  entries, everything exported to its hub) exports and imports in < 5 s each.

Each service figure is the median of several runs after one warm-up; the export and the bundle
are timed once each.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections import Counter

from sqlalchemy import func, select

from bench import median_ms, scratch_dir
from bench.bench_sync import _enrol, _install, _install_id
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import Role
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.harian import entries, exchange, rollup, team
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.sync.importer import ImportReport

EMPLOYEES = 500
YEAR = 2026
TODAY = dt.date(YEAR, 12, 31)
RUNS = 9
TARGETS_MS = {"save": 30.0, "week": 50.0, "grid": 100.0, "rollup": 50.0}
EXPORT_TARGET_S = 10.0
BUNDLE_TARGET_S = 5.0


def _demo(name: str, days: int | None) -> tuple[Database, float]:
    home = DataHome(scratch_dir() / name).ensure()
    db, _result = open_home(home)
    started = time.perf_counter()
    generate_demo(db, employees=EMPLOYEES, seed=13, year=YEAR, today=TODAY, harian_days=days)
    return db, time.perf_counter() - started


def _busy_supervisor(db: Database) -> tuple[str, list[str]]:
    """The pegawai with the most staff, and those staff (with others of the unit up to 30)."""
    with db.read(SYSTEM) as session:
        counts = Counter(
            session.execute(
                select(Pegawai.penilai_id).where(Pegawai.penilai_id.is_not(None))
            ).scalars()
        )
        boss = str(counts.most_common(1)[0][0])
        staff = list(
            session.execute(select(Pegawai.id).where(Pegawai.penilai_id == boss)).scalars()
        )
        more = session.execute(
            select(Pegawai.id).where(Pegawai.id.not_in(staff), Pegawai.id != boss).limit(30)
        ).scalars()
        return boss, (staff + list(more))[:30]


def _fmt(ms: float, target: float) -> tuple[str, str]:
    return f"{ms:.1f} ms", f"< {target:.0f} ms" + ("" if ms < target else " NOT MET")


def services() -> list[tuple[str, str, str]]:
    db, demo_s = _demo("harian-year", None)
    try:
        with db.read(SYSTEM) as session:
            total = session.execute(select(func.count(ProgresHarian.id))).scalar_one()
        _boss, team_ids = _busy_supervisor(db)
        pegawai_id = team_ids[0]
        me = Actor(
            user_id="bench-me",
            pegawai_id=pegawai_id,
            name="pegawai",
            roles=frozenset({Role.PEGAWAI}),
        )
        days = iter(dt.date(YEAR, 11, 2) + dt.timedelta(days=n) for n in range(60))

        def save() -> None:
            day = next(days)
            entries.add_entry(
                db,
                actor=me,
                pegawai_id=pegawai_id,
                today=TODAY,
                non_working_ok=True,
                data=entries.EntryInput(day, "18:00", "18:45", "Lembur menyusun laporan"),
            )

        save_ms = median_ms(RUNS, save)
        week_ms = median_ms(
            RUNS,
            lambda: entries.week(
                db, actor=me, pegawai_id=pegawai_id, tanggal=dt.date(YEAR, 11, 18)
            ),
        )
        grid_ms = median_ms(
            RUNS,
            lambda: team.team_month(
                db,
                actor=SYSTEM,
                tahun=YEAR,
                bulan=11,
                pegawai_ids=team_ids,
                today=TODAY,
            ),
        )
        rollup_ms = median_ms(
            RUNS, lambda: rollup.rollup(db, actor=me, pegawai_id=pegawai_id, periode="2026-TW4")
        )
        out = scratch_dir() / "harian-november.xlsx"
        started = time.perf_counter()
        result = exchange.export_month(
            db, actor=SYSTEM, unit_kode=None, tahun=YEAR, bulan=11, fmt="xlsx", out=out
        )
        export_s = time.perf_counter() - started
    finally:
        db.close()
    return [
        ("office of 500 with a year: demo generated", f"{demo_s:.1f} s", "—"),
        ("entries in the office (a year)", f"{total:,}", "~500,000"),
        ("save an entry (all rules)", *_fmt(save_ms, TARGETS_MS["save"])),
        ("week view, one pegawai", *_fmt(week_ms, TARGETS_MS["week"])),
        (f"month grid, {len(team_ids)} people", *_fmt(grid_ms, TARGETS_MS["grid"])),
        ("period roll-up, one pegawai (TW4)", *_fmt(rollup_ms, TARGETS_MS["rollup"])),
        (
            f"month XLSX export of the office ({result.rows:,} rows)",
            f"{export_s:.1f} s",
            f"< {EXPORT_TARGET_S:.0f} s" + ("" if export_s < EXPORT_TARGET_S else " NOT MET"),
        ),
    ]


def bundle() -> list[tuple[str, str, str]]:
    office, _demo_s = _demo("harian-month/office", 31)
    with office.read(SYSTEM) as session:
        month = session.execute(select(func.count(ProgresHarian.id))).scalar_one()
    office.close()
    root = scratch_dir() / "harian-month"
    office = _install(root / "office", mode="office", name="Kantor")
    hub = _install(root / "hub", mode="hub", name="Hub")
    _enrol(hub, office)
    hub_id = _install_id(hub)
    started = time.perf_counter()
    result = sync_service.export(office, office.home, actor=SYSTEM, to=hub_id, out=root)
    export_s = time.perf_counter() - started
    started = time.perf_counter()
    report = sync_service.import_file(hub, hub.home, actor=SYSTEM, path=result.path)
    import_s = time.perf_counter() - started
    assert isinstance(report, ImportReport) and report.applied["progres_harian"] == month, report
    size_mb = result.path.stat().st_size / 1e6
    office.close()
    hub.close()
    shutil.rmtree(root, ignore_errors=True)

    def verdict(seconds: float) -> str:
        return f"< {BUNDLE_TARGET_S:.0f} s" + ("" if seconds < BUNDLE_TARGET_S else " NOT MET")

    return [
        (
            f"bundle with a month of entries ({month:,}; {result.records:,} records)",
            f"{size_mb:.1f} MB",
            "—",
        ),
        ("bundle export", f"{export_s:.2f} s", verdict(export_s)),
        ("bundle import at the hub", f"{import_s:.2f} s", verdict(import_s)),
    ]


def run() -> list[tuple[str, str, str]]:
    return services() + bundle()
