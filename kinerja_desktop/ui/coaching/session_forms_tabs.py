"""The session view's form tabs: B.1.8 (the pegawai's feedback on the guidance) and B.1.9
(the coach's competency evaluation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching.sessions import SessionDetail
from kinerja_desktop.ui.coaching.session_tab import Run, SessionTab, cell_text
from kinerja_desktop.ui.context import AppContext


class B18Tab(SessionTab):
    """Format B.1.8: the pegawai answers each statement yes or no, with remarks."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.b18 = QTableWidget(len(coaching_forms.B18_STATEMENTS), 4)
        self.b18.setHorizontalHeaderLabels([_("No."), _("Statement"), _("Answer"), _("Remarks")])
        self.b18.verticalHeader().hide()
        self.b18.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.b18.setColumnWidth(0, 40)
        self.b18.setColumnWidth(2, 90)
        self.b18.setColumnWidth(3, 200)
        self.b18.setWordWrap(True)
        self.b18_answers: list[QComboBox] = []
        for row in range(len(coaching_forms.B18_STATEMENTS)):
            combo = QComboBox()
            combo.addItem("—", None)
            combo.addItem(_("Yes"), True)
            combo.addItem(_("No"), False)
            self.b18_answers.append(combo)
            self.b18.setCellWidget(row, 2, combo)
        self.b18_hint = QLabel()
        self.b18_hint.setWordWrap(True)
        self.b18_save = QPushButton(_("Save B.1.8"))
        self.b18_save.clicked.connect(self.save_b18)
        self.handover = QLabel()
        self.handover.setWordWrap(True)
        self.handover_button = QPushButton(_("Handed over today"))
        self.handover_button.setToolTip(
            _("Record that you handed the filled form to the atasan of the pimpinan (the "
              "coach's pejabat penilai).")
        )  # fmt: skip
        self.handover_button.clicked.connect(self.hand_over)
        buttons = QHBoxLayout()
        buttons.addWidget(self.handover, 1)
        buttons.addWidget(self.handover_button)
        buttons.addWidget(self.b18_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.b18_hint)
        layout.addWidget(self.b18, 1)
        layout.addLayout(buttons)

    def fill(self, detail: SessionDetail) -> None:
        d = detail
        for row, answer in enumerate(d.b18):
            number = QTableWidgetItem(str(answer.nomor))
            number.setToolTip(answer.kelompok)
            number.setFlags(Qt.ItemFlag.ItemIsEnabled)
            statement = QTableWidgetItem(answer.pernyataan)
            statement.setFlags(Qt.ItemFlag.ItemIsEnabled)
            remark = QTableWidgetItem(answer.keterangan)
            if not d.is_pegawai:
                remark.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.b18.setItem(row, 0, number)
            self.b18.setItem(row, 1, statement)
            self.b18.setItem(row, 3, remark)
            combo = self.b18_answers[row]
            combo.setCurrentIndex(max(combo.findData(answer.jawaban), 0))
            combo.setEnabled(d.is_pegawai)
        self.b18.resizeRowsToContents()
        self.b18_save.setEnabled(d.is_pegawai)
        self.handover_button.setEnabled(d.is_pegawai)
        handed = d.b18_diserahkan
        self.handover.setText(
            _("Handed to {name} on {date}.").format(
                name=handed.kepada_nama, date=format_date(handed.tanggal))
            if handed
            else _("Not handed over yet: the filled form goes to the atasan of the pimpinan.")
        )  # fmt: skip
        self.b18_hint.setText(
            _("Format B.1.8 Umpan Balik Pelaksanaan Bimbingan Kinerja: the pegawai answers each "
              "statement with yes or no.")
        )  # fmt: skip

    def hand_over(self) -> None:
        self._run(lambda: coaching_forms.hand_over_b18(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, tanggal=dt.date.today()
        ))  # fmt: skip

    def save_b18(self) -> None:
        answers = {
            row + 1: (self.b18_answers[row].currentData(), cell_text(self.b18, row, 3))
            for row in range(self.b18.rowCount())
        }
        self._run(lambda: coaching_forms.save_b18(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, answers=answers
        ))  # fmt: skip


class B19Tab(SessionTab):
    """Format B.1.9: the coach scores each competency from 1 to 5 and gives the reason."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.b19 = QTableWidget(0, 3)
        self.b19.setHorizontalHeaderLabels([_("Competency"), _("Score (1–5)"), _("Reason")])
        self.b19.verticalHeader().hide()
        self.b19.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.b19.setColumnWidth(0, 240)
        self.b19_hint = QLabel()
        self.b19_hint.setWordWrap(True)
        self.b19_add = QPushButton(_("Add competency"))
        self.b19_add.clicked.connect(lambda: self._add_b19_row("", 3, ""))
        self.b19_remove = QPushButton(_("Remove row"))
        self.b19_remove.clicked.connect(self._remove_b19_row)
        self.b19_save = QPushButton(_("Save B.1.9"))
        self.b19_save.clicked.connect(self.save_b19)
        row = QHBoxLayout()
        row.addWidget(self.b19_add)
        row.addWidget(self.b19_remove)
        row.addStretch(1)
        row.addWidget(self.b19_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.b19_hint)
        layout.addWidget(self.b19, 1)
        layout.addLayout(row)

    def fill(self, detail: SessionDetail) -> None:
        d = detail
        self.b19.setRowCount(0)
        for row in d.b19:
            self._add_b19_row(row.kompetensi, row.skor, row.alasan)
        for widget in (self.b19_add, self.b19_remove, self.b19_save):
            widget.setEnabled(d.is_coach)
        self.b19_hint.setText(
            _("Format B.1.9 Evaluasi Kompetensi Pegawai: the coach scores each competency from "
              "1 to 5 and gives the reason.")
        )  # fmt: skip

    def _add_b19_row(self, kompetensi: str, skor: int, alasan: str) -> None:
        row = self.b19.rowCount()
        self.b19.insertRow(row)
        self.b19.setItem(row, 0, QTableWidgetItem(kompetensi))
        spin = QSpinBox()
        spin.setRange(1, 5)
        spin.setValue(skor)
        editable = self.detail is not None and self.detail.is_coach
        spin.setEnabled(editable)
        self.b19.setCellWidget(row, 1, spin)
        reason = QTableWidgetItem(alasan)
        name = self.b19.item(row, 0)
        self.b19.setItem(row, 2, reason)
        if not editable and name is not None:
            for item in (name, reason):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _remove_b19_row(self) -> None:
        row = self.b19.currentRow()
        if row >= 0:
            self.b19.removeRow(row)

    def save_b19(self) -> None:
        items = []
        for row in range(self.b19.rowCount()):
            spin = self.b19.cellWidget(row, 1)
            assert isinstance(spin, QSpinBox)
            items.append((cell_text(self.b19, row, 0), spin.value(), cell_text(self.b19, row, 2)))
        self._run(lambda: coaching_forms.save_b19(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, items=items
        ))  # fmt: skip
