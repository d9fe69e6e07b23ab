"""Benchmark of the evaluation and monitoring area on 20,000-employee demo data.

Targets (issue 4): the unit distribution check and the monitoring board data of a unit of
about 500 people each in under 300 ms. The demo regency is generated once into a temporary
data home; the unit is the one whose people (with sub-units) number closest to 500 from above (ties
go to the smaller unit code, so every run measures the same unit).
Each figure is the median of several runs after one warm-up. The screen figures reload the
real Qt panels offscreen (service call, table model or chart, and a repaint).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from bench import Figure, Sample, Target, sample_ms
from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.org import Pegawai, UnitKerja
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import unit_scope
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.monitoring import board as monitoring_board

if TYPE_CHECKING:
    from kinerja_desktop.ui.widgets.unit_period import UnitChooser

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EMPLOYEES = 20_000
PERIOD = "2026-TW2"
TARGET_MS = 300.0
RUNS = 7


def _unit_of_about(db: Database, size: int) -> tuple[str, int]:
    with db.read(SYSTEM) as session:
        direct = Counter(
            session.execute(select(Pegawai.unit_id).where(Pegawai.aktif.is_(True))).scalars()
        )
        best: tuple[str, int] | None = None
        for unit_id, kode in session.execute(select(UnitKerja.id, UnitKerja.kode)).all():
            count = sum(direct.get(u, 0) for u in unit_scope.subtree_ids(session, unit_id))
            # The smallest unit of at least ``size``; ties go to the smaller code.
            if count >= size and (best is None or (count, kode) < (best[1], best[0])):
                best = (kode, count)
        assert best is not None, "no unit is large enough"
        return best


def run() -> list[Figure | tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-eval-") as tmp:
        home = DataHome(Path(tmp) / "home").ensure()
        db, _migration = open_home(home)
        try:
            started = time.perf_counter()
            generate_demo(db, employees=EMPLOYEES, seed=7, year=2026, today=dt.date(2026, 7, 20))
            generate_s = time.perf_counter() - started
            kode, people = _unit_of_about(db, 500)
            dist_ms = sample_ms(
                RUNS,
                lambda: distribution.unit_distribution(
                    db, actor=SYSTEM, unit_kode=kode, periode=PERIOD
                ),
            )
            board_ms = sample_ms(
                RUNS,
                lambda: monitoring_board.unit_board(
                    db, actor=SYSTEM, unit_kode=kode, periode=PERIOD
                ),
            )
            board = monitoring_board.unit_board(db, actor=SYSTEM, unit_kode=kode, periode=PERIOD)
            board_screen_ms, dist_screen_ms = _screens(db, home, kode)
        finally:
            db.close()
    target = Target("<", TARGET_MS)
    return [
        ("evaluation: demo data generated", f"{EMPLOYEES} people in {generate_s:.1f} s", ""),
        Figure(f"evaluation: unit distribution ({kode}, {people} people, {PERIOD})", dist_ms,
               "ms", target=target),
        Figure(f"evaluation: monitoring board data ({kode}, {board.total} rows)", board_ms, "ms",
               target=target),
        Figure("evaluation: monitoring board panel reload + repaint", board_screen_ms, "ms",
               target=target),
        Figure("evaluation: distribution tab reload + chart repaint", dist_screen_ms, "ms",
               target=target),
    ]  # fmt: skip


def _choose(chooser: UnitChooser, kode: str) -> None:
    """Choose ``kode`` in a panel's unit chooser, as a user picking it from the list would."""
    if not chooser.select_unit(kode):
        raise RuntimeError(f"unit {kode} is not in the panel's list of units")


def _screens(db: Database, home: DataHome, kode: str) -> tuple[Sample, Sample]:
    """The board panel and the distribution tab of the unit, reloaded and repainted."""
    from PySide6.QtWidgets import QApplication

    from kinerja_desktop.ui.context import AppContext
    from kinerja_desktop.ui.evaluation.distribution_tab import DistributionTab
    from kinerja_desktop.ui.monitoring.board_panel import BoardPanel

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(db, home, SYSTEM)
    board = BoardPanel(ctx)
    board.resize(1200, 700)
    _choose(board.unit, kode)
    board.set_period(PERIOD)
    dist = DistributionTab(ctx)
    dist.resize(1100, 700)
    dist.fill_units()
    _choose(dist.unit, kode)
    dist.set_period(PERIOD)

    def reload_board() -> None:
        board.reload()
        board.grab()

    def reload_dist() -> None:
        dist.reload()
        dist.grab()

    result = (sample_ms(RUNS, reload_board), sample_ms(RUNS, reload_dist))
    board.deleteLater()
    dist.deleteLater()
    app.processEvents()
    return result
