"""The one person picker: label ``Nama (NIP)``, search as you type on any part of the name
or NIP, keyboard use (type, Down, Enter; Escape undoes the typing), a long name that does not
widen the field and shows whole in the tooltip, the role's list from services; and no screen
builds a person drop-down of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import NBSP
from kinerja_desktop.ui.main_window import MainWindow
from kinerja_desktop.ui.widgets.person_picker import (
    PersonChoice,
    PersonPicker,
    person_by_id,
    team_people,
)
from tests.factories import Office

UI = Path(__file__).resolve().parents[2] / "kinerja_desktop" / "ui"

PEOPLE = [
    PersonChoice("p1", "Dewi Lestari", "199003152015032002", "Analis Kebijakan"),
    PersonChoice("p2", "Agus Pratama", "199105252023211031", "Pengadministrasi Umum"),
    PersonChoice("p3", "Siti Rahmawati", "198001012005011001"),
]


def _picker(qtbot: QtBot) -> PersonPicker:
    picker = PersonPicker()
    qtbot.addWidget(picker)
    picker.set_people(PEOPLE, leading=[("All people", None)])
    picker.show()
    qtbot.waitExposed(picker)
    return picker


def test_labels_tooltips_and_leading_choices(qtbot: QtBot) -> None:
    picker = _picker(qtbot)
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "All people",
        f"Dewi Lestari (19900315{NBSP}201503{NBSP}2{NBSP}002)",
        f"Agus Pratama (19910525{NBSP}202321{NBSP}1{NBSP}031)",
        f"Siti Rahmawati (19800101{NBSP}200501{NBSP}1{NBSP}001)",
    ]
    assert picker.current_person() is None
    seen: list[object] = []
    picker.person_changed.connect(seen.append)
    assert picker.select("p1")
    assert seen == ["p1"] and picker.current_person() == "p1"
    assert picker.toolTip() == f"{PEOPLE[0].label}\nAnalis Kebijakan"
    assert picker.itemData(2, Qt.ItemDataRole.ToolTipRole) == PEOPLE[1].tooltip
    assert not picker.select("nobody") and picker.current_person() == "p1"


def test_refill_keeps_the_choice_and_says_nothing_when_it_stays(qtbot: QtBot) -> None:
    picker = _picker(qtbot)
    picker.select("p2")
    seen: list[object] = []
    picker.person_changed.connect(seen.append)
    picker.set_people(list(reversed(PEOPLE)))
    assert picker.current_person() == "p2" and seen == []
    picker.set_people(PEOPLE[:1])
    assert picker.current_person() == "p1" and seen == ["p1"]
    picker.set_people([])
    assert not picker.isEnabled() and picker.current_person() is None


# The offscreen platform cannot raise the list that opens nor let it grab the keyboard.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_search_as_you_type_and_keyboard(qtbot: QtBot) -> None:
    picker = _picker(qtbot)
    line = picker.lineEdit()
    assert line is not None
    line.selectAll()
    # Any part of the name, any case: "prat" finds Agus Pratama only.
    qtbot.keyClicks(line, "prat")
    completer = picker.completer()
    assert completer is not None
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == PEOPLE[1].label
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.current_person() == "p2"
    assert line.text() == PEOPLE[1].label
    assert line.cursorPosition() == 0  # the start of the name shows
    # Part of a NIP finds the person too.
    line.selectAll()
    qtbot.keyClicks(line, "200501")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == PEOPLE[2].label
    popup.hide()
    # Escape gives the typing up: the chosen person shows again, the choice is unchanged.
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == PEOPLE[1].label and picker.current_person() == "p2"


def test_the_tooltip_follows_a_choice_made_with_signals_blocked(qtbot: QtBot) -> None:
    """Screens refill and choose with the signals blocked: the tooltip still names the
    person chosen (and says when there is nobody)."""
    picker = _picker(qtbot)
    picker.blockSignals(True)
    picker.set_people(PEOPLE, keep="p2")
    assert picker.toolTip() == PEOPLE[1].tooltip
    assert picker.select("p1")
    picker.blockSignals(False)
    assert picker.toolTip() == PEOPLE[0].tooltip
    picker.set_people([])
    assert picker.toolTip() == _("Nobody to choose here.")


def test_typing_nobody_falls_back_to_the_chosen_person(qtbot: QtBot) -> None:
    picker = _picker(qtbot)
    picker.select("p3")
    line = picker.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "zzz")
    completer = picker.completer()
    assert completer is not None and completer.completionCount() == 0
    line.editingFinished.emit()
    assert line.text() == PEOPLE[2].label and picker.current_person() == "p3"


def test_a_long_name_does_not_widen_the_field(qtbot: QtBot) -> None:
    picker = _picker(qtbot)
    width = picker.sizeHint().width()
    long_name = "Prof. Dr. Ir. " + "Raden Mas Bagus Hadiningrat " * 6 + "M.Si., M.Kom."
    picker.set_people([*PEOPLE, PersonChoice("p9", long_name, "199003152015032002")])
    picker.select("p9")
    assert picker.sizeHint().width() == width
    assert picker.minimumSizeHint().width() <= width
    assert long_name in picker.toolTip()
    assert picker.view().textElideMode() == Qt.TextElideMode.ElideRight


def test_lists_follow_the_role(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> None:
    kabid = AppContext(db, home, office.kabid.actor)
    assert {p.nama for p in team_people(kabid)} == {office.staf.nama, office.staf2.nama}
    assert team_people(AppContext(db, home, office.staf.actor)) == []
    assert team_people(AppContext(db, home, SYSTEM)) == []
    found = person_by_id(kabid, office.staf.id)
    assert found is not None and found.nip == office.staf.nip
    assert found.jabatan == "Analis Kebijakan Ahli Pertama"
    # Someone who is not (any more) in the directory: nothing to add.
    assert person_by_id(kabid, "no-such-person") is None


def _person_ids(db: Database) -> set[str]:
    return {p.id for p in people.list_people(db, actor=SYSTEM, include_inactive=True)}


def test_no_screen_builds_its_own_person_dropdown(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    """Open every area (and the dialogs with a person choice) for the administrator and a
    supervisor: every drop-down list holding people is the one picker."""
    ids = _person_ids(db)
    for person in (office.admin, office.kabid):
        window = MainWindow(AppContext(db, home, person.actor))
        qtbot.addWidget(window)
        window.show()
        for area in AREAS:
            window.open_area(area.key, None)
            screen = window.area_screen(area.key)
            for combo in screen.findChildren(QComboBox):
                held = {combo.itemData(i) for i in range(combo.count())}
                if held & ids:
                    assert isinstance(combo, PersonPicker), (area.key, combo.objectName())
        skp = window.area_screen("skp")
        dialog = skp.new_skp()  # type: ignore[attr-defined]
        assert isinstance(dialog.person, PersonPicker)
        dialog.reject()
        window.close()
        QApplication.processEvents()


def _calls_person_label(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Name) and node.id == "person_label" for node in ast.walk(tree))


def test_only_the_picker_writes_people_for_choosing() -> None:
    """``person_label`` (the picker's format) is used by the picker alone, in every area; a
    screen that lists people for a choice goes through the picker."""
    users = sorted(
        str(path.relative_to(UI)) for path in UI.rglob("*.py") if _calls_person_label(path)
    )
    assert users == ["widgets/person_picker.py"]
