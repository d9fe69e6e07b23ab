"""The cost of encryption at rest: the other benchmarks' key figures on a plain and on an
SQLCipher-encrypted database, side by side in one run (target: encrypted within 1.3x).

Both databases hold the same demo regency (same seed), generated through the same service
into each; the encrypted one is opened with a raw 256-bit key as a login does. Every read
figure is the median of ``RUNS`` calls after a warm-up, the plain and encrypted calls
interleaved so that a change in the machine's load hits both alike.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from bench import median_ms, scratch_dir
from bench.bench_coaching import _richest_pegawai
from bench.bench_evaluation import _unit_of_about
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db import cipher
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import timeline
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.people import directory as people

EMPLOYEES = 20_000
SEED = 7
YEAR = 2026
PERIOD = "2026-TW2"
RUNS = 7
TARGET = 1.3
WRITE_EMPLOYEES = 2_000
WRITE_ROUNDS = 3


def _generated(name: str, key: bytes | None, employees: int = EMPLOYEES) -> tuple[Database, float]:
    home = DataHome(scratch_dir() / f"encryption-{name}").ensure()
    db, _migration = open_home(home, key=key)
    started = time.perf_counter()
    generate_demo(db, employees=employees, seed=SEED, year=YEAR, today=dt.date(2026, 7, 20))
    return db, time.perf_counter() - started


def _write_rounds() -> tuple[float, float]:
    """Median seconds to generate a smaller demo, plain and encrypted rounds alternating (a
    single long run each is at the mercy of the machine's load changing in between)."""
    plain, encrypted = [], []
    for index in range(WRITE_ROUNDS):
        for times, key in ((plain, None), (encrypted, cipher.new_key())):
            db, seconds = _generated(f"write-{index}-{key is None}", key, WRITE_EMPLOYEES)
            db.close()
            times.append(seconds)
    return sorted(plain)[WRITE_ROUNDS // 2], sorted(encrypted)[WRITE_ROUNDS // 2]


def _open_ms(db: Database) -> float:
    """Open the data home's database afresh and read one row (what a start does)."""
    started = time.perf_counter()
    again, _migration = open_home(db.home, key=db.key)
    people.count_people(again, actor=SYSTEM)
    again.close()
    return (time.perf_counter() - started) * 1000


def _side_by_side(
    plain: Database, encrypted: Database, work: Callable[[Database], object]
) -> tuple[float, float]:
    pairs = [
        (median_ms(1, lambda: work(plain)), median_ms(1, lambda: work(encrypted)))
        for _ in range(RUNS)
    ]
    return sorted(p for p, _e in pairs)[RUNS // 2], sorted(e for _p, e in pairs)[RUNS // 2]


def run() -> list[tuple[str, str, str]]:
    plain, plain_s = _generated("plain", None)
    encrypted, encrypted_s = _generated("encrypted", cipher.new_key())
    try:
        assert not cipher.is_plain(encrypted.home.database)
        kode, size = _unit_of_about(plain, min(500, EMPLOYEES // 40))
        pegawai_id, penilai_id = _richest_pegawai(plain)
        coach = Actor(user_id="bench-coach", pegawai_id=penilai_id, name="coach",
                      roles=frozenset({Role.PEGAWAI}))  # fmt: skip
        write_plain, write_encrypted = _write_rounds()
        figures: list[tuple[str, float, float, str]] = [
            (f"demo data generated ({EMPLOYEES:,} people, one run each)",
             plain_s * 1000, encrypted_s * 1000, "s"),
            (f"demo data generated ({WRITE_EMPLOYEES:,} people, median of "
             f"{WRITE_ROUNDS} alternating)", write_plain * 1000, write_encrypted * 1000, "s"),
        ]  # fmt: skip
        reads: list[tuple[str, Callable[[Database], object]]] = [
            ("open the database (start)", _open_ms),
            (f"people list service, {EMPLOYEES:,} people",
             lambda db: people.list_people(db, actor=SYSTEM)),
            (f"unit distribution ({kode}, {size} people)",
             lambda db: distribution.unit_distribution(db, actor=SYSTEM, unit_kode=kode,
                                                       periode=PERIOD)),
            (f"monitoring board data ({kode})",
             lambda db: monitoring_board.unit_board(db, actor=SYSTEM, unit_kode=kode,
                                                    periode=PERIOD)),
            ("coaching timeline, one pegawai-year",
             lambda db: timeline.timeline(db, actor=coach, pegawai_id=pegawai_id, tahun=YEAR)),
        ]  # fmt: skip
        for label, work in reads:
            p, e = _side_by_side(plain, encrypted, work)
            figures.append((label, p, e, "ms"))
    finally:
        plain.close()
        encrypted.close()
    rows = []
    for label, p, e, unit in figures:
        shown = (f"{p / 1000:.1f} s / {e / 1000:.1f} s" if unit == "s"
                 else f"{p:.1f} ms / {e:.1f} ms")  # fmt: skip
        rows.append((f"{label}: plain / encrypted", shown, ""))
        rows.append((f"{label}: encrypted / plain", f"{e / p:.2f}x", f"<= {TARGET}x"))
    return rows
