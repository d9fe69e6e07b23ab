"""Benchmark of sync bundles (issue 7).

1. An office of 500 employees with a year of demo data exports everything to its hub (timed,
   file written and signed), and the hub imports that bundle (timed: verification, decryption
   and the one transaction). The year is measured twice:
   - its SKP work (plans, realisation, evidence, feedback, coaching, evaluations: the year of
     issue 7, without the daily log). Target: under 5 s each way;
   - the same year with its daily log, every working day (about half a million records, more
     than 90 % of them daily entries). Target: the export under 5 s; the import is held to
     the floor below, since a 5 s import of that many rows is below what SQLite's own
     ``executemany`` takes for them on this machine (the floor is printed beside it).
2. The same rows inserted with raw ``sqlite3`` ``executemany`` into a fresh migrated database
   in the same run (same pragmas, one transaction). Target: import at no less than a quarter of
   that rate. Export, import (each into a fresh enrolled hub) and the raw insert run five
   times; each figure is the median, with the spread.
3. A hub imports bundles from 50 offices (20 employees each), one after another; the
   ``tracemalloc`` peak of each import is recorded. Target: flat (the median of the last ten
   peaks at most 1.2 times that of the first ten).

Every demo is generated as of ``bench.TODAY``, so the workload is the same in every run.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
import tracemalloc
from pathlib import Path

from bench import MIN_RUNS, TODAY, Figure, Sample, Target, demo_home, scratch_dir
from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.importer import ImportReport

EMPLOYEES = 500
HUB_OFFICES = 50
HUB_OFFICE_EMPLOYEES = 20
RUNS = MIN_RUNS


def _install(root: Path, *, mode: str, name: str, template: Path | None = None) -> Database:
    home = DataHome(root).ensure()
    if template is not None:
        shutil.copy(template, home.database)
    db = open_home(home)[0]
    sync_service.set_mode(db, actor=SYSTEM, mode=mode, name=name)
    return db


def _enrol(hub: Database, office: Database) -> None:
    cards = scratch_dir() / "cards"
    cards.mkdir(exist_ok=True)
    hub_card = sync_service.save_identity(hub, hub.home, actor=SYSTEM, out=cards)
    office_card = sync_service.save_identity(office, office.home, actor=SYSTEM, out=cards)
    for db, card in ((hub, office_card), (office, hub_card)):
        info = sync_service.read_card(db, db.home, actor=SYSTEM, card_path=card)
        sync_service.trust(db, actor=SYSTEM, card_path=card, confirmed=info.fingerprint)


def _install_id(db: Database) -> str:
    return sync_service.status(db, db.home, actor=SYSTEM).install_id


def raw_insert(source: Path, target: DataHome) -> tuple[int, float]:
    """The synced rows of ``source`` inserted into a fresh ``target`` with sqlite3 (timed)."""
    database, _result = open_home(target)
    database.close()
    reader = sqlite3.connect(source)
    writer = sqlite3.connect(target.database, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
            writer.execute(f"PRAGMA {pragma}")
        total, spent = 0, 0.0
        writer.execute("BEGIN")
        for name, spec in tables.SYNCED.items():
            columns = [c.name for c in spec.table.columns]
            names = ", ".join(columns)
            rows = reader.execute(f"SELECT {names} FROM {name}").fetchall()
            sql = f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})"
            started = time.perf_counter()
            writer.executemany(sql, rows)
            spent += time.perf_counter() - started
            total += len(rows)
        started = time.perf_counter()
        writer.execute("COMMIT")
        return total, spent + time.perf_counter() - started
    finally:
        reader.close()
        writer.close()


def office_to_hub(
    harian_months: int, what: str, import_target: Target | None
) -> list[Figure | tuple[str, str, str]]:
    """Export and import of the office's year with ``harian_months`` of daily log."""
    root = scratch_dir() / f"sync-{harian_months}m"
    demo = demo_home(employees=EMPLOYEES, seed=7, year=2026, harian_months=harian_months)
    office_root = root / "office"
    office_root.mkdir(parents=True)
    shutil.copy(demo.database, office_root / "kinerja.sqlite3")
    office = _install(office_root, mode="office", name="Kantor")
    hub = _install(root / "hub", mode="hub", name="Hub")
    _enrol(hub, office)
    hub_id = _install_id(hub)
    hub.close()
    empty_hub = root / "hub-enrolled.sqlite3"
    shutil.copy(hub.home.database, empty_hub)
    export_times, import_times, raw_times = [], [], []
    for attempt in range(RUNS):
        started = time.perf_counter()
        result = sync_service.export(
            office, office.home, actor=SYSTEM, to=hub_id, out=root / f"office-{attempt}.kinerja"
        )
        export_times.append(time.perf_counter() - started)
        shutil.copytree(hub.home.keys, root / f"hub-{attempt}" / "keys")
        target = _install(root / f"hub-{attempt}", mode="hub", name="Hub", template=empty_hub)
        started = time.perf_counter()
        report = sync_service.import_file(target, target.home, actor=SYSTEM, path=result.path)
        import_times.append(time.perf_counter() - started)
        assert isinstance(report, ImportReport) and report.inserted == result.records, report
        target.close()
        raw_rows, raw_seconds = raw_insert(
            office.home.database, DataHome(root / f"raw-{attempt}").ensure()
        )
        raw_times.append(raw_seconds)
    size = result.path.stat().st_size
    office.close()
    assert isinstance(report, ImportReport)
    import_rates = Sample(tuple(report.inserted / t for t in import_times))
    raw_rates = Sample(tuple(raw_rows / t for t in raw_times))
    return [
        (f"office of {EMPLOYEES} employees, {what}: records", f"{result.records:,}", ""),
        (f"{what}: bundle size", f"{size / 1024**2:.1f} MB", ""),
        Figure(f"{what}: export time", Sample(tuple(export_times)), "s",
               target=Target("<", 5)),
        Figure(f"{what}: import time at the hub (floor: raw executemany of the same rows)",
               Sample(tuple(import_times)), "s", floor=Sample(tuple(raw_times)),
               target=import_target),
        Figure(f"{what}: import rows per second (floor: raw sqlite3 executemany, same rows)",
               import_rates, "rows/s", floor=raw_rates, target=Target(">=", 0.25),
               on_ratio=True),
    ]  # fmt: skip


