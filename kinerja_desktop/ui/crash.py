"""Unexpected errors: log them, and tell the person what happened and where the log is.

``install_excepthook(log_path)`` replaces ``sys.excepthook`` (errors in Qt slots and event
handlers end there) and ``threading.excepthook``. The dialog says what went wrong and where
in the program, that what was saved before is safe (every change is committed as one
transaction when it is confirmed, so an error loses at most the change being made), and
where the log file is; the traceback sits under "Show Details".
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from kinerja_desktop.i18n import _

log = logging.getLogger("kinerja_desktop.crash")


def where(tb: TracebackType | None) -> str:
    """The innermost place of the program in ``tb``: ``module.py:line in function``."""
    frames = traceback.extract_tb(tb)
    own = [f for f in frames if "kinerja_desktop" in f.filename] or frames
    if not own:
        return "?"
    frame = own[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def crash_dialog(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, log_path: Path
) -> QMessageBox:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Unexpected error"))
    box.setText(
        _("Something unexpected went wrong: {error}").format(error=str(exc) or exc_type.__name__)
    )
    box.setInformativeText(
        _(
            "It happened in {place}. What you saved before is safe; the change you were making "
            "may not have been saved. The details are in the log file:\n{path}"
        ).format(place=where(tb), path=log_path)
    )
    box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
    open_folder = box.addButton(_("Open log folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    open_folder.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))
    )
    return box


def install_excepthook(log_path: Path) -> None:
    """Log every uncaught error; show the crash dialog when a Qt application runs."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught error at %s", where(tb), exc_info=(exc_type, exc, tb))
        if (
            QApplication.instance() is None
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        try:
            crash_dialog(exc_type, exc, tb, log_path).exec()
        except Exception:  # the dialog itself failed: the log already has the error
            log.exception("the crash dialog could not be shown")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        log.critical(
            "uncaught error in thread %s at %s",
            args.thread.name if args.thread else "?",
            where(args.exc_traceback),
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = hook
    threading.excepthook = thread_hook
