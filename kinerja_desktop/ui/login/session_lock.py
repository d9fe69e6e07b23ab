"""Session lock after inactivity: a shared office PC left alone does not stay open.

``InactivityLock`` watches keyboard and mouse input for the whole application; after
``minutes`` without any, it hides the main window's content behind ``UnlockDialog``, which
asks for the current user's password (checked by ``accounts.verify_password``, whose wrong
attempts count towards the account's lock like failed logins) or lets
another person log in, which switches the acting user through ``ctx.set_actor``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.login.login_dialog import LoginDialog
from kinerja_desktop.ui.widgets.fields import error_label, password_field

DEFAULT_MINUTES = 10
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class UnlockDialog(QDialog):
    """The locked session: the user's password to go on, or another person logs in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Session locked"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "The session of {name} was locked after a period of inactivity. Enter the password to continue."
            ).format(name=ctx.actor.name)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.password = password_field()
        self.password.setObjectName("password")
        layout.addWidget(self.password)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Unlock"))
        self.other = QPushButton(_("Log in as someone else"))
        buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.try_unlock)
        self.other.clicked.connect(self.switch_user)
        layout.addWidget(buttons)
        self.password.setFocus()

    def reject(self) -> None:
        """Escape does not unlock."""

    def try_unlock(self) -> None:
        try:
            unlocked = accounts.verify_password(
                self.ctx.db, actor=self.ctx.actor, password=self.password.text()
            )
        except KinerjaError as error:
            self.password.clear()
            self.error.setText(error.message)
            self.error.setVisible(True)
            return
        if unlocked:
            self.accept()
            return
        self.password.clear()
        self.error.setText(_("Wrong password."))
        self.error.setVisible(True)

    def switch_user(self) -> None:
        login = LoginDialog(self.ctx.db, parent=self)
        if login.exec() == QDialog.DialogCode.Accepted and login.actor is not None:
            self.ctx.set_actor(login.actor)
            self.accept()


class InactivityLock(QObject):
    """Locks ``window`` after ``minutes`` without keyboard or mouse input."""

    def __init__(self, ctx: AppContext, window: QWidget, minutes: int = DEFAULT_MINUTES) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked or self.ctx.actor.user_id is None or not self.window.isVisible():
            return
        self.locked = True
        central = getattr(self.window, "centralWidget", lambda: None)()
        if central is not None:
            central.setVisible(False)
        try:
            UnlockDialog(self.ctx, self.window).exec()
        finally:
            # the window may have been closed (log out, quit) while the dialog was open
            current = getattr(self.window, "centralWidget", lambda: None)()
            if current is not None:
                current.setVisible(True)
            self.locked = False
            self.timer.start()
