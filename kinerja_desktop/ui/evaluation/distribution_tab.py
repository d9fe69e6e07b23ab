"""The unit distribution tab: the unit's capaian kinerja organisasi (set by the leader one
level up or the pengelola), the predikat counts and shares with the curve chart, each rule of
the pola distribusi checked, and plain warnings naming the rounding rule. It never blocks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import CapaianOrganisasi
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation.distribution import (
    Pembulatan,
    UnitDistribution,
    pembulatan_label,
)
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation.distribution_chart import DistributionChart
from kinerja_desktop.ui.layout import FlowLayout, group
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.widgets.unit_period import UnitChooser


class DistributionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode = ""
        self.result: UnitDistribution | None = None
        self.unit = UnitChooser(ctx)
        self.unit.unit_changed.connect(lambda _u: self.reload())
        self.capaian = QComboBox()
        self.capaian.addItem(_("— not set —"), None)
        for value in CapaianOrganisasi:
            self.capaian.addItem(label(value), value)
        self.capaian_note = QLineEdit()
        self.capaian_note.setPlaceholderText(_("Basis (e.g. capaian Perjanjian Kinerja)"))
        self.set_button = QPushButton(_("Set &achievement"))
        self.set_button.clicked.connect(self.set_capaian)
        self.rounding = QComboBox()
        for rule in Pembulatan:
            self.rounding.addItem(pembulatan_label(rule), rule)
        self.rounding.activated.connect(lambda _i: self._set_rounding())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = DistributionChart()
        self.rules = QTreeWidget()
        self.rules.setHeaderLabels([_("Rule of the pattern"), _("People"), _("Result")])
        self.rules.setRootIsDecorated(False)
        self.rules.setColumnWidth(0, 380)
        self.rules.setMaximumHeight(96)
        self.messages = QTextBrowser()
        self.messages.setMaximumHeight(110)
        self.messages.setFrameShape(QFrame.Shape.NoFrame)
        top = FlowLayout()
        top.addWidget(group(_("Unit:"), self.unit))
        top.addWidget(group(_("Rounding for small teams:"), self.rounding))
        org = QGroupBox(_("Organisational achievement (capaian kinerja organisasi)"))
        org_layout = FlowLayout(org)
        org_layout.setContentsMargins(9, 9, 9, 9)
        self.capaian_note.setMinimumWidth(260)
        org_layout.addWidget(self.capaian)
        org_layout.addWidget(self.capaian_note)
        org_layout.addWidget(self.set_button)
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(org)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.rules)
        layout.addWidget(self.messages)
        # Filled when first shown: the evaluation tab opens first, and quickly.
        self._units_filled = False
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def refresh(self) -> None:
        """Show current data now if visible, else when next shown."""
        if self.isVisible():
            self._load()
        else:
            self._stale = True

    def units_changed(self) -> None:
        """The units the actor may see changed (another user logged in)."""
        self._units_filled = False
        self.refresh()

    def _load(self) -> None:
        self._stale = False
        if not self._units_filled:
            self._units_filled = True
            self.fill_units()
        self.reload()

    def fill_units(self) -> None:
        self.unit.fill()
        pengelola = self.ctx.actor.is_pengelola or self.ctx.actor.is_system
        self.rounding.setEnabled(pengelola)
        rule = distribution.get_pembulatan(self.ctx.db, actor=self.ctx.actor)
        self.rounding.setCurrentIndex(self.rounding.findData(rule))

    def set_period(self, periode: str) -> None:
        self.periode = periode
        self.refresh()

    def reload(self) -> None:
        kode = self.unit.currentData()
        if not self.periode or kode is None:
            self.result = None
            self.chart.set_check(None)
            self.rules.clear()
            self.messages.clear()
            self.summary.setText(
                _("No unit to show: the distribution is for unit heads and the administrator.")
            )
            for widget in (self.capaian, self.capaian_note, self.set_button):
                widget.setEnabled(False)
            return
        try:
            result = distribution.unit_distribution(
                self.ctx.db, actor=self.ctx.actor, unit_kode=kode, periode=self.periode
            )
            capaian = evaluation.get_capaian(
                self.ctx.db, actor=self.ctx.actor, unit_kode=kode, periode=self.periode
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.result = result
        self.capaian.setCurrentIndex(max(self.capaian.findData(capaian.capaian), 0))
        self.capaian_note.setText(capaian.catatan)
        for widget in (self.capaian, self.capaian_note, self.set_button):
            widget.setEnabled(capaian.can_set)
        check = result.check
        self.summary.setText(
            _(
                "{unit}: {rated} of {people} people have a predikat ({final} final). "
                "Organisational achievement: {capaian}."
            ).format(
                unit=result.unit_nama,
                rated=check.total,
                people=result.jumlah_pegawai,
                final=result.jumlah_final,
                capaian=label(check.capaian) if check.capaian else _("not set"),
            )
        )
        self.chart.set_check(check)
        self.rules.clear()
        for rule in check.aturan:
            item = QTreeWidgetItem(
                [rule.aturan, str(rule.jumlah), _("met") if rule.terpenuhi else _("not met")]
            )
            if not rule.terpenuhi:
                item.setForeground(2, Qt.GlobalColor.red)
            self.rules.addTopLevelItem(item)
        warnings = "".join(
            f'<p style="color:#b71c1c;">⚠ {html.escape(w)}</p>' for w in check.peringatan
        )
        self.messages.setHtml(warnings + f"<p>{html.escape(check.catatan)}</p>")

    def set_capaian(self) -> None:
        kode, value = self.unit.currentData(), self.capaian.currentData()
        if kode is None or value is None:
            return
        try:
            evaluation.set_capaian(
                self.ctx.db,
                actor=self.ctx.actor,
                unit_kode=kode,
                periode=self.periode,
                capaian=value,
                catatan=self.capaian_note.text(),
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reload()

    def _set_rounding(self) -> None:
        try:
            distribution.set_pembulatan(
                self.ctx.db, actor=self.ctx.actor, rule=self.rounding.currentData()
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reload()