def hub_memory() -> list[Figure | tuple[str, str, str]]:
    root = scratch_dir() / "sync-hub"
    hub = _install(root / "hub", mode="hub", name="Hub")
    template = root / "template.sqlite3"
    shutil.copy(hub.home.database, template)
    hub_id = _install_id(hub)
    bundles: list[Path] = []
    for index in range(HUB_OFFICES):
        office = _install(root / f"office{index:02d}", mode="office", name=f"Kantor {index}",
                          template=template)  # fmt: skip
        with office.unit_of_work(SYSTEM) as session:
            from kinerja_desktop.models.sync_state import InstallState

            state = session.get(InstallState, 1)
            assert state is not None, "a set-up install has its state row"
            state.install_id = f"office-{index:02d}-{time.time_ns()}"
        generate_demo(office, employees=HUB_OFFICE_EMPLOYEES, seed=100 + index, year=2026,
                      today=TODAY)  # fmt: skip
        _enrol(hub, office)
        result = sync_service.export(
            office, office.home, actor=SYSTEM, to=hub_id, out=root / f"b{index:02d}.kinerja"
        )
        bundles.append(result.path)
        office.close()
    peaks: list[float] = []
    records = 0
    started = time.perf_counter()
    for path in bundles:
        tracemalloc.start()
        report = sync_service.import_file(hub, hub.home, actor=SYSTEM, path=path)
        peaks.append(tracemalloc.get_traced_memory()[1] / 1024**2)
        tracemalloc.stop()
        assert isinstance(report, ImportReport)
        records += report.inserted + report.updated + len(report.conflicts)
    seconds = time.perf_counter() - started
    hub.close()
    return [
        (f"hub imports {HUB_OFFICES} office bundles: records", f"{records:,}", ""),
        ("hub: total import time", f"{seconds:.1f} s", ""),
        Figure(
            "hub: peak memory per import, last 10 (floor: the first 10)",
            Sample(tuple(peaks[-10:])),
            "MB",
            floor=Sample(tuple(peaks[:10])),
            target=Target("<=", 1.2),
            on_ratio=True,
        ),
    ]


def run() -> list[Figure | tuple[str, str, str]]:
    return (
        office_to_hub(0, "a year without its daily log", Target("<", 5))
        + office_to_hub(12, "a year with its daily log", None)
        + hub_memory()
    )
