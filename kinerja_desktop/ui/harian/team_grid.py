"""The supervisor's team month grid: people by days, each cell filled, late, missing, on
leave or not a working day; a double-click (or Enter) opens that person's day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.services.harian import clock, team
from kinerja_desktop.services.harian.team import DayState, TeamMonth
from kinerja_desktop.ui.context import AppContext

COLOURS = {
    DayState.FILLED: "#c8e6c9",
    DayState.LATE: "#ffe0b2",
    DayState.MISSING: "#ffcdd2",
    DayState.LEAVE: "#bbdefb",
    DayState.OFF: "#eeeeee",
    DayState.FUTURE: "#ffffff",
}


def state_label(state: DayState) -> str:
    return {
        DayState.FILLED: _("filled"),
        DayState.LATE: _("late"),
        DayState.MISSING: _("missing"),
        DayState.LEAVE: _("on leave"),
        DayState.OFF: _("not a working day"),
        DayState.FUTURE: _("not yet"),
    }[state]


class TeamGrid(QWidget):
    open_day = Signal(str, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid: TeamMonth | None = None
        self.month = QDateEdit()
        self.month.setDisplayFormat("MM-yyyy")
        self.month.setDate(QDate(*clock.today().timetuple()[:3]))
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.legend = QLabel(
            "  ".join(
                f'<span style="background:{COLOURS[s]}">&nbsp;{state_label(s)}&nbsp;</span>'
                for s in (DayState.FILLED, DayState.LATE, DayState.MISSING, DayState.LEAVE)
            )
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Month:")))
        bar.addWidget(self.month)
        bar.addWidget(self.legend, 1)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.table.cellActivated.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    @property
    def available(self) -> bool:
        return self.grid is not None and bool(self.grid.people)

    def reload(self, today: dt.date | None = None) -> None:
        value = self.month.date()
        try:
            grid = team.team_month(
                self.ctx.db,
                actor=self.ctx.actor,
                tahun=value.year(),
                bulan=value.month(),
                today=today,
            )
        except KinerjaError as error:
            self.legend.setText(error.message)
            return
        self.grid = grid
        self.table.clear()
        self.table.setRowCount(len(grid.people))
        self.table.setColumnCount(len(grid.dates) + 1)
        self.table.setHorizontalHeaderLabels([_("Missing"), *[str(d.day) for d in grid.dates]])
        self.table.setVerticalHeaderLabels([p.nama for p in grid.people])
        for row, person in enumerate(grid.people):
            missing = QTableWidgetItem(str(person.count(DayState.MISSING)))
            missing.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, missing)
            for column, cell in enumerate(person.days, start=1):
                text = format_number(cell.menit / 60, 1) if cell.entries else ""
                if cell.state is DayState.MISSING:
                    text = "–"
                elif cell.state is DayState.LEAVE:
                    text = _("L")
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(QColor(COLOURS[cell.state])))
                tip = state_label(cell.state)
                if cell.unacknowledged:
                    tip += " — " + _("{n} not yet acknowledged").format(n=cell.unacknowledged)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)

    def _double_clicked(self, row: int, column: int) -> None:
        if self.grid is None or column == 0:
            return
        self.open_day.emit(self.grid.people[row].pegawai_id, self.grid.dates[column - 1])
