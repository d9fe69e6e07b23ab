"""Showing a recovery key once: the key, what it is for, and the advice to print it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _


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
