"""Benchmarks: ``python -m bench`` (``make bench``) runs every ``bench/bench_*.py``.

Each module exposes ``run() -> list[tuple[str, str, str]]``: rows of (metric, value, target).
Benchmarks measure; tests never assert on wall time. Shared helpers live here: the machine
description printed above the table, and a demo regency made once per run for the
benchmarks that only read it.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kinerja_desktop.paths import DataHome

_DEMO_HOMES: dict[tuple[int, int, int], DataHome] = {}
_SCRATCH: Path | None = None


def scratch_dir() -> Path:
    """A temporary folder for this run, removed at exit."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
        atexit.register(shutil.rmtree, _SCRATCH, True)
    return _SCRATCH


def keep_demo_home(home: DataHome, *, employees: int, seed: int, year: int) -> None:
    """Offer a generated demo home to later benchmarks of this run (they must not change it)."""
    _DEMO_HOMES[(employees, seed, year)] = home


def demo_home(*, employees: int = 20_000, seed: int = 1, year: int = 2026) -> DataHome:
    """A data home holding the demo regency, made once per run and shared read-only."""
    key = (employees, seed, year)
    if key not in _DEMO_HOMES:
        from kinerja_desktop.home import open_home
        from kinerja_desktop.services.demo.generator import generate_demo

        home = DataHome(scratch_dir() / f"demo-{employees}-{seed}-{year}").ensure()
        database, _result = open_home(home)
        try:
            generate_demo(database, employees=employees, seed=seed, year=year)
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


def median_ms(runs: int, work: Callable[[], object]) -> float:
    """Median milliseconds of ``runs`` calls of ``work``, after one warm-up call."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
