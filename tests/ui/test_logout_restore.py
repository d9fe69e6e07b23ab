"""Problem 7 of issue 16: log out or switch user from the File menu, and restore a backup from
Settings with the same checks as ``kinerja restore``; nothing sends a clerk to the command
line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import backup
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.accounts import accounts_panel
from kinerja_desktop.ui.accounts.accounts_panel import BackupsPanel
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.login import login_dialog
from kinerja_desktop.ui.main_window import MainWindow
from tests.factories import Office, Person
from tests.ui.test_audit_screen import rename


def _login_as(monkeypatch: pytest.MonkeyPatch, person: Person | None, seen: list[str]) -> None:
    def exec_(dialog: login_dialog.LoginDialog) -> int:
        seen.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
        if person is None:
            return QDialog.DialogCode.Rejected.value
        dialog.actor = person.actor
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(login_dialog.LoginDialog, "exec", exec_)


def _window(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> MainWindow:
    window = MainWindow(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(window)
    window.show()
    return window


def test_log_out_and_switch_user(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db, home, office)
    menu = window.menuBar().actions()[0].menu()
    action = next(a for a in menu.actions() if a.objectName() == "logOut")
    seen: list[str] = []
    _login_as(monkeypatch, office.staf, seen)
    action.trigger()
    assert window.ctx.actor == office.staf.actor
    assert office.staf.nama in window.user_label.text()
    assert window.isVisible() and window.centralWidget().isVisible()
    _login_as(monkeypatch, None, seen)
    assert not window.log_out()
    assert not window.isVisible()


def test_restore_from_settings(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    window = _window(qtbot, db, home, office)
    saved = backup.export_backup(home, actor=office.admin.actor, out=tmp_path / "before.sqlite3")
    rename(db, office, "Dewi Sesudah Cadangan")
    shown: list[str] = []
    monkeypatch.setattr(accounts_panel, "show_error", lambda _p, e, *_a: shown.append(str(e)))
    monkeypatch.setattr(accounts_panel, "confirm", lambda *_a: True)
    seen: list[str] = []
    _login_as(monkeypatch, office.admin, seen)
    window.open_area("settings", "backups")
    panel = window.area_screen("settings").findChild(BackupsPanel)
    assert panel is not None
    # A file that is no database is refused with the CLI's message; nothing changes.
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    assert not panel.restore(junk)
    assert len(shown) == 1 and "junk.sqlite3" in shown[0]
    person = people.get_person(db, actor=SYSTEM, pegawai_id=office.staf.id)
    assert person.nama == "Dewi Sesudah Cadangan"
    # The good backup replaces the data; everyone logs in again, told why.
    assert panel.restore(saved)
    person = people.get_person(db, actor=SYSTEM, pegawai_id=office.staf.id)
    assert person.nama == office.staf.nama
    assert seen and saved.name in seen[-1]
    assert any(p.name.startswith(backup.SAFETY_PREFIX) for p in home.backups.iterdir())


def test_no_message_names_a_cli_command(qtbot: QtBot, db: Database, home: DataHome,
                                        office: Office) -> None:  # fmt: skip
    panel = BackupsPanel(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(panel)
    assert "kinerja " not in panel.note.text()
    items: list[Any] = backup.home_items(db, office.admin.actor, dt.date.today())
    assert items and all("kinerja " not in i.detail for i in items)
