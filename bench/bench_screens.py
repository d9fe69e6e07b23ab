"""Benchmark of moving between the areas of the main window on the demo regency of 20,000
employees (issue 16).

The window is shown offscreen at 1366×768 for the supervisor with the largest team below
the head, who is also the office's administrator (so every area has its most to show). First
visit: the time of ``open_area`` plus a synchronous repaint, each area built for the first
time; Evaluasi is the one with a target. Switching: after every area was visited once, the
same time for each area in turn, over five rounds; the median and the slowest per area.
Targets: first visit of Evaluasi under 300 ms, switching under 100 ms. The processor time
of this process is shown beside each (on a shared machine the wall time also holds the time
other processes took the cores; the processor time does not).
"""

from __future__ import annotations

import os
import statistics
import time

from bench import Figure, Sample, Target, demo_home

ROUNDS = 5


def run() -> list[Figure | tuple[str, str, str]]:
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
    home = demo_home()
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

        cpu: dict[str, list[float]] = {area.key: [] for area in AREAS}

        def visit(key: str) -> float:
            started, processor = time.perf_counter(), time.process_time()
            window.open_area(key, None)
            window.repaint()
            app.processEvents()
            cpu[key].append((time.process_time() - processor) * 1000)
            return (time.perf_counter() - started) * 1000

        first = {area.key: visit(area.key) for area in AREAS if area.key != "home"}
        first_cpu = {key: times[0] for key, times in cpu.items() if times}
        for times in cpu.values():
            times.clear()
        switching: dict[str, list[float]] = {area.key: [] for area in AREAS}
        for _ in range(ROUNDS):
            for area in AREAS:
                switching[area.key].append(visit(area.key))
        # Screens and their models go while the application lives (not at interpreter exit).
        window.rebuild_screens()
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        database.close()
    medians = {key: statistics.median(times) for key, times in switching.items()}
    cpu_medians = {key: statistics.median(times) for key, times in cpu.items()}
    slowest_key = max(medians, key=lambda k: medians[k])
    rows: list[Figure | tuple[str, str, str]] = [
        (f"team of the supervisor shown: {team.get(chosen.id, 0)} people", "", ""),
        Figure("first visit of Evaluasi", first["evaluation"], "ms", target=Target("<", 300)),
        Figure("  its processor time", first_cpu["evaluation"], "ms"),
    ]
    rows += [(f"  first visit of {key}", f"{ms:.0f} ms (processor {first_cpu[key]:.0f} ms)", "")
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
