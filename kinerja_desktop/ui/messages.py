"""Showing errors and confirmations in one consistent way."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """The message a person should read for ``error``."""
    if isinstance(error, KinerjaError):
        return error.message
    return _(
        "Something unexpected went wrong: {error}. Nothing more was saved; the details are in "
        "the log file."
    ).format(error=error)


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """Show ``error``: a domain error's own message, anything else logged with its traceback."""
    if not isinstance(error, KinerjaError):
        log.error("unexpected error", exc_info=error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("Kinerja Desktop"))
    box.setText(error_text(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    """Ask a yes/no question; True for yes."""
    answer = QMessageBox.question(
        parent,
        title or _("Kinerja Desktop"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
