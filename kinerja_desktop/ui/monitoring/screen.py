"""Monitoring: a person's period (rencana aksi, realisasi and evidence, self-assessment,
feedback threads) and, for supervisors and the administrator, the board of who is late."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.monitoring.board import TEAM_BOARD
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout, group
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.monitoring.board_panel import BoardPanel
from kinerja_desktop.ui.monitoring.period_panel import PeriodPanel
from kinerja_desktop.ui.monitoring.phrases_dialog import PhrasesDialog
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, person_by_id, team_people
from kinerja_desktop.ui.widgets.unit_period import PeriodChooser


class MonitoringScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = PersonPicker(name="monitoringPerson")
        self.person.person_changed.connect(lambda _p: self._target_changed())
        self.periods = PeriodChooser(ctx)
        self.year, self.period = self.periods.year, self.periods.period
        self.periods.period_changed.connect(lambda _p: self._target_changed())
        self.year.valueChanged.connect(lambda _v: self._show_ritme())
        self.ritme = QComboBox()
        for value in Ritme:
            self.ritme.addItem(label(value), value)
        self.ritme.setToolTip(_("The office's periodic evaluation rhythm for this year"))
        self.ritme.activated.connect(lambda _i: self.set_ritme(self.ritme.currentData()))
        self.ritme_label = QLabel(_("Rhythm:"))
        self.phrases_button = QPushButton(_("Standard phrases…"))
        self.phrases_button.clicked.connect(self.edit_phrases)
        self.sheet = PeriodPanel(ctx)
        self.board = BoardPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sheet, _("Period of a person"))
        self.tabs.addTab(self.board, _("Who is late (board)"))
        bar = FlowLayout()
        bar.addWidget(group(_("Person:"), self.person))
        bar.addWidget(self.periods)
        self.ritme_group = group(self.ritme_label, self.ritme)
        bar.addWidget(self.ritme_group)
        bar.addWidget(self.phrases_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self._actor_changed)
        self._actor_changed()

    @property
    def periode(self) -> str:
        return self.periods.periode

    def _actor_changed(self) -> None:
        actor = self.ctx.actor
        self.phrases_button.setVisible(actor.is_pengelola)
        self.ritme_group.setVisible(actor.is_pengelola)
        self._fill_people()
        self.board.fill_units()
        self.tabs.setTabVisible(1, self.board.available)
        self._show_ritme()
        self.periods.blockSignals(True)
        self.periods.refill()
        self.periods.blockSignals(False)
        self._target_changed()

    def _fill_people(self, extra: str | None = None) -> None:
        me = self.ctx.actor.pegawai_id
        self.person.blockSignals(True)
        self.person.set_people(
            team_people(self.ctx), leading=[(_("Myself"), me)] if me else [],
        )  # fmt: skip
        if extra and self.person.findData(extra) < 0:
            found = person_by_id(self.ctx, extra)
            if found is not None:
                self.person.add_person(found)
        if extra:
            self.person.select(extra)
        self.person.blockSignals(False)

    def _show_ritme(self) -> None:
        ritme = monitoring.get_ritme(self.ctx.db, actor=self.ctx.actor, tahun=self.year.value())
        self.ritme.setCurrentIndex(self.ritme.findData(ritme))

    def set_ritme(self, ritme: Ritme) -> None:
        """Choose the rhythm of the shown year (pengelola); the periods follow from it."""
        try:
            monitoring.set_ritme(
                self.ctx.db, actor=self.ctx.actor, tahun=self.year.value(), ritme=ritme
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self._show_ritme()
        self.periods.refill()

    def set_period(self, code: str) -> None:
        self.periods.set_period(code)

    def _target_changed(self) -> None:
        self.sheet.set_target(self.person.currentData(), self.periode)
        self.board.set_period(self.periode)

    def _data_changed(self, area: str) -> None:
        if area in {"people", "skp", "settings"}:
            self._actor_changed()
        elif area in {"monitoring", "evaluation"}:
            self.board.reload()

    def open_item(self, payload: object) -> None:
        """Open a person's period: a pegawai id, or ``{"pegawai_id", "periode"}``; or the
        team's board (``TEAM_BOARD``) showing who still misses something."""
        if payload == TEAM_BOARD:
            self.board.only_missing.setChecked(True)
            self.tabs.setCurrentWidget(self.board)
            return
        pegawai_id = payload.get("pegawai_id") if isinstance(payload, dict) else payload
        if isinstance(payload, dict) and payload.get("periode"):
            self.set_period(str(payload["periode"]))
        if isinstance(pegawai_id, str):
            self._fill_people(extra=pegawai_id)
            self.tabs.setCurrentWidget(self.sheet)
            self._target_changed()

    def edit_phrases(self) -> None:
        PhrasesDialog(self.ctx, self).exec()
