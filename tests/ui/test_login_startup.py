"""start_session: one writer per data home, a damaged database restored from the latest good
backup, login, then the exit backup and the lock released on close."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import keyslots, security_log
from kinerja_desktop.db.lock import InstanceLock
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, audit, backup, vault
from kinerja_desktop.services.admin import office as admin_office
from kinerja_desktop.services.admin.audit import AuditFilter
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui import startup
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.login import recovery_dialog
from kinerja_desktop.ui.login.login_dialog import LoginDialog
from kinerja_desktop.ui.login.recovery_dialog import RecoverDialog
from tests.factories import Office, page_bytes
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


class AutoLogin(LoginDialog):
    """The login dialog, filled in and confirmed as soon as it runs."""

    def exec(self) -> int:
        self.username.setText("rina")
        self.password.setText("admin-pass-1")
        self.try_login()
        return int(self.result())


@pytest.fixture(autouse=True)
def _restore_hooks() -> Iterator[None]:
    """start_session installs the crash hook and the log file; later tests must not see them."""
    hooks = (sys.excepthook, threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield
    sys.excepthook, threading.excepthook = hooks
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


shown_keys: list[str] = []


@pytest.fixture
def prepared(db: Database, office: Office, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1", nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    db.close()
    monkeypatch.setattr(startup, "LoginDialog", AutoLogin)
    monkeypatch.setattr(recovery_dialog, "show_recovery_key",
                        lambda _parent, key: shown_keys.append(key))  # fmt: skip
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: messages.append(text))
    return messages


def test_second_instance_is_refused(
    qapp: QApplication, home: DataHome, prepared: list[str]
) -> None:
    with InstanceLock(home.lock_file):
        assert startup.start_session(qapp, home) is None
    assert len(prepared) == 1
    assert "already open" in prepared[0] or "sudah terbuka" in prepared[0]


def test_session_login_exit_backup_and_release(
    qtbot: QtBot, qapp: QApplication, home: DataHome, prepared: list[str], office: Office
) -> None:
    session = startup.start_session(qapp, home)
    assert session is not None and session.actor.pegawai_id == office.admin.id
    assert (home.logs / "kinerja.log").exists()
    with pytest.raises(DatabaseError, match=r"already open|sudah terbuka"):
        InstanceLock(home.lock_file).acquire()
    ctx = AppContext(session.db, home, session.actor)
    window = QMainWindow()
    qtbot.addWidget(window)
    session.attach(ctx, window)
    people.create_unit(session.db, actor=session.actor, kode="BARU", nama="Unit Baru",
                       parent_kode="DINAS")  # fmt: skip
    session.close()
    assert len([b for b in backup.list_backups(home) if b.automatic]) == 1
    InstanceLock(home.lock_file).acquire().release()


def test_damaged_database_offers_the_latest_good_backup(
    qapp: QApplication, home: DataHome, prepared: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backup.make_backup(home)
    data = bytearray(home.database.read_bytes())
    third = page_bytes(data) * 2
    data[third : third + 400] = b"\x05" * 400
    home.database.write_bytes(bytes(data))
    # The damage came with a crash: the previous program left its note in the lock file.
    home.lock_file.write_text('{"pid": 1, "purpose": "gui"}', encoding="utf-8")
    asked: list[Any] = []

    def yes(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    session = startup.start_session(qapp, home)
    assert asked and session is not None
    assert backup.check_database(home, full=True).ok
    # The damaged database is kept; the login then encrypted the data folder, and a damaged
    # file SQLite cannot export is kept sealed whole (NAME.sealed).
    assert list(home.backups.glob(f"{backup.SAFETY_PREFIX}*.sealed")) and shown_keys
    assert good.exists()
    session.close()


def test_after_a_clean_end_only_the_header_is_checked_at_login(
    qapp: QApplication, home: DataHome, prepared: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Damage inside the file, no crash before: the start does not read every page (the
    # slow part on a large database); the header is checked once the password is given,
    # nothing before the login dialog shows.
    data = bytearray(home.database.read_bytes())
    third = page_bytes(data) * 2
    data[third : third + 400] = b"\x05" * 400
    home.database.write_bytes(bytes(data))
    InstanceLock(home.lock_file).acquire().release()
    checks: list[dict[str, Any]] = []
    real = backup.check_database
    monkeypatch.setattr(backup, "check_database",
                        lambda h, **kw: checks.append(kw) or real(h, **kw))  # fmt: skip
    monkeypatch.setattr(startup, "LoginDialog", type("Quit", (LoginDialog,), {
        "exec": lambda self: int(QDialog.DialogCode.Rejected)}))  # fmt: skip
    assert startup.start_session(qapp, home) is None
    assert checks == []
    errors: list[str] = []

    class WrongPassword(LoginDialog):
        def exec(self) -> int:
            self.username.setText("rina")
            self.password.setText("not-her-password")
            self.try_login()
            errors.append(self.error.text())
            return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(startup, "LoginDialog", WrongPassword)
    assert startup.start_session(qapp, home) is None
    assert checks == [{"header_only": True}] and errors[0]
    home.database.write_bytes(b"not a database at all" * 10)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_kw: QMessageBox.StandardButton.No)  # fmt: skip
    assert startup.start_session(qapp, home) is None
    assert not backup.check_database(home, header_only=True).ok


def test_a_lock_note_left_behind_means_the_last_session_crashed(home: DataHome) -> None:
    clean = InstanceLock(home.lock_file).acquire()
    assert not clean.after_crash
    clean.release()
    home.lock_file.write_text('{"pid": 1}', encoding="utf-8")
    crashed = InstanceLock(home.lock_file).acquire()
    assert crashed.after_crash
    crashed.release()


def test_quit_at_login_releases_everything(
    qapp: QApplication, home: DataHome, prepared: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup, "LoginDialog", type("Quit", (LoginDialog,), {
        "exec": lambda self: int(QDialog.DialogCode.Rejected)}))  # fmt: skip
    assert startup.start_session(qapp, home) is None
    InstanceLock(home.lock_file).acquire().release()


def test_encrypted_data_home_logs_in_before_opening(
    qapp: QApplication, home: DataHome, prepared: list[str], office: Office
) -> None:
    """The first start encrypted the data home; the next start opens it through the login."""
    first = startup.start_session(qapp, home)
    assert first is not None and first.db.encrypted and shown_keys
    first.close()
    assert vault.is_encrypted(home) and keyslots.unlocked_key(home) is None
    session = startup.start_session(qapp, home)
    assert session is not None and session.db.encrypted
    assert session.actor.pegawai_id == office.admin.id
    assert backup.check_database(home, full=True).ok
    session.close()
    InstanceLock(home.lock_file).acquire().release()


def test_encrypted_data_home_wrong_password_stays_at_login(
    qapp: QApplication, home: DataHome, prepared: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = startup.start_session(qapp, home)
    assert first is not None
    first.close()
    seen: list[str] = []

    class WrongThenQuit(LoginDialog):
        def exec(self) -> int:
            self.username.setText("rina")
            self.password.setText("not-her-password")
            self.try_login()
            seen.append(self.error.text())
            return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(startup, "LoginDialog", WrongThenQuit)
    tried = dt.datetime.now(dt.UTC)
    assert startup.start_session(qapp, home) is None
    assert seen and seen[0] and keyslots.unlocked_key(home) is None
    assert security_log.path_of(home).exists()
    # The next good login writes the attempt into the audit log, at its own time.
    monkeypatch.setattr(startup, "LoginDialog", AutoLogin)
    session = startup.start_session(qapp, home)
    assert session is not None and not security_log.path_of(home).exists()
    rows = audit.list_entries(session.db, actor=SYSTEM, flt=AuditFilter(
        table_name=audit.SUBJECT_SESSION))  # fmt: skip
    failed = [r for r in rows if r.action == audit.EVENT_LOGIN_FAILED]
    assert len(failed) == 1 and (failed[0].after or {})["username"] == "rina"
    assert tried <= failed[0].at < min(r.at for r in rows if r.action == audit.EVENT_LOGIN
                                       and r.at > tried)  # fmt: skip
    session.close()
    InstanceLock(home.lock_file).acquire().release()


def test_a_pegawai_login_leaves_a_plain_data_home_for_the_administrator(
    qapp: QApplication, home: DataHome, prepared: list[str], office: Office,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The recovery key opens everything: only an administrator's login encrypts (and sees it)."""
    db, _migration = open_home(home)
    accounts.create_account(db, actor=SYSTEM, username="dewi", password="dewi-pass-12",
                            nip=office.staf.nip, must_change_password=False)  # fmt: skip
    db.close()

    class DewiLogin(LoginDialog):
        def exec(self) -> int:
            self.username.setText("dewi")
            self.password.setText("dewi-pass-12")
            self.try_login()
            return int(self.result())

    monkeypatch.setattr(startup, "LoginDialog", DewiLogin)
    shown_keys.clear()
    session = startup.start_session(qapp, home)
    assert session is not None and not session.db.encrypted and shown_keys == []
    session.close()
    assert not vault.is_encrypted(home)


