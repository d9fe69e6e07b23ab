"""The people screen: filter as you type, create and edit through the service, refusals shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.people import person_dialog
from kinerja_desktop.ui.people.person_dialog import PersonDialog
from kinerja_desktop.ui.people.screen import PeopleScreen
from tests.factories import Office, headcount


def _screen(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> PeopleScreen:
    ctx = AppContext(db, home, office.admin.actor)
    screen = PeopleScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    return screen


def test_filter_as_you_type(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    screen = _screen(qtbot, db, home, office)
    assert screen.model.rowCount() == 5
    qtbot.keyClicks(screen.filter, "dewi")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.person(0).nip == office.staf.nip  # type: ignore[union-attr]
    screen.table.selectRow(0)
    assert screen.detail_labels["nama"].text() == "Dewi Lestari"
    assert "Siti Rahmawati" in screen.detail_labels["penilai"].text()
    screen.filter.clear()
    qtbot.keyClicks(screen.filter, "bid1 pratama")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.filter.clear()
    screen.grab().save(str(artifacts / "people-screen.png"))


def test_unit_tree_limits_people(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    screen = _screen(qtbot, db, home, office)
    root = screen.units.topLevelItem(0)
    dinas = root.child(0)
    sekre = next(
        dinas.child(i) for i in range(dinas.childCount()) if "SEKRE" in dinas.child(i).text(0)
    )
    screen.units.setCurrentItem(sekre)
    assert [screen.model.person(i).nama for i in range(screen.model.rowCount())] == [
        "Rina Wulandari"
    ]  # type: ignore[union-attr]


def test_create_person_through_dialog(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.nip, "199202102018011004")
    qtbot.keyClicks(dialog.nama, "Budi Santoso")
    dialog.unit.setCurrentIndex(dialog.unit.findData("BID1"))
    qtbot.keyClicks(dialog.penilai, office.kabid.nip)
    with qtbot.waitSignal(ctx.data_changed):
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    created = people.find_by_nip(db, actor=office.admin.actor, nip="199202102018011004")
    assert (created.nama, created.unit_kode, created.penilai_id) == (
        "Budi Santoso",
        "BID1",
        office.kabid.id,
    )


def test_invalid_nip_shows_message_and_writes_nothing(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.nip, "199202102018131004")
    qtbot.keyClicks(dialog.nama, "Budi Santoso")
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
        Qt.MouseButton.LeftButton,
    )
    assert dialog.isVisible()
    assert "9-14" in dialog.error.text()
    assert dialog.nip.styleSheet() != ""
    dialog.grab().save(str(artifacts / "person-dialog-invalid-nip.png"))
    assert headcount(db) == 5


def test_edit_person_keeps_titles(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    staf = people.get_person(db, actor=office.admin.actor, pegawai_id=office.staf.id)
    dialog = PersonDialog(ctx, staf)
    qtbot.addWidget(dialog)
    dialog.gelar_belakang.setText("S.Kom.")
    dialog.golongan.setCurrentIndex(dialog.golongan.findData("III/c"))
    dialog.save()
    edited = people.get_person(db, actor=office.admin.actor, pegawai_id=office.staf.id)
    assert (edited.nama_lengkap, edited.golongan, edited.penilai_id) == (
        "Dewi Lestari, S.Kom.",
        "III/c",
        office.kabid.id,
    )


def test_young_tmt_needs_the_users_confirmation(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_parent: object, text: str, _title: str | None = None) -> bool:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(person_dialog, "confirm", confirm)
    ctx = AppContext(db, home, office.admin.actor)
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.nip, "199003152007012001")  # TMT CPNS at 16
    qtbot.keyClicks(dialog.nama, "Budi Santoso")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "18" in asked[0] and dialog.isVisible()
    assert headcount(db) == 5
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and not dialog.isVisible()
    assert headcount(db) == 6
