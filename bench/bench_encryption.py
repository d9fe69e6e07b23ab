"""The cost of encryption at rest (issue 12): the other benchmarks' key figures on a plain and
on an SQLCipher-encrypted database, side by side in one run. Target: encrypted within 1.3x
of plain, checked per figure (the plain figure is the floor, the target is on the ratio).

Both databases hold the same demo regency (same seed), generated through the same service
into each; the encrypted one is opened with its raw 256-bit key as a login does. Figures are
CPU time of this process (SQLite and SQLCipher run in it, so decryption is counted while
the other engineers' load on the shared machine is not): every read figure is a ``Sample``
of ``RUNS`` calls after a warm-up, plain and encrypted calls interleaved so that a change in
the machine's state hits both alike. Generations alternate plain and encrypted, each into a
new home: ``MIN_RUNS`` of the 20,000-person regency (the first pair is kept for the read
figures) and ``WRITE_RUNS`` of a smaller one.

What a user waits for after a start is timed on a new connection, with SQLite's page cache
cold: the first people list reads, decrypts and authenticates every page of the people
table once. Beside the figures stands one line of context without a target: a bare count of
the live people on a new connection, the raw cost of decrypting a table with almost no other
work (a fixed cost per page inside SQLCipher, plus AES and HMAC-SHA256 per byte;
bench/RESULTS.md has the figures). The program never does that: whether the database holds
anyone at all (the setup wizard) is asked of one row.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable

from sqlalchemy import func, select

from bench import MIN_RUNS, Figure, Sample, Target, scratch_dir
from bench.bench_coaching import _richest_pegawai
from bench.bench_evaluation import _unit_of_about
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db import cipher
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.accounts import UserAccount
from kinerja_desktop.models.enums import Role
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import timeline
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.people import directory as people

EMPLOYEES = 20_000
SEED = 7
YEAR = 2026
TODAY = dt.date(2026, 7, 20)
PERIOD = "2026-TW2"
RUNS = 7
WRITE_EMPLOYEES = 1_000
WRITE_RUNS = 5
TARGET = Target("<=", 1.3)


def _cpu_ms(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return (time.process_time() - started) * 1000


def _generated(name: str, key: bytes | None, employees: int) -> tuple[Database, float]:
    """A new data home holding the demo regency, and the CPU milliseconds it took."""
    home = DataHome(scratch_dir() / f"encryption-{name}").ensure()
    db, _migration = open_home(home, key=key)
    spent = _cpu_ms(
        lambda: generate_demo(db, employees=employees, seed=SEED, year=YEAR, today=TODAY)
    )
    return db, spent


def _write_runs(employees: int, runs: int) -> tuple[list[float], list[float]]:
    """CPU seconds to generate a demo of ``employees`` into a new home, plain and encrypted
    alternating, ``runs`` times each (every home removed after its run)."""
    plain: list[float] = []
    encrypted: list[float] = []
    for index in range(runs):
        for times, key in ((plain, None), (encrypted, cipher.new_key())):
            db, spent = _generated(f"write-{employees}-{index}-{key is None}", key, employees)
            db.close()
            shutil.rmtree(db.home.root)
            times.append(spent / 1000)
    return plain, encrypted


def _start(db: Database) -> None:
    """What a start does to the database: open the data home afresh (schema check, engine)
    and look up the account logging in."""
    again, _migration = open_home(db.home, key=db.key)
    try:
        with again.read(SYSTEM) as session:
            session.execute(select(UserAccount.id).where(UserAccount.username == "admin")).all()
    finally:
        again.close()


def _cold_list(db: Database) -> None:
    """Open the data home afresh and list its people, as the people screen's first showing
    does: every page of the people table is read (and, encrypted, decrypted and
    authenticated) once into a cold page cache."""
    again, _migration = open_home(db.home, key=db.key)
    try:
        people.list_people(again, actor=SYSTEM)
    finally:
        again.close()


def _cold_scan(db: Database) -> None:
    """Open the data home afresh and count the people not deleted, with nothing else done:
    no index holds that flag, so every page of the table is read (and decrypted) once; the
    bare cost of a full cold read (context, no target)."""
    again, _migration = open_home(db.home, key=db.key)
    try:
        with again.read(SYSTEM) as session:
            live = select(func.count()).select_from(Pegawai).where(Pegawai.deleted.is_(False))
            session.execute(live).scalar_one()
    finally:
        again.close()


def side_by_side(
    plain: Database, encrypted: Database, work: Callable[[Database], object]
) -> tuple[Sample, Sample]:
    """CPU ms of ``RUNS`` calls of ``work`` on each database, interleaved, after a warm-up."""
    work(plain)
    work(encrypted)
    pairs = [(_cpu_ms(lambda: work(plain)), _cpu_ms(lambda: work(encrypted))) for _ in range(RUNS)]
    return Sample(tuple(p for p, _e in pairs)), Sample(tuple(e for _p, e in pairs))


def compared(metric: str, plain: Sample | float, encrypted: Sample | float, unit: str) -> Figure:
    """The encrypted figure against the plain one as its floor, target on the ratio."""
    return Figure(
        f"{metric}: encrypted (floor: plain)",
        encrypted,
        unit,
        floor=plain,
        target=TARGET,
        on_ratio=True,
    )


def run() -> list[Figure | tuple[str, str, str]]:
    plain, plain_ms = _generated("plain", None, EMPLOYEES)
    encrypted, encrypted_ms = _generated("encrypted", cipher.new_key(), EMPLOYEES)
    try:
        assert not cipher.is_plain(encrypted.home.database)
        kode, size = _unit_of_about(plain, min(500, EMPLOYEES // 40))
        pegawai_id, penilai_id = _richest_pegawai(plain)
        coach = Actor(user_id="bench-coach", pegawai_id=penilai_id, name="coach",
                      roles=frozenset({Role.PEGAWAI}))  # fmt: skip
        big_plain, big_encrypted = _write_runs(EMPLOYEES, MIN_RUNS - 1)
        write_plain, write_encrypted = _write_runs(WRITE_EMPLOYEES, WRITE_RUNS)
        figures: list[Figure | tuple[str, str, str]] = [
            compared(f"demo data generated, {EMPLOYEES:,} people (CPU)",
                     Sample((plain_ms / 1000, *big_plain)),
                     Sample((encrypted_ms / 1000, *big_encrypted)), "s"),
            compared(f"demo data generated, {WRITE_EMPLOYEES:,} people (CPU)",
                     Sample(tuple(write_plain)), Sample(tuple(write_encrypted)), "s"),
        ]  # fmt: skip
        reads: list[tuple[str, Callable[[Database], object]]] = [
            ("open the database at start (schema check, engine, account lookup; CPU)", _start),
            (f"first people list, {EMPLOYEES:,} people, on a new connection (cold cache; CPU)",
             _cold_list),
            (f"people list service, {EMPLOYEES:,} people (CPU)",
             lambda db: people.list_people(db, actor=SYSTEM)),
            (f"unit distribution ({kode}, {size} people; CPU)",
             lambda db: distribution.unit_distribution(db, actor=SYSTEM, unit_kode=kode,
                                                       periode=PERIOD)),
            (f"monitoring board data ({kode}; CPU)",
             lambda db: monitoring_board.unit_board(db, actor=SYSTEM, unit_kode=kode,
                                                    periode=PERIOD)),
            ("coaching timeline, one pegawai-year (CPU)",
             lambda db: timeline.timeline(db, actor=coach, pegawai_id=pegawai_id, tahun=YEAR)),
        ]  # fmt: skip
        for metric, work in reads:
            figures.append(compared(metric, *side_by_side(plain, encrypted, work), "ms"))
        scan_plain, scan_encrypted = side_by_side(plain, encrypted, _cold_scan)
        figures.append((
            f"context: bare count of {EMPLOYEES:,} live people on a new connection (CPU)",
            f"{scan_encrypted.median:.1f} / {scan_plain.median:.1f} ms",
            f"encrypted / plain = {scan_encrypted.median / scan_plain.median:.2f}; no target: "
            "the raw decryption cost of a full cold read, which no screen does",
        ))  # fmt: skip
    finally:
        plain.close()
        encrypted.close()
    return figures
