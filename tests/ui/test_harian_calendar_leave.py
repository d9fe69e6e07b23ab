"""The daily log's settings on screen: the office calendar in Settings (pengelola only) and a
person's leave days in the Harian area, both at 1024x600."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import calendar
from kinerja_desktop.services.harian.calendar import DayOff
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian import calendar_panel, leave_panel
from kinerja_desktop.ui.harian.screen import HarianScreen
from kinerja_desktop.ui.settings.screen import SettingsScreen
from tests.factories import Office

pytestmark = pytest.mark.usefixtures("harian_today")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    for module in (calendar_panel, leave_panel):
        monkeypatch.setattr(module, "show_error", lambda _p, e, *_a: seen.append(str(e)))
    return seen


def _fits(widget: Any) -> None:
    """The widget fits the content area of a 1024x600 window (beside the area list)."""
    hint = widget.minimumSizeHint()
    assert hint.width() <= 1024 - 200 and hint.height() <= 600 - 60, hint


def _select(table: Any, *rows: int) -> None:
    table.clearSelection()
    model = table.selectionModel()
    for row in rows:
        model.select(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_the_pengelola_edits_the_office_calendar(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path,
    shown: list[str],
) -> None:  # fmt: skip
    calendar.set_rules(db, actor=office.admin.actor, hari_kerja=5, terlambat_setelah=None,
                       libur=[DayOff(dt.date(2026, 12, 24), "Cuti bersama Natal",
                                     "cuti_bersama")])  # fmt: skip
    screen = SettingsScreen(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(screen)
    screen.resize(1024 - 200, 600 - 60)
    screen.show()
    screen.tabs.setCurrentWidget(screen.calendar)
    panel = screen.calendar
    _fits(panel)  # (the General tab's own width is the screens branch's)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "Cuti bersama Natal"  # type: ignore[union-attr]
    assert panel.late.text() == panel.late.specialValueText()  # lateness off
    panel.week.setCurrentIndex(panel.week.findData(6))
    panel.late.setValue(3)
    panel.date.setDate(QDate(2026, 8, 10))
    panel.add_day()  # no name: said, nothing added
    assert panel.table.rowCount() == 1 and panel.status.text()
    panel.kind.setCurrentIndex(panel.kind.findData("libur"))
    panel.name.setText("Hari jadi kabupaten")
    panel.add_day()
    assert [d.nama for d in panel.days_off] == ["Hari jadi kabupaten", "Cuti bersama Natal"]
    assert calendar.get_rules(db, actor=office.admin.actor).hari_kerja == 5  # not saved yet
    screen.grab().save(str(artifacts / "settings-office-calendar.png"))
    panel.save()
    rules = calendar.get_rules(db, actor=office.admin.actor)
    assert (rules.hari_kerja, rules.terlambat_setelah) == (6, 3)
    assert [(d.tanggal, d.nama, d.jenis) for d in rules.libur] == [
        (dt.date(2026, 8, 10), "Hari jadi kabupaten", "libur"),
        (dt.date(2026, 12, 24), "Cuti bersama Natal", "cuti_bersama"),
    ]
    _select(panel.table, 1)
    panel.remove_selected()
    panel.late.setValue(panel.late.minimum())
    panel.save()
    rules = calendar.get_rules(db, actor=office.admin.actor)
    assert rules.terlambat_setelah is None and [d.nama for d in rules.libur] == [
        "Hari jadi kabupaten"
    ]
    assert shown == []


def test_the_calendar_is_read_only_for_a_pegawai(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    screen = SettingsScreen(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(screen)
    panel = screen.calendar
    assert not panel.save_button.isEnabled() and not panel.week.isEnabled()
    assert not panel.add_button.isEnabled()


def test_leave_days_in_the_harian_area(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path,
    shown: list[str],
) -> None:  # fmt: skip
    screen = HarianScreen(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(screen)
    screen.resize(1024 - 200, 600 - 60)
    screen.show()
    screen.tabs.setCurrentWidget(screen.leave)
    _fits(screen)
    panel = screen.leave
    assert panel.pegawai_id == office.staf.id and panel.add_button.isEnabled()
    assert panel.table.rowCount() == 0
    panel.first.setDate(QDate(2026, 11, 9))
    panel.last.setDate(QDate(2026, 11, 11))
    panel.note.setText("Cuti tahunan")
    panel.add()
    assert [(d.tanggal.day, d.keterangan) for d in panel.days] == [
        (9, "Cuti tahunan"), (10, "Cuti tahunan"), (11, "Cuti tahunan"),
    ]  # fmt: skip
    assert panel.table.rowCount() == 3 and "3" in panel.status.text()
    screen.grab().save(str(artifacts / "harian-leave.png"))
    # a range ending before it starts is refused with the service's message; nothing changes
    panel.first.setDate(QDate(2026, 11, 20))
    panel.last.setDate(QDate(2026, 11, 18))
    panel.first.setDate(QDate(2026, 11, 20))
    panel.last.setDate(QDate(2026, 11, 18))
    panel.add()
    assert len(shown) == 1 and len(panel.days) == 3
    _select(panel.table, 0, 2)
    panel.remove_selected()
    leave = calendar.leave_days(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026)
    assert [d.tanggal for d in leave] == [dt.date(2026, 11, 10)]
    # the supervisor sees Dewi's leave but may not change it
    boss = HarianScreen(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(boss)
    assert boss.person.select(office.staf.id)
    assert boss.leave.table.rowCount() == 1 and not boss.leave.add_button.isEnabled()
