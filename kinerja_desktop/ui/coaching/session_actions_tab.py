"""The session view's actions tab: the agreed actions, adding one, and changing an action's
status or follow-up date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import StatusAksi, StatusSesi
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching.sessions import SessionDetail
from kinerja_desktop.ui.coaching.session_tab import Run, SessionTab, date_edit, pydate
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout


class ActionsTab(SessionTab):
    """The actions agreed in the session, who does them by when, and their follow-ups."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.action_table = QTableWidget(0, 6)
        self.action_table.setHorizontalHeaderLabels(
            [_("Who"), _("What"), _("By when"), _("Status"), _("Comment"), _("Follow-up")]
        )
        self.action_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.action_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.action_table.verticalHeader().hide()
        self.action_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.action_who = QComboBox()
        self.action_who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(_("What will be done"))
        self.action_due = date_edit(dt.date.today() + dt.timedelta(days=14))
        self.action_follow = QCheckBox(_("Follow-up on"))
        self.action_follow_date = date_edit(dt.date.today() + dt.timedelta(days=7))
        self.action_add = QPushButton(_("Add action"))
        self.action_add.clicked.connect(self.add_action)
        self.action_text.setMinimumWidth(240)
        add_row = FlowLayout()
        add_row.addWidget(self.action_who)
        add_row.addWidget(self.action_text)
        add_row.addWidget(QLabel(_("by")))
        add_row.addWidget(self.action_due)
        add_row.addWidget(self.action_follow)
        add_row.addWidget(self.action_follow_date)
        add_row.addWidget(self.action_add)
        self.action_comment = QLineEdit()
        self.action_comment.setPlaceholderText(_("Comment on the selected action (needed to drop)"))
        self.action_done = QPushButton(_("Mark &done"))
        self.action_done.clicked.connect(lambda: self.set_action_status(StatusAksi.DONE))
        self.action_drop = QPushButton(_("Drop"))
        self.action_drop.clicked.connect(lambda: self.set_action_status(StatusAksi.DROPPED))
        self.action_reopen = QPushButton(_("Reopen"))
        self.action_reopen.clicked.connect(lambda: self.set_action_status(StatusAksi.OPEN))
        self.action_set_follow = QPushButton(_("Set follow-up"))
        self.action_set_follow.setToolTip(
            _("Give the selected action the follow-up date above (or none when unticked).")
        )
        self.action_set_follow.clicked.connect(self.set_follow_up)
        self.action_comment.setMinimumWidth(300)
        status_row = FlowLayout()
        status_row.addWidget(self.action_comment)
        for button in (self.action_set_follow, self.action_done, self.action_drop,
                       self.action_reopen):  # fmt: skip
            status_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.action_table, 1)
        layout.addLayout(add_row)
        layout.addLayout(status_row)

    def fill(self, detail: SessionDetail) -> None:
        d, s = detail, detail.sesi
        today = dt.date.today()
        self.action_table.setRowCount(len(d.aksi))
        for row, aksi in enumerate(d.aksi):
            late = aksi.terlambat(today)
            cells = [
                aksi.pelaksana_nama, aksi.teks,
                format_date(aksi.tenggat) if aksi.tenggat else "",
                aksi.status_label + (" · " + _("overdue") if late else ""),
                aksi.komentar_status,
                format_date(aksi.tindak_lanjut) if aksi.tindak_lanjut else "",
            ]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, aksi.id)
                if late:
                    item.setForeground(Qt.GlobalColor.red)
                self.action_table.setItem(row, col, item)
        self.action_who.clear()
        self.action_who.addItem(s.pegawai_nama, s.pegawai_id)
        self.action_who.addItem(s.coach_nama, s.coach_id)
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        for widget in (self.action_who, self.action_text, self.action_due, self.action_follow,
                       self.action_follow_date, self.action_add):  # fmt: skip
            widget.setEnabled(editable)
        for widget in (self.action_comment, self.action_done, self.action_drop,
                       self.action_reopen, self.action_set_follow):  # fmt: skip
            widget.setEnabled(d.can_edit)

    def add_action(self) -> None:
        follow = pydate(self.action_follow_date.date()) if self.action_follow.isChecked() else None
        text, who, due = (self.action_text.text(), self.action_who.currentData(),
                          pydate(self.action_due.date()))  # fmt: skip
        if self._run(lambda: coaching_actions.add_action(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, pelaksana_id=who, teks=text,
            tenggat=due, tindak_lanjut=follow,
        )):  # fmt: skip
            self.action_text.clear()

    def set_action_status(self, status: StatusAksi) -> None:
        row = self.action_table.currentRow()
        if row < 0 or self.detail is None:
            return
        aksi = self.detail.aksi[row]
        comment = self.action_comment.text()
        if self._run(lambda: coaching_actions.set_action_status(
            self.ctx.db, actor=self.ctx.actor, aksi_id=aksi.id, status=status, komentar=comment,
            tindak_lanjut=aksi.tindak_lanjut,
        )):  # fmt: skip
            self.action_comment.clear()

    def set_follow_up(self) -> None:
        """Change the follow-up date of the selected action, keeping its status and comment."""
        row = self.action_table.currentRow()
        if row < 0 or self.detail is None:
            return
        aksi = self.detail.aksi[row]
        follow = pydate(self.action_follow_date.date()) if self.action_follow.isChecked() else None
        self._run(lambda: coaching_actions.set_action_status(
            self.ctx.db, actor=self.ctx.actor, aksi_id=aksi.id, status=aksi.status,
            komentar=aksi.komentar_status, tindak_lanjut=follow,
        ))  # fmt: skip
