"""The day view: a day's entries and, for my own log, a new-row editor driven by keyboard.

The editor opens on today with the cursor in the new row: the start time defaults to the end
of the previous entry; Tab moves between the fields; Enter adds (or, after choosing a row and
pressing Enter on it, saves the change); Delete removes the chosen row; Ctrl+D copies the
latest earlier day's entries; Ctrl+T starts or stops the timer (``TimerBar``), whose span
goes into the new row; Ctrl+R (Ctrl+Shift+R) adds my recurring templates to the day (week). A refused entry shows its message under the editor (row and
field named) and puts the cursor in that field. For a staff member's day, the pejabat penilai
acknowledges the entries and replies.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, format_number, ngettext
from kinerja_desktop.services.core import access
from kinerja_desktop.services.harian import calendar as harian_calendar
from kinerja_desktop.services.harian import clock, entries, replies, templates
from kinerja_desktop.services.harian.entries import EntryInput, EntryRow, StatusHarian, format_time
from kinerja_desktop.services.harian.timer import StoppedTimer
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian.templates_dialog import TemplatesDialog
from kinerja_desktop.ui.harian.timer_bar import TimerBar
from kinerja_desktop.ui.messages import confirm, show_error


def status_label(status: StatusHarian) -> str:
    return {
        StatusHarian.DRAFT: _("draft"),
        StatusHarian.DIAJUKAN: _("submitted"),
        StatusHarian.DITERIMA: _("acknowledged"),
    }[status]


class DayView(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = ctx.actor.pegawai_id
        self.rows: list[EntryRow] = []
        self.editing: str | None = None
        self._confirmed: set[dt.date] = set()
        bar = self._day_bar()
        self._build_table()
        self._build_editor()
        self._build_tools()
        self._build_review()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.tools)
        layout.addWidget(self.message)
        layout.addWidget(self.review)
        layout.addWidget(self.thread_label)
        for widget in (
            self.date,
            self.table,
            self.mulai,
            self.selesai,
            self.kegiatan,
            self.iki,
            self.realisasi,
            self.reply_text,
        ):
            widget.installEventFilter(self)
        self.reload()

    def _day_bar(self) -> QHBoxLayout:
        """The day chooser, the day's state and the copy and submit buttons."""
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setDate(QDate(*clock.today().timetuple()[:3]))
        self.date.dateChanged.connect(lambda _d: self.reload())
        previous = QPushButton("◀")
        previous.setToolTip(_("Previous day (Alt+Left)"))
        previous.clicked.connect(lambda: self.shift(-1))
        following = QPushButton("▶")
        following.setToolTip(_("Next day (Alt+Right)"))
        following.clicked.connect(lambda: self.shift(1))
        self.day_info = QLabel()
        self.copy_button = QPushButton(_("Copy previous day (Ctrl+D)"))
        self.copy_button.clicked.connect(self.copy_previous)
        self.submit_button = QPushButton(_("Submit the day"))
        self.submit_button.clicked.connect(self.submit_day)
        bar = QHBoxLayout()
        bar.addWidget(previous)
        bar.addWidget(self.date)
        bar.addWidget(following)
        bar.addWidget(self.day_info, 1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.submit_button)
        return bar

    def _build_table(self) -> None:
        """The day's entries, one row each."""
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [_("From"), _("To"), _("Activity"), _("IKI"), _("Realisasi"), _("Status"), _("Late")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(3, 200)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def _build_editor(self) -> None:
        """The line that adds or edits an entry: times, activity, IKI, quantity."""
        self.mulai = QLineEdit()
        self.mulai.setPlaceholderText("07:30")
        self.mulai.setMaximumWidth(70)
        self.selesai = QLineEdit()
        self.selesai.setPlaceholderText("08:30")
        self.selesai.setMaximumWidth(70)
        self.kegiatan = QLineEdit()
        self.kegiatan.setPlaceholderText(_("What was done"))
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.kegiatan.setCompleter(completer)
        self.iki = QComboBox()
        self.iki.setMinimumWidth(160)
        self.iki.setMaximumWidth(260)
        self.realisasi = QLineEdit()
        self.realisasi.setPlaceholderText(_("Qty"))
        self.realisasi.setMaximumWidth(70)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.save)
        for field in (self.mulai, self.selesai, self.kegiatan, self.realisasi):
            field.returnPressed.connect(self.save)
        self.editor = QWidget()
        editor = QHBoxLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addWidget(self.mulai)
        editor.addWidget(QLabel("–"))
        editor.addWidget(self.selesai)
        editor.addWidget(self.kegiatan, 1)
        editor.addWidget(self.iki)
        editor.addWidget(self.realisasi)
        editor.addWidget(self.add_button)

    def _build_tools(self) -> None:
        """The error line, the timer and the templates button."""
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.timer = TimerBar(self.ctx, self.timer_stopped, self.message.setText)
        self.templates_button = QPushButton(_("Templates…"))
        self.templates_button.setToolTip(
            _("Recurring entries: Ctrl+R applies them to the day, Ctrl+Shift+R to the week")
        )
        self.templates_button.clicked.connect(self.open_templates)
        self.tools = QWidget()
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.timer, 1)
        tools.addWidget(self.templates_button)

    def _build_review(self) -> None:
        """The superior's line: acknowledge, reply, and the chosen entry's thread."""
        self.review = QWidget()
        review = QHBoxLayout(self.review)
        review.setContentsMargins(0, 0, 0, 0)
        self.ack_button = QPushButton(_("Acknowledge (Ctrl+Enter)"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.reply_text = QLineEdit()
        self.reply_text.setPlaceholderText(_("Feedback on the chosen entry, Enter sends"))
        self.reply_text.returnPressed.connect(self.send_reply)
        review.addWidget(self.ack_button)
        review.addWidget(self.reply_text, 1)
        self.thread_label = QLabel()
        self.thread_label.setWordWrap(True)

    # --- state -----------------------------------------------------------------------------

    @property
    def tanggal(self) -> dt.date:
        value = self.date.date()
        return dt.date(value.year(), value.month(), value.day())

    @property
    def own(self) -> bool:
        return self.pegawai_id is not None and self.pegawai_id == self.ctx.actor.pegawai_id

    def set_target(self, pegawai_id: str | None, tanggal: dt.date | None = None) -> None:
        self.pegawai_id = pegawai_id
        if tanggal is not None and tanggal != self.tanggal:
            self.date.blockSignals(True)
            self.date.setDate(QDate(tanggal.year, tanggal.month, tanggal.day))
            self.date.blockSignals(False)
        self.reload()

    def shift(self, days: int) -> None:
        self.date.setDate(self.date.date().addDays(days))

    def reload(self) -> None:
        self.editing = None
        self.message.clear()
        self.thread_label.clear()
        self.table.setRowCount(0)
        self.rows = []
        db, actor = self.ctx.db, self.ctx.actor
        self.editor.setVisible(self.own)
        self.templates_button.setVisible(self.own)
        if self.own != (self.timer.pegawai_id is not None):
            self.timer.set_pegawai(self.pegawai_id if self.own else None)
        self.copy_button.setVisible(self.own)
        self.submit_button.setVisible(self.own)
        reviewer = False
        if self.pegawai_id is None:
            self.day_info.setText(_("This account has no pegawai record."))
            self.review.setVisible(False)
            return
        try:
            self.rows = entries.list_day(
                db, actor=actor, pegawai_id=self.pegawai_id, tanggal=self.tanggal
            )
            cal = harian_calendar.working_days(
                db,
                actor=actor,
                pegawai_id=self.pegawai_id,
                mulai=self.tanggal,
                selesai=self.tanggal,
            )
            with db.read(actor) as session:
                reviewer = access.is_penilai_of(session, actor, self.pegawai_id)
        except KinerjaError as error:
            self.day_info.setText(error.message)
            self.review.setVisible(False)
            return
        self.review.setVisible(reviewer)
        minutes = sum(r.menit for r in self.rows)
        info = _("{day}: {hours} hours").format(
            day=format_date(self.tanggal), hours=format_number(minutes / 60, 1)
        )
        if not cal:
            info += " — " + _("not a working day")
        self.day_info.setText(info)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = [
                row.jam_mulai,
                row.jam_selesai,
                row.kegiatan,
                row.iki_teks or _("Other duties"),
                "" if row.realisasi is None else f"{format_number(row.realisasi)} {row.satuan}",
                status_label(row.status),
                _("late") if row.terlambat else "",
            ]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        if self.own:
            self._fill_iki()
            self.completions.setStringList(
                entries.earlier_texts(db, actor=actor, pegawai_id=self.pegawai_id)
            )
            self.new_row()

    def _fill_iki(self) -> None:
        assert self.pegawai_id is not None
        self.iki.clear()
        self.iki.addItem(_("Other duties"), None)
        for choice in entries.iki_choices(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, tanggal=self.tanggal
        ):
            self.iki.addItem(choice.teks, choice.id)
            self.iki.setItemData(self.iki.count() - 1, choice.rhk_teks, Qt.ItemDataRole.ToolTipRole)

    def new_row(self) -> None:
        """An empty new row, its start at the end of the last entry, the cursor in it."""
        self.editing = None
        self.add_button.setText(_("Add"))
        start = self.rows[-1].selesai if self.rows else 7 * 60 + 30
        self.mulai.setText(format_time(start))
        self.selesai.setText(format_time(min(start + 60, 24 * 60)))
        self.kegiatan.clear()
        self.realisasi.clear()
        self.iki.setCurrentIndex(0)
        self.mulai.setFocus()
        self.mulai.selectAll()

    def edit_row(self, index: int) -> None:
        row = self.rows[index]
        self.editing = row.id
        self.add_button.setText(_("Save"))
        self.mulai.setText(row.jam_mulai)
        self.selesai.setText(row.jam_selesai)
        self.kegiatan.setText(row.kegiatan)
        self.iki.setCurrentIndex(max(self.iki.findData(row.iki_id), 0))
        self.realisasi.setText("" if row.realisasi is None else format_number(row.realisasi))
        self.mulai.setFocus()
        self.mulai.selectAll()

    # --- actions ---------------------------------------------------------------------------

    def open_templates(self) -> TemplatesDialog | None:
        if not self.own or self.pegawai_id is None:
            return None
        chosen = sorted({i.row() for i in self.table.selectedIndexes()})
        entry = (self.rows[chosen[0]].id, self.tanggal) if chosen else None
        dialog = TemplatesDialog(self.ctx, self.pegawai_id, entry, self.apply_templates, self)
        dialog.open()
        return dialog

    def apply_templates(self, whole_week: bool) -> None:
        """Add my recurring entries on the day shown (or its week's working days)."""
        if not self.own or self.pegawai_id is None:
            return
        day = self.tanggal
        first = day - dt.timedelta(days=day.weekday()) if whole_week else day
        last = first + dt.timedelta(days=6) if whole_week else day
        try:
            result = templates.apply_templates(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id,
                mulai=first, selesai=last,
            )  # fmt: skip
        except KinerjaError as error:
            self.message.setText(error.message)
            return
        self.changed.emit()
        self.reload()
        count = len(result.added)
        lines = [
            ngettext(
                "{n} entry added from templates.", "{n} entries added from templates.", count
            ).format(n=count)
        ]
        if result.refused:
            lines.append(_("Not added:"))
            lines.extend(result.refused)
        self.message.setText("\n".join(lines))

    def timer_stopped(self, span: StoppedTimer) -> None:
        """A stopped timer's span in the new row (on its day), the cursor in the activity."""
        if span.tanggal != self.tanggal:
            self.set_target(self.pegawai_id, span.tanggal)
        self.new_row()
        self.mulai.setText(span.jam_mulai)
        self.selesai.setText(span.jam_selesai)
        if span.kegiatan:
            self.kegiatan.setText(span.kegiatan)
        self.kegiatan.setFocus()
        self.kegiatan.selectAll()

    def _input(self) -> EntryInput:
        return EntryInput(
            tanggal=self.tanggal,
            mulai=self.mulai.text(),
            selesai=self.selesai.text(),
            kegiatan=self.kegiatan.text(),
            iki_id=self.iki.currentData(),
            realisasi=self.realisasi.text() or None,
        )

    def _non_working_ok(self) -> bool | None:
        """True to go on (the day is a working day or the user confirmed), None to stop."""
        assert self.pegawai_id is not None
        if self.tanggal in self._confirmed or harian_calendar.working_days(
            self.ctx.db,
            actor=self.ctx.actor,
            pegawai_id=self.pegawai_id,
            mulai=self.tanggal,
            selesai=self.tanggal,
        ):
            return True
        if confirm(
            self,
            _("{day} is not a working day. Record the entry anyway?").format(
                day=format_date(self.tanggal)
            ),
        ):
            self._confirmed.add(self.tanggal)
            return True
        return None

    def save(self) -> None:
        if not self.own or self.pegawai_id is None:
            return
        if self._non_working_ok() is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        try:
            if self.editing is None:
                entries.add_entry(
                    db,
                    actor=actor,
                    pegawai_id=self.pegawai_id,
                    data=self._input(),
                    non_working_ok=True,
                )
            else:
                entries.edit_entry(
                    db, actor=actor, entry_id=self.editing, data=self._input(), non_working_ok=True
                )
        except KinerjaError as error:
            self._refused(error)
            return
        self.changed.emit()
        self.reload()

    def _refused(self, error: KinerjaError) -> None:
        self.message.setText(error.message)
        target = {
            "mulai": self.mulai,
            "selesai": self.selesai,
            "kegiatan": self.kegiatan,
            "realisasi": self.realisasi,
            "iki": self.iki,
        }.get(error.field or "", self.mulai)
        target.setFocus()
        if isinstance(target, QLineEdit):
            target.selectAll()

    def delete_selected(self) -> None:
        if not self.own:
            return
        chosen = sorted({i.row() for i in self.table.selectedIndexes()})
        try:
            for index in chosen:
                entries.delete_entry(
                    self.ctx.db, actor=self.ctx.actor, entry_id=self.rows[index].id
                )
        except KinerjaError as error:
            self.message.setText(error.message)
        self.changed.emit()
        self.reload()

    def copy_previous(self) -> None:
        if not self.own or self.pegawai_id is None:
            return
        if self._non_working_ok() is None:
            return
        try:
            copied = entries.copy_day(
                self.ctx.db,
                actor=self.ctx.actor,
                pegawai_id=self.pegawai_id,
                dari=None,
                ke=self.tanggal,
                non_working_ok=True,
            )
        except KinerjaError as error:
            self.message.setText(error.message)
            return
        self.changed.emit()
        self.reload()
        self.message.setText(_("{n} entries copied.").format(n=len(copied)))

    def submit_day(self) -> None:
        if self.pegawai_id is None:
            return
        try:
            entries.submit_day(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, tanggal=self.tanggal
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reload()

    def selected_ids(self) -> list[str]:
        chosen = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[i].id for i in chosen] or [r.id for r in self.rows]

    def acknowledge(self) -> None:
        try:
            entries.acknowledge(self.ctx.db, actor=self.ctx.actor, entry_ids=self.selected_ids())
        except KinerjaError as error:
            show_error(self, error)
            return
        self.changed.emit()
        self.reload()

    def send_reply(self) -> None:
        chosen = sorted({i.row() for i in self.table.selectedIndexes()})
        if not chosen:
            self.thread_label.setText(_("Choose an entry first."))
            return
        entry_id = self.rows[chosen[0]].id
        try:
            replies.reply(
                self.ctx.db, actor=self.ctx.actor, entry_id=entry_id, teks=self.reply_text.text()
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reply_text.clear()
        self.reload()
        self.table.selectRow(chosen[0])

    def _selection_changed(self) -> None:
        chosen = sorted({i.row() for i in self.table.selectedIndexes()})
        if len(chosen) != 1:
            self.thread_label.clear()
            return
        try:
            thread = replies.replies(
                self.ctx.db, actor=self.ctx.actor, entry_id=self.rows[chosen[0]].id
            )
        except KinerjaError as error:
            self.thread_label.setText(error.message)
            return
        self.thread_label.setText("\n".join(f"{r.penulis_nama}: {r.teks}" for r in thread))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The view's keys, wherever the cursor is in it: Alt+Left/Right move a day, Ctrl+D
        copies the previous day; on the table Enter edits the row, Delete removes it, Escape
        returns to the new row and Ctrl+Enter acknowledges (pejabat penilai)."""
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if mods & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.shift(-1 if key == Qt.Key.Key_Left else 1)
            return True
        if ctrl and key == Qt.Key.Key_D:
            self.copy_previous()
            return True
        if ctrl and key == Qt.Key.Key_R and self.own:
            self.apply_templates(bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return True
        if ctrl and key == Qt.Key.Key_T and self.own:
            self.timer.toggle(self.kegiatan.text() if self.editing is None else "")
            return True
        if watched is not self.table:
            return super().eventFilter(watched, event)
        row = self.table.currentRow()
        if enter and ctrl and self.review.isVisible():
            self.acknowledge()
            return True
        if enter and self.own and row >= 0:
            self.edit_row(row)
            return True
        if key == Qt.Key.Key_Delete and self.own:
            self.delete_selected()
            return True
        if key == Qt.Key.Key_Escape and self.own:
            self.new_row()
            return True
        return super().eventFilter(watched, event)
