"""A person's leave days in the Harian area: the days of a year, marking a range with a
remark and unmarking selected days. The pegawai and the pengelola kinerja may change them;
a supervisor sees them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, ngettext
from kinerja_desktop.services.harian import calendar, clock
from kinerja_desktop.services.harian.calendar import LeaveDay
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class LeavePanel(QWidget):
    """The leave days of the person chosen in the Harian area."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.days: list[LeaveDay] = []
        today = clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.total = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:")))
        top.addWidget(self.year)
        top.addWidget(self.total, 1)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Remark")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.first = QDateEdit(_qdate(today))
        self.last = QDateEdit(_qdate(today))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.first.dateChanged.connect(
            lambda d: self.last.setDate(d) if self.last.date() < d else None
        )
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("e.g. Cuti tahunan"))
        self.add_button = QPushButton(_("Mark as leave"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Unmark selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        marking = QHBoxLayout()
        marking.addWidget(QLabel(_("From")))
        marking.addWidget(self.first)
        marking.addWidget(QLabel(_("to")))
        marking.addWidget(self.last)
        marking.addWidget(self.note, 1)
        marking.addWidget(self.add_button)
        marking.addWidget(self.remove_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(marking)
        layout.addWidget(self.status)

    def set_target(self, pegawai_id: str | None) -> None:
        self.pegawai_id = pegawai_id
        writable = pegawai_id is not None and calendar.may_mark_leave(self.ctx.actor, pegawai_id)
        for widget in (self.first, self.last, self.note, self.add_button, self.remove_button):
            widget.setEnabled(writable)
        self.status.clear()
        self.reload()

    def reload(self) -> None:
        self.days = []
        if self.pegawai_id is not None:
            try:
                self.days = calendar.leave_days(self.ctx.db, actor=self.ctx.actor,
                                                pegawai_id=self.pegawai_id,
                                                tahun=self.year.value())  # fmt: skip
            except KinerjaError as error:
                self.status.setText(error.message)
        self.table.setRowCount(len(self.days))
        for row, day in enumerate(self.days):
            self.table.setItem(row, 0, QTableWidgetItem(format_date(day.tanggal)))
            self.table.setItem(row, 1, QTableWidgetItem(day.keterangan))
        self.table.resizeColumnToContents(0)
        self.total.setText(
            ngettext(
                "{n} leave day in this year", "{n} leave days in this year", len(self.days)
            ).format(n=len(self.days))
        )

    def add(self) -> None:
        if self.pegawai_id is None:
            return
        try:
            added = calendar.add_leave(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id,
                mulai=_date(self.first.date()), selesai=_date(self.last.date()),
                keterangan=" ".join(self.note.text().split()),
            )  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self.year.setValue(self.first.date().year())
        self.note.clear()
        self.reload()
        self.status.setText(
            ngettext("{n} day marked as leave.", "{n} days marked as leave.", added).format(n=added)
        )

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if self.pegawai_id is None or not rows:
            self.status.setText(_("Select the days to unmark first."))
            return
        # Each removal is committed and may reload the list: take the dates first.
        dates = [self.days[row].tanggal for row in rows]
        try:
            for tanggal in dates:
                calendar.remove_leave(self.ctx.db, actor=self.ctx.actor,
                                      pegawai_id=self.pegawai_id, tanggal=tanggal)  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
        self.reload()
