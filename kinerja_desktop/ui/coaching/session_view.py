"""One session: its header, summary and status, and the tabs (agenda, notes, reflection,
actions, B.1.8, B.1.9; each in its own module) that it loads and reloads after a change.

What a user may not do is disabled here, but the services decide: every change goes
through the ``services.coaching*`` modules with the acting user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import JenisSesi, StatusSesi
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.sessions import SessionDetail
from kinerja_desktop.ui.coaching.session_actions_tab import ActionsTab
from kinerja_desktop.ui.coaching.session_dialog import SessionDialog
from kinerja_desktop.ui.coaching.session_forms_tabs import B18Tab, B19Tab
from kinerja_desktop.ui.coaching.session_notes_tabs import AgendaTab, NotesTab, ReflectionTab
from kinerja_desktop.ui.coaching.session_tab import SessionTab
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


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

        def detail() -> SessionDetail | None:
            return self.detail

        self.agenda_tab = AgendaTab(ctx, detail, self._run)
        self.notes_tab = NotesTab(ctx, detail, self._run)
        self.reflection_tab = ReflectionTab(ctx, detail, self._run)
        self.actions_tab = ActionsTab(ctx, detail, self._run)
        self.b18_tab = B18Tab(ctx, detail, self._run)
        self.b19_tab = B19Tab(ctx, detail, self._run)
        self.session_tabs: tuple[SessionTab, ...] = (
            self.agenda_tab, self.notes_tab, self.reflection_tab, self.actions_tab, self.b18_tab,
            self.b19_tab,
        )  # fmt: skip
        self.tabs = QTabWidget()
        self.tabs.addTab(self.agenda_tab, _("Agenda"))
        self.tabs.addTab(self.notes_tab, _("Notes"))
        self.tabs.addTab(self.reflection_tab, _("Reflection"))
        self.tabs.addTab(self.actions_tab, _("Actions"))
        self.tabs.addTab(self.b18_tab, _("B.1.8 Feedback"))
        self.tabs.addTab(self.b19_tab, _("B.1.9 Competencies"))

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
        self.held_button.setEnabled(d.can_edit and s.status is StatusSesi.DIJADWALKAN)
        self.cancel_button.setEnabled(d.can_edit and s.status is StatusSesi.DIJADWALKAN)
        self.reopen_button.setEnabled(d.can_edit and s.status is not StatusSesi.DIJADWALKAN)
        self.edit_button.setEnabled(d.can_edit)
        self.summary.setPlainText(s.ringkasan)
        self.summary.setReadOnly(not d.can_edit)
        bimbingan = s.jenis is JenisSesi.BIMBINGAN_KINERJA
        for form_tab in (self.b18_tab, self.b19_tab):  # forms of bimbingan kinerja only
            self.tabs.setTabVisible(self.tabs.indexOf(form_tab), bimbingan)
        for tab in self.session_tabs:
            tab.fill(d)

    # ------------------------------------------------------------------ changes

    def _run(self, work: Callable[[], Any]) -> bool:
        """Call a service; on success reload and tell the other screens."""
        try:
            work()
        except KinerjaError as error:
            show_error(self, error)
            return False
        self.reload()
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

    def set_status(self, status: StatusSesi) -> None:
        self._run(lambda: coaching.set_session_status(
            self.ctx.db, actor=self.ctx.actor, sesi_id=self.sesi_id, status=status,
            ringkasan=self.summary.toPlainText(),
        ))  # fmt: skip
