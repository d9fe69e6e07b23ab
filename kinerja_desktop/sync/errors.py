"""The error a refused bundle, receipt or identity card raises: a message and a stable code.

The code (``truncated``, ``tampered``, ``untrusted``...) lets tests and ``--json`` output tell
the cases apart; the message says what is wrong and what to do, in the user's language.
"""

from __future__ import annotations

from kinerja_desktop.errors import KinerjaError


class BundleError(KinerjaError):
    """A bundle (or receipt, or identity card) that this install refuses."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
