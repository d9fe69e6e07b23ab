"""Long work off the UI thread, with a progress dialog and Cancel.

``run_task`` runs a plain function ``work(progress)`` on the writer pool (one thread, so
database writes never compete), shows a progress dialog if the work takes longer than half
a second, and calls ``on_done(result)`` back on the UI thread. A ``Cancelled`` ends quietly;
any other error is shown through ``show_error``. The work itself is Qt-free service code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kinerja_desktop.i18n import _
from kinerja_desktop.progress import Cancelled, Progress
from kinerja_desktop.ui.messages import show_error

T = TypeVar("T")

_writer_pool: QThreadPool | None = None
_running: set[TaskHandle[Any]] = set()


def writer_pool() -> QThreadPool:
    global _writer_pool
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)
    return _writer_pool


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _SignalProgress:
    """A ``Progress`` that forwards to Qt signals; safe to call from the worker thread."""

    def __init__(self, signals: _Signals, cancel_event: threading.Event) -> None:
        self._signals = signals
        self._cancel = cancel_event

    def update(self, done: int, total: int, message: str = "") -> None:
        self._signals.progress.emit(done, total, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[Progress], Any], progress: _SignalProgress, signals: _Signals
    ):
        super().__init__()
        self._work = work
        self._progress = progress
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # reported on the UI thread
            self._signals.failed.emit(error)
        else:
            self._signals.done.emit(result)


class TaskHandle(QObject, Generic[T]):
    """A running task; ``finished`` fires on the UI thread when it ends, however it ends."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__()
        self.cancel_event = threading.Event()
        self.result: T | None = None
        self.signals: _Signals | None = None
        self.error: BaseException | None = None
        self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)

    def cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText(_("Cancelling…"))

    def is_running(self) -> bool:
        return self in _running


def run_task(
    parent: QWidget | None,
    work: Callable[[Progress], T],
    *,
    title: str,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> TaskHandle[T]:
    """Run ``work`` in the background with progress; see the module docstring."""
    handle: TaskHandle[T] = TaskHandle(parent, title)
    signals = _Signals()

    def on_progress(done: int, total: int, message: str) -> None:
        if handle.cancel_event.is_set():
            return
        handle.dialog.setMaximum(max(total, 0))
        handle.dialog.setValue(min(done, total) if total else 0)
        if message:
            handle.dialog.setLabelText(message)

    def finish() -> None:
        handle.dialog.reset()
        handle.dialog.hide()
        handle.dialog.deleteLater()
        _running.discard(handle)
        handle.finished.emit()

    def on_success(result: object) -> None:
        handle.result = result  # type: ignore[assignment]
        finish()
        if on_done is not None:
            on_done(result)  # type: ignore[arg-type]

    def on_failure(error: object) -> None:
        assert isinstance(error, BaseException)
        handle.error = error
        finish()
        if isinstance(error, Cancelled):
            return
        if on_error is not None:
            on_error(error)
        else:
            show_error(parent, error)

    signals.progress.connect(on_progress)
    signals.done.connect(on_success)
    signals.failed.connect(on_failure)
    handle.signals = signals
    _running.add(handle)
    writer_pool().start(_Runnable(work, _SignalProgress(signals, handle.cancel_event), signals))
    return handle


def shutdown(timeout_ms: int = 30000) -> bool:
    """Cancel running tasks and wait for the worker thread, before the database is closed.

    Returns False if the work did not stop within ``timeout_ms``.
    """
    for handle in list(_running):
        handle.cancel_event.set()
    if _writer_pool is None:
        return True
    return bool(_writer_pool.waitForDone(timeout_ms))
