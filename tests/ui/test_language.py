"""No English in the Indonesian program: every area is opened for each role, lists get a
selection and every tab is shown, and every text a user can read (labels, buttons, tabs,
column headers, placeholders, drop-down entries, menus) is checked against the English
message ids that have an Indonesian translation and against English words that never occur
in Indonesian text. Mnemonics in menus show as meant ("Dialog & Coaching", not "Dialog
_Coaching")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
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

CATALOG = Path(__file__).resolve().parents[2] / "i18n" / "id" / "LC_MESSAGES" / "kinerja.po"
# English words that do not occur in Indonesian sentences (names and codes aside).
ENGLISH = {
    "the", "and", "of", "with", "for", "your", "you", "not", "yet", "choose", "save",
    "delete", "remove", "add", "round", "indicator", "indicators", "people", "period",
    "feedback", "none", "yes", "look", "files", "type", "achievement", "header", "work",
    "result", "results", "since", "days", "last", "conversation", "open", "new", "edit",
    "cancel", "close", "show", "hide", "search", "filter", "all", "date", "name", "floor",
    "ceil",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]+(?:\(s\))?")


def _english_msgids() -> set[str]:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    found = set()
    for message in catalog:
        if isinstance(message.id, str) and message.id and message.string != message.id:
            found.add(message.id.replace("&", ""))
    return found


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of what a user can read under ``root``."""
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        if isinstance(widget, QGroupBox):
            yield name, widget.title()
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield name, widget.placeholderText()
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield name, widget.itemText(index)
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield name, widget.tabText(index)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(widget, QListView) else model.columnCount(QModelIndex())
            for column in range(columns):
                yield name + " header", str(model.headerData(column, Qt.Orientation.Horizontal))
            for row in range(min(model.rowCount(QModelIndex()), 5)):
                for column in range(columns):
                    value = model.data(model.index(row, column))
                    if isinstance(value, str):
                        yield name + " cell", value


def _plain(text: str) -> str:
    without_tags = re.sub(r"<[^>]+>", " ", text).replace("&", "")
    return re.sub(r"\S*/\S+", " ", without_tags)  # file paths


def english_problems(window: MainWindow, msgids: set[str]) -> list[str]:
    problems = []
    texts = list(_texts(window))
    for menu in window.menuBar().findChildren(QMenu):
        texts += [("menu", action.text()) for action in menu.actions()]
    for where, text in texts:
        plain = _plain(text).strip()
        if not plain:
            continue
        if plain in msgids:
            problems.append(f"untranslated {where}: {plain!r}")
            continue
        words = {w.lower() for w in WORD.findall(plain)}
        if words & ENGLISH or "(s)" in plain:
            problems.append(f"English in {where}: {plain!r}")
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if "_" in action.text() and "&" not in action.text().replace("&&", ""):
                problems.append(f"menu entry shows an underscore: {action.text()!r}")
    return problems


@pytest.mark.parametrize("role", ["administrator", "supervisor", "pegawai"])
def test_no_english_in_the_indonesian_ui(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
    role: str,
) -> None:
    msgids = _english_msgids()
    window = MainWindow(AppContext(demo_db, home, actor_for(demo_db, role)))
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    problems: list[str] = []

    def check(step: str) -> None:
        problems.extend(f"{area.key} / {step}: {p}" for p in english_problems(window, msgids))

    for area in AREAS:
        window.open_area(area.key, None)
        fit_check.settle()
        check("opened")
        fit_check.visit_everything(window.area_screen(area.key), check, rounds=1)
    unique = list(dict.fromkeys(problems))
    assert not unique, "\n".join(unique[:60])


def test_view_menu_shows_the_ampersand(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    window = MainWindow(AppContext(demo_db, home, actor_for(demo_db, "administrator")))
    qtbot.addWidget(window)
    texts = [a.text() for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
    assert "Dialog && Coaching" in texts
