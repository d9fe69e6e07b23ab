"""The login dialog and the change-password dialog.

``LoginDialog`` asks for a username and password and calls ``accounts.login``; a wrong
password or a locked account shows the service's message under the fields (the lock itself
is kept by the service, in the database). An account that must choose a new password goes
straight on to ``ChangePasswordDialog`` in its forced form, which cannot be skipped.

On an encrypted data home nothing is open yet: the dialog is given an ``opener`` that opens
the database key with the password and then the database (``services/admin/vault.py``), and
``db`` is set once it succeeded. With ``encrypt`` set (a plain data home made before
encryption existed), an administrator's login also encrypts the database and keeps the
recovery key in ``recovery_key`` for the caller to show (only an administrator may see it:
it opens everything).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.widgets.fields import error_label, password_field

# The services (SQLAlchemy, the models, argon2, cryptography) are imported where used: the
# program shows this dialog before the data layer is loaded (``ui/startup.py``).
if TYPE_CHECKING:
    from kinerja_desktop.services.admin import accounts, vault
    from kinerja_desktop.services.core.database import Database

Opener = Callable[[str, str], "vault.LoginOutcome"]


class LoginDialog(QDialog):
    """Ask who is using the program; ``actor`` is set once the login succeeded."""

    def __init__(
        self,
        db: Database | None,
        *,
        opener: Opener | None = None,
        home: DataHome | None = None,
        encrypt: bool = False,
        office_name: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.encrypt = encrypt
        self.outcome: vault.LoginOutcome | None = None
        self.recovery_key: str | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(_("Log in to Kinerja Desktop"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        if office_name:
            title = QLabel(office_name)
            title.setStyleSheet("font-weight: bold; font-size: 13pt;")
            layout.addWidget(title)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = password_field()
        self.password.setObjectName("password")
        form.addRow(_("&Username:"), self.username)
        form.addRow(_("&Password:"), self.password)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        if home is not None:
            self.recover_button = QPushButton(_("Use the recovery key…"))
            self.recover_button.clicked.connect(lambda: self.recover(home))
            buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def recover(self, home: DataHome) -> None:
        from kinerja_desktop.ui.login.recovery_dialog import RecoverDialog

        dialog = RecoverDialog(home, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.username.setText(dialog.username.text())
            self.password.clear()
            self.password.setFocus()
            self.show_error(_("Temporary password set: log in with it and choose your own."))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def try_login(self) -> None:
        if not self.username.text().strip():
            self.show_error(_("Enter your username."))
            self.username.setFocus()
            return
        try:
            result = self._login(self.username.text(), self.password.text())
        except KinerjaError as error:
            self.password.clear()
            self.password.setFocus()
            self.show_error(error.message)
            return
        assert self.db is not None
        if result.must_change_password:
            change = ChangePasswordDialog(
                self.db, result.actor, old_password=self.password.text(), forced=True, parent=self
            )
            if change.exec() != QDialog.DialogCode.Accepted:
                self.password.clear()
                self.show_error(_("Choose a new password to continue."))
                return
        if self.encrypt and not self.db.encrypted and result.actor.is_pengelola:
            from kinerja_desktop.services.admin import vault

            self.recovery_key = vault.encrypt_home(
                self.db, username=self.username.text(), password=self.password.text()
            )
        self.actor = result.actor
        self.accept()

    def _login(self, username: str, password: str) -> accounts.LoginResult:
        from kinerja_desktop.services.admin import accounts, vault

        if self.db is None:
            assert self.opener is not None
            self.outcome = self.opener(username, password)
            self.db = self.outcome.db
            return self.outcome.result
        result = accounts.login(self.db, username=username, password=password)
        vault.after_login(self.db, username=username, password=password)
        return result


class ChangePasswordDialog(QDialog):
    """Change the acting user's password; ``forced`` after a reset or for a new account."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        old_password: str | None = None,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        from kinerja_desktop.services.admin import accounts

        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._known_old = old_password
        self.setWindowTitle(_("Change password"))
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(
                _("Choose your own password before you continue (at least {n} characters).").format(
                    n=accounts.MIN_PASSWORD_LENGTH
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.old = password_field()
        self.old.setObjectName("old")
        self.new = password_field()
        self.new.setObjectName("new")
        self.repeat = password_field()
        self.repeat.setObjectName("repeat")
        if old_password is None:
            form.addRow(_("&Current password:"), self.old)
        form.addRow(_("&New password:"), self.new)
        form.addRow(_("&Repeat new password:"), self.repeat)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.new if old_password is not None else self.old).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def try_change(self) -> None:
        if self.new.text() != self.repeat.text():
            self.error.setText(_("The two new passwords differ."))
            self.error.setVisible(True)
            self.repeat.clear()
            self.repeat.setFocus()
            return
        from kinerja_desktop.services.admin import accounts

        old = self._known_old if self._known_old is not None else self.old.text()
        try:
            accounts.change_password(
                self.db, actor=self.actor, old_password=old, new_password=self.new.text()
            )
        except KinerjaError as error:
            self.error.setText(error.message)
            self.error.setVisible(True)
            return
        self.accept()
