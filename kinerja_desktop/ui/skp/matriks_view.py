"""The matriks peran hasil of a unit as a tree: the leader's RHK, under each the RHK that
support it, down the chain; leader RHK that nobody supports and staff RHK that support
nothing are marked, and people without an SKP this year are listed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _
from kinerja_desktop.progress import Progress
from kinerja_desktop.services import cascade, people
from kinerja_desktop.services.cascade import Matriks, MatriksNode
from kinerja_desktop.services.reference import label
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.tasks import TaskHandle, run_task

WARN = QColor("#b00020")


class MatriksView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matriks: Matriks | None = None
        self.task: TaskHandle[Matriks] | None = None
        self.unit = QComboBox()
        self.unit.setObjectName("matriksUnit")
        self.unit.setMinimumWidth(320)
        self.year = QSpinBox()
        self.year.setObjectName("matriksYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.refresh_button = QPushButton(_("&Show"))
        self.refresh_button.setObjectName("matriksShow")
        self.refresh_button.clicked.connect(self.load)
        top = QHBoxLayout()
        unit_label = QLabel(_("&Unit:"))
        unit_label.setBuddy(self.unit)
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        for widget in (unit_label, self.unit, year_label, self.year, self.refresh_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("matriksSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("matriksTree")
        self.tree.setHeaderLabels(
            [_("Work result (RHK)"), _("Employee"), _("Position"), _("SKP status")]
        )
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 200)
        self.tree.setColumnWidth(2, 220)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.fill_units()

    def fill_units(self) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in people.list_units(self.ctx.db, actor=self.ctx.actor):
            self.unit.addItem("    " * unit.level + f"{unit.nama} ({unit.kode})", unit.kode)
        self.unit.blockSignals(False)
        if current:
            self.select_unit(current)

    def select_unit(self, kode: str) -> None:
        index = self.unit.findData(kode)
        if index >= 0:
            self.unit.setCurrentIndex(index)

    def load(self) -> TaskHandle[Matriks] | None:
        kode = self.unit.currentData()
        if not kode:
            return None
        year = self.year.value()
        db, actor = self.ctx.db, self.ctx.actor

        def work(_progress: Progress) -> Matriks:
            return cascade.matriks_peran_hasil(db, actor=actor, unit_kode=kode, tahun=year)

        self.task = run_task(
            self, work, title=_("Building the role-result matrix…"), on_done=self.show_matriks
        )
        return self.task

    def show_matriks(self, matriks: Matriks) -> None:
        self.matriks = matriks
        self.tree.clear()
        leader = matriks.pimpinan_nama or _("(no leader found for this unit)")
        unsupported = sum(1 for n in matriks.roots if n.tidak_diintervensi)
        self.summary.setText(
            _(
                "{unit} · {year} · leader: {leader}. {roots} leader RHK, {unsupported} not "
                "supported by anyone; {loose} staff RHK supporting nothing; {missing} people "
                "without an SKP."
            ).format(
                unit=matriks.unit_nama,
                year=matriks.tahun,
                leader=leader,
                roots=len(matriks.roots),
                unsupported=unsupported,
                loose=len(matriks.tanpa_intervensi),
                missing=len(matriks.tanpa_skp),
            )
        )
        for node in matriks.roots:
            item = self._item(node)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
        self._section(
            _("Staff RHK that support no RHK of a leader"), matriks.tanpa_intervensi, warn=True
        )
        self._section(_("RHK supporting a work result outside this unit"), matriks.di_luar_unit)
        if matriks.tanpa_skp:
            group = QTreeWidgetItem(
                [_("Without an SKP for this year ({n})").format(n=len(matriks.tanpa_skp))]
            )
            group.setForeground(0, QBrush(WARN))
            for name in matriks.tanpa_skp:
                group.addChild(QTreeWidgetItem(["", name]))
            self.tree.addTopLevelItem(group)
        self.tree.expandToDepth(2)

    def _section(self, title: str, nodes: tuple[MatriksNode, ...], warn: bool = False) -> None:
        if not nodes:
            return
        group = QTreeWidgetItem([f"{title} ({len(nodes)})"])
        if warn:
            group.setForeground(0, QBrush(WARN))
        for node in nodes:
            item = self._item(node)
            if warn:
                item.setForeground(0, QBrush(WARN))
            group.addChild(item)
        self.tree.addTopLevelItem(group)

    def _item(self, node: MatriksNode) -> QTreeWidgetItem:
        text = node.teks
        if node.tidak_diintervensi:
            text = _("{text}  ⚠ nobody supports this yet").format(text=node.teks)
        item = QTreeWidgetItem([text, node.pegawai_nama, node.jabatan, label(node.skp_status)])
        item.setToolTip(0, node.teks)
        if node.tidak_diintervensi:
            item.setForeground(0, QBrush(WARN))
        for child in node.children:
            item.addChild(self._item(child))
        return item
