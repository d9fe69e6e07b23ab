"""What the tabs of the session view share: the base class that gives a tab the shown
session and the view's way of running a change, and small date and table helpers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QTableWidget, QWidget

from kinerja_desktop.services.coaching.sessions import SessionDetail
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import DATE_EDIT_FORMAT

Run = Callable[[Callable[[], Any]], bool]
"""Calls a service; on success the view reloads and tells the other screens."""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def cell_text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    return edit


class SessionTab(QWidget):
    """One tab of the session view. ``fill`` shows the session the view has loaded."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._detail = detail
        self._run = run

    @property
    def detail(self) -> SessionDetail | None:
        return self._detail()

    @property
    def sesi_id(self) -> str:
        detail = self.detail
        assert detail is not None
        return detail.sesi.id

    def fill(self, detail: SessionDetail) -> None:
        raise NotImplementedError
