"""The first-start wizard on an empty database: language, office, administrator, and master
data from a CSV units file and an XLSX people sheet (with a refused CSV first), ending logged
in as the administrator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from kinerja_desktop import preferences
from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import current_language
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, office, vault
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui import tasks
from kinerja_desktop.ui.setup import wizard as wizard_module
from kinerja_desktop.ui.setup.wizard import SetupWizard
from tests.factories import headcount, make_office
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]

UNITS = "kode;nama;induk_kode\nDISDUK;Dinas Kependudukan;\nBID1;Bidang Pelayanan;DISDUK\n"
PEOPLE = (
    "nip;nama;golongan;unit_kode;penilai_nip\n"
    "197505202000121001;Bambang Sutrisno;IV/c;DISDUK;\n"
    "199003152015032002;Dewi Lestari;III/b;BID1;197505202000121001\n"
)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Errors the background task would show in a message box, collected instead."""
    seen: list[str] = []
    monkeypatch.setattr(tasks, "show_error", lambda _p, error, *_a: seen.append(str(error)))
    monkeypatch.setattr(wizard_module, "show_error", lambda _p, error, *_a: seen.append(str(error)))
    return seen


def next_page(qtbot: QtBot, wizard: SetupWizard) -> None:
    wizard.next()
    qtbot.wait(10)


def past_account_pages(
    qtbot: QtBot, wizard: SetupWizard, *, password: str, username: str | None = None
) -> None:
    """From the administrator page: fill it, then confirm the recovery key was kept; the
    data page comes next."""
    if username is not None:
        wizard.admin_page.username.setText(username)
    wizard.admin_page.password.setText(password)
    wizard.admin_page.repeat.setText(password)
    next_page(qtbot, wizard)
    wizard.recovery_page.confirm.setChecked(True)
    next_page(qtbot, wizard)


def test_first_start_with_spreadsheet_master_data(
    qtbot: QtBot, db: Database, home: DataHome, tmp_path: Path, artifacts: Path,
    shown_errors: list[str],
) -> None:  # fmt: skip
    wizard = SetupWizard(db, home)
    qtbot.addWidget(wizard)
    wizard.show()
    # Language: English chosen, remembered in the preferences.
    page = wizard.language_page
    page.language.setCurrentIndex(page.language.findData("en"))
    assert current_language() == "en"
    assert preferences.language(home.settings_file) == "en"
    next_page(qtbot, wizard)
    # Office: the name is required; the service's message stays on the page.
    office_page = wizard.office_page
    office_page.kode.setText("PEMKAB-CTH")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is office_page and office_page.error.isVisible()
    office_page.nama.setText("Pemerintah Kabupaten Contoh")
    office_page.kota.setText("Contoh")
    wizard.grab().save(str(artifacts / "setup_wizard_office.png"))
    next_page(qtbot, wizard)
    assert office.office_info(db, actor=SYSTEM).instansi_nama == "Pemerintah Kabupaten Contoh"
    # Administrator: passwords must match.
    admin = wizard.admin_page
    admin.password.setText("admin-pass-1")
    admin.repeat.setText("admin-pass-2")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is admin and admin.error.isVisible()
    admin.repeat.setText("admin-pass-1")
    next_page(qtbot, wizard)
    assert wizard.actor is not None and Role.PENGELOLA in wizard.actor.roles
    assert accounts.has_accounts(db)
    # The database is now encrypted; its recovery key is shown once and must be noted.
    assert db.encrypted and vault.is_encrypted(home)
    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    assert recovery.key.text() == wizard.recovery_key and len(recovery.key.text()) == 39
    assert not recovery.isComplete()
    wizard.grab().save(str(artifacts / "setup_wizard_recovery_key.png"))
    recovery.confirm.setChecked(True)
    next_page(qtbot, wizard)
    # Master data: a broken people file is refused with its line, then the right one lands.
    data = wizard.data_page
    assert wizard.currentPage() is data
    units = tmp_path / "unit.csv"
    units.write_text(UNITS, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(PEOPLE.replace("IV/c", "IV/z"), encoding="utf-8")
    data.from_files.setChecked(True)
    data.units_path.setText(str(units))
    data.people_path.setText(str(bad))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=10000)
    assert "bad.csv:2 [golongan]" in shown_errors[0]
    assert headcount(db) == 0
    good = tmp_path / "pegawai.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["No", "NIP Baru", "Nama Lengkap", "Gol. Ruang", "Unit Kerja", "NIP Atasan"])
    for index, line in enumerate(PEOPLE.splitlines()[1:], start=1):
        nip, nama, gol, unit, atasan = line.split(";")
        sheet.append([index, nip, nama, gol, unit, atasan])
    book.save(good)
    data.people_path.setText(str(good))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    # First the preview of what the import will do, with nothing written yet.
    qtbot.waitUntil(lambda: "2 people will be added" in data.summary.text(), timeout=10000)
    assert headcount(db) == 0
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=10000)
    wizard.grab().save(str(artifacts / "setup_wizard_done.png"))
    assert headcount(db) == 2
    dewi = people.find_by_nip(db, actor=SYSTEM, nip="199003152015032002")
    assert dewi.penilai_nama == "Bambang Sutrisno" and dewi.unit_kode == "BID1"


