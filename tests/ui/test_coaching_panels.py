"""The coaching screen's other parts offscreen: changing a session, B.1.9 by the coach, the
development plan with B.1.9 suggestions and the JP total, and opening a session from the
main window's navigation (as a home-screen item does)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.ui.coaching import development_panel, screen, session_view
from kinerja_desktop.ui.coaching.screen import CoachingScreen
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.factories import Office


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (screen, session_view, development_panel):
        monkeypatch.setattr(module, "show_error", fail)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def sesi_id(db: Database, office: Office) -> str:
    return coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date.today(),
                          waktu="09:00", tempat="Ruang A", coach_id=office.kabid.id,
                          pegawai_id=office.staf.id),
    ).id  # fmt: skip


def _screen(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> CoachingScreen:
    ctx = AppContext(db, home, office.kabid.actor)
    widget = CoachingScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    return widget


def test_change_session_and_fill_b19(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str, artifacts: Path
) -> None:
    widget = _screen(qtbot, db, home, office)
    widget.open_item(sesi_id)
    view = widget.session_view
    dialog = view.edit_session()
    assert dialog is not None and not dialog.coach.isEnabled()
    assert dialog.tempat.text() == "Ruang A"
    dialog.tempat.setText("Ruang Kepala Bidang")
    dialog.waktu.setTime(QTime(13, 30))
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    _click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert view.detail is not None
    assert (view.detail.sesi.tempat, view.detail.sesi.waktu) == ("Ruang Kepala Bidang", "13:30")

    view.tabs.setCurrentIndex(5)
    for name, score, reason in (("Analisis data", 2, "Belum lancar mengolah data"),
                                ("Pelayanan publik", 4, "Ramah dan cepat")):  # fmt: skip
        _click(qtbot, view.b19_tab.b19_add)
        row = view.b19_tab.b19.rowCount() - 1
        view.b19_tab.b19.setItem(row, 0, QTableWidgetItem(name))
        spin = view.b19_tab.b19.cellWidget(row, 1)
        assert isinstance(spin, QSpinBox)
        spin.setValue(score)
        view.b19_tab.b19.setItem(row, 2, QTableWidgetItem(reason))
    _click(qtbot, view.b19_tab.b19_save)
    assert [(r.kompetensi, r.skor) for r in view.detail.b19] == [
        ("Analisis data", 2), ("Pelayanan publik", 4),
    ]  # fmt: skip
    widget.grab().save(str(artifacts / "coaching-b19-coach.png"))

    # the pegawai sees B.1.9 but cannot change it, and cannot change B.1.8's rules for the coach
    widget.ctx.set_actor(office.staf.actor)
    widget.open_item(sesi_id)
    assert view.detail is not None and view.detail.is_pegawai
    assert not view.b19_tab.b19_save.isEnabled() and view.b18_tab.b18_save.isEnabled()


def test_development_plan_with_suggestions_and_total(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str, artifacts: Path
) -> None:
    coaching_forms.save_b19(db, actor=office.kabid.actor, sesi_id=sesi_id,
                      items=[("Analisis data", 2, "Belum lancar mengolah data")])  # fmt: skip
    widget = _screen(qtbot, db, home, office)
    widget.person.setCurrentIndex(widget.person.findData(office.staf.id))
    widget.tabs.setCurrentWidget(widget.development)
    panel = widget.development
    assert panel.suggestions.count() == 1
    panel.suggestions.setCurrentRow(0)
    _click(qtbot, panel.suggestion_add)
    assert panel.plan is not None and [n.kompetensi for n in panel.plan.needs] == ["Analisis data"]
    assert panel.suggestions.count() == 0
    for name, planned, done, finished in (("Pelatihan analisis data", 12, 12, True),
                                          ("E-learning statistik", 10, 0, False)):  # fmt: skip
        panel.act_name.setText(name)
        panel.act_kind.setText("pelatihan")
        panel.act_planned.setValue(planned)
        panel.act_done.setValue(done)
        panel.act_finished.setChecked(finished)
        _click(qtbot, panel.act_add)
    assert (panel.plan.jp_rencana, panel.plan.jp_realisasi) == (22.0, 12.0)
    assert "12 JP" in panel.total.text() and "8 JP" in panel.total.text()
    assert panel.progress.value() == 60
    widget.grab().save(str(artifacts / "coaching-development.png"))


def test_navigation_opens_the_session(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str
) -> None:
    window = MainWindow(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(window)
    window.show()
    window.ctx.navigate.emit("coaching", sesi_id)
    coaching_screen = window.area_screen("coaching")
    assert window.stack.currentWidget() is coaching_screen
    assert isinstance(coaching_screen, CoachingScreen)
    detail = coaching_screen.session_view.detail
    assert detail is not None and detail.sesi.id == sesi_id
    window.ctx.navigate.emit("coaching", office.staf.id)
    assert coaching_screen.person.currentData() == office.staf.id


def test_follow_up_date_of_an_action_can_be_set_later(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str
) -> None:
    coaching_actions.add_action(db, actor=office.kabid.actor, sesi_id=sesi_id,
                        pelaksana_id=office.staf.id, teks="Menyusun SOP")  # fmt: skip
    widget = _screen(qtbot, db, home, office)
    widget.open_item(sesi_id)
    view = widget.session_view
    view.tabs.setCurrentIndex(3)
    view.actions_tab.action_table.selectRow(0)
    follow = dt.date.today() + dt.timedelta(days=5)
    view.actions_tab.action_follow.setChecked(True)
    view.actions_tab.action_follow_date.setDate(QDate(follow.year, follow.month, follow.day))
    _click(qtbot, view.actions_tab.action_set_follow)
    assert view.detail is not None
    assert [(a.tindak_lanjut, a.status.value) for a in view.detail.aksi] == [(follow, "open")]


def test_a_talking_point_is_removed_by_its_author_only(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    coaching_notes.add_talking_point(
        db, actor=office.staf.actor, sesi_id=sesi_id, teks="Dari pegawai"
    )
    widget = _screen(qtbot, db, home, office)
    widget.open_item(sesi_id)
    tab = widget.session_view.agenda_tab
    tab.agenda_input.setText("Dari pembimbing")
    _click(qtbot, tab.agenda_add)
    texts = [tab.agenda.item(i).text() for i in range(tab.agenda.count())]
    assert len(texts) == 2
    own = next(i for i, t in enumerate(texts) if t.startswith("Dari pembimbing"))
    tab.agenda.setCurrentRow(own)
    _click(qtbot, tab.agenda_remove)
    assert [tab.agenda.item(i).text().split("  ")[0] for i in range(tab.agenda.count())] == [
        "Dari pegawai"
    ]
    refused: list[str] = []
    monkeypatch.setattr(
        session_view, "show_error", lambda _p, error, *_a: refused.append(str(error))
    )
    tab.agenda.setCurrentRow(0)
    _click(qtbot, tab.agenda_remove)
    assert tab.agenda.count() == 1 and len(refused) == 1


def test_b18_b19_tabs_only_for_bimbingan_and_hand_over(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, sesi_id: str
) -> None:
    dialog_id = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.DIALOG_KINERJA, tanggal=dt.date.today(),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    ).id  # fmt: skip
    widget = _screen(qtbot, db, home, office)
    view = widget.session_view
    widget.open_item(dialog_id)
    forms_tabs = [view.tabs.indexOf(view.b18_tab), view.tabs.indexOf(view.b19_tab)]
    assert not any(view.tabs.isTabVisible(i) for i in forms_tabs)
    widget.ctx.set_actor(office.staf.actor)
    widget.open_item(sesi_id)
    assert all(view.tabs.isTabVisible(i) for i in forms_tabs)
    assert "Belum diserahkan" in view.b18_tab.handover.text()
    for combo in view.b18_tab.b18_answers:
        combo.setCurrentIndex(combo.findData(True))
    _click(qtbot, view.b18_tab.b18_save)
    _click(qtbot, view.b18_tab.handover_button)
    assert view.detail is not None and view.detail.b18_diserahkan is not None
    assert "Diserahkan kepada Ir. Bambang Sutrisno" in view.b18_tab.handover.text()
