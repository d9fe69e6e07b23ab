"""Roll-up of the daily log into a period's realisasi: per IKI the sum of the daily realisasi
(with the number of entries it comes from) and the realisasi saved now; the pegawai edits a
number where needed and saves them as the period's realisasi."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
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
from kinerja_desktop.services.harian import rollup
from kinerja_desktop.services.harian.rollup import RollupRow
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


class RollupDialog(QDialog):
    def __init__(
        self, ctx: AppContext, pegawai_id: str, tahun: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id = pegawai_id
        self.rows: list[RollupRow] = []
        self.setWindowTitle(_("Daily log to the period's realisasi"))
        self.period = QComboBox()
        current = monitoring.current_period(ctx.db, actor=ctx.actor).code
        for period in monitoring.periods(ctx.db, actor=ctx.actor, tahun=tahun):
            self.period.addItem(period.label(), period.code)
        self.period.setCurrentIndex(max(self.period.findData(current), 0))
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("IKI"), _("Entries"), _("Realisasi now"), _("Save as realisasi")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.info = QLabel()
        self.info.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Period:")))
        bar.addWidget(self.period, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.reload()

    @property
    def periode(self) -> str:
        return str(self.period.currentData() or "")

    def reload(self) -> None:
        try:
            self.rows = rollup.rollup(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, periode=self.periode
            )
        except KinerjaError as error:
            self.info.setText(error.message)
            self.rows = []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self.table.setItem(index, 0, QTableWidgetItem(row.iki_teks))
            self.table.setItem(index, 1, QTableWidgetItem(str(len(row.entry_ids))))
            now = "" if row.realisasi_sekarang is None else format_number(row.realisasi_sekarang)
            self.table.setItem(index, 2, QTableWidgetItem(now))
            spin = QDoubleSpinBox()
            spin.setRange(0, 999_999_999)
            spin.setDecimals(2)
            spin.setValue(row.jumlah)
            spin.setSuffix(f" {row.satuan}" if row.satuan else "")
            spin.setEnabled(row.numerik)
            self.table.setCellWidget(index, 3, spin)
        self.save_button.setEnabled(bool(self.rows))
        if not self.rows:
            self.info.setText(_("No daily entries are linked to an indicator in this period."))
        else:
            self.info.setText(
                _("The sums come from the daily entries; change a number before saving if needed.")
            )

    def value(self, index: int) -> float:
        spin = self.table.cellWidget(index, 3)
        assert isinstance(spin, QDoubleSpinBox)
        return float(spin.value())

    def save(self) -> None:
        values = {row.iki_id: self.value(i) for i, row in enumerate(self.rows) if row.numerik}
        try:
            rollup.apply_rollup(
                self.ctx.db,
                actor=self.ctx.actor,
                pegawai_id=self.pegawai_id,
                periode=self.periode,
                values=values,
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.accept()
