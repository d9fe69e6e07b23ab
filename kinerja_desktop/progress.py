"""Progress reporting for long work, without Qt.

A long service takes a ``Progress``; the GUI passes one that forwards to a progress dialog,
the CLI one that prints, tests a recording fake. ``cancelled()`` is polled by the work, which
then raises ``Cancelled`` after rolling back.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user cancelled the work; nothing it did was kept."""


class Progress(Protocol):
    def update(self, done: int, total: int, message: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    """Progress that reports nowhere and is never cancelled."""

    def update(self, done: int, total: int, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


def check_cancel(progress: Progress) -> None:
    """Raise ``Cancelled`` if the user asked to stop."""
    if progress.cancelled():
        raise Cancelled()
