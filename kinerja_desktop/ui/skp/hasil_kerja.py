"""The hasil kerja editor: RHK rows (grouped A. Utama / B. Tambahan) with their IKI as
children, edited from the keyboard.

Keys: Insert adds (an RHK on a group or RHK row, an IKI on an IKI row; Shift+Insert adds an
IKI to the selected RHK), F2 or Enter edits, Delete deletes, Ctrl+D duplicates an RHK,
Ctrl+Up / Ctrl+Down reorder, Ctrl+Z / Ctrl+Y undo and redo. Every change is a service call;
undo is a ``QUndoStack`` whose commands call the opposite service (a delete is undone by
restoring the tombstone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.models.enums import JenisJabatan, JenisRhk
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp.plan import IkiRow, RhkRow, SkpDetail
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout, set_key_columns
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.skp.dialogs import HandOutDialog, IkiDialog, RhkDialog

ROLE = Qt.ItemDataRole.UserRole
PROBLEM = QColor("#b00020")


def target_text(iki: IkiRow) -> str:
    """A target as people read it: ``12 laporan``, ``90–100 %`` or the quality statement."""
    if iki.target_teks:
        return iki.target_teks
    if iki.target_min is None:
        return ""

    text = format_number(iki.target_min)
    if iki.target_max is not None and iki.target_max != iki.target_min:
        text = f"{text}–{format_number(iki.target_max)}"
    return f"{text} {iki.satuan}".strip()


class _ServiceCommand(QUndoCommand):
    """One undoable change: ``do`` already ran when the command is pushed."""

    def __init__(
        self, text: str, do: Callable[[], Any], undo: Callable[[], Any], after: Callable[[], None]
    ) -> None:
        super().__init__(text)
        self._do, self._undo, self._after = do, undo, after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            call()
        except KinerjaError as error:
            self.setObsolete(True)
            show_error(None, error)
        self._after()


class _Tree(QTreeWidget):
    """The tree; keys go to the panel so they work without a window-level shortcut."""

    def __init__(self, panel: HasilKerjaPanel) -> None:
        super().__init__()
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.panel.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class HasilKerjaPanel(QWidget):
    """Shows an SKP's RHK and IKI and edits them; emits ``changed`` after every change."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SkpDetail | None = None
        self.has_staff = False
        self.undo_stack = QUndoStack(self)
        self.dialog: QWidget | None = None
        self.tree = _Tree(self)
        self.tree.setObjectName("hasilKerjaTree")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.edit_selected())
        self.tree.currentItemChanged.connect(lambda _a, _b: self._update_buttons())
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        set_key_columns(self.tree, 1, 4)
        self.buttons: dict[str, QPushButton] = {}
        bar = FlowLayout()
        for key, text, slot in (
            ("add_rhk", _("Add &RHK"), lambda: self.add_rhk()),
            ("add_iki", _("Add &IKI"), self.add_iki),
            ("edit", _("&Edit (F2)"), self.edit_selected),
            ("duplicate", _("D&uplicate"), self.duplicate_selected),
            ("delete", _("&Delete"), self.delete_selected),
            ("up", _("Move up"), lambda: self.move_selected(-1)),
            ("down", _("Move down"), lambda: self.move_selected(1)),
            ("handout", _("&Hand out to staff…"), self.hand_out),
        ):
            button = QPushButton(text)
            button.setObjectName(f"hk_{key}")
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setObjectName("hk_undo")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        bar.addWidget(self.undo_button)
        self.hint = QLabel(self.keys_hint())
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Column priorities: the RHK/IKI text and the target always show; on a narrow
        window the supported RHK narrows and then, with the aspect, steps aside."""
        if self.tree.columnCount() < 5:
            return
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        width = self.tree.viewport().width()
        free = width - 64 - 120
        wide, narrow = free >= 560, free >= 380
        self.tree.setColumnHidden(2, not narrow)
        self.tree.setColumnHidden(3, not wide)
        for column, size in ((0, 64), (2, 170 if wide else 140), (3, 90), (4, 120)):
            self.tree.setColumnWidth(column, size)

    @staticmethod
    def keys_hint() -> str:
        return _(
            "Insert: add · F2: edit · Delete: delete · Ctrl+Z: undo · Ctrl+D: duplicate · "
            "Ctrl+↑/↓: move"
        )

    # ---------------------------------------------------------------- showing

    def set_detail(self, detail: SkpDetail | None, *, new_skp: bool = False) -> None:
        if new_skp:
            self.undo_stack.clear()
            self.hint.setText(self.keys_hint())
        selected = self.selected_key()
        self.detail = detail
        me = self.ctx.actor.pegawai_id
        self.has_staff = bool(
            detail is not None
            and me is not None
            and detail.summary.pegawai_id == me
            and people.subordinates(self.ctx.db, actor=self.ctx.actor, penilai_id=me)
        )
        self.tree.clear()
        if detail is None:
            self._update_buttons()
            return
        jpt = detail.summary.jenis_jabatan is JenisJabatan.JPT
        if jpt:
            headers = [
                _("No."),
                _("Work result (RHK) / indicator (IKI)"),
                _("Classification"),
                _("Perspective"),
                _("Target"),
            ]
        else:
            headers = [
                _("No."),
                _("Work result (RHK) / indicator (IKI)"),
                _("Supervisor's work result supported"),
                _("Aspect"),
                _("Target"),
            ]
        self.tree.setHeaderLabels(headers)
        flagged = {p.rhk_id for p in detail.problems if p.iki_id is None and p.rhk_id}
        flagged_iki = {p.iki_id for p in detail.problems if p.iki_id is not None}
        for jenis, title in (
            (JenisRhk.UTAMA, _("A. CORE (UTAMA)")),
            (JenisRhk.TAMBAHAN, _("B. ADDITIONAL (TAMBAHAN)")),
        ):
            group = QTreeWidgetItem([title])
            group.setData(0, ROLE, ("group", jenis.value))
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for row in (r for r in detail.rhk if r.jenis is jenis):
                group.addChild(self._rhk_item(row, jpt, row.id in flagged, flagged_iki))
            group.setExpanded(True)
        self.tree.expandAll()
        self._fit_columns()
        self.select_key(selected)
        self._update_buttons()

    def _rhk_item(
        self, row: RhkRow, jpt: bool, flagged: bool, flagged_iki: set[str]
    ) -> QTreeWidgetItem:
        third = (
            (label(row.klasifikasi) if row.klasifikasi else "")
            if jpt
            else (row.intervensi_teks or "—")
        )
        text = row.teks
        if row.penugasan_dari:
            text += "\n" + _("(assigned by {who})").format(who=row.penugasan_dari)
        item = QTreeWidgetItem([str(row.nomor), text, third, "", ""])
        item.setData(0, ROLE, ("rhk", row.id))
        if not jpt and row.intervensi_pemilik:
            item.setToolTip(2, row.intervensi_pemilik)
        if flagged:
            for column in range(5):
                item.setForeground(column, QBrush(PROBLEM))
        for n, iki in enumerate(row.iki, start=1):
            kind = iki.perspektif if jpt else iki.aspek
            child = QTreeWidgetItem(
                [f"{row.nomor}.{n}", iki.teks, "", label(kind) if kind else "", target_text(iki)]
            )
            child.setData(0, ROLE, ("iki", iki.id))
            if iki.id in flagged_iki:
                for column in range(5):
                    child.setForeground(column, QBrush(PROBLEM))
            item.addChild(child)
        item.setExpanded(True)
        return item

    def selected_key(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def select_key(self, key: tuple[str, str] | None) -> bool:
        if key is None:
            return False
        for item in self._items():
            if item.data(0, ROLE) == key:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            found.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def _editable(self) -> bool:
        return self.detail is not None and self.detail.can.edit

    def _update_buttons(self) -> None:
        editable = self._editable()
        for key, button in self.buttons.items():
            button.setVisible(editable if key != "handout" else self._may_hand_out())
        self.undo_button.setVisible(editable)
        self.hint.setVisible(editable)

    def _may_hand_out(self) -> bool:
        """On my own SKP, as someone with staff: hand an RHK to them."""
        return self.has_staff and self._selected_rhk() is not None

    def _selected_rhk(self) -> RhkRow | None:
        key = self.selected_key()
        if self.detail is None or key is None:
            return None
        if key[0] == "rhk":
            return self.detail.rhk_by_id(key[1])
        if key[0] == "iki":
            for row in self.detail.rhk:
                if any(i.id == key[1] for i in row.iki):
                    return row
        return None

    def _selected_iki(self) -> IkiRow | None:
        key = self.selected_key()
        if self.detail is None or key is None or key[0] != "iki":
            return None
        for row in self.detail.rhk:
            for iki in row.iki:
                if iki.id == key[1]:
                    return iki
        return None

    # ---------------------------------------------------------------- keyboard

    def handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.undo_stack.redo()
        elif key == Qt.Key.Key_Insert and shift:
            self.add_iki()
        elif key == Qt.Key.Key_Insert:
            self.insert()
        elif key == Qt.Key.Key_Delete:
            self.delete_selected()
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_selected()
        elif ctrl and key == Qt.Key.Key_Up:
            self.move_selected(-1)
        elif ctrl and key == Qt.Key.Key_Down:
            self.move_selected(1)
        elif ctrl and key == Qt.Key.Key_D:
            self.duplicate_selected()
        else:
            return False
        return True

    # ---------------------------------------------------------------- actions

    def _push(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> None:
        """Run ``do`` now; on success remember it with its ``undo``."""
        try:
            do()
        except KinerjaError as error:
            show_error(self, error)
            return
        self.undo_stack.push(_ServiceCommand(text, do, undo, self.changed.emit))
        self.changed.emit()

    def _after_dialog(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        select: tuple[str, str] | None,
    ) -> None:
        """The dialog already made the change: remember it for undo and refresh."""
        self.undo_stack.push(_ServiceCommand(text, do, undo, self.changed.emit))
        self.changed.emit()
        self.select_key(select)

    def insert(self) -> None:
        key = self.selected_key()
        if key is not None and key[0] == "iki":
            self.add_iki()
        elif key is not None and key[0] == "group":
            self.add_rhk(JenisRhk(key[1]))
        else:
            rhk = self._selected_rhk()
            self.add_rhk(rhk.jenis if rhk else JenisRhk.UTAMA)

    def add_rhk(self, jenis: JenisRhk = JenisRhk.UTAMA) -> RhkDialog | None:
        if not self._editable() or self.detail is None:
            return None
        dialog = RhkDialog(self.ctx, self.detail, self, jenis=jenis)
        db, actor = self.ctx.db, self.ctx.actor
        self._open_adding(
            dialog,
            _("add work result"),
            "rhk",
            lambda new_id: skp_edit.restore_rhk(db, actor=actor, rhk_id=new_id),
            lambda new_id: skp_edit.delete_rhk(db, actor=actor, rhk_id=new_id),
        )
        return dialog

    def add_iki(self) -> IkiDialog | None:
        rhk = self._selected_rhk()
        if not self._editable() or self.detail is None or rhk is None:
            return None
        dialog = IkiDialog(self.ctx, self.detail, rhk, self)
        db, actor = self.ctx.db, self.ctx.actor
        self._open_adding(
            dialog,
            _("add indicator"),
            "iki",
            lambda new_id: skp_edit.restore_iki(db, actor=actor, iki_id=new_id),
            lambda new_id: skp_edit.delete_iki(db, actor=actor, iki_id=new_id),
        )
        return dialog

    def _open_adding(
        self,
        dialog: RhkDialog | IkiDialog,
        label: str,
        kind: str,
        restore: Callable[[str], object],
        delete: Callable[[str], object],
    ) -> None:
        """Open an add dialog; once it created a record, the addition goes on the undo stack."""

        def done() -> None:
            new_id = dialog.created_id
            assert new_id is not None
            self._after_dialog(
                label, lambda: restore(new_id), lambda: delete(new_id), (kind, new_id)
            )

        dialog.accepted.connect(done)
        self.dialog = dialog
        dialog.open()

    def edit_selected(self) -> QWidget | None:
        if not self._editable() or self.detail is None:
            return None
        db, actor = self.ctx.db, self.ctx.actor
        iki = self._selected_iki()
        rhk = self._selected_rhk()
        if iki is not None and rhk is not None:
            iki_dialog = IkiDialog(self.ctx, self.detail, rhk, self, row=iki)

            def iki_done() -> None:
                old, new = iki_dialog.old, iki_dialog.new_input
                assert old is not None and new is not None
                self._after_dialog(
                    _("edit indicator"),
                    lambda: skp_edit.update_iki(db, actor=actor, iki_id=iki.id, data=new),
                    lambda: skp_edit.update_iki(db, actor=actor, iki_id=iki.id, data=old),
                    ("iki", iki.id),
                )

            iki_dialog.accepted.connect(iki_done)
            self.dialog = iki_dialog
            iki_dialog.open()
            return iki_dialog
        if rhk is None:
            return None
        rhk_dialog = RhkDialog(self.ctx, self.detail, self, row=rhk)

        def rhk_done() -> None:
            old, new = rhk_dialog.old, rhk_dialog.new_input
            assert old is not None and new is not None
            self._after_dialog(
                _("edit work result"),
                lambda: skp_edit.update_rhk(db, actor=actor, rhk_id=rhk.id, data=new),
                lambda: skp_edit.update_rhk(db, actor=actor, rhk_id=rhk.id, data=old),
                ("rhk", rhk.id),
            )

        rhk_dialog.accepted.connect(rhk_done)
        self.dialog = rhk_dialog
        rhk_dialog.open()
        return rhk_dialog

    def delete_selected(self) -> None:
        key = self.selected_key()
        if not self._editable() or key is None or key[0] == "group":
            return
        db, actor = self.ctx.db, self.ctx.actor
        kind, item_id = key
        current = self.tree.currentItem()
        neighbour = (
            (self.tree.itemBelow(current) or self.tree.itemAbove(current)) if current else None
        )
        next_key = neighbour.data(0, ROLE) if neighbour is not None else None
        if kind == "rhk":
            self._push(
                _("delete work result"),
                lambda: skp_edit.delete_rhk(db, actor=actor, rhk_id=item_id),
                lambda: skp_edit.restore_rhk(db, actor=actor, rhk_id=item_id),
            )
        else:
            self._push(
                _("delete indicator"),
                lambda: skp_edit.delete_iki(db, actor=actor, iki_id=item_id),
                lambda: skp_edit.restore_iki(db, actor=actor, iki_id=item_id),
            )
        if next_key is not None and next_key[1] != item_id:
            self.select_key(next_key)

    def duplicate_selected(self) -> None:
        rhk = self._selected_rhk()
        if not self._editable() or rhk is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        try:
            copy_id = skp_edit.duplicate_rhk(db, actor=actor, rhk_id=rhk.id)
        except KinerjaError as error:
            show_error(self, error)
            return
        self._after_dialog(
            _("duplicate work result"),
            lambda: skp_edit.restore_rhk(db, actor=actor, rhk_id=copy_id),
            lambda: skp_edit.delete_rhk(db, actor=actor, rhk_id=copy_id),
            ("rhk", copy_id),
        )

    def move_selected(self, delta: int) -> None:
        key = self.selected_key()
        if not self._editable() or key is None or key[0] == "group":
            return
        db, actor = self.ctx.db, self.ctx.actor
        kind, item_id = key

        def move(step: int) -> bool:
            if kind == "rhk":
                return skp_edit.move_rhk(db, actor=actor, rhk_id=item_id, delta=step)
            return skp_edit.move_iki(db, actor=actor, iki_id=item_id, delta=step)

        try:
            moved = move(delta)
        except KinerjaError as error:
            show_error(self, error)
            return
        if moved:
            self._after_dialog(_("move"), lambda: move(delta), lambda: move(-delta), key)

    def hand_out(self) -> HandOutDialog | None:
        rhk = self._selected_rhk()
        if rhk is None or not self._may_hand_out():
            return None
        dialog = HandOutDialog(self.ctx, rhk, self)

        def done() -> None:
            lines = [f"{r.nama}: {r.message}" for r in dialog.results]
            self.hint.setText(_("Handed out: {list}").format(list="; ".join(lines)))

        dialog.accepted.connect(done)
        self.dialog = dialog
        dialog.open()
        return dialog
