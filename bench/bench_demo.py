"""Benchmark of demo data generation (issue 2).

Generates the demo regency of 20,000 employees into a fresh data home (timed: rows per second,
everything included), then inserts the very same rows with raw ``sqlite3`` ``executemany``
into another fresh, migrated database in the same run: same schema and indexes, same pragmas
as the program's engine (WAL, foreign keys on, synchronous NORMAL) and the same page cache the
generator uses, one transaction, one ``executemany`` per table, then a WAL checkpoint as the
generator does. Reading the rows back is not timed. Target: the generator reaches at least a quarter of the raw rate, and 20,000 employees
take well under a minute.
"""

from __future__ import annotations

import sqlite3
import time

from bench import Figure, Target, keep_demo_home, scratch_dir
from kinerja_desktop.home import open_home
from kinerja_desktop.models import Base
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo._rows import TABLES
from kinerja_desktop.services.demo.generator import CACHE_KIB, DemoSummary, generate_demo

EMPLOYEES = 20_000
SEED = 1
YEAR = 2026


def generate(home: DataHome) -> tuple[DemoSummary, float]:
    database, _result = open_home(home)
    try:
        started = time.perf_counter()
        summary = generate_demo(database, employees=EMPLOYEES, seed=SEED, year=YEAR)
        return summary, time.perf_counter() - started
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
            rows = reader.execute(f"SELECT {names} FROM {table} ORDER BY rowid").fetchall()
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
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


def run() -> list[Figure | tuple[str, str, str]]:
    demo = DataHome(scratch_dir() / "bench-demo").ensure()
    summary, seconds = generate(demo)
    keep_demo_home(demo, employees=EMPLOYEES, seed=SEED, year=YEAR)
    raw_rows, raw_seconds = raw_insert(demo, DataHome(scratch_dir() / "bench-raw").ensure())
    assert raw_rows == summary.rows, (raw_rows, summary.rows)
    demo_rate = summary.rows / seconds
    raw_rate = raw_rows / raw_seconds
    return [
        (f"demo data, {EMPLOYEES:,} employees: rows", f"{summary.rows:,}", ""),
        # One run each: the 20,000-people regency is itself the large, slow workload.
        Figure("demo data: time (one run)", seconds, "s", target=Target("<", 60)),
        Figure(
            "demo rows per second (floor: raw sqlite3 executemany, same rows; one run)",
            demo_rate,
            "rows/s",
            floor=raw_rate,
            target=Target(">=", 0.25),
            on_ratio=True,
        ),
    ]
