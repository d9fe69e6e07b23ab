"""The supervisor's view of their team: for each subordinate the last conversation, the days
since the last feedback and the open actions; those nobody talked to for longest first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching.actions import TeamMemberRow
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


def _days(value: int | None) -> str:
    if value is None:
        return _("never")
    return _("1 day") if value == 1 else _("{n} days").format(n=value)


class TeamPanel(QWidget):
    person_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[TeamMemberRow] = []
        self.hint = QLabel(
            _("Your staff, those nobody talked with for longest first. Double-click a person "
              "to open their sessions.")
        )  # fmt: skip
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("teamTable")
        self.table.setHorizontalHeaderLabels([
            _("Name"), _("Position"), _("Last conversation"), _("Since last talk"),
            _("Since last feedback"), _("Open actions"),
        ])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 200)
        for col in (3, 4, 5):
            self.table.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.cellDoubleClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def reload(self, today: dt.date | None = None) -> None:
        day = today or dt.date.today()
        try:
            self.rows = coaching_actions.team_overview(
                self.ctx.db, actor=self.ctx.actor, today=today
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.table.setRowCount(len(self.rows))
        for row, member in enumerate(self.rows):
            last = (
                f"{format_date(member.sesi_terakhir)} · {member.sesi_terakhir_jenis}"
                if member.sesi_terakhir else _("no conversation yet")
            )  # fmt: skip
            actions = str(member.aksi_terbuka)
            if member.aksi_terlambat:
                actions += " · " + _("{n} overdue").format(n=member.aksi_terlambat)
            # "Since last talk" counts conversations only, as the column before it does;
            # feedback has its own column.
            talked = (day - member.sesi_terakhir).days if member.sesi_terakhir else None
            cells = [member.nama, member.jabatan, last, _days(talked),
                     _days(member.hari_sejak_umpan_balik), actions]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member.pegawai_id)
                item.setToolTip(text)
                if col == 3 and (talked is None or talked > 60):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, col, item)

    def _chosen(self, row: int, _column: int) -> None:
        self.person_chosen.emit(self.rows[row].pegawai_id)
