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

Each service figure is the median of several runs after one warm-up; the XLSX export is timed
once. The bundle is exported five times and each export imported into a fresh enrolled hub
(a copy of one made once): medians with their spread, wall-clock time against the target and
the CPU time of this process beside it (on a shared machine the wall-clock time also holds
the waits for a core).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select

from bench import MIN_RUNS, Figure, Sample, Target, sample_ms, scratch_dir
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
from kinerja_desktop.sync.export import ExportResult
from kinerja_desktop.sync.importer import ImportReport

EMPLOYEES = 500
YEAR = 2026
TODAY = dt.date(YEAR, 12, 31)
RUNS = 9
TARGETS_MS = {"save": 30.0, "week": 50.0, "grid": 100.0, "rollup": 50.0}
EXPORT_TARGET_S = 10.0
BUNDLE_TARGET_S = 5.0
T = TypeVar("T")


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


def services() -> list[Figure | tuple[str, str, str]]:
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

        save_ms = sample_ms(RUNS, save)
        week_ms = sample_ms(
            RUNS,
            lambda: entries.week(
                db, actor=me, pegawai_id=pegawai_id, tanggal=dt.date(YEAR, 11, 18)
            ),
        )
        grid_ms = sample_ms(
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
        rollup_ms = sample_ms(
            RUNS, lambda: rollup.rollup(db, actor=me, pegawai_id=pegawai_id, periode="2026-TW4")
        )
        exports: list[float] = []
        for attempt in range(MIN_RUNS):
            out = scratch_dir() / f"harian-november-{attempt}.xlsx"
            started = time.perf_counter()
            result = exchange.export_month(
                db, actor=SYSTEM, unit_kode=None, tahun=YEAR, bulan=11, fmt="xlsx", out=out
            )
            exports.append(time.perf_counter() - started)
    finally:
        db.close()
    return [
        ("office of 500 with a year: demo generated", f"{demo_s:.1f} s", ""),
        ("entries in the office (a year)", f"{total:,}", "~500,000"),
        Figure("save an entry (all rules)", save_ms, "ms", target=Target("<", TARGETS_MS["save"])),
        Figure("week view, one pegawai", week_ms, "ms", target=Target("<", TARGETS_MS["week"])),
        Figure(f"month grid, {len(team_ids)} people", grid_ms, "ms",
               target=Target("<", TARGETS_MS["grid"])),
        Figure("period roll-up, one pegawai (TW4)", rollup_ms, "ms",
               target=Target("<", TARGETS_MS["rollup"])),
        Figure(f"month XLSX export of the office ({result.rows:,} rows)", Sample(tuple(exports)),
               "s", target=Target("<", EXPORT_TARGET_S)),
    ]  # fmt: skip


def _timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """``work()``, its wall-clock seconds and the CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bundle() -> list[Figure | tuple[str, str, str]]:
    office, _demo_s = _demo("harian-month/office", 31)
    with office.read(SYSTEM) as session:
        month = session.execute(select(func.count(ProgresHarian.id))).scalar_one()
    office.close()
    root = scratch_dir() / "harian-month"
    office = _install(root / "office", mode="office", name="Kantor")
    hub = _install(root / "hub", mode="hub", name="Hub")
    _enrol(hub, office)
    hub_id = _install_id(hub)
    hub.close()
    empty_hub = root / "hub-enrolled.sqlite3"
    shutil.copy(hub.home.database, empty_hub)
    times: dict[str, list[float]] = {"export": [], "export_cpu": [], "import": [], "import_cpu": []}
    for attempt in range(MIN_RUNS):
        out = root / f"month-{attempt}.kinerja"
        result, wall, cpu = _timed(
            partial(sync_service.export, office, office.home, actor=SYSTEM, to=hub_id, out=out)
        )
        times["export"].append(wall)
        times["export_cpu"].append(cpu)
        target = _fresh_hub(hub.home.keys, root / f"hub-{attempt}", empty_hub)
        report, wall, cpu = _timed(
            partial(sync_service.import_file, target, target.home, actor=SYSTEM, path=result.path)
        )
        times["import"].append(wall)
        times["import_cpu"].append(cpu)
        assert isinstance(report, ImportReport), report
        assert report.applied["progres_harian"] == month, report
        target.close()
    size_mb = result.path.stat().st_size / 1e6
    office.close()
    shutil.rmtree(root, ignore_errors=True)
    return _bundle_figures(result, month, size_mb, times)


def _fresh_hub(keys: Path, root: Path, template: Path) -> Database:
    """A hub enrolled with the office, as the one made once (its keys and database copied)."""
    shutil.copytree(keys, root / "keys")
    return _install(root, mode="hub", name="Hub", template=template)


def _bundle_figures(
    result: ExportResult, month: int, size_mb: float, times: dict[str, list[float]]
) -> list[Figure | tuple[str, str, str]]:
    def sample(name: str) -> Sample:
        return Sample(tuple(times[name]))

    return [
        (f"bundle with a month of entries ({month:,}; {result.records:,} records)",
         f"{size_mb:.1f} MB", ""),
        Figure("bundle export", sample("export"), "s", target=Target("<", BUNDLE_TARGET_S)),
        Figure("bundle export: CPU time", sample("export_cpu"), "s"),
        Figure("bundle import at the hub", sample("import"), "s",
               target=Target("<", BUNDLE_TARGET_S)),
        Figure("bundle import at the hub: CPU time", sample("import_cpu"), "s"),
    ]  # fmt: skip


def run() -> list[Figure | tuple[str, str, str]]:
    return services() + bundle()
