"""Evaluation: per period and for the year, the people I evaluate (and my own line), the
evaluation form (ratings, predikat, angka kredit, catatan, finalize, amend with a reason and
the history), and a unit's distribution against the pola distribusi with its chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation.evaluation_tab import EvaluationTab
from kinerja_desktop.ui.widgets.lazy_page import LazyPage
from kinerja_desktop.ui.widgets.unit_period import PeriodChooser

if TYPE_CHECKING:
    from kinerja_desktop.ui.evaluation.distribution_tab import DistributionTab
    from kinerja_desktop.ui.evaluation.siasn_tab import SiasnTab


class EvaluationScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periods = PeriodChooser(ctx)
        self.year, self.period = self.periods.year, self.periods.period
        self.periods.period_changed.connect(lambda _p: self._period_changed())
        self.evaluation = EvaluationTab(ctx)
        # The other tabs are made when first shown: the area opens with the evaluation alone.
        self.distribution_page = LazyPage(self._make_distribution)
        self.siasn_page = LazyPage(self._make_siasn)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.evaluation, _("Evaluation"))
        self.tabs.addTab(self.distribution_page, _("Unit distribution"))
        self.tabs.addTab(self.siasn_page, _("Serah ke SIASN"))
        self.tabs.setTabVisible(2, ctx.actor.is_pengelola)
        bar = QHBoxLayout()
        bar.addWidget(self.periods)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self._actor_changed)
        self._period_changed()

    @property
    def periode(self) -> str:
        return self.periods.periode or str(self.year.value())

    def set_period(self, code: str) -> None:
        """Show period ``code`` (switching the year when needed)."""
        self.periods.set_period(code)

    @property
    def distribution(self) -> DistributionTab:
        return self.distribution_page.widget()

    @property
    def siasn(self) -> SiasnTab:
        return self.siasn_page.widget()

    def _make_distribution(self) -> DistributionTab:
        from kinerja_desktop.ui.evaluation import distribution_tab

        tab = distribution_tab.DistributionTab(self.ctx)
        tab.set_period(self.periode)
        return tab

    def _make_siasn(self) -> SiasnTab:
        from kinerja_desktop.ui.evaluation import siasn_tab

        tab = siasn_tab.SiasnTab(self.ctx)
        tab.set_period(self.periode)
        return tab

    def _period_changed(self) -> None:
        self.evaluation.set_period(self.periode)
        for page in (self.distribution_page, self.siasn_page):
            if page.built is not None:
                page.built.set_period(self.periode)

    def _data_changed(self, area: str) -> None:
        if area == "settings":
            self.periods.refill()
        elif area in {"evaluation", "monitoring", "people", "skp"}:
            self.reload()

    def _actor_changed(self) -> None:
        distribution, siasn = self.distribution_page.built, self.siasn_page.built
        if distribution is not None:
            distribution.units_changed()
        if siasn is not None:
            siasn.fill_units()
            siasn.reload()
        self.tabs.setTabVisible(2, self.ctx.actor.is_pengelola)
        self.evaluation.reload()

    def reload(self) -> None:
        self.evaluation.reload()
        distribution, siasn = self.distribution_page.built, self.siasn_page.built
        if distribution is not None:
            distribution.refresh()
        if siasn is not None:
            siasn.reload()

    def open_item(self, payload: object) -> None:
        """Open a person's evaluation: ``pegawai_id`` or ``{"pegawai_id", "periode"}``."""
        if isinstance(payload, dict):
            if payload.get("periode"):
                self.set_period(str(payload["periode"]))
            pegawai_id = payload.get("pegawai_id")
        else:
            pegawai_id = payload
        if isinstance(pegawai_id, str):
            self.tabs.setCurrentWidget(self.evaluation)
            self.evaluation.open_person(pegawai_id)
