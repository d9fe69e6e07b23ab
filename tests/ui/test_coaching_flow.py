"""A whole conversation driven through the Dialogue & Coaching screen, offscreen: the
supervisor schedules a session with two talking points, the pegawai adds one, shared and
private notes and two agreed actions are recorded, the pegawai fills B.1.8, one action is
completed and the other, overdue, shows on both parties' home screens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.coaching import (
    development_panel,
    screen,
    session_view,
    team_panel,
    timeline_panel,
)
from kinerja_desktop.ui.coaching.screen import CoachingScreen
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.home.screen import HomeScreen
from tests.factories import Office

PRIVATE_TEXT = "Saya masih ragu menyampaikan kendala beban kerja."
SHARED_TEXT = "Target triwulan I tercapai 80%; kendala pada data lapangan."


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block offscreen: any error shown fails the test instead."""

    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (screen, session_view, development_panel, timeline_panel, team_panel):
        monkeypatch.setattr(module, "show_error", fail)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _note_texts(view: session_view.SessionView) -> list[str]:
    return [view.notes_tab.notes.item(i).text() for i in range(view.notes_tab.notes.count())]


def test_conversation_from_schedule_to_overdue_action(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    today = dt.date.today()
    ctx = AppContext(db, home, office.kabid.actor)
    coaching_screen = CoachingScreen(ctx)
    qtbot.addWidget(coaching_screen)
    coaching_screen.resize(1280, 820)
    coaching_screen.show()
    view = coaching_screen.session_view

    # The supervisor schedules a bimbingan kinerja with two talking points.
    coaching_screen.person.setCurrentIndex(coaching_screen.person.findData(office.staf.id))
    dialog = coaching_screen.new_session()
    assert dialog is not None
    dialog.jenis.setCurrentIndex(dialog.jenis.findData(JenisSesi.BIMBINGAN_KINERJA))
    dialog.tempat.setText("Ruang Rapat Bidang Pelayanan")
    dialog.points.setPlainText("Capaian target triwulan I\nRencana pelatihan analisis data")
    assert dialog.coach.currentData() == office.kabid.id
    dialog.grab().save(str(artifacts / "coaching-new-session.png"))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    _click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert view.detail is not None
    sesi_id = view.detail.sesi.id
    assert [a.teks for a in view.detail.agenda] == [
        "Capaian target triwulan I", "Rencana pelatihan analisis data",
    ]  # fmt: skip

    # The pegawai opens it (as from the home screen) and adds a talking point, and a private note.
    ctx.set_actor(office.staf.actor)
    coaching_screen.open_item(sesi_id)
    assert view.detail is not None and view.detail.is_pegawai
    view.agenda_tab.agenda_input.setText("Beban kerja layanan loket")
    _click(qtbot, view.agenda_tab.agenda_add)
    assert [a.penulis_nama for a in view.detail.agenda] == [
        "Siti Rahmawati", "Siti Rahmawati", "Dewi Lestari",
    ]  # fmt: skip
    view.tabs.setCurrentIndex(0)
    coaching_screen.grab().save(str(artifacts / "coaching-agenda-pegawai.png"))
    view.tabs.setCurrentIndex(1)
    view.notes_tab.note_input.setPlainText(PRIVATE_TEXT)
    view.notes_tab.note_private.setChecked(True)
    _click(qtbot, view.notes_tab.note_add)
    assert any(PRIVATE_TEXT in t for t in _note_texts(view))

    # The supervisor holds the session: a shared note, two agreed actions, marked held.
    ctx.set_actor(office.kabid.actor)
    coaching_screen.open_item(sesi_id)
    assert view.detail is not None and view.detail.is_coach
    assert not any(PRIVATE_TEXT in t for t in _note_texts(view))
    for row in range(view.agenda_tab.agenda.count()):
        view.agenda_tab.agenda.item(row).setCheckState(Qt.CheckState.Checked)
    assert all(a.dibahas for a in view.detail.agenda)
    view.tabs.setCurrentIndex(1)
    view.notes_tab.note_input.setPlainText(SHARED_TEXT)
    _click(qtbot, view.notes_tab.note_add)
    view.tabs.setCurrentIndex(3)
    for text, due in (
        ("Menyusun SOP validasi data lapangan", today + dt.timedelta(days=1)),
        ("Mengikuti e-learning analisis data", today + dt.timedelta(days=10)),
    ):
        view.actions_tab.action_who.setCurrentIndex(
            view.actions_tab.action_who.findData(office.staf.id)
        )
        view.actions_tab.action_text.setText(text)
        view.actions_tab.action_due.setDate(_qdate(due))
        _click(qtbot, view.actions_tab.action_add)  # fmt: skip
    assert [a.teks for a in view.detail.aksi] == [
        "Menyusun SOP validasi data lapangan", "Mengikuti e-learning analisis data",
    ]  # fmt: skip
    view.summary.setPlainText("Fokus pada kualitas data lapangan.")
    _click(qtbot, view.held_button)
    assert view.detail.sesi.status is StatusSesi.SELESAI
    coaching_screen.grab().save(str(artifacts / "coaching-actions-coach.png"))

    # The pegawai fills B.1.8, sees both notes of theirs and the shared one, and completes one
    # action.
    ctx.set_actor(office.staf.actor)
    coaching_screen.open_item(sesi_id)
    view.tabs.setCurrentIndex(4)
    for combo in view.b18_tab.b18_answers:
        combo.setCurrentIndex(combo.findData(True))
    view.b18_tab.b18_answers[8].setCurrentIndex(view.b18_tab.b18_answers[8].findData(False))
    view.b18_tab.b18.item(8, 3).setText("Cukup untuk saat ini")
    _click(qtbot, view.b18_tab.b18_save)
    assert view.detail is not None
    assert [r.jawaban for r in view.detail.b18] == [True] * 8 + [False]
    assert view.detail.b18[8].keterangan == "Cukup untuk saat ini"
    coaching_screen.grab().save(str(artifacts / "coaching-b18-pegawai.png"))
    view.tabs.setCurrentIndex(1)
    notes = _note_texts(view)
    assert any(PRIVATE_TEXT in t for t in notes) and any(SHARED_TEXT in t for t in notes)
    coaching_screen.grab().save(str(artifacts / "coaching-notes-pegawai.png"))
    view.tabs.setCurrentIndex(3)
    view.actions_tab.action_table.selectRow(1)
    view.actions_tab.action_comment.setText("Selesai, sertifikat 12 JP")
    _click(qtbot, view.actions_tab.action_done)
    assert [a.status for a in view.detail.aksi] == [StatusAksi.OPEN, StatusAksi.DONE]

    # Three days later the first action is overdue: both home screens show it.
    later = today + dt.timedelta(days=3)
    for person in (office.kabid, office.staf):
        home_ctx = AppContext(db, home, person.actor)
        home_screen = HomeScreen(home_ctx)
        qtbot.addWidget(home_screen)
        home_screen.resize(900, 500)
        home_screen.reload(today=later)
        overdue = [i for i in home_screen.items() if i.kind == "coaching.action_overdue"]
        assert [i.payload for i in overdue] == [sesi_id], person.nama
        assert "Menyusun SOP validasi data lapangan" in overdue[0].title
        assert not any("e-learning" in i.title for i in home_screen.items())
        home_screen.grab().save(str(artifacts / f"coaching-home-{person.nip}.png"))

    # The pegawai's timeline tells the story; the supervisor's team view lists both staff.
    coaching_screen.person.setCurrentIndex(0)
    coaching_screen.tabs.setCurrentWidget(coaching_screen.timeline)
    text = coaching_screen.timeline.view.toPlainText()
    assert "Bimbingan" in text and "Menyusun SOP" in text and PRIVATE_TEXT not in text
    coaching_screen.grab().save(str(artifacts / "coaching-timeline.png"))
    ctx.set_actor(office.kabid.actor)
    coaching_screen.tabs.setCurrentWidget(coaching_screen.team)
    assert [r.nama for r in coaching_screen.team.rows] == ["Agus Pratama", "Dewi Lestari"]
    coaching_screen.grab().save(str(artifacts / "coaching-team.png"))
