"""Choosing a unit and a period, the same on every screen that shows a unit's figures for a
period (the monitoring board, the unit distribution, the hand-over to SIASN) or a person's
period (monitoring, evaluation).

``UnitChooser`` lists the units the acting user may look at (``unit_scope.viewable_units``:
every unit for the pengelola, the units a leader heads and those below, a supervisor's own
unit) as their tree (``ui.units``), keeping the unit chosen across refills. ``PeriodChooser``
is the year and the periods of that year by the office's rhythm (then the year itself),
opening on the period under way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from kinerja_desktop.i18n import _
from kinerja_desktop.services.core import unit_scope
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.units import unit_choices


class UnitChooser(QComboBox):
    """The units the acting user may look at, as a tree; ``unit_changed`` carries the code
    of the unit chosen by the user or by ``select_unit`` (not by a refill keeping it)."""

    unit_changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._leading = 0
        self.setMinimumWidth(200)
        self.currentIndexChanged.connect(lambda _i: self.unit_changed.emit(self.currentData()))

    def fill(self, *, leading: Iterable[tuple[str, str]] = ()) -> None:
        """(Re)list ``leading`` choices (text, code) and the viewable units, keeping the one
        chosen when it is still listed."""
        keep = self.currentData()
        actor = self.ctx.actor
        allowed = {u.kode for u in unit_scope.viewable_units(self.ctx.db, actor=actor)}
        was_blocked = self.blockSignals(True)
        self.clear()
        for text, kode in leading:
            self.addItem(text, kode)
        self._leading = self.count()
        for text, kode in unit_choices(self.ctx.db, actor=actor, only=allowed):
            self.addItem(text, kode)
        self.setCurrentIndex(max(self.findData(keep), 0) if keep is not None else 0)
        self.blockSignals(was_blocked)

    @property
    def available(self) -> bool:
        """Whether the acting user may look at any unit."""
        return self.count() > self._leading

    def select_unit(self, kode: str) -> bool:
        index = self.findData(kode)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0


class PeriodChooser(QWidget):
    """Year and period. ``period_changed`` carries the period code chosen (by the user, by
    ``set_period`` or because the year or the rhythm changed)."""

    period_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.period = QComboBox()
        self.period.setMinimumWidth(160)
        year_label, period_label = QLabel(_("Year:")), QLabel(_("Period:"))
        year_label.setBuddy(self.year)
        period_label.setBuddy(self.period)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (year_label, self.year, period_label, self.period):
            row.addWidget(widget)
        self.year.valueChanged.connect(lambda _v: self.refill())
        self.period.currentIndexChanged.connect(lambda _i: self._emit())
        self._shown = ""
        self.refill()

    @property
    def periode(self) -> str:
        """The period code chosen ("" when the year has none)."""
        return str(self.period.currentData() or "")

    def refill(self) -> None:
        """List the periods of the year shown (after a change of year or rhythm), keeping
        the one chosen if it is still listed, else the period under way."""
        db, actor = self.ctx.db, self.ctx.actor
        current = monitoring.current_period(db, actor=actor).code
        keep = self.periode or current
        self.period.blockSignals(True)
        self.period.clear()
        for period in monitoring.periods(db, actor=actor, tahun=self.year.value()):
            self.period.addItem(period.label(), period.code)
        index = self.period.findData(keep)
        self.period.setCurrentIndex(index if index >= 0 else max(self.period.findData(current), 0))
        self.period.blockSignals(False)
        self._emit()

    def set_period(self, code: str) -> None:
        """Show period ``code`` (switching the year when needed)."""
        if int(code[:4]) != self.year.value():
            self.year.setValue(int(code[:4]))
        index = self.period.findData(code)
        if index >= 0:
            self.period.setCurrentIndex(index)

    def _emit(self) -> None:
        if self.periode != self._shown:
            self._shown = self.periode
            self.period_changed.emit(self.periode)
