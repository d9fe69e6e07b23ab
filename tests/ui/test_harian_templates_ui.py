"""Templates in the day view: the chosen entry saved as "every working day" in the
templates dialog, then Ctrl+R adds it to another day and Ctrl+Shift+R to the week's working
days, the days that already have it named as not added."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import set_language
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import entries, templates
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian.screen import HarianScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

pytestmark = pytest.mark.usefixtures("harian_today")
MONDAY = dt.date(2026, 11, 23)


def test_save_an_entry_as_template_and_apply_it_by_keyboard(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    set_language("en")
    make_skp(db, office.staf, office.kabid)
    me, pid = office.staf.actor, office.staf.id
    entries.add_entry(db, actor=me, pegawai_id=pid, today=dt.date(2026, 11, 30),
                      data=entries.EntryInput(MONDAY, "07:30", "08:00", "Apel pagi"))  # fmt: skip
    screen = HarianScreen(AppContext(db, home, me))
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    day = screen.day
    day.set_target(pid, MONDAY)
    day.table.selectRow(0)
    dialog = day.open_templates()
    assert dialog is not None and dialog.save_button.isEnabled()
    assert dialog.recur.itemText(1) == "every Monday"
    dialog.recur.setCurrentIndex(0)
    dialog.save_entry()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text() == "Apel pagi 07:30–08:00 (every working day)"  # type: ignore[union-attr]
    dialog.grab().save(str(artifacts / "harian-templates.png"))
    dialog.reject()
    assert [t.kegiatan for t in templates.list_templates(db, actor=me, pegawai_id=pid)] == [
        "Apel pagi"
    ]

    day.set_target(pid, MONDAY + dt.timedelta(days=1))
    day.table.setFocus()
    qtbot.keyClick(day.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert [(r.jam_mulai, r.kegiatan) for r in day.rows] == [("07:30", "Apel pagi")]
    assert "1 entry added" in day.message.text()
    qtbot.keyClick(day.table, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    text = day.message.text()
    assert "3 entries added" in text and "Not added" in text
    assert "23 November 2026" in text and "24 November 2026" in text
    week = entries.list_range(db, actor=me, pegawai_id=pid, mulai=MONDAY,
                              selesai=MONDAY + dt.timedelta(days=6))  # fmt: skip
    assert sorted(r.tanggal.day for r in week) == [23, 24, 25, 26, 27]