def test_recovery_key_from_the_login_dialog(
    qtbot: QtBot, qapp: QApplication, home: DataHome, prepared: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    first = startup.start_session(qapp, home)
    assert first is not None
    first.close()
    recovery_key = shown_keys[-1]
    dialog = LoginDialog(None, opener=startup._encrypted_opener(home), home=home)
    qtbot.addWidget(dialog)
    errors: list[str] = []

    def fill(self: RecoverDialog) -> int:
        self.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        self.username.setText("rina")
        self.password.setText("fresh-pass-123")
        self.repeat.setText("fresh-pass-123")
        self.try_recover()
        errors.append(self.error.text())
        self.key.setText(recovery_key)
        self.try_recover()
        return int(self.result())

    monkeypatch.setattr(RecoverDialog, "exec", fill)
    dialog.recover_button.click()
    assert errors[0] and dialog.username.text() == "rina" and dialog.error.text()
    outcome = vault.login(home, username="rina", password="fresh-pass-123")
    assert outcome.result.must_change_password
    outcome.db.close()


def test_the_benchmark_start_goes_the_real_path_to_the_login_dialog(
    qapp: QApplication, home: DataHome, db: Database, office: Office,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from kinerja_desktop.ui.application import run_gui

    accounts.create_account(db, actor=SYSTEM, username="rina", password="admin-pass-1",
                            nip=office.admin.nip, roles={Role.PENGELOLA})  # fmt: skip
    db.close()
    assert run_gui(home, benchmark_started=time.perf_counter()) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("=")[0] for line in lines] == ["shown_after_ms", "login_after_ms"]
    shown, login = (float(line.split("=")[1]) for line in lines)
    assert 0 < shown <= login
    # The real path: the lock was taken and released again, the log written.
    InstanceLock(home.lock_file).acquire().release()
    assert any(home.logs.iterdir())


# What must not be loaded before the login dialog shows: the data layer, the crypto
# libraries, the forms and spreadsheets, the icon font, the wizard (all loaded later).
HEAVY = ("sqlalchemy", "kinerja_desktop.models", "argon2", "cryptography", "alembic",
         "reportlab", "openpyxl", "qtawesome", "pypdfium2",
         "kinerja_desktop.services.admin.accounts")  # fmt: skip
WIZARD = "kinerja_desktop.ui.setup.wizard"  # not even imported before the login dialog

LOGIN_FIRST = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QLabel
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui import startup

heavy = sys.argv[2].split(",")
seen = {}


class Look(startup.LoginDialog):
    def exec(self):
        seen["loaded"] = sorted(m for m in heavy if m in sys.modules)
        seen["labels"] = [label.text() for label in self.findChildren(QLabel)]
        return 0


startup.LoginDialog = Look
app = QApplication([])
quit_at_login = startup.start_session(app, DataHome(Path(sys.argv[1]))) is None
print(json.dumps({"quit": quit_at_login, **seen}))
"""


WIZARD_FIRST = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui import startup
from kinerja_desktop.ui.setup import wizard

heavy = sys.argv[2].split(",")
seen = {}


def look(self):
    seen["loaded"] = sorted(m for m in heavy if m in sys.modules)
    seen["opened"] = self.opened_db() is not None
    return 0


wizard.SetupWizard.exec = look
app = QApplication([])
quit_in_wizard = startup.start_session(app, DataHome(Path(sys.argv[1]))) is None
print(json.dumps({"quit": quit_in_wizard, **seen}))
"""


def _fresh(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_login_dialog_shows_before_the_data_layer_is_loaded(
    home: DataHome, db: Database, office: Office
) -> None:
    accounts.create_account(db, actor=SYSTEM, username="rina", password="admin-pass-1",
                            nip=office.admin.nip, roles={Role.PENGELOLA})  # fmt: skip
    name = admin_office.office_info(db, actor=SYSTEM).instansi_nama
    db.close()
    seen = _fresh(LOGIN_FIRST, str(home.root), ",".join((*HEAVY, WIZARD)))
    assert seen["quit"] and seen["loaded"] == []
    assert name and name in seen["labels"]  # the office's name, read without them


@pytest.mark.parametrize("database", ["none yet", "without accounts"])
def test_the_first_start_wizard_shows_before_the_data_layer_is_loaded(
    database: str, home: DataHome, request: pytest.FixtureRequest
) -> None:
    if database == "without accounts":
        request.getfixturevalue("db").close()
    assert home.database.exists() == (database == "without accounts")
    seen = _fresh(WIZARD_FIRST, str(home.root), ",".join(HEAVY))
    assert seen["quit"] and seen["loaded"] == [] and not seen["opened"]
    InstanceLock(home.lock_file).acquire().release()


def test_the_modules_of_the_start_path_load_no_heavy_library() -> None:
    probe = (
        "import json, sys\n"
        "import kinerja_desktop.app, kinerja_desktop.ui.application, kinerja_desktop.ui.startup\n"
        "import kinerja_desktop.ui.login.login_dialog, kinerja_desktop.services.admin.startup\n"
        "import kinerja_desktop.ui.setup.wizard\n"
        f"print(json.dumps({{'loaded': [m for m in {HEAVY!r} if m in sys.modules]}}))\n"
    )
    assert _fresh(probe)["loaded"] == []


def test_first_start_wizard_opens_the_database_at_its_office_page(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh data home: the wizard shows with nothing opened, creates the database when the
    office page is shown, and the session goes on with the new administrator."""
    from kinerja_desktop.ui.setup import wizard as wizard_module

    home = DataHome(tmp_path / "fresh")
    opened_on: list[str] = []

    def run(self: wizard_module.SetupWizard) -> int:
        assert self.opened_db() is None and not home.database.exists()
        self.show()
        self.next()
        opened_on.append(type(self.currentPage()).__name__)
        assert self.opened_db() is not None and home.database.exists()
        self.office_page.kode.setText("PEMKAB-CTH")
        self.office_page.nama.setText("Pemerintah Kabupaten Contoh")
        self.next()
        self.admin_page.password.setText("admin-pass-1")
        self.admin_page.repeat.setText("admin-pass-1")
        self.next()
        self.recovery_page.confirm.setChecked(True)
        self.next()
        self.data_page.empty.setChecked(True)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(wizard_module.SetupWizard, "exec", run)
    session = startup.start_session(qapp, home)
    assert opened_on == ["OfficePage"]
    assert session is not None and session.actor.is_pengelola and session.db.encrypted
    assert admin_office.office_info(session.db, actor=SYSTEM).instansi_nama == (
        "Pemerintah Kabupaten Contoh"
    )
    session.close()
    InstanceLock(home.lock_file).acquire().release()


def test_first_start_wizard_quit_before_the_office_page_opens_nothing(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kinerja_desktop.ui.setup import wizard as wizard_module

    home = DataHome(tmp_path / "fresh")
    monkeypatch.setattr(wizard_module.SetupWizard, "exec", lambda self: 0)
    assert startup.start_session(qapp, home) is None
    assert not home.database.exists()
    InstanceLock(home.lock_file).acquire().release()


def test_a_database_the_first_look_cannot_read_is_opened_before_the_login(
    qapp: QApplication, home: DataHome, prepared: list[str], office: Office,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Without the first look (e.g. a file the standard library's sqlite3 cannot read), the
    start checks and opens the database first, then asks for the login as before."""
    from kinerja_desktop.services.admin import startup as admin_startup

    monkeypatch.setattr(admin_startup, "first_look", lambda _home: None)
    shown_keys.clear()
    session = startup.start_session(qapp, home)
    assert session is not None and session.actor.pegawai_id == office.admin.id
    assert session.db.encrypted and shown_keys  # the administrator's login encrypted it
    session.close()
    InstanceLock(home.lock_file).acquire().release()


def test_without_the_first_look_a_database_without_accounts_goes_to_the_wizard(
    qapp: QApplication, home: DataHome, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kinerja_desktop.services.admin import startup as admin_startup
    from kinerja_desktop.ui.setup import wizard as wizard_module

    db.close()
    given: list[bool] = []

    def quit_wizard(self: wizard_module.SetupWizard) -> int:
        given.append(self.opened_db() is not None)  # opened before the wizard here
        return 0

    monkeypatch.setattr(admin_startup, "first_look", lambda _home: None)
    monkeypatch.setattr(wizard_module.SetupWizard, "exec", quit_wizard)
    assert startup.start_session(qapp, home) is None
    assert given == [True]
    InstanceLock(home.lock_file).acquire().release()
