"""Showing a recovery key once (the key, what it is for, the advice to print it), and using
it: ``RecoverDialog`` gives an account a new temporary password with the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.widgets.fields import error_label, password_field


def recovery_key_text() -> str:
    return _(
        "The data folder is encrypted. Without a password or this recovery key nobody can read "
        "it, not even a technician. Print this page or write the key down and give it to the "
        "head of office to keep locked away: it is shown only this once."
    )


def key_label(text: str) -> QLabel:
    """The key in a large fixed-width font, selectable for copying by hand."""
    label = QLabel(text)
    label.setObjectName("recoveryKey")
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(14)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def print_key(parent: QWidget, intro: str, key: str) -> None:
    """Print the key with its explanation on the printer the person chooses."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return
    document = QTextDocument()
    document.setPlainText(f"Kinerja Desktop\n\n{intro}\n\n{key}\n")
    document.print_(printer)


def print_button(parent: QWidget, intro: str, key: str) -> QPushButton:
    button = QPushButton(_("Print…"))
    button.clicked.connect(lambda: print_key(parent, intro, key))
    return button


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once; closing needs the box "I have written it down"."""

    def __init__(
        self, key: str, *, intro: str = "", title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _("Recovery key"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        note = QLabel(intro or recovery_key_text())
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(key_label(key))
        layout.addWidget(print_button(self, note.text(), key), 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm = QCheckBox(_("I have printed or written down the recovery key"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Escape does not close it before the key was noted."""
        if self.confirm.isChecked():
            super().reject()


def show_recovery_key(parent: QWidget | None, key: str, *, intro: str = "") -> None:
    RecoveryKeyDialog(key, intro=intro, parent=parent).exec()


class RecoverDialog(QDialog):
    """All administrator passwords lost: the recovery key sets a temporary password."""

    def __init__(self, home: DataHome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.setWindowTitle(_("Use the recovery key"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        note = QLabel(
            _(
                "With the data folder's recovery key, give an account a temporary password. "
                "The account must choose its own password at the next login. Private coaching "
                "notes stay locked until their author enters their own recovery code."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKey")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = password_field()
        self.repeat = password_field()
        form.addRow(_("Recovery key:"), self.key)
        form.addRow(_("&Username:"), self.username)
        form.addRow(_("&New password:"), self.password)
        form.addRow(_("&Repeat new password:"), self.repeat)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Set temporary password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.try_recover)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def try_recover(self) -> None:
        if self.password.text() != self.repeat.text():
            self._fail(_("The two new passwords differ."))
            return
        try:
            from kinerja_desktop.services.admin import vault

            vault.recover(
                self.home,
                recovery_key=self.key.text(),
                username=self.username.text(),
                new_password=self.password.text(),
            )
        except KinerjaError as error:
            self._fail(error.message)
            return
        self.accept()
