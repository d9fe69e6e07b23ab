"""The encrypted data home: logging in opens the database key, setup makes it.

The database is encrypted with SQLCipher under a random 256-bit key. That key is kept only
sealed, in ``keys/keyslots.json`` (``db/keyslots.py``): once per account under its password
(Argon2id) and once under a recovery key made at setup and shown once to the head of office.

* ``login(home, username, password)`` opens an encrypted data home (the password opens the
  account's slot, then the database opens and ``accounts.login`` checks the account as
  always) or a plain one; it also unlocks the author's private-notes key.
* ``encrypt_home(db, username, password)`` encrypts a plain database that has accounts:
  when the first administrator is made (setup) and, after a backup, for a data home made
  before encryption existed. Every other account gets a slot its usual password opens.
  The evidence files stored so far are sealed with it (``core/attachments.py``); those of a
  data home encrypted by an older program are sealed at the next login.
* ``recover(home, recovery_key, username, new_password)`` sets a new temporary password for
  an account with the recovery key, when every administrator's password is lost.

A plain data home without accounts (a fresh ``kinerja init``) stays plain until its first
account is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import cipher, keyslots, security_log, tracking
from kinerja_desktop.db.keyslots import KeySlots
from kinerja_desktop.db.schema_version import MigrationResult
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.sqlite_backup import backup_file
from kinerja_desktop.errors import DatabaseError, ValidationError
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import UserAccount
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.admin.accounts import LoginFailed, LoginResult
from kinerja_desktop.services.core import attachments
from kinerja_desktop.sync import keys as sync_keys

_BACKUP_SUFFIX = ".sqlite3"


@dataclass
class LoginOutcome:
    """An open database with a logged-in account."""

    db: Database
    migration: MigrationResult
    result: LoginResult


def is_encrypted(home: DataHome) -> bool:
    """True when the data home's database is encrypted (then login comes before opening)."""
    return keyslots.exists(home)


def _wrong(locked_until: dt.datetime | None = None) -> LoginFailed:
    """The one refusal of a login: an unknown name, a wrong password and a locked slot read
    the same (``accounts.login`` says the same), so trying names or passwords tells nothing;
    ``locked_until`` is for the program, not for display."""
    return LoginFailed(accounts._login_refused(), locked_until=locked_until)


def unlock(
    home: DataHome, *, username: str, password: str, now: dt.datetime | None = None
) -> keyslots.Unlocked:
    """Open the account's key slot with its password; ``LoginFailed`` otherwise.

    Wrong passwords lock the slot for a growing time, as they lock the account. Every
    refusal has the same message and costs the same Argon2id derivation, whether the name
    is unknown, the password wrong or the slot locked; each is kept in the data home's
    security log (``db/security_log.py``) until the next login writes it to the audit log.
    """
    now = now or utcnow()
    slots = KeySlots.load(home)
    slot = slots.slot_for(username)
    if slot is None:
        cipher.derive(password.encode("utf-8"), keyslots.fresh_params())
        security_log.record(home, username=username, kind=security_log.UNKNOWN_NAME, at=now)
        raise _wrong()
    until = KeySlots.locked_until(slot)
    if until is not None and until > now:
        cipher.derive(password.encode("utf-8"), keyslots.fresh_params())
        security_log.record(home, username=username, kind=security_log.LOCKED_SLOT, at=now)
        raise _wrong(until)
    try:
        unlocked = KeySlots.unlock(slot, password)
    except cipher.WrongKey:
        failures = int(slot.get("failures", 0)) + 1
        duration = accounts.lock_duration(failures)
        until = now + duration if duration else None
        KeySlots.count_failure(slot, until)
        slots.save(home)
        security_log.record(home, username=username, kind=security_log.WRONG_PASSWORD, at=now)
        raise _wrong(until) from None
    if slot.get("failures"):
        KeySlots.clear_failures(slot)
        slots.save(home)
    keyslots.remember(home, unlocked.key)
    return unlocked


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _finish_plain_move(home: DataHome, key: bytes) -> None:
    """A crash between writing the key slots and replacing the database left it plain:
    encrypt it now with the key the login opened. Any other plain file found in place of
    the encrypted database (put there by someone) is refused."""
    if not (home.database.exists() and cipher.is_plain(home.database)):
        return
    slots = KeySlots.load(home)
    if slots.pending_plain is None or slots.pending_plain != _digest(home.database):
        raise DatabaseError(
            _(
                "The database file of this encrypted data folder is not encrypted: it was "
                "replaced. Restore a backup (kinerja --user NAME restore FILE)."
            )
        )
    staging = home.root / "kinerja.encrypting.sqlite3"
    cipher.encrypt_copy(home.database, staging, key)
    _replace_database(home, staging)
    slots.pending_plain = None
    slots.save(home)


