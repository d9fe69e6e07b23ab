"""The Harian area by keyboard only: a pegawai types four entries of a day (the start time
follows the previous entry, an overlap is refused with its row named and fixed in place),
copies that day onto the next with Ctrl+D; the supervisor opens the day from the team grid
and acknowledges it. Screenshots of the day, week and team grid at 1366x768."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.harian import StatusHarian
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import entries, rollup
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian import day_view
from kinerja_desktop.ui.harian.screen import HarianScreen
from kinerja_desktop.ui.harian.team_grid import TeamGrid
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

pytestmark = pytest.mark.usefixtures("harian_today")

TUESDAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    monkeypatch.setattr(day_view, "show_error", fail)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, text: str, then: Qt.Key = Qt.Key.Key_Tab) -> None:
    widget = _focus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, then)


def _screen(qtbot: QtBot, ctx: AppContext) -> HarianScreen:
    screen = HarianScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    return screen


def test_a_day_by_keyboard_and_the_supervisor_acknowledges(
    qtbot: QtBot,
    db: Database,
    home: DataHome,
    office: Office,
    artifacts: Path,
    harian_today: dt.date,
) -> None:
    skp = make_skp(db, office.staf, office.kabid)
    screen = _screen(qtbot, AppContext(db, home, office.staf.actor))
    day = screen.day
    assert day.date.date().toPython() == harian_today  # opens on (the daily log's) today
    day.set_target(office.staf.id, TUESDAY)
    qtbot.waitUntil(lambda: _focus() is day.mulai)
    assert day.mulai.text() == "07:30"  # the cursor waits in the new row

    _type(qtbot, "07:30")  # start
    _type(qtbot, "08:00")  # end
    _type(qtbot, "Apel pagi", Qt.Key.Key_Return)
    assert [r.kegiatan for r in day.rows] == ["Apel pagi"]
    assert _focus() is day.mulai and day.mulai.text() == "08:00"  # follows the previous end

    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # keep 08:00
    _type(qtbot, "10:00")
    _type(qtbot, "Pelayanan perekaman KTP-el")
    assert _focus() is day.iki
    qtbot.keyClick(day.iki, Qt.Key.Key_Down)  # the first IKI of the SKP
    qtbot.keyClick(day.iki, Qt.Key.Key_Tab)
    _type(qtbot, "14", Qt.Key.Key_Return)
    second = day.rows[1]
    assert (second.iki_id, second.realisasi, second.satuan) == (skp.iki_ids[0], 14.0, "dokumen")

    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    _type(qtbot, "12:00")
    _type(qtbot, "Verifikasi berkas", Qt.Key.Key_Return)

    _type(qtbot, "11:30")  # overlaps row 3 (10:00-12:00)
    _type(qtbot, "14:00")
    _type(qtbot, "Rapat evaluasi", Qt.Key.Key_Return)
    assert len(day.rows) == 3
    assert "Baris 4" in day.message.text() and "baris 3" in day.message.text()
    assert _focus() is day.mulai  # the cursor is where the fix goes
    _type(qtbot, "13:00", Qt.Key.Key_Return)
    assert [r.jam_mulai for r in day.rows] == ["07:30", "08:00", "10:00", "13:00"]
    assert day.message.text() == ""
    day.grab().save(str(artifacts / "harian-day.png"))

    qtbot.keyClick(day.mulai, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # next day
    assert day.tanggal == TUESDAY + dt.timedelta(days=1)
    qtbot.keyClick(_focus(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [(r.jam_mulai, r.kegiatan) for r in day.rows] == [
        ("07:30", "Apel pagi"), ("08:00", "Pelayanan perekaman KTP-el"),
        ("10:00", "Verifikasi berkas"), ("13:00", "Rapat evaluasi"),
    ]  # fmt: skip
    assert day.rows[1].realisasi is None  # quantities are not copied

    screen.tabs.setCurrentWidget(screen.week)
    assert [d.menit for d in screen.week.week.days[:3]] == [0, 330, 330]  # type: ignore[union-attr]
    screen.grab().save(str(artifacts / "harian-week.png"))

    boss = _screen(qtbot, AppContext(db, home, office.kabid.actor))
    assert boss.tabs.isTabVisible(2)
    grid: TeamGrid = boss.team
    grid.month.setDate(QDate(2026, 11, 1))
    boss.tabs.setCurrentWidget(grid)
    row = next(i for i, p in enumerate(grid.grid.people) if p.pegawai_id == office.staf.id)  # type: ignore[union-attr]
    assert grid.table.item(row, TUESDAY.day).text() == "5,5"
    boss.grab().save(str(artifacts / "harian-team.png"))
    grid.table.setCurrentCell(row, TUESDAY.day)
    qtbot.keyClick(grid.table, Qt.Key.Key_Return)  # opens Dewi's day
    assert boss.tabs.currentWidget() is boss.day and boss.day.tanggal == TUESDAY
    assert not boss.day.editor.isVisible() and boss.day.review.isVisible()
    qtbot.keyClick(boss.day.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = entries.list_day(db, actor=SYSTEM, pegawai_id=office.staf.id, tanggal=TUESDAY)
    assert {r.status for r in stored} == {StatusHarian.DITERIMA}


def test_the_area_fits_1024_by_600(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    make_skp(db, office.staf, office.kabid)
    for actor in (office.staf.actor, office.kabid.actor):
        screen = _screen(qtbot, AppContext(db, home, actor))
        for index in range(screen.tabs.count()):
            screen.tabs.setCurrentIndex(index)
            hint = screen.minimumSizeHint()
            assert hint.width() <= 1024 - 200 and hint.height() <= 600 - 60, (index, hint)


def test_rollup_dialog_saves_the_period_realisasi(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    skp = make_skp(db, office.staf, office.kabid)
    for day, qty in ((TUESDAY, 4), (TUESDAY + dt.timedelta(days=1), 7)):
        entries.add_entry(
            db, actor=office.staf.actor, pegawai_id=office.staf.id, today=dt.date(2026, 12, 1),
            data=entries.EntryInput(day, "08:00", "09:00", "Verifikasi", iki_id=skp.iki_ids[1],
                                    realisasi=qty),
        )  # fmt: skip
    screen = _screen(qtbot, AppContext(db, home, office.staf.actor))
    dialog = screen.open_rollup()
    qtbot.addWidget(dialog)
    dialog.period.setCurrentIndex(dialog.period.findData("2026-TW4"))
    assert [(r.iki_id, r.jumlah) for r in dialog.rows] == [(skp.iki_ids[1], 11.0)]
    spin = dialog.table.cellWidget(0, 3)
    assert isinstance(spin, QDoubleSpinBox) and spin.value() == 11.0
    spin.setValue(10)
    dialog.save()
    rows = rollup.rollup(db, actor=SYSTEM, pegawai_id=office.staf.id, periode="2026-TW4")
    assert rows[0].realisasi_sekarang == 10
