"""Table model of people: sorting and filtering happen on the model's own row list.

A ``QSortFilterProxyModel`` calls ``data()`` through Python for every comparison and is far
too slow at 20,000 rows; here the filter is a substring test over precomputed lowercase keys
and the view only asks for visible cells.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kinerja_desktop.i18n import _
from kinerja_desktop.services.core.nip import format_nip
from kinerja_desktop.services.people.directory import PegawaiRow

Index = QModelIndex | QPersistentModelIndex
# The roles answered; a view asks for a dozen per cell at each paint, the others are turned
# away before anything else is done.
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole})


class PeopleTableModel(QAbstractTableModel):
    COLUMNS = ("nip", "nama", "golongan", "jabatan", "unit", "penilai")

    def __init__(self) -> None:
        super().__init__()
        self._all: list[PegawaiRow] = []
        self._keys: list[str] = []
        self._visible: list[int] = []
        self._filter = ""
        self._sort_column = 1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_people(self, people: list[PegawaiRow]) -> None:
        """Replace the people shown (keeps the current filter and sort)."""
        self._all = list(people)
        self._sort_all()
        self._apply()

    def set_filter(self, text: str) -> None:
        """Show only people whose NIP, name, unit or position contains every word of ``text``.

        Typing more of the same text only narrows the rows already shown, so each keystroke
        after the first tests far fewer than all people.
        """
        new = text.strip().lower()
        narrowing = bool(self._filter) and new.startswith(self._filter)
        self._filter = new
        self._apply(narrow=narrowing)

    def _apply(self, *, narrow: bool = False) -> None:
        self.beginResetModel()
        words = self._filter.split()
        if not words:
            self._visible = list(range(len(self._all)))
        else:
            keys = self._keys
            candidates = self._visible if narrow else range(len(keys))
            if len(words) == 1:
                word = words[0]
                self._visible = [i for i in candidates if word in keys[i]]
            else:
                self._visible = [i for i in candidates if all(w in keys[i] for w in words)]
        self.endResetModel()

    def _sort_all(self) -> None:
        """Sort the full list once; filtering keeps that order, so keystrokes never sort."""
        column = self.COLUMNS[self._sort_column]
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        self._all.sort(key=lambda p: _cell(p, column).lower(), reverse=reverse)
        self._keys = [
            f"{p.nip} {p.nama_lengkap} {p.unit_kode} {p.unit_nama} {p.jabatan}".lower()
            for p in self._all
        ]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._sort_all()
        self._apply()

    def person(self, row: int) -> PegawaiRow | None:
        return self._all[self._visible[row]] if 0 <= row < len(self._visible) else None

    def row_of(self, pegawai_id: str) -> int:
        for row, index in enumerate(self._visible):
            if self._all[index].id == pegawai_id:
                return row
        return -1

    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        person = self._all[self._visible[index.row()]]
        return _cell(person, self.COLUMNS[index.column()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            "nip": _("NIP"),
            "nama": _("Name"),
            "golongan": _("Grade"),
            "jabatan": _("Position"),
            "unit": _("Unit"),
            "penilai": _("Appraising official"),
        }[self.COLUMNS[section]]


def _cell(person: PegawaiRow, column: str) -> str:
    if column == "nip":
        return format_nip(person.nip)
    if column == "nama":
        return person.nama_lengkap
    if column == "golongan":
        return person.golongan
    if column == "jabatan":
        return person.jabatan
    if column == "unit":
        return person.unit_nama
    return person.penilai_nama
