"""Settings: the language of the program (each user's choice on this PC) and the office's
identity. Office-wide rules of other areas add their own groups here."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from kinerja_desktop.i18n import LANGUAGES, _, current_language
from kinerja_desktop.services import office
from kinerja_desktop.ui.context import AppContext


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        general = QGroupBox(_("Program"))
        general_form = QFormLayout(general)
        general_form.addRow(_("Language"), self.language)
        info = office.office_info(ctx.db, actor=ctx.actor)
        identity = QGroupBox(_("This office"))
        identity_form = QFormLayout(identity)
        identity_form.addRow(_("Agency (instansi)"), QLabel(info.instansi_nama or _("(not set)")))
        identity_form.addRow(_("City"), QLabel(info.kota or _("(not set)")))
        identity_form.addRow(_("Install id"), QLabel(info.install_id))
        identity_form.addRow(_("Data folder"), QLabel(str(ctx.home.root)))
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(general)
        self.layout_.addWidget(identity)
        self.layout_.addStretch(1)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        if code != current_language():
            window = self.window()
            switch = getattr(window, "switch_language", None)
            if switch is not None:
                switch(code)
