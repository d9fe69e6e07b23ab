"""Dialogue & Coaching: whose conversations (my own, or a person in my view) and which year;
then the sessions with the open session, the development plan, the timeline, and the team
view for supervisors. ``open_item`` takes a session id (from the home screen) or a pegawai id
(from the people screen)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.common import SesiRow
from kinerja_desktop.ui.coaching.development_panel import DevelopmentPanel
from kinerja_desktop.ui.coaching.session_dialog import SessionDialog
from kinerja_desktop.ui.coaching.session_view import SessionView
from kinerja_desktop.ui.coaching.team_panel import TeamPanel
from kinerja_desktop.ui.coaching.timeline_panel import TimelinePanel
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import separated_items
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.roles import has_staff
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, choices

MINE = "__mine__"


class CoachingScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sessions: list[SesiRow] = []
        self.person = PersonPicker(name="coachingPerson")
        self.person.person_changed.connect(lambda _p: self.reload())
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("&Whose:")))
        top.addWidget(self.person)
        top.addWidget(QLabel(_("&Year:")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.itemAt(0).widget().setBuddy(self.person)  # type: ignore[union-attr]
        top.itemAt(2).widget().setBuddy(self.year)  # type: ignore[union-attr]

        self.session_list = QListWidget()
        separated_items(self.session_list)
        self.session_list.setObjectName("sessionList")
        self.session_list.setMinimumWidth(260)
        self.session_list.currentItemChanged.connect(self._session_selected)
        self.new_button = QPushButton(_("&New session"))
        self.new_button.clicked.connect(self.new_session)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_session)
        self.list_hint = QLabel()
        self.list_hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.list_hint)
        left_layout.addWidget(self.session_list, 1)
        self.session_view = SessionView(ctx)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.session_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 800])

        self.development = DevelopmentPanel(ctx)
        self.timeline = TimelinePanel(ctx)
        self.team = TeamPanel(ctx)
        self.team.person_chosen.connect(self.open_person)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, _("Sessions"))
        self.tabs.addTab(self.development, _("Development plan"))
        self.tabs.addTab(self.timeline, _("Timeline"))
        self.tabs.addTab(self.team, _("My team"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ state

    def rebuild(self) -> None:
        """Fill the person choice for the current actor (after a login change too)."""
        self.person.blockSignals(True)
        mine = self.ctx.actor.pegawai_id is not None
        self.person.set_people(
            choices(coaching.people_in_view(self.ctx.db, actor=self.ctx.actor)),
            leading=[(_("My sessions (as coach or pegawai)"), MINE)] if mine else [],
        )  # fmt: skip
        self.person.blockSignals(False)
        self.tabs.setTabVisible(self.tabs.indexOf(self.team), has_staff(self.ctx))
        self.session_view.clear()
        self.reload()

    def chosen_person(self) -> str | None:
        """The pegawai whose plan and timeline are shown (the actor in 'my sessions')."""
        data = self.person.currentData()
        return self.ctx.actor.pegawai_id if data == MINE else data

    def _data_changed(self, area: str) -> None:
        if area in ("coaching", "skp", "monitoring", "evaluation", "people"):
            self.reload()

    def reload(self) -> None:
        self._reload_sessions()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        person = self.chosen_person()
        widget = self.tabs.currentWidget()
        if widget is self.development and person:
            self.development.show_plan(person, self.year.value())
        elif widget is self.timeline and person:
            self.timeline.show_timeline(person, self.year.value())
        elif widget is self.team:
            self.team.reload()

    def _reload_sessions(self) -> None:
        data = self.person.currentData()
        selected = self.session_view.detail.sesi.id if self.session_view.detail else None
        try:
            if data == MINE:
                rows = coaching.my_sessions(self.ctx.db, actor=self.ctx.actor)
            elif data:
                rows = coaching.list_sessions(self.ctx.db, actor=self.ctx.actor, pegawai_id=data)
            else:
                rows = []
        except KinerjaError as error:
            show_error(self, error)
            rows = []
        year = self.year.value()
        self.sessions = [r for r in rows if r.tanggal.year == year]
        self.new_button.setEnabled(data is not None and data != MINE)
        self.list_hint.setText(
            _("Choose a person above to schedule a session with them.") if data == MINE
            else "" if self.sessions
            else _("No sessions in {year} yet. Schedule one with “New session”.").format(year=year)
        )  # fmt: skip
        self.list_hint.setVisible(bool(self.list_hint.text()))
        self.session_list.blockSignals(True)
        self.session_list.clear()
        mine = self.ctx.actor.pegawai_id
        for row in self.sessions:
            other = row.pegawai_nama if row.coach_id == mine else row.coach_nama
            text = f"{format_date(row.tanggal)} · {row.jenis_label}\n{other} · {row.status_label}"
            if row.aksi_terbuka:
                text += " · " + _("{n} open actions").format(n=row.aksi_terbuka)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.session_list.addItem(item)
        self.session_list.blockSignals(False)
        if selected and any(r.id == selected for r in self.sessions):
            self.select_session(selected)
        elif selected:
            self.session_view.clear()

    def _session_selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            self.session_view.clear()
            return
        self.session_view.show_session(item.data(Qt.ItemDataRole.UserRole))

    def select_session(self, sesi_id: str) -> None:
        for index in range(self.session_list.count()):
            item = self.session_list.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == sesi_id:
                self.session_list.blockSignals(True)
                self.session_list.setCurrentItem(item)
                self.session_list.blockSignals(False)
                self.session_view.show_session(sesi_id)
                return

    # ------------------------------------------------------------------ actions

    def new_session(self) -> SessionDialog | None:
        """Open the new-session dialog for the chosen person (returned for tests)."""
        data = self.person.currentData()
        if not data or data == MINE:
            return None
        dialog = SessionDialog(self.ctx, data, self)
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: SessionDialog) -> None:
        if dialog.created is None:
            return
        sesi = dialog.created
        self.year.setValue(sesi.tanggal.year)
        self.reload()
        self.select_session(sesi.id)

    def open_person(self, pegawai_id: str) -> None:
        index = self.person.findData(pegawai_id)
        if index >= 0:
            self.person.setCurrentIndex(index)
            self.tabs.setCurrentIndex(0)

    def open_item(self, payload: object) -> None:
        """Open a session (home-screen items) or a person (from other areas)."""
        if not isinstance(payload, str):
            return
        if not coaching.session_exists(self.ctx.db, actor=self.ctx.actor, sesi_id=payload):
            self.open_person(payload)
            return
        try:
            detail = coaching.get_session(self.ctx.db, actor=self.ctx.actor, sesi_id=payload)
        except KinerjaError as error:
            show_error(self, error)
            return
        sesi = detail.sesi
        mine = self.ctx.actor.pegawai_id in (sesi.coach_id, sesi.pegawai_id)
        index = self.person.findData(MINE if mine else sesi.pegawai_id)
        self.person.blockSignals(True)
        self.person.setCurrentIndex(max(index, 0))
        self.person.blockSignals(False)
        self.year.blockSignals(True)
        self.year.setValue(sesi.tanggal.year)
        self.year.blockSignals(False)
        self.tabs.setCurrentIndex(0)
        self.reload()
        self.select_session(sesi.id)
