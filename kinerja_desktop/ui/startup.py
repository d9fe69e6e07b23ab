"""Starting a session of the GUI: everything between "the program starts" and "the main
window opens", and the orderly end.

``start_session(app, home)`` in this order:

1. the rotating log file and the crash dialog (``logging_setup``, ``ui.crash``);
2. the data home's lock: a second program on the same data home is refused with a message;
3. the login dialog, at once: before the data layer (SQLAlchemy, the models, the crypto
   libraries) is even imported, so that it is usable within a second of launch. An
   encrypted data home cannot be read before the password opened its key; of a plain one,
   ``services.admin.startup.first_look`` reads whether accounts exist and the office's name
   with the standard library. The dialog's opener then runs steps 4 and 5 with the password;
4. the check of the database: its header always; SQLite's ``quick_check`` only when the
   previous session did not end cleanly (``InstanceLock.after_crash``), since it reads the
   whole file (seconds on a large database with a cold file cache) and damage comes from
   crashes and power losses; a damaged database offers the latest good backup, which is
   restored only after it passed its own full check;
5. ``open_home``: migrations (after a backup) and the database, then the login itself.

On a first start (no database or no account yet) the first-start wizard shows at once in
the same way and runs steps 4 and 5 (creating the database) when its office page is first
shown. When the first look cannot read the
database, steps 4 and 5 come first and then the wizard or the login dialog. A plain data home
that already has accounts (made before encryption existed) is encrypted at the first login
of an administrator, after a backup, and the recovery key is shown to them once.

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
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.errors import DatabaseError, KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.logging_setup import setup_logging
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import startup
from kinerja_desktop.services.admin.startup import InstanceLock
from kinerja_desktop.ui.crash import install_excepthook
from kinerja_desktop.ui.login.login_dialog import LoginDialog

# Everything below is loaded after the login dialog shows (the data layer, the crypto
# libraries, the wizard): the dialog must be usable within a second of launch.
if TYPE_CHECKING:
    from kinerja_desktop.services.admin import vault
    from kinerja_desktop.services.core.database import Database, MigrationResult
    from kinerja_desktop.ui.backup_timer import BackupTimer
    from kinerja_desktop.ui.context import AppContext
    from kinerja_desktop.ui.login.session_lock import InactivityLock

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

    def attach(self, ctx: AppContext, window: QWidget, lock_minutes: int | None = None) -> None:
        """Start the inactivity lock on ``window`` (after ``lock_minutes``, by default the
        lock's own default) and the automatic backups."""
        from kinerja_desktop.ui.login.session_lock import DEFAULT_MINUTES, InactivityLock

        self.inactivity = InactivityLock(ctx, window, lock_minutes or DEFAULT_MINUTES)
        self.backups.start()

    def close(self) -> None:
        """The backup on exit, then the database closed and the data home released."""
        from kinerja_desktop.services.admin import vault

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
    from kinerja_desktop.services.admin import backup

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
    from kinerja_desktop.services.admin import accounts, office
    from kinerja_desktop.ui.setup.wizard import SetupWizard

    if not accounts.has_accounts(db):
        wizard = SetupWizard(db, home)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return wizard.actor
    info = office.office_info(db, actor=SYSTEM)
    login = LoginDialog(db, office_name=info.instansi_nama, encrypt=True)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    _show_recovery_key(login)
    return login.actor


def _show_recovery_key(login: LoginDialog) -> None:
    """The recovery key of a plain data home encrypted at this login, shown once."""
    if login.recovery_key is not None:
        from kinerja_desktop.ui.login.recovery_dialog import show_recovery_key

        log.warning("the data folder was encrypted at this login")
        show_recovery_key(None, login.recovery_key)


def _check_or_restore(home: DataHome, *, full: bool) -> bool:
    """The database check: its header and size after a clean end, SQLite's ``quick_check``
    after a crash (``full``); a damaged database is offered the latest good backup."""
    from kinerja_desktop.services.admin import backup

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
        from kinerja_desktop.services.admin import vault

        unlocked = vault.unlock(home, username=username, password=password)
        if not _check_or_restore(home, full=after_crash):
            raise DatabaseError(_("The database cannot be used; see the message before."))
        return vault.login_unlocked(home, unlocked, username, password)

    return opener


def _plain_opener(
    home: DataHome, *, after_crash: bool = False
) -> Callable[[str, str], vault.LoginOutcome]:
    """For the login dialog of a plain data home shown before its database was opened:
    check, open (migrating), log in; the database is closed again when the login fails."""

    def opener(username: str, password: str) -> vault.LoginOutcome:
        from kinerja_desktop.home import open_home
        from kinerja_desktop.services.admin import accounts, vault

        if not _check_or_restore(home, full=after_crash):
            raise DatabaseError(_("The database cannot be used; see the message before."))
        db, migration = open_home(home)
        try:
            result = accounts.login(db, username=username, password=password)
            vault.after_login(db, username=username, password=password)
        except BaseException:
            db.close()
            raise
        return vault.LoginOutcome(db, migration, result)

    return opener


def _login_first(app: QApplication, home: DataHome, lock: InstanceLock, log_path: Path,
                 login: LoginDialog) -> Session | None:  # fmt: skip
    """Show ``login`` (given an opener) before anything is opened; its opener opens."""
    accepted = login.exec() == QDialog.DialogCode.Accepted
    # Imported once the dialog was shown (they load the data layer and the crypto libraries).
    from kinerja_desktop.services.admin import vault
    from kinerja_desktop.ui.backup_timer import BackupTimer

    if not accepted or login.outcome is None:
        if login.db is not None:
            login.db.close()
        vault.forget(home)
        lock.release()
        return None
    assert login.actor is not None
    _show_recovery_key(login)
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
    if startup.is_encrypted(home):
        opener = _encrypted_opener(home, after_crash=lock.after_crash)
        return _login_first(app, home, lock, log_path, LoginDialog(None, opener=opener, home=home))
    look = startup.first_look(home)
    if not home.database.exists() or (look is not None and not look.has_accounts):
        return _wizard_first(app, home, lock, log_path)
    if look is None:
        return _open_then_identify(app, home, lock, log_path)
    opener = _plain_opener(home, after_crash=lock.after_crash)
    login = LoginDialog(None, opener=opener, office_name=look.office_name, encrypt=True)
    return _login_first(app, home, lock, log_path, login)


def _wizard_first(
    app: QApplication, home: DataHome, lock: InstanceLock, log_path: Path
) -> Session | None:
    """A first start: the wizard shows at once and opens the database (check, migrations)
    when its office page is first shown."""
    from kinerja_desktop.ui.setup.wizard import SetupWizard

    migrations: list[MigrationResult] = []

    def open_database() -> Database:
        from kinerja_desktop.home import open_home

        if not _check_or_restore(home, full=lock.after_crash):
            raise DatabaseError(_("The database cannot be used; see the message before."))
        db, migration = open_home(home)
        migrations.append(migration)
        return db

    wizard = SetupWizard(open_database, home)
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    db = wizard.opened_db()
    if not accepted or wizard.actor is None or db is None:
        if db is not None:
            db.close()
        lock.release()
        return None
    from kinerja_desktop.ui.backup_timer import BackupTimer

    log.info("session started by account %s", wizard.actor.user_id)
    return Session(home, db, wizard.actor, lock, migrations[0], log_path, BackupTimer(home, app))


def _open_then_identify(
    app: QApplication, home: DataHome, lock: InstanceLock, log_path: Path
) -> Session | None:
    """A first start (the wizard needs the open database) or a database the first look could
    not read: check, open, then the wizard or the login dialog."""
    from kinerja_desktop.home import open_home
    from kinerja_desktop.ui.backup_timer import BackupTimer

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
