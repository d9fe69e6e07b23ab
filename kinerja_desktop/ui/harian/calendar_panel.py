"""The office's working-day calendar (Settings, for the pengelola kinerja): a 5- or 6-day
week, the office's own days off and cuti bersama, and after how many days an entry counts
as late. National holidays come from the program and are not listed here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
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
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.harian import calendar, clock
from kinerja_desktop.services.harian.calendar import JENIS_LIBUR, DayOff
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error

LATE_OFF = -1  # the spin box's "off" value: no entry is ever late


class OfficeCalendarPanel(QWidget):
    """Edit the office calendar; Save stores it through ``calendar.set_rules``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days_off: list[DayOff] = []
        self.week = QComboBox()
        self.week.addItem(_("5 days (Monday to Friday)"), 5)
        self.week.addItem(_("6 days (Monday to Saturday)"), 6)
        self.late = QSpinBox()
        self.late.setRange(LATE_OFF, 60)
        self.late.setSpecialValueText(_("off"))
        form = QFormLayout()
        form.addRow(_("Working week"), self.week)
        form.addRow(_("An entry is late when written more days after its day than"), self.late)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Name")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setDate(QDate(*clock.today().timetuple()[:3]))
        self.kind = QComboBox()
        for key, caption in JENIS_LIBUR.items():
            self.kind.addItem(_(caption), key)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Hari jadi kabupaten"))
        self.add_button = QPushButton(_("Add day off"))
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(_("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        adding.addWidget(self.date)
        adding.addWidget(self.kind)
        adding.addWidget(self.name, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        self.save_button = QPushButton(_("Save the calendar"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("The office's days off and cuti bersama (national holidays "
                                  "are known to the program):")))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addLayout(bottom)
        admin = ctx.actor.is_pengelola or ctx.actor.is_system
        for widget in (self.week, self.late, self.date, self.kind, self.name, self.add_button,
                       self.remove_button, self.save_button):  # fmt: skip
            widget.setEnabled(admin)
        self.reload()

    def reload(self) -> None:
        rules = calendar.get_rules(self.ctx.db, actor=self.ctx.actor)
        self.week.setCurrentIndex(max(self.week.findData(rules.hari_kerja), 0))
        self.late.setValue(LATE_OFF if rules.terlambat_setelah is None else rules.terlambat_setelah)
        self.days_off = list(rules.libur)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.days_off))
        for row, day in enumerate(self.days_off):
            for column, text in enumerate(
                (format_date(day.tanggal), _(JENIS_LIBUR[day.jenis]), day.nama)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def add_day(self) -> None:
        """Add the day typed below the list (saved with Save)."""
        picked = self.date.date()
        day = DayOff(dt.date(picked.year(), picked.month(), picked.day()),
                     " ".join(self.name.text().split()), str(self.kind.currentData()))  # fmt: skip
        if not day.nama:
            self.status.setText(_("Give the day off a name."))
            self.name.setFocus()
            return
        if any(d.tanggal == day.tanggal for d in self.days_off):
            self.status.setText(
                _("{date} is already in the list.").format(date=format_date(day.tanggal))
            )
            return
        self.days_off = sorted([*self.days_off, day], key=lambda d: d.tanggal)
        self.name.clear()
        self.status.setText(_("Not saved yet: press Save the calendar."))
        self._fill()

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows:
            self.status.setText(_("Select the days to remove first."))
            return
        self.days_off = [d for i, d in enumerate(self.days_off) if i not in rows]
        self.status.setText(_("Not saved yet: press Save the calendar."))
        self._fill()

    def save(self) -> None:
        late = self.late.value()
        try:
            calendar.set_rules(
                self.ctx.db,
                actor=self.ctx.actor,
                hari_kerja=int(self.week.currentData()),
                terlambat_setelah=None if late == LATE_OFF else late,
                libur=self.days_off,
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.status.setText(_("The calendar is saved."))
