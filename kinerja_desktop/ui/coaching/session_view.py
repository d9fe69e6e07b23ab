"""One session: its header and status, then the agenda, the notes (shared or private), the
pegawai's reflection, the agreed actions, and the forms B.1.8 (pegawai) and B.1.9 (coach).

What a user may not do is disabled here, but the services decide: every change goes
through ``services.coaching`` with the acting user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import StatusAksi, StatusSesi
from kinerja_desktop.services import coaching, coaching_actions, coaching_forms, coaching_notes
from kinerja_desktop.services.coaching import SessionDetail
from kinerja_desktop.services.coaching_notes import REFLECTION_PROMPTS
from kinerja_desktop.ui.coaching.session_dialog import SessionDialog
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _cell_text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class SessionView(QWidget):
    """Shows and edits one session; empty until ``show_session`` is called."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SessionDetail | None = None
        self.title = QLabel()
        self.title.setObjectName("sessionTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.held_button = QPushButton(_("Mark as &held"))
        self.held_button.clicked.connect(lambda: self.set_status(StatusSesi.SELESAI))
        self.cancel_button = QPushButton(_("Cancel session"))
        self.cancel_button.clicked.connect(lambda: self.set_status(StatusSesi.DIBATALKAN))
        self.edit_button = QPushButton(_("&Change…"))
        self.edit_button.clicked.connect(self.edit_session)
        self.reopen_button = QPushButton(_("Schedule again"))
        self.reopen_button.clicked.connect(lambda: self.set_status(StatusSesi.DIJADWALKAN))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(_("Summary of the conversation (shared with both)"))
        self.summary.setMaximumHeight(60)
        self.summary.setTabChangesFocus(True)
        header_buttons = QHBoxLayout()
        for button in (self.edit_button, self.held_button, self.cancel_button,
                       self.reopen_button):  # fmt: skip
            header_buttons.addWidget(button)
        header_buttons.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._agenda_tab(), _("Agenda"))
        self.tabs.addTab(self._notes_tab(), _("Notes"))
        self.tabs.addTab(self._reflection_tab(), _("Reflection"))
        self.tabs.addTab(self._actions_tab(), _("Actions"))
        self.tabs.addTab(self._b18_tab(), _("B.1.8 Feedback"))
        self.tabs.addTab(self._b19_tab(), _("B.1.9 Competencies"))

        self.placeholder = QLabel(
            _("Choose a session on the left, or schedule a new one with “New session”.")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addLayout(header_buttons)
        body.addWidget(self.summary)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body)
        self.body.hide()

    # ------------------------------------------------------------------ tabs

    def _agenda_tab(self) -> QWidget:
        self.agenda = QListWidget()
        self.agenda.itemChanged.connect(self._agenda_checked)
        self.agenda_input = QLineEdit()
        self.agenda_input.setPlaceholderText(_("A talking point for the conversation"))
        self.agenda_input.returnPressed.connect(self.add_talking_point)
        self.agenda_add = QPushButton(_("Add point"))
        self.agenda_add.clicked.connect(self.add_talking_point)
        row = QHBoxLayout()
        row.addWidget(self.agenda_input, 1)
        row.addWidget(self.agenda_add)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(_("Tick a point when it was discussed.")))
        layout.addWidget(self.agenda, 1)
        layout.addLayout(row)
        return tab

    def _notes_tab(self) -> QWidget:
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
        row = QHBoxLayout()
        row.addWidget(self.note_private, 1)
        row.addWidget(self.note_add)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.note_input)
        layout.addLayout(row)
        return tab

    def _reflection_tab(self) -> QWidget:
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
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.reflection_hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addStretch(1)
        return tab

    def _actions_tab(self) -> QWidget:
        self.action_table = QTableWidget(0, 6)
        self.action_table.setHorizontalHeaderLabels(
            [_("Who"), _("What"), _("By when"), _("Status"), _("Comment"), _("Follow-up")]
        )
        self.action_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.action_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.action_table.verticalHeader().hide()
        self.action_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.action_who = QComboBox()
        self.action_who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(_("What will be done"))
        self.action_due = _date_edit(dt.date.today() + dt.timedelta(days=14))
        self.action_follow = QCheckBox(_("Follow-up on"))
        self.action_follow_date = _date_edit(dt.date.today() + dt.timedelta(days=7))
        self.action_add = QPushButton(_("Add action"))
        self.action_add.clicked.connect(self.add_action)
        add_row = QHBoxLayout()
        add_row.addWidget(self.action_who)
        add_row.addWidget(self.action_text, 1)
        add_row.addWidget(QLabel(_("by")))
        add_row.addWidget(self.action_due)
        add_row.addWidget(self.action_follow)
        add_row.addWidget(self.action_follow_date)
        add_row.addWidget(self.action_add)
        self.action_comment = QLineEdit()
        self.action_comment.setPlaceholderText(_("Comment on the selected action (needed to drop)"))
        self.action_done = QPushButton(_("Mark &done"))
        self.action_done.clicked.connect(lambda: self.set_action_status(StatusAksi.DONE))
        self.action_drop = QPushButton(_("Drop"))
        self.action_drop.clicked.connect(lambda: self.set_action_status(StatusAksi.DROPPED))
        self.action_reopen = QPushButton(_("Reopen"))
        self.action_reopen.clicked.connect(lambda: self.set_action_status(StatusAksi.OPEN))
        self.action_set_follow = QPushButton(_("Set follow-up"))
        self.action_set_follow.setToolTip(
            _("Give the selected action the follow-up date above (or none when unticked).")
        )
        self.action_set_follow.clicked.connect(self.set_follow_up)
        status_row = QHBoxLayout()
        status_row.addWidget(self.action_comment, 1)
        for button in (self.action_set_follow, self.action_done, self.action_drop,
                       self.action_reopen):  # fmt: skip
            status_row.addWidget(button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.action_table, 1)
        layout.addLayout(add_row)
        layout.addLayout(status_row)
        return tab

    def _b18_tab(self) -> QWidget:
        self.b18 = QTableWidget(len(coaching_forms.B18_STATEMENTS), 4)
        self.b18.setHorizontalHeaderLabels([_("No."), _("Statement"), _("Answer"), _("Remarks")])
        self.b18.verticalHeader().hide()
        self.b18.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.b18.setColumnWidth(0, 40)
        self.b18.setColumnWidth(2, 90)
        self.b18.setColumnWidth(3, 200)
        self.b18.setWordWrap(True)
        self.b18_answers: list[QComboBox] = []
        for row in range(len(coaching_forms.B18_STATEMENTS)):
            combo = QComboBox()
            combo.addItem("—", None)
            combo.addItem(_("Yes"), True)
            combo.addItem(_("No"), False)
            self.b18_answers.append(combo)
            self.b18.setCellWidget(row, 2, combo)
        self.b18_hint = QLabel()
        self.b18_hint.setWordWrap(True)
        self.b18_save = QPushButton(_("Save B.1.8"))
        self.b18_save.clicked.connect(self.save_b18)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.b18_hint)
        layout.addWidget(self.b18, 1)
        layout.addWidget(self.b18_save, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    def _b19_tab(self) -> QWidget:
        self.b19 = QTableWidget(0, 3)
        self.b19.setHorizontalHeaderLabels([_("Competency"), _("Score (1–5)"), _("Reason")])
        self.b19.verticalHeader().hide()
        self.b19.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.b19.setColumnWidth(0, 240)
        self.b19_hint = QLabel()
        self.b19_hint.setWordWrap(True)
        self.b19_add = QPushButton(_("Add competency"))
        self.b19_add.clicked.connect(lambda: self._add_b19_row("", 3, ""))
        self.b19_remove = QPushButton(_("Remove row"))
        self.b19_remove.clicked.connect(self._remove_b19_row)
        self.b19_save = QPushButton(_("Save B.1.9"))
        self.b19_save.clicked.connect(self.save_b19)
        row = QHBoxLayout()
        row.addWidget(self.b19_add)
        row.addWidget(self.b19_remove)
        row.addStretch(1)
        row.addWidget(self.b19_save)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.b19_hint)
        layout.addWidget(self.b19, 1)
        layout.addLayout(row)
        return tab

    # ------------------------------------------------------------------ loading

    def clear(self) -> None:
        self.detail = None
        self.body.hide()
        self.placeholder.show()

    def show_session(self, sesi_id: str) -> None:
        try:
            self.detail = coaching.get_session(self.ctx.db, actor=self.ctx.actor, sesi_id=sesi_id)
        except KinerjaError as error:
            self.clear()
            show_error(self, error)
            return
        self.placeholder.hide()
        self.body.show()
        self._fill()

    def reload(self) -> None:
        if self.detail is not None:
            self.show_session(self.detail.sesi.id)

    def _fill(self) -> None:
        assert self.detail is not None
        d, s = self.detail, self.detail.sesi
        self.title.setText(_("{kind} · {name}").format(kind=s.jenis_label, name=s.pegawai_nama))
        about = s.rhk_teks and _("About RHK: {text}").format(text=s.rhk_teks)
        about = about or (s.nilai_nama and _("About: {value}").format(value=s.nilai_nama))
        parts = [
            f"{format_date(s.tanggal)} {s.waktu}".strip(),
            s.tempat,
            _("Coach: {name}").format(name=s.coach_nama),
            _("Also present: {names}").format(names=s.hadir_lain) if s.hadir_lain else "",
            about or "",
            _("Status: {status}").format(status=s.status_label),
        ]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        self.held_button.setEnabled(d.can_edit and s.status is StatusSesi.DIJADWALKAN)
        self.cancel_button.setEnabled(d.can_edit and s.status is StatusSesi.DIJADWALKAN)
        self.reopen_button.setEnabled(d.can_edit and s.status is not StatusSesi.DIJADWALKAN)
        self.edit_button.setEnabled(d.can_edit)
        self.summary.setPlainText(s.ringkasan)
        self.summary.setReadOnly(not d.can_edit)

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
        for widget in (self.agenda_input, self.agenda_add):
            widget.setEnabled(editable)

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

        self._fill_actions()
        self._fill_b18()
        self.b19.setRowCount(0)
        for row in d.b19:
            self._add_b19_row(row.kompetensi, row.skor, row.alasan)
        for widget in (self.b19_add, self.b19_remove, self.b19_save):
            widget.setEnabled(d.is_coach)
        self.b19_hint.setText(
            _("Format B.1.9 Evaluasi Kompetensi Pegawai: the coach scores each competency from "
              "1 to 5 and gives the reason.")
        )  # fmt: skip

    def _fill_actions(self) -> None:
        assert self.detail is not None
        d, s = self.detail, self.detail.sesi
        today = dt.date.today()
        self.action_table.setRowCount(len(d.aksi))
        for row, aksi in enumerate(d.aksi):
            late = aksi.terlambat(today)
            cells = [
                aksi.pelaksana_nama, aksi.teks,
                format_date(aksi.tenggat) if aksi.tenggat else "",
                aksi.status_label + (" · " + _("overdue") if late else ""),
                aksi.komentar_status,
                format_date(aksi.tindak_lanjut) if aksi.tindak_lanjut else "",
            ]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, aksi.id)
                if late:
                    item.setForeground(Qt.GlobalColor.red)
                self.action_table.setItem(row, col, item)
        self.action_who.clear()
        self.action_who.addItem(s.pegawai_nama, s.pegawai_id)
        self.action_who.addItem(s.coach_nama, s.coach_id)
        editable = d.can_edit and s.status is not StatusSesi.DIBATALKAN
        for widget in (self.action_who, self.action_text, self.action_due, self.action_follow,
                       self.action_follow_date, self.action_add):  # fmt: skip
            widget.setEnabled(editable)
        for widget in (self.action_comment, self.action_done, self.action_drop,
                       self.action_reopen, self.action_set_follow):  # fmt: skip
            widget.setEnabled(d.can_edit)

    def _fill_b18(self) -> None:
        assert self.detail is not None
        d = self.detail
        for row, answer in enumerate(d.b18):
            number = QTableWidgetItem(str(answer.nomor))
            number.setFlags(Qt.ItemFlag.ItemIsEnabled)
            statement = QTableWidgetItem(answer.pernyataan)
            statement.setFlags(Qt.ItemFlag.ItemIsEnabled)
            remark = QTableWidgetItem(answer.keterangan)
            if not d.is_pegawai:
                remark.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.b18.setItem(row, 0, number)
            self.b18.setItem(row, 1, statement)
            self.b18.setItem(row, 3, remark)
            combo = self.b18_answers[row]
            combo.setCurrentIndex(max(combo.findData(answer.jawaban), 0))
            combo.setEnabled(d.is_pegawai)
        self.b18.resizeRowsToContents()
        self.b18_save.setEnabled(d.is_pegawai)
        self.b18_hint.setText(
            _("Format B.1.8 Umpan Balik Pelaksanaan Bimbingan Kinerja: the pegawai answers each "
              "statement with yes or no.")
        )  # fmt: skip

    def _add_b19_row(self, kompetensi: str, skor: int, alasan: str) -> None:
        row = self.b19.rowCount()
        self.b19.insertRow(row)
        self.b19.setItem(row, 0, QTableWidgetItem(kompetensi))
        spin = QSpinBox()
        spin.setRange(1, 5)
        spin.setValue(skor)
        editable = self.detail is not None and self.detail.is_coach
        spin.setEnabled(editable)
        self.b19.setCellWidget(row, 1, spin)
        reason = QTableWidgetItem(alasan)
        name = self.b19.item(row, 0)
        self.b19.setItem(row, 2, reason)
        if not editable and name is not None:
            for item in (name, reason):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _remove_b19_row(self) -> None:
        row = self.b19.currentRow()
        if row >= 0:
            self.b19.removeRow(row)

    # ------------------------------------------------------------------ changes

    def _run(self, work: Callable[[], Any]) -> bool:
        """Call a service; on success reload and tell the other screens."""
        try:
            work()
        except KinerjaError as error:
            show_error(self, error)
            return False
        self.reload()
        self.ctx.notify("coaching")
        return True

    @property
    def sesi_id(self) -> str:
        assert self.detail is not None
        return self.detail.sesi.id

    def edit_session(self) -> SessionDialog | None:
        """Open the dialog to change date, time, place, type or topic (returned for tests)."""
        if self.detail is None:
            return None
        dialog = SessionDialog(self.ctx, self.detail.sesi.pegawai_id, self, self.detail.sesi)
        dialog.accepted.connect(self._changed)
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.reload()
        self.ctx.notify("coaching")

    def set_status(self, status: StatusSesi) -> None:
        self._run(lambda: coaching.set_session_status(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, status=status,
            ringkasan=self.summary.toPlainText(),
        ))  # fmt: skip

    def add_talking_point(self) -> None:
        text = self.agenda_input.text()
        if self._run(lambda: coaching_notes.add_talking_point(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, teks=text
        )):  # fmt: skip
            self.agenda_input.clear()

    def _agenda_checked(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        self._run(lambda: coaching_notes.mark_discussed(
            self.ctx.db, actor=self.ctx.actor, agenda_id=item.data(Qt.ItemDataRole.UserRole),
            dibahas=checked,
        ))  # fmt: skip

    def add_note(self) -> None:
        text, private = self.note_input.toPlainText(), self.note_private.isChecked()
        if self._run(lambda: coaching_notes.add_note(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, teks=text, privat=private
        )):  # fmt: skip
            self.note_input.clear()
            self.note_private.setChecked(False)

    def save_reflection(self) -> None:
        private = self.reflection_private.isChecked()

        def work() -> None:
            for key, edit in self.reflection.items():
                coaching_notes.answer_reflection(
                    self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, prompt=key,
                    teks=edit.toPlainText(), privat=private,
                )  # fmt: skip

        self._run(work)

    def add_action(self) -> None:
        follow = _pydate(self.action_follow_date.date()) if self.action_follow.isChecked() else None
        text, who, due = (self.action_text.text(), self.action_who.currentData(),
                          _pydate(self.action_due.date()))  # fmt: skip
        if self._run(lambda: coaching_actions.add_action(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, pelaksana_id=who, teks=text,
            tenggat=due, tindak_lanjut=follow,
        )):  # fmt: skip
            self.action_text.clear()

    def set_action_status(self, status: StatusAksi) -> None:
        row = self.action_table.currentRow()
        if row < 0 or self.detail is None:
            return
        aksi = self.detail.aksi[row]
        comment = self.action_comment.text()
        if self._run(lambda: coaching_actions.set_action_status(
            self.ctx.db, actor=self.ctx.actor, aksi_id=aksi.id, status=status, komentar=comment,
            tindak_lanjut=aksi.tindak_lanjut,
        )):  # fmt: skip
            self.action_comment.clear()

    def set_follow_up(self) -> None:
        """Change the follow-up date of the selected action, keeping its status and comment."""
        row = self.action_table.currentRow()
        if row < 0 or self.detail is None:
            return
        aksi = self.detail.aksi[row]
        follow = _pydate(self.action_follow_date.date()) if self.action_follow.isChecked() else None
        self._run(lambda: coaching_actions.set_action_status(
            self.ctx.db, actor=self.ctx.actor, aksi_id=aksi.id, status=aksi.status,
            komentar=aksi.komentar_status, tindak_lanjut=follow,
        ))  # fmt: skip

    def save_b18(self) -> None:
        answers = {
            row + 1: (self.b18_answers[row].currentData(), _cell_text(self.b18, row, 3))
            for row in range(self.b18.rowCount())
        }
        self._run(lambda: coaching_forms.save_b18(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, answers=answers
        ))  # fmt: skip

    def save_b19(self) -> None:
        items = []
        for row in range(self.b19.rowCount()):
            spin = self.b19.cellWidget(row, 1)
            assert isinstance(spin, QSpinBox)
            items.append((_cell_text(self.b19, row, 0), spin.value(), _cell_text(self.b19, row, 2)))
        self._run(lambda: coaching_forms.save_b19(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, items=items
        ))  # fmt: skip
