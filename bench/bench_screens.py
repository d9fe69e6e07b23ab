"""Benchmark of moving between the areas of the main window on the demo regency of 20,000
employees (issue 16).

The window is shown offscreen at 1366×768 for the supervisor with the largest team below
the head, who is also the office's administrator (so every area has its most to show). First
visit: the time of ``open_area`` plus a synchronous repaint, each area built for the first
time, in a new process each time (``python -m bench.bench_screens HOME`` prints one visit of
every area as JSON), so the screen's modules are loaded then as on a user's first visit;
``MIN_RUNS`` processes, Evaluasi is the one with a target. Switching: in this process, after
every area was visited once, the same time for each area in turn, over five rounds; the
median and the slowest per area. Targets: first visit of Evaluasi under 300 ms, switching
under 100 ms. The processor time is shown beside each (on a shared machine the wall time
also holds the time other processes took the cores; the processor time does not).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import MIN_RUNS, Figure, Sample, Target, demo_home
from kinerja_desktop.paths import DataHome

ROUNDS = 5
Visit = Callable[[str], tuple[float, float]]


@contextmanager
def _window(home: DataHome) -> Iterator[tuple[int, list[str], Visit]]:
    """The main window on ``home`` for the chosen supervisor: their team's size, the area
    keys, and a function that opens an area and returns its wall and processor ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from kinerja_desktop.actor import SYSTEM, Actor, Role
    from kinerja_desktop.home import open_home
    from kinerja_desktop.services.people import directory as people
    from kinerja_desktop.ui.areas import AREAS
    from kinerja_desktop.ui.context import AppContext
    from kinerja_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    database, _result = open_home(home)
    try:
        everyone = people.list_people(database, actor=SYSTEM)
        team: dict[str, int] = {}
        for person in everyone:
            if person.penilai_id:
                team[person.penilai_id] = team.get(person.penilai_id, 0) + 1
        chosen = max((p for p in everyone if p.penilai_id), key=lambda p: team.get(p.id, 0))
        actor = Actor(user_id="bench", pegawai_id=chosen.id, name=chosen.nama_lengkap,
                      roles=frozenset({Role.PEGAWAI, Role.PENGELOLA}))  # fmt: skip
        window = MainWindow(AppContext(database, home, actor))
        window.resize(1366, 768)
        window.show()
        app.processEvents()

        def visit(key: str) -> tuple[float, float]:
            started, processor = time.perf_counter(), time.process_time()
            window.open_area(key, None)
            window.repaint()
            app.processEvents()
            cpu = (time.process_time() - processor) * 1000
            return (time.perf_counter() - started) * 1000, cpu

        yield team.get(chosen.id, 0), [area.key for area in AREAS], visit
        # Screens and their models go while the application lives (not at interpreter exit).
        window.rebuild_screens()
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        database.close()


def _first_visits(home: DataHome) -> dict[str, Any]:
    """One visit of every area (but home) in a new process: the team size and, per area,
    wall and processor ms."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_screens", str(home.root)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def run() -> list[Figure | tuple[str, str, str]]:
    home = demo_home()
    processes = [_first_visits(home) for _ in range(MIN_RUNS)]
    team_size = processes[0]["team"]
    first = {key: [p["areas"][key][0] for p in processes] for key in processes[0]["areas"]}
    first_cpu = {key: [p["areas"][key][1] for p in processes] for key in processes[0]["areas"]}
    with _window(home) as (_team, keys, visit):
        for key in keys:
            visit(key)
        switching: dict[str, list[float]] = {key: [] for key in keys}
        cpu: dict[str, list[float]] = {key: [] for key in keys}
        for _ in range(ROUNDS):
            for key in keys:
                wall, processor = visit(key)
                switching[key].append(wall)
                cpu[key].append(processor)
    medians = {key: statistics.median(times) for key, times in switching.items()}
    cpu_medians = {key: statistics.median(times) for key, times in cpu.items()}
    slowest_key = max(medians, key=lambda k: medians[k])
    rows: list[Figure | tuple[str, str, str]] = [
        (f"team of the supervisor shown: {team_size} people", "", ""),
        Figure("first visit of Evaluasi (a new process each)",
               Sample(tuple(first["evaluation"])), "ms", target=Target("<", 300)),
        Figure("  its processor time", Sample(tuple(first_cpu["evaluation"])), "ms"),
    ]  # fmt: skip
    rows += [(f"  first visit of {key}, median",
              f"{statistics.median(ms):.0f} ms "
              f"(processor {statistics.median(first_cpu[key]):.0f} ms)", "")
             for key, ms in first.items() if key != "evaluation"]  # fmt: skip
    slowest_single = max(max(times) for times in switching.values())
    rows += [
        Figure(f"switching areas, slowest median ({slowest_key})",
               Sample(tuple(switching[slowest_key])), "ms", target=Target("<", 100)),
        Figure("  its processor time", Sample(tuple(cpu[slowest_key])), "ms"),
        ("switching areas, slowest single switch", f"{slowest_single:.1f} ms", ""),
    ]  # fmt: skip
    rows += [
        (f"  switching to {key}, median", f"{ms:.1f} ms (processor {cpu_medians[key]:.1f} ms)", "")
        for key, ms in medians.items()
    ]
    return rows


def _child(root: str) -> None:
    """Print, as one JSON line, a first visit of every area but home in this process."""
    with _window(DataHome(Path(root))) as (team, keys, visit):
        areas = {key: visit(key) for key in keys if key != "home"}
    print(json.dumps({"team": team, "areas": areas}))


if __name__ == "__main__":
    _child(sys.argv[1])
