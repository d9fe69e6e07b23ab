"""The monitoring board of a unit and period: progress bars for realisasi entered, feedback
given and evaluations done, and a table of people showing what each one still lacks.
Double-clicking a person opens their period (``ctx.navigate``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import SkpStatus
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.monitoring.board import Board, BoardRow
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import nip_text
from kinerja_desktop.ui.layout import FlowLayout, group, set_key_columns
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.widgets.unit_period import UnitChooser

_MISSING = QColor("#fdecea")
_DONE = QColor("#e8f5e9")


class BoardTableModel(QAbstractTableModel):
    """Rows of the board; sorting happens on the model's own list (fast for big units)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[BoardRow] = []

    def headers(self) -> list[str]:
        return [
            _("NIP"),
            _("Name"),
            _("Position"),
            _("Unit"),
            _("SKP"),
            _("Achievement"),
            _("Feedback"),
            _("Predikat"),
        ]

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def _cells(self, row: BoardRow) -> list[str]:
        return [
            nip_text(row.nip),
            row.nama,
            row.jabatan,
            row.unit_kode,
            label(SkpStatus.DISETUJUI) if row.has_skp else _("none"),
            f"{row.realisasi}/{row.iki_total}" if row.has_skp else "—",
            str(row.feedback) if row.has_skp else "—",
            (label(row.predikat) + (" ✓" if row.final else ""))
            if row.predikat
            else _("not evaluated"),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            missing = {
                4: not row.has_skp,
                5: not row.realisasi_lengkap,
                6: row.feedback == 0,
                7: not row.evaluated,
            }
            if column in missing:
                return _MISSING if missing[column] else _DONE
        if role == Qt.ItemDataRole.UserRole:
            return row.pegawai_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = {
            0: lambda r: r.nip,
            1: lambda r: r.nama.lower(),
            2: lambda r: r.jabatan.lower(),
            3: lambda r: r.unit_kode,
            4: lambda r: r.has_skp,
            5: lambda r: (r.realisasi / r.iki_total) if r.iki_total else -1,
            6: lambda r: r.feedback,
            7: lambda r: r.predikat.value if r.predikat else "~",
        }
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class BoardPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode = ""
        self.board: Board | None = None
        self.unit = UnitChooser(ctx)
        self.unit.unit_changed.connect(lambda _u: self.reload())
        self.only_missing = QCheckBox(_("Only people with something missing"))
        self.only_missing.toggled.connect(lambda _c: self._show())
        self.bars: dict[str, QProgressBar] = {}
        grid = QGridLayout()
        for row, (key, title) in enumerate(
            (
                ("skp", _("Approved SKP")),
                ("realisasi", _("Achievement entered")),
                ("feedback", _("Feedback received")),
                ("evaluated", _("Evaluated")),
            )
        ):
            bar = QProgressBar()
            bar.setFormat("%v / %m")
            self.bars[key] = bar
            grid.addWidget(QLabel(title), row, 0)
            grid.addWidget(bar, row, 1)
        self.model = BoardTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Column priorities: the name and what is missing first, then the details.
        for visual, logical in enumerate((1, 4, 5, 6, 7, 0, 2, 3)):
            header.moveSection(header.visualIndex(logical), visual)
        for column in (4, 5, 6, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((0, 150), (1, 200), (2, 200), (3, 90)):
            self.table.setColumnWidth(column, width)
        set_key_columns(self.table, 1, 4, 5, 6, 7)
        self.table.doubleClicked.connect(self.open_row)
        self.hint = QLabel(_("Double-click a person to open their period."))
        self.hint.setWordWrap(True)
        top = FlowLayout()
        top.addWidget(group(_("Unit:"), self.unit))
        top.addWidget(self.only_missing)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.fill_units()

    def fill_units(self) -> None:
        self.unit.fill()

    @property
    def available(self) -> bool:
        return self.unit.available

    def set_period(self, periode: str) -> None:
        self.periode = periode
        self.reload()

    def reload(self) -> None:
        kode = self.unit.currentData()
        if kode is None or not self.periode:
            self.board = None
            self.model.set_rows([])
            return
        try:
            self.board = monitoring_board.unit_board(
                self.ctx.db, actor=self.ctx.actor, unit_kode=kode, periode=self.periode
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self._show()

    def _show(self) -> None:
        board = self.board
        if board is None:
            return
        for key, done in (
            ("skp", board.with_skp),
            ("realisasi", board.with_realisasi),
            ("feedback", board.with_feedback),
            ("evaluated", board.evaluated),
        ):
            self.bars[key].setRange(0, max(board.total, 1))
            self.bars[key].setValue(done)
        rows = board.rows
        if self.only_missing.isChecked():
            rows = [r for r in rows if not (r.realisasi_lengkap and r.feedback and r.evaluated)]
        self.model.set_rows(list(rows))

    def open_row(self, index: QModelIndex) -> None:
        pegawai_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if pegawai_id:
            self.ctx.navigate.emit(
                "monitoring", {"pegawai_id": pegawai_id, "periode": self.periode}
            )
