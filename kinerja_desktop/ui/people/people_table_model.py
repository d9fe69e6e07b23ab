"""Table model of people: sorting and filtering happen on the model's own row list.

A ``QSortFilterProxyModel`` calls ``data()`` through Python for every comparison and is far
too slow at 20,000 rows; here the filter is a substring test over precomputed lowercase keys
and the view only asks for visible cells.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kinerja_desktop.i18n import _, current_language
from kinerja_desktop.services.core.nip import format_nip
from kinerja_desktop.services.people.directory import PegawaiRow

Index = QModelIndex | QPersistentModelIndex
# The roles answered; a view asks for a dozen per cell at each paint, the others are turned
# away before anything else is done.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_HORIZONTAL = Qt.Orientation.Horizontal
_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.ToolTipRole})


class PeopleTableModel(QAbstractTableModel):
    COLUMNS = ("nip", "nama", "golongan", "jabatan", "unit", "penilai")

    def __init__(self) -> None:
        super().__init__()
        self._all: list[PegawaiRow] = []
        self._keys: list[str] = []
        self._visible: list[int] = []
        self._filter = ""
        # (filter text, its rows): see ``_filtered``.
        self._trail: list[tuple[str, list[int]]] = []
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
        after the first tests far fewer than all people; deleting goes back to the result
        kept for the shorter text, so it tests none.
        """
        self._filter = text.strip().lower()
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        self._visible = self._filtered(self._filter)
        self.endResetModel()

    def _filtered(self, text: str) -> list[int]:
        """The rows matching ``text``, from the trail of the texts typed before it.

        The trail holds the result of each text typed in a row, each one extending (so
        narrowing) the one before: a longer text filters the last result only, a shorter
        one (a deletion) finds its own result kept. Sorting or new people start it anew.
        """
        trail = self._trail
        while trail and not text.startswith(trail[-1][0]):
            trail.pop()
        if trail and trail[-1][0] == text:
            return trail[-1][1]
        words = text.split()
        if not words:
            result = list(range(len(self._all)))
        else:
            base: Sequence[int] = trail[-1][1] if trail else range(len(self._keys))
            keys = self._keys
            # The longest word first: it leaves the fewest rows for the others.
            first, *others = sorted(words, key=len, reverse=True)
            result = [i for i in base if first in keys[i]]
            for word in others:
                result = [i for i in result if word in keys[i]]
        trail.append((text, result))
        return result

    def _sort_all(self) -> None:
        """Sort the full list once; filtering keeps that order, so keystrokes never sort."""
        column = self.COLUMNS[self._sort_column]
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        self._trail = []
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

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        person = self._all[self._visible[index.row()]]
        return _cell(person, self.COLUMNS[index.column()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # Asked for every role of every header section at each paint: answered from labels
        # made once per language, the other questions turned away first.
        if role != _DISPLAY or orientation != _HORIZONTAL:
            return None
        return _headers(current_language())[section]


@functools.cache
def _headers(_language: str) -> tuple[str, ...]:
    """The column titles in ``_language`` (the current one, which ``_`` uses)."""
    titles = {
        "nip": _("NIP"),
        "nama": _("Name"),
        "golongan": _("Grade"),
        "jabatan": _("Position"),
        "unit": _("Unit"),
        "penilai": _("Appraising official"),
    }
    return tuple(titles[column] for column in PeopleTableModel.COLUMNS)


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