def open_unlocked(home: DataHome, key: bytes) -> tuple[Database, MigrationResult]:
    """Open (and migrate) an encrypted data home with its database key."""
    _finish_plain_move(home, key)
    return open_home(home, key=key)


def login(home: DataHome, *, username: str, password: str) -> LoginOutcome:
    """Log in to a data home: unlock its key (if encrypted), open it and check the account."""
    if not is_encrypted(home):
        db, migration = open_home(home)
        try:
            result = accounts.login(db, username=username, password=password)
        except BaseException:
            db.close()
            raise
        return LoginOutcome(db, migration, result)
    return login_unlocked(
        home, unlock(home, username=username, password=password), username, password
    )


def login_unlocked(
    home: DataHome, unlocked: keyslots.Unlocked, username: str, password: str
) -> LoginOutcome:
    """The rest of ``login`` once ``unlock`` opened the key (the GUI checks the database
    for damage in between)."""
    db, migration = open_unlocked(home, unlocked.key)
    try:
        result = accounts.login(db, username=username, password=password)
        after_login(db, username=username, password=password, unlocked=unlocked)
    except BaseException:
        db.close()
        raise
    return LoginOutcome(db, migration, result)


def after_login(
    db: Database, *, username: str, password: str, unlocked: keyslots.Unlocked | None = None
) -> None:
    """After a successful login on an encrypted database: replace a legacy slot with a slot
    of fresh salt, and unlock the person's private-notes key for this session. The failed
    attempts at the key slots since the last login go into the audit log."""
    audit_failed_unlocks(db)
    if db.key is None:
        return
    slots = KeySlots.load(db.home)
    if not slots.attachments_sealed:
        _seal_attachments(db.home, db.key, slots)
    slot = slots.slot_for(username)
    if slot is None:
        return
    if unlocked is None:
        unlocked = KeySlots.unlock(slot, password)
    secret = unlocked.secret
    if unlocked.legacy:
        secret = slots.put_account(
            account_id=unlocked.account_id, username=username, password=password, key=db.key
        )
        slots.save(db.home)
    notes_key = slots.notes_key(unlocked.account_id, secret)
    if notes_key is not None:
        db.keyring.note_keys[unlocked.account_id] = notes_key
    db.keyring.secrets[unlocked.account_id] = secret


def _failed_unlock_event(session: Session, entry: security_log.Attempt | security_log.Damaged,
                         now: dt.datetime) -> None:  # fmt: skip
    """The audit row of one line of the security log: a failed login at its own time, or
    a damaged line (at the time it is read) saying so."""
    if isinstance(entry, security_log.Damaged):
        at, details, account = now, {"failure": "damaged_line", "line": entry.line}, None
    else:
        at, details = entry.at, {"username": entry.username, "failure": entry.kind}
        account = accounts._by_username(session, entry.username) if entry.username else None
    row = tracking.record_event(
        session,
        action=tracking.EVENT_LOGIN_FAILED,
        subject=tracking.SUBJECT_SESSION,
        record_id=account.id if account is not None else "",
        pegawai_id=account.pegawai_id if account is not None else None,
        details=details,
        actor=SYSTEM,
    )
    row.at = at


def audit_failed_unlocks(db: Database, *, now: dt.datetime | None = None) -> int:
    """Write the data home's security log (failed attempts at the key slots, made before the
    database could be opened) into the audit log, one failed-login row per line with its
    own time, then remove the file; returns the number of rows written. A damaged line is
    written as such; nothing in the file can stop a login."""
    entries = security_log.read(db.home)
    if not entries:
        security_log.remove(db.home)
        return 0
    now = now or utcnow()
    with db.unit_of_work(SYSTEM) as session:
        for entry in entries:
            _failed_unlock_event(session, entry, now)
    security_log.remove(db.home)
    return len(entries)


