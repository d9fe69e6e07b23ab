"""The week view: Monday to Sunday side by side, the hours of each day on top and the
entries under it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, format_day, format_number
from kinerja_desktop.services.harian import clock, entries
from kinerja_desktop.services.harian.entries import Week
from kinerja_desktop.ui.context import AppContext

OFF_COLOUR = "#eeeeee"


class WeekView(QWidget):
    open_day = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = ctx.actor.pegawai_id
        self.day = clock.today()
        self.week: Week | None = None
        previous = QPushButton("◀")
        previous.setToolTip(_("Previous week (Alt+Up)"))
        previous.setShortcut(QKeySequence("Alt+Up"))
        previous.clicked.connect(lambda: self.shift(-7))
        following = QPushButton("▶")
        following.setToolTip(_("Next week (Alt+Down)"))
        following.setShortcut(QKeySequence("Alt+Down"))
        following.clicked.connect(lambda: self.shift(7))
        self.title = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(previous)
        bar.addWidget(following)
        bar.addWidget(self.title, 1)
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_target(self, pegawai_id: str | None, day: dt.date | None = None) -> None:
        self.pegawai_id = pegawai_id
        if day is not None:
            self.day = day
        self.reload()

    def shift(self, days: int) -> None:
        self.day += dt.timedelta(days=days)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        if self.pegawai_id is None:
            return
        try:
            week = entries.week(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, tanggal=self.day
            )
        except KinerjaError as error:
            self.title.setText(error.message)
            return
        self.week = week
        self.title.setText(
            _("Week of {day}: {hours} hours").format(
                day=format_date(week.mulai), hours=format_number(week.menit / 60, 1)
            )
        )
        self.table.setHorizontalHeaderLabels([format_day(d.tanggal) for d in week.days])
        depth = max((len(d.entries) for d in week.days), default=0)
        self.table.setRowCount(depth + 1)
        for column, day in enumerate(week.days):
            top = QTableWidgetItem(
                _("{hours} h").format(hours=format_number(day.menit / 60, 1))
                + (f"\n{day.libur}" if day.libur else "")
            )
            top.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if day.libur:
                top.setBackground(Qt.GlobalColor.lightGray)
            self.table.setItem(0, column, top)
            for index, row in enumerate(day.entries, start=1):
                self.table.setItem(
                    index,
                    column,
                    QTableWidgetItem(f"{row.jam_mulai}–{row.jam_selesai}\n{row.kegiatan}"),
                )
        self.table.resizeRowsToContents()

    def _double_clicked(self, _row: int, column: int) -> None:
        if self.week is not None:
            self.open_day.emit(self.week.days[column].tanggal)
