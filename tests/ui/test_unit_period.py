"""The shared unit and period choosers (issue 17 item 5): the units each role may look at as a
tree, the choice kept across refills; the periods of the year by the office's rhythm, opening
on the period under way; and the monitoring and evaluation screens use them, with no unit or
period drop-down of their own."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation.screen import EvaluationScreen
from kinerja_desktop.ui.monitoring.screen import MonitoringScreen
from kinerja_desktop.ui.units import INDENT
from kinerja_desktop.ui.widgets.unit_period import PeriodChooser, UnitChooser
from tests.factories import Office


def _codes(combo: QComboBox) -> list[object]:
    return [combo.itemData(i) for i in range(combo.count())]


def test_units_follow_the_role_as_a_tree(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    admin = UnitChooser(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(admin)
    admin.fill()
    assert _codes(admin) == ["DINAS", "BID1", "SEKRE"]
    assert admin.itemText(1).startswith(INDENT + "Bidang Pelayanan")
    seen: list[object] = []
    admin.unit_changed.connect(seen.append)
    assert admin.select_unit("SEKRE") and seen == ["SEKRE"]
    admin.fill(leading=[("Whole office", "")])
    assert _codes(admin) == ["", "DINAS", "BID1", "SEKRE"]
    assert admin.currentData() == "SEKRE" and seen == ["SEKRE"]  # kept, nothing announced
    assert not admin.select_unit("NOPE") and admin.currentData() == "SEKRE"

    kabid = UnitChooser(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(kabid)
    kabid.fill()
    assert _codes(kabid) == ["BID1"] and kabid.available
    staf = UnitChooser(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(staf)
    staf.fill(leading=[("Whole office", "")])
    assert _codes(staf) == [""] and not staf.available


def test_periods_of_the_year_open_on_the_current_one(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    year = dt.date.today().year
    monitoring.set_ritme(db, actor=office.admin.actor, tahun=year + 1, ritme=Ritme.SEMESTERAN)
    chooser = PeriodChooser(ctx)
    qtbot.addWidget(chooser)
    assert chooser.periode == monitoring.current_period(db, actor=office.admin.actor).code
    seen: list[str] = []
    chooser.period_changed.connect(seen.append)
    chooser.set_period(f"{year + 1}-S2")
    assert chooser.year.value() == year + 1 and chooser.periode == f"{year + 1}-S2"
    assert _codes(chooser.period) == [f"{year + 1}-S1", f"{year + 1}-S2", str(year + 1)]
    assert seen[-1] == f"{year + 1}-S2"
    count = len(seen)
    chooser.refill()
    assert chooser.periode == f"{year + 1}-S2" and len(seen) == count  # kept, not announced
    chooser.year.setValue(year)
    assert chooser.periode == monitoring.current_period(db, actor=office.admin.actor).code
    assert seen[-1] == chooser.periode


def test_monitoring_and_evaluation_use_the_shared_choosers(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    monitoring_screen = MonitoringScreen(ctx)
    evaluation_screen = EvaluationScreen(ctx)
    for screen in (monitoring_screen, evaluation_screen):
        qtbot.addWidget(screen)
    choosers = {
        "monitoring period": monitoring_screen.periods,
        "evaluation period": evaluation_screen.periods,
        "board unit": monitoring_screen.board.unit,
        "distribution unit": evaluation_screen.distribution.unit,
        "SIASN unit": evaluation_screen.siasn.unit,
    }
    assert isinstance(choosers.pop("monitoring period"), PeriodChooser)
    assert isinstance(choosers.pop("evaluation period"), PeriodChooser)
    assert all(isinstance(c, UnitChooser) for c in choosers.values())
    evaluation_screen.distribution.fill_units()
    period_codes = set(_codes(monitoring_screen.period))
    for screen in (monitoring_screen, evaluation_screen):
        for combo in screen.findChildren(QComboBox):
            held = set(_codes(combo))
            if held & {"DINAS", "BID1", "SEKRE"}:
                assert isinstance(combo, UnitChooser), combo.objectName()
            if held & period_codes:
                assert isinstance(combo.parentWidget(), PeriodChooser), combo.objectName()
    # One choice of period reaches every tab of the evaluation screen.
    evaluation_screen.set_period(f"{dt.date.today().year}")
    assert evaluation_screen.distribution.periode == evaluation_screen.evaluation.periode
    assert evaluation_screen.siasn.periode == f"{dt.date.today().year}"
