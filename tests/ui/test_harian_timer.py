"""The day view's timer: Ctrl+T starts the activity under way at the clock's time, the timer
survives closing and reopening the program (stored), shows how long it has run, and Ctrl+T
again puts its span into the new row with the cursor in the activity; starting inside an
entry is refused with the row named; starting another stops the first; only the pegawai
runs their own timer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import clock, entries, timer
from kinerja_desktop.services.harian.entries import EntryError
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian.screen import HarianScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

pytestmark = pytest.mark.usefixtures("harian_today")
TODAY = dt.date(2026, 11, 30)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = dt.datetime(2026, 11, 30, 8, 15)
        monkeypatch.setattr(clock, "now", lambda: self.at)

    def set(self, hours: int, minutes: int) -> None:
        self.at = dt.datetime(2026, 11, 30, hours, minutes)


def _screen(qtbot: QtBot, ctx: AppContext) -> HarianScreen:
    screen = HarianScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def test_timer_by_keyboard_survives_a_restart_and_fills_the_new_row(
    qtbot: QtBot,
    db: Database,
    home: DataHome,
    office: Office,
    monkeypatch: pytest.MonkeyPatch,
    artifacts: Path,
) -> None:
    make_skp(db, office.staf, office.kabid)
    now = Clock(monkeypatch)
    ctx = AppContext(db, home, office.staf.actor)
    screen = _screen(qtbot, ctx)
    day = screen.day
    assert day.tanggal == TODAY and day.timer.isVisible()
    qtbot.keyClicks(day.kegiatan, "Menyusun laporan")
    qtbot.keyClick(day.kegiatan, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "08:15" in day.timer.label.text() and "Menyusun laporan" in day.timer.label.text()
    screen.close()
    screen.deleteLater()

    now.set(9, 5)  # the program opened again fifty minutes later
    screen = _screen(qtbot, AppContext(db, home, office.staf.actor))
    day = screen.day
    assert "08:15" in day.timer.label.text() and "0:50" in day.timer.label.text()
    assert day.timer.button.text().startswith("Stop") or "Hentikan" in day.timer.button.text()
    screen.grab().save(str(artifacts / "harian-timer.png"))
    day.mulai.setFocus()
    qtbot.keyClick(day.mulai, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert (day.mulai.text(), day.selesai.text()) == ("08:15", "09:05")
    assert day.kegiatan.text() == "Menyusun laporan"
    assert QApplication.focusWidget() is day.kegiatan
    assert day.timer.label.text() == ""
    qtbot.keyClick(day.kegiatan, Qt.Key.Key_Return)
    [row] = entries.list_day(db, actor=ctx.actor, pegawai_id=office.staf.id, tanggal=TODAY)
    assert (row.jam_mulai, row.jam_selesai, row.kegiatan) == ("08:15", "09:05", "Menyusun laporan")

    now.set(8, 30)  # inside that entry: refused, row named, no timer
    qtbot.keyClick(day.kegiatan, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "1" in day.message.text() and "08:15" in day.message.text()
    assert timer.running(db, actor=ctx.actor, pegawai_id=office.staf.id) is None


def test_starting_another_stops_the_first_and_rules(
    db: Database, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_skp(db, office.staf, office.kabid)
    now = Clock(monkeypatch)
    me, pid = office.staf.actor, office.staf.id
    first, none = timer.start(db, actor=me, pegawai_id=pid, kegiatan="Apel")
    assert none is None and (first.tanggal, first.mulai) == (TODAY, 8 * 60 + 15)
    now.set(10, 0)
    second, stopped = timer.start(db, actor=me, pegawai_id=pid)
    assert stopped is not None and (stopped.jam_mulai, stopped.jam_selesai) == ("08:15", "10:00")
    assert stopped.kegiatan == "Apel" and second.mulai == 10 * 60
    running = timer.running(db, actor=me, pegawai_id=pid)
    assert running == second and running.menit(dt.datetime(2026, 11, 30, 10, 40)) == 40
    with pytest.raises(PermissionDenied):
        timer.start(db, actor=office.kabid.actor, pegawai_id=pid)
    entries.add_entry(db, actor=me, pegawai_id=pid, today=TODAY,
                      data=entries.EntryInput(TODAY, "10:30", "11:00", "Rapat"))  # fmt: skip
    now.set(11, 30)
    with pytest.raises(EntryError) as info:  # the span would cover the 10:30 entry
        timer.stop(db, actor=me, pegawai_id=pid)
    assert info.value.row is not None and "10:30" in info.value.message
    assert timer.running(db, actor=me, pegawai_id=pid) == second, "still running"
    assert timer.discard(db, actor=me, pegawai_id=pid) is True
    assert timer.running(db, actor=me, pegawai_id=pid) is None
    timer.start(db, actor=me, pegawai_id=pid)
    now.at = dt.datetime(2026, 12, 1, 7, 0)  # left running past midnight
    late = timer.stop(db, actor=me, pegawai_id=pid)
    assert (late.tanggal, late.jam_mulai, late.jam_selesai) == (TODAY, "11:30", "24:00")
