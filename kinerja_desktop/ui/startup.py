"""Starting a session of the GUI: everything between "the program starts" and "the main
window opens", and the orderly end.

``start_session(app, home)`` in this order:

1. the rotating log file and the crash dialog (``logging_setup``, ``ui.crash``);
2. the data home's lock: a second program on the same data home is refused with a message;
3. the check of the database: its header always; SQLite's ``quick_check`` only when the
   previous session did not end cleanly (``InstanceLock.after_crash``), since it reads the
   whole file (seconds on a large database with a cold file cache) and damage comes from
   crashes and power losses; a damaged database offers the latest good backup, which is
   restored only after it passed its own full check;
4. ``open_home``: migrations (after a backup) and the database;
5. the first-start wizard when no account exists yet, otherwise the login dialog.

An encrypted data home (``services/admin/vault.py``) cannot be checked or opened before the
password opened its key, so there the login dialog comes first and runs steps 3 and 4 with
the key. A plain data home that already has accounts (made before encryption existed) is
encrypted at the first login of an administrator, after a backup, and the recovery key is
shown to them once.

It returns a ``Session`` (or None when the person quit or the data home cannot be used).
The caller builds its ``AppContext`` and main window, then calls ``session.attach(ctx,
window)`` (inactivity lock, automatic backups) and, when the application ends,
``session.close()`` (the backup on exit, the database closed, the lock released).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.errors import DatabaseError, KinerjaError
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.logging_setup import setup_logging
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, backup, office, vault
from kinerja_desktop.services.core.database import Database, InstanceLock, MigrationResult
from kinerja_desktop.ui.backup_timer import BackupTimer
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.crash import install_excepthook
from kinerja_desktop.ui.login.login_dialog import LoginDialog
from kinerja_desktop.ui.login.recovery_dialog import show_recovery_key
from kinerja_desktop.ui.login.session_lock import DEFAULT_MINUTES, InactivityLock
from kinerja_desktop.ui.setup.wizard import SetupWizard

log = logging.getLogger(__name__)


@dataclass
class Session:
    """An open data home with a logged-in user, until ``close``."""

    home: DataHome
    db: Database
    actor: Actor
    lock: InstanceLock
    migration: MigrationResult
    log_path: Path
    backups: BackupTimer
    inactivity: InactivityLock | None = field(default=None)

    def attach(self, ctx: AppContext, window: QWidget, lock_minutes: int = DEFAULT_MINUTES) -> None:
        """Start the inactivity lock on ``window`` and the automatic backups."""
        self.inactivity = InactivityLock(ctx, window, lock_minutes)
        self.backups.start()

    def close(self) -> None:
        """The backup on exit, then the database closed and the data home released."""
        try:
            self.backups.backup_on_exit()
        finally:
            self.db.close()
            vault.forget(self.home)
            self.lock.release()


def _critical(message: str) -> None:
    QMessageBox.critical(None, _("Kinerja Desktop"), message)


def offer_restore(home: DataHome, problem: str) -> bool:
    """The database is damaged: offer the latest good backup; True once restored."""
    good = backup.latest_good_backup(home)
    if good is None:
        _critical(
            _(
                "The database is damaged ({problem}) and no good backup was found in {folder}. "
                "Copy the data folder somewhere safe and ask for help; do not delete it."
            ).format(problem=problem, folder=home.backups)
        )
        return False
    answer = QMessageBox.question(
        None,
        _("Damaged database"),
        _(
            "The database is damaged ({problem}). Restore the latest good backup, made on {date} "
            "at {time}? Changes made after it are lost; the damaged file is kept in {folder}."
        ).format(
            problem=problem,
            date=format_date(good.created.date()),
            time=good.created.strftime("%H:%M"),
            folder=home.backups,
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    backup.restore(home, good.path)
    log.warning("restored %s over a damaged database", good.path)
    return True


def _identify(db: Database, home: DataHome) -> Actor | None:
    """The wizard on a first start, else the login dialog (which encrypts a plain data home
    that has accounts, and shows its recovery key)."""
    if not accounts.has_accounts(db):
        wizard = SetupWizard(db, home)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return wizard.actor
    info = office.office_info(db, actor=SYSTEM)
    login = LoginDialog(db, office_name=info.instansi_nama, encrypt=True)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    if login.recovery_key is not None:
        log.warning("the data folder was encrypted at this login")
        show_recovery_key(None, login.recovery_key)
    return login.actor


def _check_or_restore(home: DataHome, *, full: bool) -> bool:
    """The database check: its header and size after a clean end, SQLite's ``quick_check``
    after a crash (``full``); a damaged database is offered the latest good backup."""
    check = backup.check_database(home, header_only=not full)
    if check.ok:
        return True
    log.error("database check failed: %s", check.message())
    return offer_restore(home, check.message())


def _encrypted_opener(
    home: DataHome, *, after_crash: bool = False
) -> Callable[[str, str], vault.LoginOutcome]:
    """For the login dialog of an encrypted data home: open the key, check, open, log in."""

    def opener(username: str, password: str) -> vault.LoginOutcome:
        unlocked = vault.unlock(home, username=username, password=password)
        if not _check_or_restore(home, full=after_crash):
            raise DatabaseError(_("The database cannot be used; see the message before."))
        return vault.login_unlocked(home, unlocked, username, password)

    return opener


def _start_encrypted(
    app: QApplication, home: DataHome, lock: InstanceLock, log_path: Path
) -> Session | None:
    login = LoginDialog(
        None, opener=_encrypted_opener(home, after_crash=lock.after_crash), home=home
    )
    if login.exec() != QDialog.DialogCode.Accepted or login.outcome is None:
        if login.db is not None:
            login.db.close()
        vault.forget(home)
        lock.release()
        return None
    assert login.actor is not None
    outcome = login.outcome
    log.info("session started by account %s", login.actor.user_id)
    return Session(
        home, outcome.db, login.actor, lock, outcome.migration, log_path, BackupTimer(home, app)
    )


def start_session(app: QApplication, home: DataHome) -> Session | None:
    """Lock, check, open and identify; None when the program should end."""
    home.ensure()
    log_path = setup_logging(home)
    install_excepthook(log_path)
    lock = InstanceLock(home.lock_file)
    try:
        lock.acquire()
    except KinerjaError as error:
        _critical(error.message)
        return None
    if vault.is_encrypted(home):
        return _start_encrypted(app, home, lock, log_path)
    try:
        if not _check_or_restore(home, full=lock.after_crash):
            lock.release()
            return None
        db, migration = open_home(home)
    except KinerjaError as error:
        lock.release()
        _critical(error.message)
        return None
    actor = _identify(db, home)
    if actor is None:
        db.close()
        lock.release()
        return None
    log.info("session started by account %s", actor.user_id)
    return Session(home, db, actor, lock, migration, log_path, BackupTimer(home, app))
