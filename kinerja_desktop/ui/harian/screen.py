"""The Harian area: my day (or a staff member's), the week, the team month grid, and the
person's leave days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian.day_view import DayView
from kinerja_desktop.ui.harian.leave_panel import LeavePanel
from kinerja_desktop.ui.harian.rollup_dialog import RollupDialog
from kinerja_desktop.ui.harian.team_grid import TeamGrid
from kinerja_desktop.ui.harian.week_view import WeekView
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, person_by_id, team_people


class HarianScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = PersonPicker(name="harianPerson")
        self.person.person_changed.connect(lambda _p: self._person_changed())
        self.day = DayView(ctx)
        self.week = WeekView(ctx)
        self.team = TeamGrid(ctx)
        self.leave = LeavePanel(ctx)
        self.day.changed.connect(self.week.reload)
        self.week.open_day.connect(self.show_day)
        self.team.open_day.connect(self.open_person_day)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day, _("Day"))
        self.tabs.addTab(self.week, _("Week"))
        self.tabs.addTab(self.team, _("Team month"))
        self.tabs.addTab(self.leave, _("Leave"))
        self.tabs.currentChanged.connect(self._tab_changed)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Person:")))
        bar.addWidget(self.person)
        bar.addStretch(1)
        self.rollup_button = QPushButton(_("To the period's realisasi…"))
        self.rollup_button.clicked.connect(self.open_rollup)
        bar.addWidget(self.rollup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self._actor_changed)
        self._actor_changed()

    def _actor_changed(self) -> None:
        self._fill_people()
        self.team.reload()
        self.tabs.setTabVisible(2, self.team.available)
        self._person_changed()

    def _fill_people(self, extra: str | None = None) -> None:
        """Myself and my staff (the supervisor's team), and ``extra`` (someone opened from
        elsewhere) when the acting user may see them; ``extra`` or the previous choice stays
        chosen. Says nothing: the callers show the chosen person."""
        me = self.ctx.actor.pegawai_id
        keep = extra or self.person.currentData()
        self.person.blockSignals(True)
        self.person.set_people(
            team_people(self.ctx), leading=[(_("Myself"), me)] if me else [],
        )  # fmt: skip
        if keep and self.person.findData(keep) < 0:
            found = person_by_id(self.ctx, keep)
            if found is not None:
                self.person.add_person(found)
        if keep:
            self.person.select(keep)
        self.person.blockSignals(False)

    def open_rollup(self) -> RollupDialog:
        dialog = RollupDialog(self.ctx, self.person.currentData(), self.day.tanggal.year, self)
        dialog.open()
        return dialog

    def _person_changed(self) -> None:
        pegawai_id = self.person.currentData()
        own = pegawai_id is not None and pegawai_id == self.ctx.actor.pegawai_id
        self.rollup_button.setVisible(own)
        self.day.set_target(pegawai_id)
        self.week.set_target(pegawai_id, self.day.tanggal)
        self.leave.set_target(pegawai_id)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.week:
            self.week.set_target(self.person.currentData(), self.day.tanggal)
        elif self.tabs.widget(index) is self.day:
            self.day.mulai.setFocus()

    def show_day(self, day: dt.date) -> None:
        self.day.set_target(self.person.currentData(), day)
        self.tabs.setCurrentWidget(self.day)

    def open_person_day(self, pegawai_id: str, day: dt.date) -> None:
        self._fill_people(extra=pegawai_id)
        self.day.set_target(pegawai_id, day)
        self.tabs.setCurrentWidget(self.day)
        self.day.table.setFocus()

    def open_item(self, payload: object) -> None:
        """Open a day: an ISO date (mine), or ``{"pegawai_id", "tanggal"}``."""
        if isinstance(payload, str):
            self.show_day(dt.date.fromisoformat(payload))
        elif isinstance(payload, dict):
            self.open_person_day(
                str(payload["pegawai_id"]), dt.date.fromisoformat(payload["tanggal"])
            )

    def _data_changed(self, area: str) -> None:
        if area in {"people", "skp", "settings", "*"}:
            self._actor_changed()
        elif area == "harian":
            self.team.reload()
            self.leave.reload()
