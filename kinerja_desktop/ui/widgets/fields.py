"""Small fields the dialogs share: the red error line under a form and a password field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

ERROR_COLOUR = "#b00020"


def error_label() -> QLabel:
    """A wrapped, red message line, hidden until a message is set and shown."""
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setVisible(False)
    return label


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
