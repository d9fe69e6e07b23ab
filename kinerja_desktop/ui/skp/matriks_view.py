"""The matriks peran hasil of a unit as a tree: the leader's RHK, under each the RHK that
support it, down the chain; leader RHK that nobody supports and staff RHK that support
nothing are marked, and people without an SKP this year are listed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _
from kinerja_desktop.progress import Progress
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.skp import cascade
from kinerja_desktop.services.skp.cascade import Matriks, MatriksNode
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.tasks import TaskHandle, run_task
from kinerja_desktop.ui.units import unit_choices

WARN = QColor("#b00020")
_NO_PARENT = QModelIndex()


class _Row:
    """One line of the tree: four cells, how to show it, and its place."""

    __slots__ = ("bold", "cells", "children", "parent", "row", "tooltip", "warn")

    def __init__(
        self,
        cells: list[str],
        parent: _Row | None,
        *,
        warn: bool = False,
        bold: bool = False,
        tooltip: str = "",
    ) -> None:
        self.cells = cells
        self.parent = parent
        self.children: list[_Row] = []
        self.row = len(parent.children) if parent is not None else 0
        self.warn, self.bold, self.tooltip = warn, bold, tooltip
        if parent is not None:
            parent.children.append(self)


class MatriksModel(QAbstractItemModel):
    """The matriks as an item model: the view asks only for the rows it shows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = _Row([], None)
        self.headers = [_("Work result (RHK)"), _("Employee"), _("Position"), _("SKP status")]

    def set_matriks(self, matriks: Matriks) -> None:
        self.beginResetModel()
        self.root = _Row([], None)
        for node in matriks.roots:
            self._add(node, self.root, bold=True)
        self._section(
            _("Staff RHK that support no RHK of a leader"), matriks.tanpa_intervensi, warn=True
        )
        self._section(_("RHK supporting a work result outside this unit"), matriks.di_luar_unit)
        if matriks.tanpa_skp:
            title = _("Without an SKP for this year ({n})").format(n=len(matriks.tanpa_skp))
            group = _Row([title, "", "", ""], self.root, warn=True)
            for name in matriks.tanpa_skp:
                _Row(["", name, "", ""], group)
        self.endResetModel()

    def _section(self, title: str, nodes: tuple[MatriksNode, ...], warn: bool = False) -> None:
        if nodes:
            group = _Row([f"{title} ({len(nodes)})", "", "", ""], self.root, warn=warn)
            for node in nodes:
                self._add(node, group, warn=warn)

    def _add(
        self, node: MatriksNode, parent: _Row, *, warn: bool = False, bold: bool = False
    ) -> None:
        text = node.teks
        if node.tidak_diintervensi:
            text = _("{text}  ⚠ nobody supports this yet").format(text=node.teks)
        row = _Row(
            [text, node.pegawai_nama, node.jabatan, label(node.skp_status)],
            parent,
            warn=warn or node.tidak_diintervensi,
            bold=bold,
            tooltip=node.teks,
        )
        for child in node.children:
            self._add(child, row)

    def _row(self, index: QModelIndex | QPersistentModelIndex) -> _Row:
        return index.internalPointer() if index.isValid() else self.root

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT
    ) -> QModelIndex:
        owner = self._row(parent)
        if 0 <= row < len(owner.children) and 0 <= column < 4:
            return self.createIndex(row, column, owner.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner = self._row(index).parent
        if owner is None or owner is self.root:
            return QModelIndex()
        return self.createIndex(owner.row, 0, owner)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._row(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self._row(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and row.tooltip:
            return row.tooltip
        if role == Qt.ItemDataRole.ForegroundRole and row.warn and index.column() == 0:
            return QBrush(WARN)
        if role == Qt.ItemDataRole.FontRole and row.bold and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


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
        self.model = MatriksModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("matriksTree")
        self.tree.setUniformRowHeights(True)
        self.tree.setModel(self.model)
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
        for text, kode in unit_choices(self.ctx.db, actor=self.ctx.actor):
            self.unit.addItem(text, kode)
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
        self.model.set_matriks(matriks)
        self.tree.expandToDepth(0)
