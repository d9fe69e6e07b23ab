"""Benchmarks: ``python -m bench`` (``make bench``) runs every ``bench/bench_*.py``.

Each module exposes ``run() -> list[Figure | tuple[str, str, str]]``. A ``Figure`` is a
measured number (a ``Sample`` of at least ``MIN_RUNS`` runs, reported as its median with the
spread), optionally a floor (the same work done by the bare tool, e.g. a bare PySide6 window
or bare reportlab) and a ``Target`` on the value or on the ratio to the floor: the targets
live here, in code, and ``make bench`` exits non-zero when one is missed. A plain tuple
(metric, value, note) is context without a target. Benchmarks measure; tests never assert on
wall time. Shared helpers live here too: the machine description printed above the table,
and a demo regency made once per run for the benchmarks that only read it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kinerja_desktop.paths import DataHome

_DEMO_HOMES: dict[tuple[int, int, int, int | None], DataHome] = {}
_SCRATCH: Path | None = None


def scratch_dir() -> Path:
    """A temporary folder for this run, removed at exit."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
        atexit.register(shutil.rmtree, _SCRATCH, True)
    return _SCRATCH


TODAY = dt.date(2026, 12, 1)
"""The date every demo of the benchmarks is generated as of, so that a workload (which
periods have ended, how many daily entries there are) does not depend on the day of the run."""


def keep_demo_home(
    home: DataHome, *, employees: int, seed: int, year: int, harian_months: int | None = None
) -> None:
    """Offer a generated demo home to later benchmarks of this run (they must not change it)."""
    _DEMO_HOMES[(employees, seed, year, harian_months)] = home


def demo_home(
    *, employees: int = 20_000, seed: int = 1, year: int = 2026, harian_months: int | None = None
) -> DataHome:
    """A data home holding the demo regency as of ``TODAY``, made once per run and shared
    read-only; ``harian_months`` as ``generate_demo`` takes it (None: its default span)."""
    key = (employees, seed, year, harian_months)
    if key not in _DEMO_HOMES:
        from kinerja_desktop.home import open_home
        from kinerja_desktop.services.demo.generator import generate_demo

        months = "" if harian_months is None else f"-{harian_months}m"
        home = DataHome(scratch_dir() / f"demo-{employees}-{seed}-{year}{months}").ensure()
        database, _result = open_home(home)
        try:
            generate_demo(
                database,
                employees=employees,
                seed=seed,
                year=year,
                today=TODAY,
                harian_months=harian_months,
            )
        finally:
            database.close()
        _DEMO_HOMES[key] = home
    return _DEMO_HOMES[key]


def machine_info() -> str:
    """One line naming the machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text(encoding="utf-8").splitlines()[0].split()
        memory = f", {int(first[1]) / 1024 / 1024:.0f} GB RAM"
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f}"
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}{load}"
    )


MIN_RUNS = 5


@dataclass(frozen=True)
class Sample:
    """The measurements of one figure (at least ``MIN_RUNS``); reported as median and spread."""

    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.values) < MIN_RUNS:
            raise ValueError(f"a figure needs at least {MIN_RUNS} runs, got {len(self.values)}")

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


def sample_ms(runs: int, work: Callable[[], object]) -> Sample:
    """Milliseconds of ``runs`` calls of ``work``, after one warm-up call."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return Sample(tuple(times))


@dataclass(frozen=True)
class Target:
    """``value op limit`` must hold: op is "<", "<=" or ">="."""

    op: Literal["<", "<=", ">="]
    limit: float

    def met(self, value: float) -> bool:
        if self.op == "<":
            return value < self.limit
        if self.op == "<=":
            return value <= self.limit
        return value >= self.limit

    def tightened(self, factor: float) -> Target:
        """The target made ``factor`` times harder (``factor`` > 1 tightens)."""
        limit = self.limit * factor if self.op == ">=" else self.limit / factor
        return Target(self.op, limit)

    def __str__(self) -> str:
        return f"{self.op} {self.limit:g}"


@dataclass(frozen=True)
class Figure:
    """One measured figure; ``target`` applies to the value, or to value / floor when
    ``on_ratio`` (the floor being the same work by the bare tool, measured in the same run)."""

    metric: str
    value: Sample | float
    unit: str = ""
    floor: Sample | float | None = None
    target: Target | None = None
    on_ratio: bool = False

    @property
    def measured(self) -> float:
        return self.value.median if isinstance(self.value, Sample) else self.value

    @property
    def floor_value(self) -> float | None:
        return self.floor.median if isinstance(self.floor, Sample) else self.floor

    @property
    def ratio(self) -> float | None:
        floor = self.floor_value
        return self.measured / floor if floor else None

    def met(self, tighten: float = 1.0) -> bool | None:
        """None without a target; ``tighten`` > 1 makes the target harder (harness test)."""
        if self.target is None:
            return None
        checked = self.ratio if self.on_ratio else self.measured
        if checked is None:
            return False
        return self.target.tightened(tighten).met(checked)
