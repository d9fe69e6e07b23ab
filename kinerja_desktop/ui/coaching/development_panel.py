"""The development plan of one pegawai for one year: needs (with those suggested by weak
B.1.9 scores), activities with planned and done learning hours, and the year's total against
the 20 JP minimum."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, format_number
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.coaching.development import ActivityInput, PlanView, SuggestedNeed
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import DATE_EDIT_FORMAT
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.messages import show_error


def _jp(value: float) -> str:
    return format_number(value, 1 if value % 1 else 0)


class DevelopmentPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.tahun = dt.date.today().year
        self.plan: PlanView | None = None
        self.total = QLabel()
        self.total.setObjectName("jpTotal")
        self.total.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        needs_box = self._needs_box()
        acts_box = self._activities_box()
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(self.progress)
        body = QHBoxLayout()
        body.addWidget(needs_box, 2)
        body.addWidget(acts_box, 3)
        layout.addLayout(body, 1)

    def _needs_box(self) -> QGroupBox:
        """The development needs: the list, adding and removing one, and the suggested needs."""
        self.needs = QListWidget()
        self.need_input = QLineEdit()
        self.need_input.setPlaceholderText(_("A competency to develop"))
        self.need_input.returnPressed.connect(self.add_need)
        self.need_add = QPushButton(_("Add need"))
        self.need_add.clicked.connect(self.add_need)
        self.need_remove = QPushButton(_("Remove"))
        self.need_remove.clicked.connect(self.remove_need)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(90)
        self.suggestion_add = QPushButton(_("Add suggested need"))
        self.suggestion_add.clicked.connect(self.add_suggestion)
        needs_box = QGroupBox(_("Development needs"))
        needs_layout = QVBoxLayout(needs_box)
        needs_layout.addWidget(self.needs, 1)
        row = QHBoxLayout()
        row.addWidget(self.need_input, 1)
        row.addWidget(self.need_add)
        row.addWidget(self.need_remove)
        needs_layout.addLayout(row)
        self.suggestion_rule = QLabel()
        self.suggestion_rule.setWordWrap(True)
        needs_layout.addWidget(self.suggestion_rule)
        needs_layout.addWidget(self.suggestions)
        needs_layout.addWidget(self.suggestion_add, 0, Qt.AlignmentFlag.AlignRight)
        return needs_box

    def _activities_box(self) -> QGroupBox:
        """The planned activities with their hours (JP), and the line that adds or edits one."""
        self.activities = QTableWidget(0, 5)
        self.activities.setHorizontalHeaderLabels(
            [_("Activity"), _("Kind"), _("Date"), _("JP planned"), _("JP done")]
        )
        self.activities.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activities.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activities.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.activities.verticalHeader().hide()
        self.activities.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.activities.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.activities.horizontalHeader().setStretchLastSection(False)
        self.activities.itemSelectionChanged.connect(self._activity_selected)
        self.act_name = QLineEdit()
        self.act_name.setPlaceholderText(_("Training, course, e-learning, job shadowing…"))
        self.act_kind = QLineEdit()
        self.act_kind.setPlaceholderText(_("Kind"))
        self.act_date = QDateEdit(QDate.currentDate())
        self.act_date.setCalendarPopup(True)
        self.act_date.setDisplayFormat(DATE_EDIT_FORMAT)
        self.act_planned = QDoubleSpinBox()
        self.act_planned.setRange(0, 1000)
        self.act_planned.setDecimals(1)
        self.act_planned.setSuffix(" JP")
        self.act_done = QDoubleSpinBox()
        self.act_done.setRange(0, 1000)
        self.act_done.setDecimals(1)
        self.act_done.setSuffix(" JP")
        self.act_finished = QCheckBox(_("Done"))
        self.act_add = QPushButton(_("Add activity"))
        self.act_add.clicked.connect(self.add_activity)
        self.act_save = QPushButton(_("Save changes"))
        self.act_save.clicked.connect(self.save_activity)
        self.act_remove = QPushButton(_("Remove"))
        self.act_remove.clicked.connect(self.remove_activity)
        acts_box = QGroupBox(_("Planned activities and what was done"))
        acts_layout = QVBoxLayout(acts_box)
        acts_layout.addWidget(self.activities, 1)
        self.act_name.setMinimumWidth(240)
        edit_row = FlowLayout()
        edit_row.addWidget(self.act_name)
        edit_row.addWidget(self.act_kind)
        edit_row.addWidget(self.act_date)
        edit_row.addWidget(QLabel(_("planned")))
        edit_row.addWidget(self.act_planned)
        edit_row.addWidget(QLabel(_("done")))
        edit_row.addWidget(self.act_done)
        edit_row.addWidget(self.act_finished)
        acts_layout.addLayout(edit_row)
        button_row = FlowLayout()
        for button in (self.act_add, self.act_save, self.act_remove):
            button_row.addWidget(button)
        acts_layout.addLayout(button_row)
        return acts_box

    def show_plan(self, pegawai_id: str, tahun: int) -> None:
        self.pegawai_id, self.tahun = pegawai_id, tahun
        self.reload()

    def reload(self) -> None:
        if self.pegawai_id is None:
            return
        try:
            self.plan = development.get_plan(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, tahun=self.tahun
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        plan = self.plan
        if plan.memenuhi_minimum:
            text = _("{year}: {done} JP done of the 20 JP minimum (PP 11/2017); {planned} JP "
                     "planned. The minimum is met.")  # fmt: skip
        else:
            text = _("{year}: {done} JP done of the 20 JP minimum (PP 11/2017); {planned} JP "
                     "planned. {missing} JP still to go.")  # fmt: skip
        self.total.setText(text.format(year=plan.tahun, done=_jp(plan.jp_realisasi),
                                       planned=_jp(plan.jp_rencana),
                                       missing=_jp(plan.kekurangan)))  # fmt: skip
        self.progress.setValue(min(int(plan.jp_realisasi / plan.minimum * 100), 100))
        self.progress.setFormat(f"{_jp(plan.jp_realisasi)} / {_jp(plan.minimum)} JP")
        self.needs.clear()
        for need in plan.needs:
            source = (
                " (" + _("from the session of {date}").format(date=format_date(need.sumber_tanggal))
                + ")" if need.sumber_tanggal else ""
            )  # fmt: skip
            item = QListWidgetItem(f"{need.kompetensi}{source}" +
                                   (f"\n{need.keterangan}" if need.keterangan else ""))  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, need.id)
            self.needs.addItem(item)
        self.suggestion_rule.setText(
            _("Suggested by B.1.9 scores of {score} or less this year (the office's rule, set "
              "in Settings; the regulation sets no threshold):").format(score=plan.batas_skor)
            if plan.batas_skor
            else _("The office's rule that suggests needs from B.1.9 scores is off (Settings).")
        )  # fmt: skip
        self.suggestions.clear()
        for suggestion in plan.suggestions:
            item = QListWidgetItem(
                _("{competency}: score {score} on {date}").format(
                    competency=suggestion.kompetensi, score=suggestion.skor,
                    date=format_date(suggestion.tanggal))
            )  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            self.suggestions.addItem(item)
        self.activities.setRowCount(len(plan.activities))
        for row, act in enumerate(plan.activities):
            cells = [act.nama + (" ✓" if act.selesai else ""), act.jenis,
                     format_date(act.tanggal) if act.tanggal else "", _jp(act.jp_rencana),
                     _jp(act.jp_realisasi)]  # fmt: skip
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col >= 3:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.activities.setItem(row, col, cell)

    def _run(self, work: Callable[[], Any]) -> bool:
        try:
            work()
        except KinerjaError as error:
            show_error(self, error)
            return False
        self.reload()
        return True

    def add_need(self) -> None:
        text = self.need_input.text()
        if self.pegawai_id and self._run(lambda: development.add_need(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=str(self.pegawai_id),
            tahun=self.tahun, kompetensi=text,
        )):  # fmt: skip
            self.need_input.clear()

    def add_suggestion(self) -> None:
        item = self.suggestions.currentItem()
        if item is None or self.pegawai_id is None:
            return
        suggestion: SuggestedNeed = item.data(Qt.ItemDataRole.UserRole)
        self._run(lambda: development.add_need(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=str(self.pegawai_id), tahun=self.tahun,
            kompetensi=suggestion.kompetensi, keterangan=suggestion.alasan,
            sumber_sesi_id=suggestion.sesi_id,
        ))  # fmt: skip

    def remove_need(self) -> None:
        item = self.needs.currentItem()
        if item is not None:
            need_id = item.data(Qt.ItemDataRole.UserRole)
            self._run(lambda: development.remove_need(self.ctx.db, actor=self.ctx.actor,
                                                      need_id=need_id))  # fmt: skip

    def _input(self) -> ActivityInput:
        qdate = self.act_date.date()
        return ActivityInput(
            nama=self.act_name.text(), jenis=self.act_kind.text(),
            jp_rencana=self.act_planned.value(), jp_realisasi=self.act_done.value(),
            tanggal=dt.date(qdate.year(), qdate.month(), qdate.day()),
            selesai=self.act_finished.isChecked(),
        )  # fmt: skip

    def _activity_selected(self) -> None:
        row = self.activities.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.activities):
            return
        act = self.plan.activities[row]
        self.act_name.setText(act.nama)
        self.act_kind.setText(act.jenis)
        if act.tanggal:
            self.act_date.setDate(QDate(act.tanggal.year, act.tanggal.month, act.tanggal.day))
        self.act_planned.setValue(act.jp_rencana)
        self.act_done.setValue(act.jp_realisasi)
        self.act_finished.setChecked(act.selesai)

    def add_activity(self) -> None:
        data = self._input()
        if self.pegawai_id and self._run(lambda: development.add_activity(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=str(self.pegawai_id), tahun=self.tahun,
            data=data,
        )):  # fmt: skip
            self.act_name.clear()

    def save_activity(self) -> None:
        row = self.activities.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.activities):
            return
        act_id, data = self.plan.activities[row].id, self._input()
        self._run(lambda: development.update_activity(self.ctx.db, actor=self.ctx.actor,
                                                      activity_id=act_id, data=data))  # fmt: skip

    def remove_activity(self) -> None:
        row = self.activities.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.activities):
            return
        act_id = self.plan.activities[row].id
        self._run(lambda: development.remove_activity(self.ctx.db, actor=self.ctx.actor,
                                                      activity_id=act_id))  # fmt: skip
