"""The login dialog and the change-password dialog.

``LoginDialog`` asks for a username and password and calls ``accounts.login``; a wrong
password or a locked account shows the service's message under the fields (the lock itself
is kept by the service, in the database). An account that must choose a new password goes
straight on to ``ChangePasswordDialog`` in its forced form, which cannot be skipped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.core.database import Database


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setVisible(False)
    return label


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LoginDialog(QDialog):
    """Ask who is using the program; ``actor`` is set once the login succeeded."""

    def __init__(
        self,
        db: Database,
        *,
        office_name: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
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
        self.password = _password_field()
        self.password.setObjectName("password")
        form.addRow(_("&Username:"), self.username)
        form.addRow(_("&Password:"), self.password)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def try_login(self) -> None:
        if not self.username.text().strip():
            self.show_error(_("Enter your username."))
            self.username.setFocus()
            return
        try:
            result = accounts.login(
                self.db, username=self.username.text(), password=self.password.text()
            )
        except KinerjaError as error:
            self.password.clear()
            self.password.setFocus()
            self.show_error(error.message)
            return
        if result.must_change_password:
            change = ChangePasswordDialog(
                self.db, result.actor, old_password=self.password.text(), forced=True, parent=self
            )
            if change.exec() != QDialog.DialogCode.Accepted:
                self.password.clear()
                self.show_error(_("Choose a new password to continue."))
                return
        self.actor = result.actor
        self.accept()


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
        self.old = _password_field()
        self.old.setObjectName("old")
        self.new = _password_field()
        self.new.setObjectName("new")
        self.repeat = _password_field()
        self.repeat.setObjectName("repeat")
        if old_password is None:
            form.addRow(_("&Current password:"), self.old)
        form.addRow(_("&New password:"), self.new)
        form.addRow(_("&Repeat new password:"), self.repeat)
        layout.addLayout(form)
        self.error = _error_label()
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