def test_start_empty(qtbot: QtBot, db: Database, home: DataHome, shown_errors: list[Any]) -> None:
    wizard = SetupWizard(db, home)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    wizard.office_page.kode.setText("K")
    wizard.office_page.nama.setText("Kantor")
    wizard.office_page.unit_kode.setText("U1")
    wizard.office_page.unit_nama.setText("Unit Satu")
    next_page(qtbot, wizard)
    past_account_pages(qtbot, wizard, password="boss-pass-123", username="boss")
    assert wizard.data_page.empty.isChecked()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert [u.kode for u in people.list_units(db, actor=SYSTEM)] == ["U1"]
    assert accounts.login(db, username="boss", password="boss-pass-123").actor.is_pengelola
    assert shown_errors == []


def test_a_database_that_already_holds_people_says_so(
    qtbot: QtBot, db: Database, home: DataHome, shown_errors: list[Any]
) -> None:
    """Units and people already there (a restored database): the data page says so."""
    make_office(db)
    wizard = SetupWizard(db, home)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.language_page.language.setCurrentIndex(wizard.language_page.language.findData("en"))
    next_page(qtbot, wizard)
    wizard.office_page.kode.setText("K")
    wizard.office_page.nama.setText("Kantor")
    next_page(qtbot, wizard)
    past_account_pages(qtbot, wizard, password="boss-pass-123", username="boss")
    assert wizard.currentPage() is wizard.data_page
    assert wizard.data_page.summary.text() == (
        "This database already holds people; nothing needs to be imported."
    )
    assert shown_errors == []


def test_demo_data_after_an_optional_unit_and_going_back(
    qtbot: QtBot, db: Database, home: DataHome, shown_errors: list[Any]
) -> None:
    """Problem 3 of issue 16: a unit filled in on the office page no longer blocks demo data,
    and the last page has a way back."""
    wizard = SetupWizard(db, home)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    wizard.office_page.kode.setText("K")
    wizard.office_page.nama.setText("Kantor")
    wizard.office_page.unit_kode.setText("U1")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.office_page and wizard.office_page.error.isVisible()
    wizard.office_page.unit_nama.setText("Unit Satu")
    next_page(qtbot, wizard)
    wizard.admin_page.password.setText("boss-pass-123")
    wizard.admin_page.repeat.setText("boss-pass-123")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.recovery_page
    wizard.recovery_page.confirm.setChecked(True)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.data_page
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert back.isVisible() and back.isEnabled()
    back.click()
    assert wizard.currentPage() is wizard.recovery_page
    next_page(qtbot, wizard)
    assert people.list_units(db, actor=SYSTEM) == []
    wizard.data_page.demo.setChecked(True)
    wizard.data_page.employees.setValue(wizard.data_page.employees.minimum())
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=60000)
    assert shown_errors == []
    assert headcount(db) > 0


def test_the_preview_asks_to_confirm_a_tmt_cpns_before_18(
    qtbot: QtBot, db: Database, home: DataHome, tmp_path: Path, artifacts: Path,
    shown_errors: list[str],
) -> None:  # fmt: skip
    """A NIP whose TMT CPNS lies before the 18th birthday is refused by the check; the page then
    offers a confirmation checkbox, and with it ticked the preview and the import accept it."""
    wizard = SetupWizard(db, home)
    qtbot.addWidget(wizard)
    wizard.resize(1024, 600)
    wizard.show()
    wizard.language_page.language.setCurrentIndex(wizard.language_page.language.findData("en"))
    next_page(qtbot, wizard)
    wizard.office_page.kode.setText("PEMKAB-CTH")
    wizard.office_page.nama.setText("Pemerintah Kabupaten Contoh")
    wizard.office_page.kota.setText("Contoh")
    next_page(qtbot, wizard)
    past_account_pages(qtbot, wizard, password="admin-pass-1")
    data = wizard.data_page
    assert wizard.currentPage() is data and not data.confirm_tmt.isVisible()
    units = tmp_path / "unit.csv"
    units.write_text(UNITS, encoding="utf-8")
    young = tmp_path / "pegawai.csv"  # born 15 Jan 2000, TMT CPNS Jan 2018
    young.write_text(PEOPLE + "200001152018011001;Rina Muda;II/a;BID1;\n", encoding="utf-8")
    data.from_files.setChecked(True)
    data.units_path.setText(str(units))
    data.people_path.setText(str(young))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=10000)
    assert "pegawai.csv:4 [nip]" in shown_errors[0]
    assert data.confirm_tmt.isVisible() and not data.confirm_tmt.isChecked()
    assert headcount(db) == 0
    data.confirm_tmt.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: "3 people will be added" in data.summary.text(), timeout=10000)
    assert "1 NIP" in data.summary.text() and headcount(db) == 0
    qtbot.wait(50)  # let the layout take the longer summary
    wizard.grab().save(str(artifacts / "setup_wizard_confirm_tmt.png"))
    for widget in (data.confirm_tmt, data.summary):
        corner = widget.mapTo(wizard, widget.rect().bottomRight())
        assert wizard.rect().contains(corner), widget.objectName()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=10000)
    assert headcount(db) == 3
    assert len(shown_errors) == 1