def _seal_attachments(home: DataHome, key: bytes, slots: KeySlots) -> None:
    """Seal the evidence files stored plain (before this data home was encrypted)."""
    attachments.seal_store(home, key)
    slots.attachments_sealed = True
    slots.save(home)


def _replace_database(home: DataHome, staging: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{home.database}{suffix}").unlink(missing_ok=True)
    staging.replace(home.database)


def _encrypt_plain_backups(home: DataHome, key: bytes) -> list[Path]:
    """Replace every plain backup in ``backups/`` by an encrypted copy (same key).

    A damaged one SQLite cannot export (the copy a restore keeps of a damaged database) is
    sealed whole with AES-256-GCM under a sub-key of the database key, as ``NAME.sealed``.
    """
    done = []
    for path in sorted(home.backups.glob(f"*{_BACKUP_SUFFIX}")):
        if not cipher.is_plain(path):
            continue
        staging = path.with_name(path.name + ".enc")
        try:
            cipher.encrypt_copy(path, staging, key)
            staging.replace(path)
        except cipher.database_error_types():
            staging.unlink(missing_ok=True)
            sealed = path.with_name(path.name + ".sealed")
            sealed.write_bytes(cipher.seal_file(key, path.read_bytes()))
            path.unlink()
            Path(f"{path}-wal").unlink(missing_ok=True)
        done.append(path)
    return done


def encrypt_home(db: Database, *, username: str, password: str) -> str:
    """Encrypt the plain database of ``db`` (which has accounts) and return the recovery key.

    ``username``/``password`` are those of the administrator doing it (just checked by a
    login). Every other account gets a legacy slot that its usual password opens. A backup
    is made first; it and every other plain backup in ``backups/`` are then replaced by
    encrypted copies, so no plain copy of the data stays in the data folder.
    """
    if db.key is not None or is_encrypted(db.home):
        raise DatabaseError(_("This data folder is already encrypted."))
    home = db.home
    with db.read(SYSTEM) as session:
        rows = session.execute(
            select(UserAccount.id, UserAccount.username, UserAccount.password_hash)
        ).all()
    mine = [r for r in rows if r.username.strip().casefold() == username.strip().casefold()]
    if not mine or not accounts._verify(mine[0].password_hash, password):
        raise _wrong()
    key = cipher.new_key()
    slots = KeySlots.new()
    for row in rows:
        if row is mine[0]:
            slots.put_account(account_id=row.id, username=row.username, password=password, key=key)
            continue
        legacy = keyslots.legacy_params(row.password_hash)
        if legacy is None:
            continue
        params, raw = legacy
        slots.put_account_secret(
            account_id=row.id,
            username=row.username,
            secret=raw,
            params=params,
            key=key,
            legacy=True,
        )
    recovery = slots.put_recovery(key)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_file(home.database, home.backups / f"pre-encryption-{stamp}{_BACKUP_SUFFIX}")
    db.engine.dispose()
    staging = home.root / "kinerja.encrypting.sqlite3"
    cipher.encrypt_copy(home.database, staging, key)
    slots.pending_plain = _digest(home.database)
    slots.save(home)
    _replace_database(home, staging)
    slots.pending_plain = None
    slots.save(home)
    db.reopen(key)
    _seal_attachments(home, key, slots)
    _encrypt_plain_backups(home, key)
    if (home.keys / sync_keys.SIGNING_FILE).exists():
        sync_keys.load_or_create(home.keys)  # seals the plain private keys
    after_login(db, username=username, password=password)
    return recovery


def recover(home: DataHome, *, recovery_key: str, username: str, new_password: str) -> None:
    """With the recovery key: give ``username`` the temporary ``new_password`` (to be
    changed at the next login), with a new key slot. The account's private notes stay
    closed until its author's own recovery code opens them."""
    if not is_encrypted(home):
        raise DatabaseError(_("This data folder is not encrypted; log in as usual."))
    slots = KeySlots.load(home)
    try:
        key = slots.unlock_recovery(recovery_key)
    except cipher.WrongKey:
        raise ValidationError(
            _("This is not the recovery key of this data folder."), field="recovery_key"
        ) from None
    db, _migration = open_unlocked(home, key)
    try:
        accounts.reset_password(db, actor=SYSTEM, username=username, password=new_password)
    finally:
        db.close()


def forget(home: DataHome) -> None:
    """Drop the data home's key from this process (the session ended)."""
    keyslots.forget(home)
