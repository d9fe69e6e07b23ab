"""Settings: the language of the program (each user's choice on this PC), the office's
identity, and the office-wide rules: paper of printed forms, the periodic evaluation rhythm
of a year, and the rounding rule of the distribution check; then the accounts and backups
tabs, and the office's working-day calendar of the daily log. Services refuse what the actor
may not change; the controls are only enabled for the performance administrator."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import LANGUAGES, _, current_language
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.services.admin import office
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.ui.accounts.accounts_panel import AccountsPanel, BackupsPanel
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.harian.calendar_panel import OfficeCalendarPanel
from kinerja_desktop.ui.layout import compact_combos
from kinerja_desktop.ui.messages import show_error


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        general = self._general_box()
        identity = self._identity_box()
        rules = self._rules_box()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(general)
        page_layout.addWidget(identity)
        page_layout.addWidget(rules)
        page_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, _("General"))
        self.tabs.addTab(AccountsPanel(ctx), _("Accounts"))
        self.tabs.addTab(BackupsPanel(ctx), _("Backups"))
        self.calendar = OfficeCalendarPanel(ctx)
        self.tabs.addTab(self.calendar, _("Office calendar"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        compact_combos(self)

    def _general_box(self) -> QGroupBox:
        """The program's own settings: the language."""
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        general = QGroupBox(_("Program"))
        general_form = QFormLayout(general)
        general_form.addRow(_("Language"), self.language)
        general_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return general

    def _identity_box(self) -> QGroupBox:
        """What identifies this office and install (read only)."""
        info = office.office_info(self.ctx.db, actor=self.ctx.actor)
        identity = QGroupBox(_("This office"))
        identity_form = QFormLayout(identity)
        identity_form.addRow(_("Agency (instansi)"), QLabel(info.instansi_nama or _("(not set)")))
        identity_form.addRow(_("City"), QLabel(info.kota or _("(not set)")))
        identity_form.addRow(_("Install id"), QLabel(info.install_id))
        folder = QLabel(str(self.ctx.home.root))
        folder.setWordWrap(True)
        identity_form.addRow(_("Data folder"), folder)
        identity_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return identity

    def _rules_box(self) -> QGroupBox:
        """The office rules (the pengelola kinerja changes them): paper, rhythm, rounding, development-need score."""
        rules = QGroupBox(_("Office rules"))
        rules_form = QFormLayout(rules)
        self.paper = QComboBox()
        self.paper.addItem(_("A4 (210 x 297 mm)"), "A4")
        self.paper.addItem(_("F4 (215 x 330 mm)"), "F4")
        self.paper.setCurrentIndex(
            max(self.paper.findData(printing.paper_size(self.ctx.db, actor=self.ctx.actor)), 0)
        )
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        rules_form.addRow(_("Paper of printed forms"), self.paper)
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(self._load_ritme)
        self.ritme = QComboBox()
        for ritme in Ritme:
            self.ritme.addItem(label(ritme), ritme.value)
        self.ritme.currentIndexChanged.connect(self._ritme_chosen)
        rules_form.addRow(_("Year"), self.year)
        rules_form.addRow(_("Periodic evaluation rhythm"), self.ritme)
        self.rounding = QComboBox()
        for rule in distribution.Pembulatan:
            self.rounding.addItem(distribution.pembulatan_label(rule), rule.value)
        current_rule = distribution.get_pembulatan(self.ctx.db, actor=self.ctx.actor)
        self.rounding.setCurrentIndex(self.rounding.findData(current_rule.value))
        self.rounding.currentIndexChanged.connect(self._rounding_chosen)
        rules_form.addRow(_("Rounding of distribution limits"), self.rounding)
        self.weak_score = QSpinBox()
        self.weak_score.setRange(0, 5)
        self.weak_score.setSpecialValueText(_("off"))
        self.weak_score.setValue(development.get_weak_score(self.ctx.db, actor=self.ctx.actor))
        self.weak_score.setToolTip(
            _("The office's rule, not the regulation's: B.1.9 scores at or below this value "
              "are suggested as development needs.")
        )  # fmt: skip
        self.weak_score.valueChanged.connect(self._weak_score_chosen)
        rules_form.addRow(_("Office rule: development need at B.1.9 score ≤"), self.weak_score)
        admin = self.ctx.actor.is_pengelola or self.ctx.actor.is_system
        for widget in (self.paper, self.ritme, self.rounding, self.weak_score):
            widget.setEnabled(admin)
        self._load_ritme()
        rules_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return rules

    def open_item(self, payload: object) -> None:
        """Show a tab by name: ``"accounts"`` or ``"backups"`` (from the home screen)."""
        index = {"accounts": 1, "backups": 2}.get(str(payload))
        if index is not None:
            self.tabs.setCurrentIndex(index)

    def _load_ritme(self) -> None:
        ritme = monitoring.get_ritme(self.ctx.db, actor=self.ctx.actor, tahun=self.year.value())
        self.ritme.blockSignals(True)
        self.ritme.setCurrentIndex(self.ritme.findData(ritme.value))
        self.ritme.blockSignals(False)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        if code != current_language():
            switch = getattr(self.window(), "switch_language", None)
            if switch is not None:
                switch(code)

    def _paper_chosen(self) -> None:
        try:
            printing.set_paper_size(
                self.ctx.db, actor=self.ctx.actor, paper=self.paper.currentData()
            )
        except Exception as error:
            show_error(self, error)
            return

    def _ritme_chosen(self) -> None:
        try:
            monitoring.set_ritme(
                self.ctx.db,
                actor=self.ctx.actor,
                tahun=self.year.value(),
                ritme=Ritme(self.ritme.currentData()),
            )
        except Exception as error:
            show_error(self, error)
            self._load_ritme()
            return

    def _rounding_chosen(self) -> None:
        try:
            distribution.set_pembulatan(
                self.ctx.db, actor=self.ctx.actor, rule=self.rounding.currentData()
            )
        except Exception as error:
            show_error(self, error)
            return

    def _weak_score_chosen(self) -> None:
        try:
            development.set_weak_score(
                self.ctx.db, actor=self.ctx.actor, skor=self.weak_score.value()
            )
        except Exception as error:
            show_error(self, error)
