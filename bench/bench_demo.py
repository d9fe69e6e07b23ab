"""Benchmark of demo data generation (issues 2 and 13).

Generates the demo regency of 20,000 employees with its default span of daily entries (the
last three months above 2,000 people) into a fresh data home (timed: wall and CPU time, rows
per second, everything included). In the same round, two floors:

- the same generator with the daily log switched off (``harian_months=0``), into another
  fresh home: the demo as it was before the daily log. Target (issue 13): the demo with its
  entries takes at most twice that CPU time;
- the very same rows inserted with raw ``sqlite3`` ``executemany`` into another fresh,
  migrated database: same schema and indexes, same pragmas as the program's engine (WAL,
  foreign keys on, synchronous NORMAL) and the same page cache the generator uses, one
  transaction, one ``executemany`` per table (in batches, read back untimed), then a WAL
  checkpoint (the floor keeps the engine's settings; the generator itself loads without
  foreign-key checks and through a rollback journal when it is alone on the file). Target (issue 2): the generator reaches at least a
  quarter of the raw rate, and takes well under a minute.

There are ``MIN_RUNS`` rounds; each figure is the median over them, with the spread. The
first round's demo is kept for the benchmarks that read it; the other homes are removed.
CPU time is the process's (``time.process_time``): the machine is shared, wall time is noisy.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from typing import NamedTuple

from bench import MIN_RUNS, TODAY, Figure, Sample, Target, keep_demo_home, scratch_dir
from kinerja_desktop.home import open_home
from kinerja_desktop.models import Base
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo._rows import TABLES
from kinerja_desktop.services.demo.generator import CACHE_KIB, DemoSummary, generate_demo

EMPLOYEES = 20_000
SEED = 1
YEAR = 2026
READ_BATCH = 200_000


def generate(home: DataHome, *, harian_months: int | None) -> tuple[DemoSummary, float, float]:
    """Generate into ``home``; returns the summary, wall seconds and CPU seconds."""
    database, _result = open_home(home)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = generate_demo(
            database,
            employees=EMPLOYEES,
            seed=SEED,
            year=YEAR,
            today=TODAY,
            harian_months=harian_months,
        )
        return summary, time.perf_counter() - started, time.process_time() - cpu
    finally:
        database.close()


def raw_insert(source: DataHome, target: DataHome) -> tuple[int, float]:
    """Insert every demo row of ``source`` into ``target`` with sqlite3; time the inserts."""
    database, _result = open_home(target)
    database.close()
    reader = sqlite3.connect(source.database)
    writer = sqlite3.connect(target.database, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL",
                       f"cache_size=-{CACHE_KIB}"):  # fmt: skip
            writer.execute(f"PRAGMA {pragma}")
        rows_total, spent = 0, 0.0
        writer.execute("BEGIN")
        for table in TABLES:
            columns = [c.name for c in Base.metadata.tables[table].columns]
            names = ", ".join(columns)
            cursor = reader.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
            while rows := cursor.fetchmany(READ_BATCH):
                started = time.perf_counter()
                writer.executemany(sql, rows)
                spent += time.perf_counter() - started
                rows_total += len(rows)
        started = time.perf_counter()
        writer.execute("COMMIT")
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        spent += time.perf_counter() - started
        return rows_total, spent
    finally:
        reader.close()
        writer.close()


class Round(NamedTuple):
    """One round's demo (kept in ``home``) and its two floors."""

    summary: DemoSummary
    seconds: float
    cpu: float
    bare_cpu: float
    raw_rows: int
    raw_seconds: float
    home: DataHome


def _round(index: int) -> Round:
    """The demo, the demo without daily entries and the raw insert of the demo's rows, each
    into its own fresh home (the latter two removed afterwards)."""
    demo = DataHome(scratch_dir() / f"bench-demo-{index}").ensure()
    summary, seconds, cpu = generate(demo, harian_months=None)
    bare = DataHome(scratch_dir() / f"bench-demo-no-harian-{index}").ensure()
    bare_summary, _bare_seconds, bare_cpu = generate(bare, harian_months=0)
    assert "progres_harian" not in bare_summary.counts
    shutil.rmtree(bare.root)
    raw = DataHome(scratch_dir() / f"bench-raw-{index}").ensure()
    raw_rows, raw_seconds = raw_insert(demo, raw)
    shutil.rmtree(raw.root)
    assert raw_rows == summary.rows, (raw_rows, summary.rows)
    return Round(summary, seconds, cpu, bare_cpu, raw_rows, raw_seconds, demo)


def run() -> list[Figure | tuple[str, str, str]]:
    rounds: list[Round] = []
    for index in range(MIN_RUNS):
        rounds.append(_round(index))
        if index == 0:
            keep_demo_home(rounds[0].home, employees=EMPLOYEES, seed=SEED, year=YEAR)
        else:
            shutil.rmtree(rounds[-1].home.root)
    summary = rounds[0].summary
    entries = summary.counts.get("progres_harian", 0)
    return [
        (
            f"demo data, {EMPLOYEES:,} employees: rows",
            f"{summary.rows:,}",
            f"{entries:,} daily entries",
        ),
        Figure(
            "demo data: time", Sample(tuple(r.seconds for r in rounds)), "s", target=Target("<", 60)
        ),
        Figure(
            "demo CPU time with daily entries (floor: the same demo without them)",
            Sample(tuple(r.cpu for r in rounds)),
            "s",
            floor=Sample(tuple(r.bare_cpu for r in rounds)),
            target=Target("<=", 2.0),
            on_ratio=True,
        ),
        Figure(
            "demo rows per second (floor: raw sqlite3 executemany, same rows)",
            Sample(tuple(r.summary.rows / r.seconds for r in rounds)),
            "rows/s",
            floor=Sample(tuple(r.raw_rows / r.raw_seconds for r in rounds)),
            target=Target(">=", 0.25),
            on_ratio=True,
        ),
    ]
