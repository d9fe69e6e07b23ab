"""Problem 5 of issue 16: the home item "give feedback to N of your staff" opens the team's
board, not the supervisor's own period; no item repeats a name or a date in its text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.ui import fit_check
from tests.ui.test_fit import (  # noqa: F401 (fixtures)
    TODAY,
    _demo_template,
    _errors_fail_the_test,
    actor_for,
    demo_db,
)


def test_feedback_owed_opens_the_team_board_and_details_do_not_repeat(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    window = MainWindow(AppContext(demo_db, home, actor_for(demo_db, "supervisor")))
    qtbot.addWidget(window)
    window.show()
    screen = window.area_screen("home")
    screen.reload(TODAY)  # type: ignore[attr-defined]
    fit_check.settle()
    texts = [screen.list.item(i).text() for i in range(screen.list.count())]  # type: ignore[attr-defined]
    assert texts
    for text in texts:
        parts = [p.strip().lower() for line in text.split("\n") for p in line.split(" · ")]
        assert len(parts) == len(set(parts)), text
    row = next(
        i
        for i, item in enumerate(screen.items())  # type: ignore[attr-defined]
        if item.kind == "monitoring.feedback_owed"
    )
    screen.list.itemActivated.emit(screen.list.item(row))  # type: ignore[attr-defined]
    monitoring = window.area_screen("monitoring")
    assert window.stack.currentWidget() is monitoring
    assert monitoring.tabs.currentWidget() is monitoring.board  # type: ignore[attr-defined]
    assert monitoring.board.only_missing.isChecked()  # type: ignore[attr-defined]
