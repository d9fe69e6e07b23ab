"""Settings: office rules chosen on screen are stored through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.settings.screen import SettingsScreen
from tests.factories import Office


def test_office_rules_are_saved(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    admin = office.admin.actor
    screen = SettingsScreen(AppContext(db, home, admin))
    qtbot.addWidget(screen)
    screen.show()
    screen.paper.setCurrentIndex(screen.paper.findData("F4"))
    screen.ritme.setCurrentIndex(screen.ritme.findData(Ritme.SEMESTERAN.value))
    screen.rounding.setCurrentIndex(screen.rounding.findData("floor"))
    assert printing.paper_size(db, actor=admin) == "F4"
    assert monitoring.get_ritme(db, actor=admin, tahun=dt.date.today().year) is Ritme.SEMESTERAN
    assert distribution.get_pembulatan(db, actor=admin) is distribution.Pembulatan.FLOOR
    screen.grab().save(str(artifacts / "settings-screen.png"))


def test_rules_are_read_only_for_a_pegawai(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    screen = SettingsScreen(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(screen)
    assert not screen.paper.isEnabled()
    assert not screen.ritme.isEnabled()
    assert screen.language.isEnabled()


def test_home_items_open_the_accounts_and_backups_tabs(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    screen = SettingsScreen(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(screen)
    screen.open_item("backups")
    assert screen.tabs.currentIndex() == 2
    screen.open_item("accounts")
    assert screen.tabs.currentIndex() == 1
