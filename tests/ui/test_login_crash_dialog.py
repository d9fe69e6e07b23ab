"""The crash hook: an uncaught error is logged with its traceback in the data home's log and
shown in a dialog saying what happened, where, and where the log is."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.logging_setup import setup_logging
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui import crash


@pytest.fixture(autouse=True)
def _restore_hooks() -> Iterator[None]:
    hooks = (sys.excepthook, threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield
    sys.excepthook, threading.excepthook = hooks
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def broken_function() -> None:
    raise ValueError("angka tidak valid")


def test_uncaught_error_is_logged_and_shown(
    qapp: QApplication, qtbot: QtBot, home: DataHome, monkeypatch: pytest.MonkeyPatch,
    artifacts: Path,
) -> None:  # fmt: skip
    log_path = setup_logging(home)
    assert setup_logging(home) == log_path  # a second call adds no second handler
    crash.install_excepthook(log_path)
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        box.grab().save(str(artifacts / "crash_dialog.png"))
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    try:
        broken_function()
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    box = shown[0]
    assert "angka tidak valid" in box.text()
    assert str(log_path) in box.informativeText()
    assert "broken_function" in box.informativeText()
    assert "ValueError" in box.detailedText()
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "uncaught error" in logged and "angka tidak valid" in logged and "Traceback" in logged


def test_errors_in_threads_are_logged(home: DataHome) -> None:
    log_path = setup_logging(home)
    crash.install_excepthook(log_path)
    worker = threading.Thread(target=broken_function, name="worker-x")
    worker.start()
    worker.join()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "worker-x" in log_path.read_text(encoding="utf-8")
