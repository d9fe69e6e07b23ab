"""The session view's agenda, notes and reflection tabs. A private note or reflection is
marked as such; the service returns only the actor's own private notes, never another's, and
its author may share one (once shared, for good: the other party may already have it).

In an encrypted data home the first private note makes the author's notes key: its recovery
code is shown once. Private notes locked by a password reset are opened with that code
("Unlock private notes").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import StatusSesi
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import private_notes
from kinerja_desktop.services.coaching.notes import REFLECTION_PROMPTS
from kinerja_desktop.services.coaching.sessions import SessionDetail
from kinerja_desktop.ui.coaching.session_tab import Run, SessionTab
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.login.recovery_dialog import show_recovery_key


def show_new_notes_code(tab: SessionTab) -> None:
    """The notes recovery code made by the first private note, shown once to its author."""
    code = private_notes.take_new_code(tab.ctx.db, tab.ctx.actor)
    if code is not None:
        show_recovery_key(
            tab,
            code,
            intro=_(
                "Your private notes are encrypted to you alone. If your password is ever reset, "
                "only this private-notes recovery code opens them again: the administrator "
                "cannot. Write it down and keep it yourself; it is shown only this once."
            ),
        )


class AgendaTab(SessionTab):
    """The talking points; ticked when discussed."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.agenda = QListWidget()
        self.agenda.itemChanged.connect(self._agenda_checked)
        self.agenda_input = QLineEdit()
        self.agenda_input.setPlaceholderText(_("A talking point for the conversation"))
        self.agenda_input.returnPressed.connect(self.add_talking_point)
        self.agenda_add = QPushButton(_("Add point"))
        self.agenda_add.clicked.connect(self.add_talking_point)
        self.agenda_remove = QPushButton(_("Remove point"))
        self.agenda_remove.setToolTip(_("Remove the selected talking point you added (Delete)"))
        self.agenda_remove.clicked.connect(self.remove_talking_point)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.agenda).activated.connect(
            self.remove_talking_point
        )
        row = QHBoxLayout()
        row.addWidget(self.agenda_input, 1)
        row.addWidget(self.agenda_add)
        row.addWidget(self.agenda_remove)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tick a point when it was discussed.")))
        layout.addWidget(self.agenda, 1)
        layout.addLayout(row)

    def fill(self, detail: SessionDetail) -> None:
        d, s = detail, detail.sesi
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for point in d.agenda:
            item = QListWidgetItem(f"{point.teks}  — {point.penulis_nama}")
            item.setData(Qt.ItemDataRole.UserRole, point.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags if d.can_edit else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if point.dibahas else Qt.CheckState.Unchecked)
            self.agenda.addItem(item)
        self.agenda.blockSignals(False)
        for widget in (self.agenda_input, self.agenda_add, self.agenda_remove):
            widget.setEnabled(editable)

    def add_talking_point(self) -> None:
        text = self.agenda_input.text()
        if self._run(lambda: coaching_notes.add_talking_point(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, teks=text
        )):  # fmt: skip
            self.agenda_input.clear()

    def remove_talking_point(self) -> None:
        """Remove the selected point; the service refuses a point someone else added."""
        item = self.agenda.currentItem()
        if item is None:
            return
        agenda_id = item.data(Qt.ItemDataRole.UserRole)
        self._run(lambda: coaching_notes.remove_talking_point(
            self.ctx.db, actor=self.ctx.actor, agenda_id=agenda_id
        ))  # fmt: skip

    def _agenda_checked(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        self._run(lambda: coaching_notes.mark_discussed(
            self.ctx.db, actor=self.ctx.actor, agenda_id=item.data(Qt.ItemDataRole.UserRole),
            dibahas=checked,
        ))  # fmt: skip


class NotesTab(SessionTab):
    """The notes the actor may read, and a new note, shared or private."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setSpacing(4)
        self.notes.setAlternatingRowColors(True)
        self.note_input = QPlainTextEdit()
        self.note_input.setPlaceholderText(_("A note about the conversation"))
        self.note_input.setMaximumHeight(80)
        self.note_input.setTabChangesFocus(True)
        self.note_private = QCheckBox(_("Private: only I can ever read this note"))
        self.note_add = QPushButton(_("Add note"))
        self.note_add.clicked.connect(self.add_note)
        self.note_share = QPushButton(_("Share the selected note"))
        self.note_share.setEnabled(False)
        self.note_share.clicked.connect(self.share_note)
        self.note_delete = QPushButton(_("Delete the selected note"))
        self.note_delete.setEnabled(False)
        self.note_delete.clicked.connect(self.delete_note)
        self.notes.currentItemChanged.connect(lambda *_items: self._update_share())
        self._private: dict[str, str] = {}
        self._own: set[str] = set()
        self._editable = False
        self.unlock = QPushButton(_("Unlock private notes..."))
        self.unlock.clicked.connect(self.unlock_notes)
        row = FlowLayout()
        for widget in (
            self.note_private, self.note_share, self.note_delete, self.unlock, self.note_add
        ):  # fmt: skip
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.note_input)
        layout.addLayout(row)

    def fill(self, detail: SessionDetail) -> None:
        d, s = detail, detail.sesi
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        self._editable = editable
        self._private = {note.id: note.teks for note in d.catatan if note.privat}
        self._own = {n.id for n in d.catatan if n.penulis_id == self.ctx.actor.pegawai_id}
        self.notes.clear()
        for note in d.catatan:
            mark = "[" + _("Private: only you can read this") + "] " if note.privat else ""
            item = QListWidgetItem(f"{mark}{note.penulis_nama}\n{note.teks}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            if note.privat:
                item.setForeground(Qt.GlobalColor.darkMagenta)
            self.notes.addItem(item)
        for note_widget in (self.note_input, self.note_add, self.note_private):
            note_widget.setEnabled(editable)
        self.note_private.setEnabled(editable and self.ctx.actor.pegawai_id is not None)
        locked = private_notes.state(self.ctx.db, self.ctx.actor)
        self.unlock.setVisible(locked is private_notes.NotesState.LOCKED)
        self._update_share()

    def _selected_private(self) -> str | None:
        item = self.notes.currentItem()
        note_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return note_id if note_id in self._private else None

    def _selected_own(self) -> str | None:
        item = self.notes.currentItem()
        note_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return note_id if note_id in self._own else None

    def _update_share(self) -> None:
        self.note_share.setEnabled(self._editable and self._selected_private() is not None)
        self.note_delete.setEnabled(self._editable and self._selected_own() is not None)

    def delete_note(self) -> None:
        """Delete the selected note (its author's own), after a confirmation."""
        note_id = self._selected_own()
        if note_id is None:
            return
        answer = QMessageBox.question(
            self, _("Delete the note"), _("Delete this note? A deleted note cannot be restored.")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: coaching_notes.delete_note(
                self.ctx.db, actor=self.ctx.actor, catatan_id=note_id
            ))  # fmt: skip

    def share_note(self) -> None:
        """Share the selected private note (its author's own) with the other party."""
        note_id = self._selected_private()
        if note_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Share the note"),
            _("Share this private note with the other party? Once shared, it cannot be made "
              "private again."),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        text = self._private[note_id]
        self._run(lambda: coaching_notes.update_note(
            self.ctx.db, actor=self.ctx.actor, catatan_id=note_id, teks=text, privat=False
        ))  # fmt: skip

    def add_note(self) -> None:
        text, private = self.note_input.toPlainText(), self.note_private.isChecked()
        if self._run(lambda: coaching_notes.add_note(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, teks=text, privat=private
        )):  # fmt: skip
            self.note_input.clear()
            self.note_private.setChecked(False)
            show_new_notes_code(self)

    def unlock_notes(self) -> None:
        code, ok = QInputDialog.getText(
            self, _("Unlock private notes"), private_notes.locked_message()
        )
        if ok and code.strip():
            self._run(lambda: private_notes.unlock_with_code(
                self.ctx.db, actor=self.ctx.actor, code=code
            ))  # fmt: skip


class ReflectionTab(SessionTab):
    """The pegawai's answers to the reflection prompts; others see those shared."""

    def __init__(
        self, ctx: AppContext, detail: Callable[[], SessionDetail | None], run: Run
    ) -> None:
        super().__init__(ctx, detail, run)
        self.reflection: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for key, prompt in REFLECTION_PROMPTS:
            edit = QPlainTextEdit()
            edit.setMaximumHeight(60)
            edit.setTabChangesFocus(True)
            self.reflection[key] = edit
            form.addRow(_(prompt), edit)
        self.reflection_private = QCheckBox(_("Keep my answers private"))
        self.reflection_save = QPushButton(_("Save answers"))
        self.reflection_save.clicked.connect(self.save_reflection)
        self.reflection_hint = QLabel()
        self.reflection_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.reflection_private, 1)
        row.addWidget(self.reflection_save)
        # The questions scroll when the window is low (a 600-pixel laptop screen).
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.reflection_hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def fill(self, detail: SessionDetail) -> None:
        d, s = detail, detail.sesi
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        answers = {r.prompt: r for r in d.refleksi}
        for key, edit in self.reflection.items():
            answer = answers.get(key)
            edit.setPlainText(answer.teks if answer else "")
            edit.setReadOnly(not d.is_pegawai)
        self.reflection_private.setChecked(any(r.privat for r in d.refleksi))
        self.reflection_save.setEnabled(d.is_pegawai and editable)
        self.reflection_private.setEnabled(d.is_pegawai and editable)
        self.reflection_hint.setText(
            _("Your own look back at the conversation.") if d.is_pegawai
            else _("The pegawai answers these questions; you see the answers they shared.")
        )  # fmt: skip

    def save_reflection(self) -> None:
        private = self.reflection_private.isChecked()

        def work() -> None:
            for key, edit in self.reflection.items():
                coaching_notes.answer_reflection(
                    self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, prompt=key,
                    teks=edit.toPlainText(), privat=private,
                )  # fmt: skip

        if self._run(work):
            show_new_notes_code(self)
