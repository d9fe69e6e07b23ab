"""Every area fits a small laptop: for an administrator, a supervisor and a pegawai of a demo
office, at 1024×600 and 1366×768, every area is opened, its lists get a selection and every
tab is shown; no visible widget may lie outside the window or be cut off by its parent, the
window's minimum size must stay within the screen and the window must never grow itself, and
tables must show their key columns. Screenshots go to the test artefacts."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM, Actor, Role
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo import generator as demo
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.ui import fit_check

TODAY = dt.date(2026, 12, 3)
SIZES = [QSize(1024, 600), QSize(1366, 768)]
ROLES = ["administrator", "supervisor", "pegawai"]


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = DataHome(tmp_path_factory.mktemp("demo-fit")).ensure()
    database, _result = open_home(home)
    demo.generate_demo(database, employees=40, seed=7, year=2026, today=TODAY)
    database.close()
    return home.database


@pytest.fixture
def demo_db(home: DataHome, _demo_template: Path) -> Iterator[Database]:
    shutil.copyfile(_demo_template, home.database)
    database, _result = open_home(home)
    yield database
    database.close()


def actor_for(db: Database, role: str) -> Actor:
    """The administrator has no pegawai record (as the wizard's first account); the supervisor
    leads the largest team below the head; the pegawai leads nobody."""
    everyone = people.list_people(db, actor=SYSTEM)
    if role == "administrator":
        return Actor(user_id="admin", pegawai_id=None, name="Administrator",
                     roles=frozenset({Role.PEGAWAI, Role.PENGELOLA}))  # fmt: skip
    team: dict[str, int] = {}
    for person in everyone:
        if person.penilai_id:
            team[person.penilai_id] = team.get(person.penilai_id, 0) + 1
    if role == "supervisor":
        chosen = max(
            (p for p in everyone if p.penilai_id), key=lambda p: (team.get(p.id, 0), p.nip)
        )
    else:
        chosen = min((p for p in everyone if p.id not in team), key=lambda p: p.nip)
    return Actor(user_id=f"user-{role}", pegawai_id=chosen.id, name=chosen.nama_lengkap,
                 roles=frozenset({Role.PEGAWAI}))  # fmt: skip


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: object, error: BaseException, *_args: object) -> None:
        raise AssertionError(f"error shown: {error}")

    monkeypatch.setattr(messages, "show_error", fail)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("role", ROLES)
def test_every_area_fits(
    qtbot: QtBot, demo_db: Database, home: DataHome, role: str, size: QSize, artifacts: Path
) -> None:
    actor = actor_for(demo_db, role)
    window = MainWindow(AppContext(demo_db, home, actor))
    qtbot.addWidget(window)
    window.fit_to_screen(size)
    assert window.width() <= size.width() and window.height() <= size.height()
    window.resize(size)
    window.show()
    fit_check.settle()
    assert window.size() == size
    own = skp_queries.list_skp(demo_db, actor=actor, scope="mine") if actor.pegawai_id else []
    payloads: dict[str, object] = {"skp": own[0].id if own else None}
    problems: list[str] = []

    def check(step: str) -> None:
        found = (
            fit_check.size_problems(window, size)
            + fit_check.clipped_widgets(window)
            + fit_check.hidden_key_columns(window)
        )
        problems.extend(f"{area.key} / {step}: {p}" for p in found)

    for area in AREAS:
        window.open_area(area.key, payloads.get(area.key))
        fit_check.settle()
        check("opened")
        screen = window.area_screen(area.key)
        fit_check.visit_everything(screen, check)
        window.grab().save(str(artifacts / f"fit-{role}-{size.width()}-{area.key}.png"))
        window.resize(size)
    unique = list(dict.fromkeys(problems))
    assert not unique, "\n".join(unique[:80])
    assert window.size() == size


def test_the_checks_find_what_does_not_fit(qtbot: QtBot) -> None:
    """The checker itself: a too-wide row of buttons, a column right of the visible part and a
    minimum size beyond the screen are all reported."""
    from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QPushButton, QTableWidget, QWidget

    from kinerja_desktop.ui.layout import set_key_columns

    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget()
    row = QHBoxLayout(central)
    inner = QWidget(central)
    for index in range(3):
        button = QPushButton(f"Button {index}", inner)
        button.setGeometry(index * 300, 0, 290, 30)
    row.addWidget(inner)
    table = QTableWidget(3, 4)
    table.setHorizontalHeaderLabels(["A", "B", "C", "Target"])
    for column in range(4):
        table.setColumnWidth(column, 200)
    set_key_columns(table, 0, 3)
    row.addWidget(table)
    window.setCentralWidget(central)
    window.resize(500, 300)
    window.show()
    fit_check.settle()
    clipped = fit_check.clipped_widgets(window)
    assert any("Button 2" in problem for problem in clipped)
    assert any("Target" in p for p in fit_check.hidden_key_columns(window))
    window.setMinimumSize(700, 300)
    assert fit_check.size_problems(window, QSize(600, 400))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_realisasi_form_needs_no_scrolling(
    qtbot: QtBot, demo_db: Database, home: DataHome, size: QSize, artifacts: Path
) -> None:
    """The pegawai fills in the realisasi of each IKI, its evidence and reads the feedback
    without scrolling, evidence from the daily log shown too."""
    from PySide6.QtWidgets import QScrollArea

    from kinerja_desktop.models.enums import JenisBukti
    from kinerja_desktop.services.harian.rollup import BuktiHarianRow

    actor = actor_for(demo_db, "pegawai")
    window = MainWindow(AppContext(demo_db, home, actor))
    qtbot.addWidget(window)
    window.fit_to_screen(size)
    window.resize(size)
    window.show()
    window.open_area("monitoring", None)
    fit_check.settle()
    panel = window.area_screen("monitoring").sheet  # type: ignore[attr-defined]
    page = panel.iki_page
    scroll = panel.stack.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    ikis = [i for i in panel._items() if (i.data(0, 256) or ("",))[0] == "iki"]
    assert ikis, "the demo pegawai has IKI to fill in"
    daily = [
        BuktiHarianRow(f"b{n}", "p", TODAY, "Rapat koordinasi pelayanan", JenisBukti.LINK,
                       "notulen", "https://drive.example.id/notulen", None)
        for n in range(3)
    ]  # fmt: skip
    for item in ikis:
        panel.tree.setCurrentItem(item)
        for rows in ([], daily):
            page._show_daily_evidence(rows)
            fit_check.settle()
            assert panel.stack.currentWidget() is page
            assert page.realisasi_save.isEnabled() or panel.sheet.locked
            bar = scroll.verticalScrollBar()
            assert bar.maximum() == 0, (item.text(0), len(rows), bar.maximum())
            viewport = scroll.viewport()
            for widget in (page.realisasi_save, page.remove_button, page.feedback):
                bottom = widget.mapTo(viewport, widget.rect().bottomLeft()).y()
                assert bottom <= viewport.height(), (widget, bottom, viewport.height())
    window.grab().save(str(artifacts / f"fit-realisasi-{size.width()}.png"))
