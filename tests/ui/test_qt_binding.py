"""The Qt binding keeps Python's reference counts right.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a Qt method that
returns nothing; after enough calls a long session aborts with "Fatal Python error:
none_dealloc". pyproject.toml keeps the binding below 6.12; this test fails on a binding with
that fault.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(500):
        label.setText(str(index))
        label.setMinimumWidth(10)
    assert sys.getrefcount(None) - before > -50
