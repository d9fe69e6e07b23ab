"""The author of a coaching note deletes it from the session's notes tab, after a confirmation;
nobody else may delete it, and the other party no longer sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.ui.coaching.screen import CoachingScreen
from kinerja_desktop.ui.context import AppContext
from tests.factories import Office

NOTE = "Target triwulan berikutnya disepakati bersama."


def _texts(screen: CoachingScreen) -> list[str]:
    notes = screen.session_view.notes_tab.notes
    return [notes.item(i).text() for i in range(notes.count())]


def test_the_author_deletes_a_note_and_no_one_else_may(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    sesi = coaching.schedule_session(db, actor=office.kabid.actor, data=coaching.SessionInput(
        jenis=JenisSesi.COACHING, tanggal=dt.date.today(), coach_id=office.kabid.id,
        pegawai_id=office.staf.id))  # fmt: skip
    coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=sesi.id, teks=NOTE)
    ctx = AppContext(db, home, office.staf.actor)
    screen = CoachingScreen(ctx)
    qtbot.addWidget(screen)
    screen.open_item(sesi.id)
    tab = screen.session_view.notes_tab
    tab.notes.setCurrentRow(0)
    assert any(NOTE in t for t in _texts(screen))
    assert not tab.note_delete.isEnabled()  # the supervisor's note, not the pegawai's
    ctx.set_actor(office.kabid.actor)
    screen.open_item(sesi.id)
    assert not tab.note_delete.isEnabled()  # nothing selected yet
    tab.notes.setCurrentRow(0)
    assert tab.note_delete.isEnabled()
    answers: list[Any] = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_kw: answers.pop(0))
    tab.delete_note()  # declined: the note stays
    screen.open_item(sesi.id)
    assert any(NOTE in t for t in _texts(screen))
    tab.notes.setCurrentRow(0)
    tab.delete_note()
    assert not answers
    assert not any(NOTE in t for t in _texts(screen))
    assert not tab.note_delete.isEnabled()
    ctx.set_actor(office.staf.actor)
    screen.open_item(sesi.id)
    assert not any(NOTE in t for t in _texts(screen))
