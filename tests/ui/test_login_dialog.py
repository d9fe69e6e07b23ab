"""Login dialog, forced password change, lockout message, and the inactivity session lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.login import session_lock
from kinerja_desktop.ui.login.login_dialog import ChangePasswordDialog, LoginDialog
from kinerja_desktop.ui.login.session_lock import InactivityLock, UnlockDialog
from tests.factories import Office
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


@pytest.fixture
def users(db: Database, office: Office) -> Office:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1", nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    accounts.create_account(
        db, actor=SYSTEM, username="dewi", password="temp-pass-1", nip=office.staf.nip
    )
    return office


def error_text(dialog: QDialog) -> str:
    label = dialog.findChild(QLabel, "errorLabel")
    assert label is not None
    return label.text() if label.isVisible() else ""


def test_login_success(qtbot: QtBot, db: Database, users: Office, artifacts: Path) -> None:
    dialog = LoginDialog(db, office_name="Pemerintah Kabupaten Contoh")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("rina")
    dialog.password.setText("admin-pass-1")
    dialog.grab().save(str(artifacts / "login_dialog.png"))
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.pegawai_id == users.admin.id


def test_wrong_password_then_lockout_message(qtbot: QtBot, db: Database, users: Office) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("rina")
    for _attempt in range(accounts.FREE_ATTEMPTS - 1):
        dialog.password.setText("wrong")
        dialog.ok_button.click()
        assert "Wrong username or password" in error_text(dialog) or "salah" in error_text(dialog)
    dialog.password.setText("wrong")
    dialog.ok_button.click()
    locked = error_text(dialog)
    dialog.password.setText("admin-pass-1")
    dialog.ok_button.click()
    assert dialog.actor is None and dialog.isVisible()
    # Locked: the right password is refused, and the message is the one an unknown name gets.
    assert error_text(dialog) == locked
    dialog.username.setText("nobody")
    dialog.password.setText("admin-pass-1")
    dialog.ok_button.click()
    assert error_text(dialog) == locked


def test_forced_password_change_after_reset(qtbot: QtBot, db: Database, users: Office) -> None:
    dialog = LoginDialog(db, username="dewi")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("temp-pass-1")
    changed: list[str] = []

    def fill_change_dialog() -> None:
        change = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, ChangePasswordDialog) and w.isVisible()
        )  # fmt: skip
        change.new.setText("dewi-own-pass")
        change.repeat.setText("dewi-own-pass")
        change.try_change()
        changed.append("yes")

    QTimer.singleShot(0, fill_change_dialog)
    dialog.ok_button.click()
    assert changed and dialog.actor is not None
    assert not accounts.login(db, username="dewi", password="dewi-own-pass").must_change_password


def test_change_password_dialog_messages(qtbot: QtBot, db: Database, users: Office) -> None:
    actor = accounts.login(db, username="rina", password="admin-pass-1").actor
    dialog = ChangePasswordDialog(db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old.setText("admin-pass-1")
    dialog.new.setText("abc")
    dialog.repeat.setText("abd")
    dialog.try_change()
    assert error_text(dialog) and dialog.isVisible()
    dialog.repeat.setText("abc")
    dialog.new.setText("abc")
    dialog.try_change()
    assert "10" in error_text(dialog)
    dialog.new.setText("long-new-pass")
    dialog.repeat.setText("long-new-pass")
    dialog.try_change()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_inactivity_locks_and_password_unlocks(
    qtbot: QtBot, db: Database, home: DataHome, users: Office, monkeypatch: pytest.MonkeyPatch,
    artifacts: Path,
) -> None:  # fmt: skip
    actor = accounts.login(db, username="rina", password="admin-pass-1").actor
    ctx = AppContext(db, home, actor)
    window = QMainWindow()
    window.setCentralWidget(QLabel("rahasia"))
    qtbot.addWidget(window)
    window.show()
    lock = InactivityLock(ctx, window, minutes=1)
    seen: dict[str, object] = {}

    def unlock_when_shown() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, UnlockDialog) and w.isVisible()
        )
        central = window.centralWidget()
        seen["hidden"] = central is not None and not central.isVisible()
        dialog.grab().save(str(artifacts / "session_locked.png"))
        dialog.password.setText("wrong")
        dialog.try_unlock()
        seen["still_locked"] = dialog.isVisible()
        dialog.reject()  # Escape does not unlock
        seen["after_escape"] = dialog.isVisible()
        dialog.password.setText("admin-pass-1")
        dialog.try_unlock()

    QTimer.singleShot(0, unlock_when_shown)
    lock.timer.timeout.emit()
    assert seen == {"hidden": True, "still_locked": True, "after_escape": True}
    central = window.centralWidget()
    assert central is not None and central.isVisible()
    assert not lock.locked and lock.timer.isActive()
    assert session_lock.DEFAULT_MINUTES >= 1


def test_unlock_dialog_stops_guessing_with_the_account_lock(
    qtbot: QtBot, db: Database, home: DataHome, users: Office
) -> None:
    actor = accounts.login(db, username="rina", password="admin-pass-1").actor
    dialog = UnlockDialog(AppContext(db, home, actor))
    qtbot.addWidget(dialog)
    dialog.show()
    for _attempt in range(accounts.FREE_ATTEMPTS):
        dialog.password.setText("guess-guess")
        dialog.try_unlock()
    locked = dialog.error.text()
    assert dialog.isVisible() and "30" in locked
    dialog.password.setText("admin-pass-1")
    dialog.try_unlock()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_inactivity_lock_leaves_a_closed_window_and_a_replaced_screen_alone(
    qtbot: QtBot, db: Database, home: DataHome, users: Office
) -> None:
    actor = accounts.login(db, username="rina", password="admin-pass-1").actor
    ctx = AppContext(db, home, actor)
    window = QMainWindow()
    window.setCentralWidget(QLabel("rahasia"))
    qtbot.addWidget(window)
    lock = InactivityLock(ctx, window, minutes=1)
    lock.timer.timeout.emit()  # never shown (or closed): nothing to lock, no dialog
    assert not lock.locked

    window.show()

    def log_out_while_locked() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, UnlockDialog) and w.isVisible())  # fmt: skip
        window.setCentralWidget(QLabel("layar baru"))  # the old screen is deleted
        dialog.password.setText("admin-pass-1")
        dialog.try_unlock()

    QTimer.singleShot(0, log_out_while_locked)
    lock.timer.timeout.emit()
    central = window.centralWidget()
    assert isinstance(central, QLabel) and central.text() == "layar baru" and central.isVisible()
    assert not lock.locked
