"""The one way to choose a person, on every screen: a drop-down list written ``Nama (NIP)``
(``ui.labels.person_label``), searched as you type (any part of the name or NIP, upper or
lower case), used from the keyboard alone (type, arrows, Enter; Escape puts back the person
chosen), never wider than about 28 characters (a long name shows its start, the list that
opens cuts it with “…”, and the whole name and position are in the tooltip).

What is listed comes from services and so follows the role: ``team_people`` is the acting
user and the people they appraise; the screens pass the lists their services give (coaching's
``people_in_view``, the directory's ``list_people``…). A picker holds people by pegawai id,
after optional leading choices such as “All people” or “Myself”.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import person_label

# The field's width in characters: a long name does not widen the window.
WIDTH_CHARACTERS = 28


@dataclass(frozen=True)
class PersonChoice:
    """One person as a picker lists them."""

    id: str
    nama: str
    nip: str | None = None
    jabatan: str = ""

    @property
    def label(self) -> str:
        return person_label(self.nama, self.nip)

    @property
    def tooltip(self) -> str:
        return f"{self.label}\n{self.jabatan}" if self.jabatan else self.label


def choices(rows: Iterable[object]) -> list[PersonChoice]:
    """``rows`` of a service (anything with ``id``, ``nip`` and ``nama``; the full name with
    titles ``nama_lengkap`` and the position ``jabatan`` when it has them) as choices."""
    return [
        PersonChoice(
            id=str(getattr(row, "id")),  # noqa: B009 - rows of several service types
            nama=str(getattr(row, "nama_lengkap", None) or getattr(row, "nama")),  # noqa: B009
            nip=getattr(row, "nip", None) or None,
            jabatan=str(getattr(row, "jabatan", "") or ""),
        )
        for row in rows
    ]


def team_people(ctx: AppContext) -> list[PersonChoice]:
    """The people the acting user appraises (their staff), by name; nobody for an account
    without a pegawai record."""
    me = ctx.actor.pegawai_id
    if me is None:
        return []
    return choices(people.subordinates(ctx.db, actor=ctx.actor, penilai_id=me))


def person_by_id(ctx: AppContext, pegawai_id: str) -> PersonChoice | None:
    """The person ``pegawai_id`` as a choice, or None when the acting user may not see them."""
    try:
        row = people.get_person(ctx.db, actor=ctx.actor, pegawai_id=pegawai_id)
    except KinerjaError:
        return None
    return choices([row])[0]


class PersonPicker(QComboBox):
    """Choose one person (see the module). ``person_changed`` carries the chosen item's data
    (a pegawai id, or the data of a leading choice)."""

    person_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, name: str = "personPicker") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(WIDTH_CHARACTERS)
        self.view().setTextElideMode(Qt.TextElideMode.ElideRight)
        finder = QCompleter(self.model(), self)
        finder.setFilterMode(Qt.MatchFlag.MatchContains)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        finder.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = finder.popup()
        assert popup is not None
        popup.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCompleter(finder)
        finder.activated[str].connect(self._completed)  # type: ignore[index]
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(_("Type a name or NIP"))
        line.editingFinished.connect(self._restore_text)
        line.installEventFilter(self)
        self.currentIndexChanged.connect(self._index_changed)

    # ------------------------------------------------------------------ filling

    def set_people(
        self, persons: Iterable[PersonChoice], *, leading: Iterable[tuple[str, object]] = (),
        keep: object = None,
    ) -> None:  # fmt: skip
        """List ``leading`` choices (text, data) then ``persons``; choose ``keep`` (by data)
        if listed, else the one chosen before if still listed, else the first. Emits
        ``person_changed`` only when the choice changes."""
        before = self.currentData()
        wanted = keep if keep is not None else before
        was_blocked = self.blockSignals(True)
        self.clear()
        for text, data in leading:
            self.addItem(text, data)
            self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        for person in persons:
            self.addItem(person.label, person.id)
            self.setItemData(self.count() - 1, person.tooltip, Qt.ItemDataRole.ToolTipRole)
        index = self.findData(wanted) if wanted is not None else -1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(was_blocked)
        self.setEnabled(self.count() > 0)
        self._show_choice()
        if self.currentData() != before:
            self.person_changed.emit(self.currentData())

    def add_person(self, person: PersonChoice) -> None:
        """List ``person`` too (someone opened from elsewhere who is not in the list)."""
        if self.findData(person.id) < 0:
            self.addItem(person.label, person.id)
            self.setItemData(self.count() - 1, person.tooltip, Qt.ItemDataRole.ToolTipRole)
            self.setEnabled(True)

    def select(self, data: object) -> bool:
        """Choose the item holding ``data``; False (and nothing changes) if none does."""
        index = self.findData(data)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        self._show_choice()  # also when the caller blocks the signals
        return True

    def current_person(self) -> str | None:
        """The pegawai id chosen, or None (a leading choice holding no id, or nobody)."""
        data = self.currentData()
        return data if isinstance(data, str) and data else None

    # ------------------------------------------------------------------ behaviour

    def _index_changed(self, _index: int) -> None:
        self._show_choice()
        self.person_changed.emit(self.currentData())

    def _show_choice(self) -> None:
        """The tooltip (whole name and position) and the start of the name of the choice."""
        if self.count() == 0:
            self.setToolTip(_("Nobody to choose here."))
        else:
            index = self.currentIndex()
            self.setToolTip(str(self.itemData(index, Qt.ItemDataRole.ToolTipRole) or ""))
        self._show_start()

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
            # A choice of the user, as one from the list that opens.
            self.activated.emit(index)
        self._restore_text()

    def _restore_text(self) -> None:
        """What was typed but matches no one gives way to the person chosen."""
        line = self.lineEdit()
        if line is not None and self.currentIndex() >= 0:
            if line.text() != self.itemText(self.currentIndex()):
                line.setText(self.itemText(self.currentIndex()))
            self._show_start()

    def _show_start(self) -> None:
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        line = self.lineEdit()
        if (
            watched is line
            and line is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.currentIndex() >= 0
            and line.text() != self.itemText(self.currentIndex())
        ):
            # Escape first undoes the typing; a second Escape goes on (closes a dialog).
            self._restore_text()
            return True
        return super().eventFilter(watched, event)
