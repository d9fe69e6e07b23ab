"""Problem 15 of issue 16: each role sees the areas and tabs it has use for. A pegawai
without staff sees neither the directory nor Sinkronisasi, nor team tabs that could never
hold anything; a supervisor sees their team; an administrator syncs. A supervisor is not
in their own team lists (problem 12)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.ui import fit_check
from tests.ui.test_fit import (  # noqa: F401 (fixtures)
    _demo_template,
    _errors_fail_the_test,
    actor_for,
    demo_db,
)

EXPECTED = {
    "administrator": {"people": True, "sync": True, "team": False},
    "supervisor": {"people": True, "sync": False, "team": True},
    "pegawai": {"people": False, "sync": False, "team": False},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_areas_and_tabs_follow_the_role(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
    role: str,
) -> None:
    actor = actor_for(demo_db, role)
    window = MainWindow(AppContext(demo_db, home, actor))
    qtbot.addWidget(window)
    window.show()
    fit_check.settle()
    shown = {area.key: not window.nav.isRowHidden(row) for row, area in enumerate(AREAS)}
    expected = EXPECTED[role]
    assert shown["people"] is expected["people"]
    assert shown["sync"] is expected["sync"]
    assert shown["home"] and shown["skp"] and shown["settings"]
    skp = window.area_screen("skp")
    assert skp.lists.isTabVisible(1) is expected["team"]  # type: ignore[attr-defined]
    coaching = window.area_screen("coaching")
    team_tab = coaching.tabs.indexOf(coaching.team)  # type: ignore[attr-defined]
    assert coaching.tabs.isTabVisible(team_tab) is expected["team"]  # type: ignore[attr-defined]
    if role == "supervisor":
        team = skp.team  # type: ignore[attr-defined]
        names = [team.topLevelItem(i).text(0) for i in range(team.topLevelItemCount())]
        assert names and actor.name not in names


def test_team_view_agrees_with_itself(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    """Problem 4 of issue 16: nobody is shown with "no conversation yet" next to a number of
    days since the last talk."""
    from kinerja_desktop.i18n import _
    from kinerja_desktop.ui.coaching.team_panel import TeamPanel

    panel = TeamPanel(AppContext(demo_db, home, actor_for(demo_db, "supervisor")))
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.table.rowCount() > 0
    for row in range(panel.table.rowCount()):
        last, since = panel.table.item(row, 2).text(), panel.table.item(row, 3).text()
        assert (last == _("no conversation yet")) == (since == _("never")), (last, since)
