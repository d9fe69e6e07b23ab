"""Background work: results come back on the UI thread, Cancel stops the work, errors are shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.errors import ValidationError
from kinerja_desktop.progress import Progress, check_cancel
from kinerja_desktop.ui.tasks import run_task


def test_result_arrives_with_progress(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[int] = []
    threads: list[bool] = []

    def work(progress: Progress) -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        for i in range(5):
            progress.update(i + 1, 5, f"step {i}")
        return 42

    handle = run_task(parent, work, title="work", on_done=results.append)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert results == [42]
    assert threads == [False]


def test_cancel_stops_work_quietly(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    done: list[object] = []

    def work(progress: Progress) -> int:
        started.set()
        while True:
            check_cancel(progress)

    handle = run_task(parent, work, title="long", on_done=done.append)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=5000)
    assert done == []
    assert handle.error is not None


def test_error_goes_to_on_error(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []

    def work(progress: Progress) -> None:
        raise ValidationError("bad input", field="x")

    handle = run_task(parent, work, title="fails", on_error=errors.append)
    qtbot.waitUntil(lambda: not handle.is_running(), timeout=5000)
    assert [str(e) for e in errors] == ["bad input"]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    handle2 = run_task(parent, work, title="fails again")
    qtbot.waitUntil(lambda: not handle2.is_running(), timeout=5000)
    assert shown == ["bad input"]
