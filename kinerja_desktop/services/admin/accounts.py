"""Local accounts: passwords, login with a growing lock after failures, roles, resets.

Passwords are hashed with argon2id (argon2-cffi); the hash is the only thing stored. A login
that fails ``FREE_ATTEMPTS`` times in a row locks the account for ``BASE_LOCK`` seconds, and
every further failure doubles the wait (capped at ``MAX_LOCK``); while locked, even the right
password is refused without being checked. The counter and the lock live in the database,
so restarting the program does not reset them. A successful login clears both.

A password has at least ``MIN_PASSWORD_LENGTH`` characters and is not one of the common
passwords shipped in ``kinerja_desktop/data/common_passwords.txt``. Unknown usernames,
wrong passwords and locked accounts all get the same message at login, so names cannot be
guessed; unlocking a locked session (``verify_password``) counts towards the same lock.

The pengelola kinerja manages accounts (create, roles, deactivate, reset a password); a reset
gives a random one-time password and sets ``harus_ganti_password``, so the person must choose
a new password at the next login (the GUI asks at once, the CLI refuses every other command
until ``kinerja account passwd``). Account changes, logins and failed logins are written to
the audit log (never the password or its hash).
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from dataclasses import dataclass
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db import keyslots, tracking
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.accounts import AuditLog, UserAccount
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.enums import Role
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.admin import audit
from kinerja_desktop.services.core import access

MIN_PASSWORD_LENGTH = 10
ONE_TIME_LENGTH = 12
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
FREE_ATTEMPTS = 3
BASE_LOCK = dt.timedelta(seconds=30)
MAX_LOCK = dt.timedelta(minutes=30)

_hasher = PasswordHasher()


class LoginFailed(PermissionDenied):
    """A refused login; ``locked_until`` is set while the account is locked."""

    def __init__(self, message: str, *, locked_until: dt.datetime | None = None) -> None:
        super().__init__(message, field="password")
        self.locked_until = locked_until


@dataclass(frozen=True)
class AccountRow:
    """One account as the accounts list shows it."""

    id: str
    username: str
    pegawai_id: str | None
    pegawai_nama: str
    pegawai_nip: str
    roles: frozenset[Role]
    aktif: bool
    harus_ganti_password: bool
    terkunci_sampai: dt.datetime | None
    last_login_at: dt.datetime | None


@dataclass(frozen=True)
class LoginResult:
    """A successful login: who is acting and whether a new password must be chosen first."""

    actor: Actor
    must_change_password: bool


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The common passwords refused (lower case), from the package's data file."""
    text = (
        resources.files("kinerja_desktop")
        .joinpath("data/common_passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def one_time_password() -> str:
    """A random password that is easy to read aloud (no 0/O, 1/l/I), for a first login or
    after a reset; it must be changed at the next login."""
    return "".join(secrets.choice(_ALPHABET) for _i in range(ONE_TIME_LENGTH))


def check_password_rules(password: str, *, username: str = "") -> None:
    """Refuse a password that is too short, a common one, or equal to the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            ngettext(
                "The password needs at least {n} character.",
                "The password needs at least {n} characters.",
                MIN_PASSWORD_LENGTH,
            ).format(n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    if password.strip().lower() in common_passwords():
        raise ValidationError(
            _("This password is one of the most common ones and is guessed first; choose "
              "another one (for example a few words with a digit)."),
            field="password",
        )  # fmt: skip
    if username and password.strip().lower() == username.strip().lower():
        raise ValidationError(
            _("The password may not be the same as the username."), field="password"
        )


def parse_roles(text: str) -> frozenset[Role]:
    roles = set()
    for part in text.split(","):
        part = part.strip()
        if part:
            try:
                roles.add(Role(part))
            except ValueError as exc:
                raise ValidationError(
                    _("Unknown role '{role}'. Known roles: {known}.").format(
                        role=part, known=", ".join(r.value for r in Role)
                    ),
                    field="roles",
                ) from exc
    roles.add(Role.PEGAWAI)
    return frozenset(roles)


def _roles_text(roles: frozenset[Role] | set[Role]) -> str:
    return ",".join(sorted(r.value for r in {*roles, Role.PEGAWAI}))


def lock_duration(failures: int) -> dt.timedelta:
    """How long an account stays locked after ``failures`` consecutive failed logins."""
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(BASE_LOCK * (2 ** min(failures - FREE_ATTEMPTS, 16)), MAX_LOCK)


def has_accounts(db: Database) -> bool:
    """True once any account exists (then the CLI needs ``--user`` for personal data)."""
    with db.read(SYSTEM) as session:
        return session.execute(select(UserAccount.id).limit(1)).first() is not None


def actor_for(session: Session, account: UserAccount) -> Actor:
    name = account.username
    if account.pegawai_id:
        nama = session.execute(
            select(Pegawai.nama).where(Pegawai.id == account.pegawai_id)
        ).scalar_one_or_none()
        if nama:
            name = nama
    return Actor(
        user_id=account.id,
        pegawai_id=account.pegawai_id,
        name=name,
        roles=parse_roles(account.roles),
    )


def _by_username(session: Session, username: str) -> UserAccount | None:
    return session.execute(
        select(UserAccount).where(func.lower(UserAccount.username) == username.strip().lower())
    ).scalar_one_or_none()


def _locked_message(until: dt.datetime, now: dt.datetime) -> str:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    if seconds < 120:
        wait = ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    else:
        minutes = (seconds + 59) // 60
        wait = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    return _(
        "Too many wrong passwords: this account is locked for {wait}. Try again later, or ask "
        "the performance administrator to reset the password."
    ).format(wait=wait)


def _login_refused() -> str:
    """The one message of every refused login: an unknown name, a wrong password and a
    locked account read the same, so trying names tells nothing."""
    return _(
        "Wrong username or password. After a few wrong passwords in a row an account is "
        "locked for a while: wait and try again, or ask the performance administrator to "
        "reset the password."
    )


def _attempt(account: UserAccount, password: str, now: dt.datetime) -> bool:
    """Check ``password`` against a known account, counting a failure towards its lock;
    while locked, even the right password is refused without being checked."""
    if account.terkunci_sampai is not None and account.terkunci_sampai > now:
        return False
    if not _verify(account.password_hash, password):
        account.gagal_login += 1
        duration = lock_duration(account.gagal_login)
        if duration:
            account.terkunci_sampai = now + duration
        return False
    return True


def _locked_until(account: UserAccount, now: dt.datetime) -> dt.datetime | None:
    until = account.terkunci_sampai
    return until if until is not None and until > now else None


def _login_event(session: Session, action: str, account: UserAccount | None, username: str) -> None:
    """A login (by the account) or a failed one (by nobody known: the name tried is kept)."""
    by = (
        actor_for(session, account)
        if account is not None and action == audit.EVENT_LOGIN
        else SYSTEM
    )
    tracking.record_event(
        session,
        action=action,
        subject=audit.SUBJECT_SESSION,
        record_id=account.id if account is not None else "",
        pegawai_id=account.pegawai_id if account is not None else None,
        details={"username": username.strip()[:100]},
        actor=by,
    )


def login(
    db: Database, *, username: str, password: str, now: dt.datetime | None = None
) -> LoginResult:
    """Check a username and password; return the actor, or raise ``LoginFailed``.

    Every refusal (unknown name, wrong password, locked account) has the same message;
    ``locked_until`` is set for a locked account (for the program, not for display). Logins
    and failed logins are written to the audit log.
    """
    now = now or utcnow()
    with db.unit_of_work(SYSTEM) as session:
        account = _by_username(session, username)
        if account is None:
            _verify_dummy(password)
            _login_event(session, audit.EVENT_LOGIN_FAILED, None, username)
            session.commit()
            raise LoginFailed(_login_refused())
        if not _attempt(account, password, now):
            _login_event(session, audit.EVENT_LOGIN_FAILED, account, username)
            failure = LoginFailed(_login_refused(), locked_until=_locked_until(account, now))
            session.commit()
            raise failure
        if not account.aktif:
            _login_event(session, audit.EVENT_LOGIN_FAILED, account, username)
            session.commit()
            raise LoginFailed(
                _("This account is deactivated. Ask the performance administrator to enable it.")
            )
        if _hasher.check_needs_rehash(account.password_hash):
            account.password_hash = hash_password(password)
        account.gagal_login = 0
        account.terkunci_sampai = None
        account.last_login_at = now
        _login_event(session, audit.EVENT_LOGIN, account, username)
        return LoginResult(
            actor=actor_for(session, account), must_change_password=account.harus_ganti_password
        )


def verify_password(
    db: Database, *, actor: Actor, password: str, now: dt.datetime | None = None
) -> bool:
    """True if ``password`` is the acting user's own (to unlock a locked session).

    A wrong password counts towards the account's lock like a failed login, and a locked or
    deactivated account is refused: ``LoginFailed`` says how long the lock lasts.
    """
    if actor.user_id is None:
        return False
    now = now or utcnow()
    with db.unit_of_work(actor) as session:
        account = session.get(UserAccount, actor.user_id)
        if account is None or not account.aktif:
            return False
        if _attempt(account, password, now):
            account.gagal_login = 0
            return True
        _login_event(session, audit.EVENT_LOGIN_FAILED, account, account.username)
        until = _locked_until(account, now)
        session.commit()
        if until is not None:
            raise LoginFailed(_locked_message(until, now), locked_until=until)
        return False


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_dummy_hash: list[str] = []


def _verify_dummy(password: str) -> None:
    """Spend the same time as a real check, so an unknown username is not told apart."""
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash("not a password of anyone"))
    _verify(_dummy_hash[0], password)


def _audit(
    session: Session, actor: Actor, action: str, account: UserAccount, **after: object
) -> None:
    session.add(
        AuditLog(
            at=utcnow(),
            user_id=actor.user_id,
            actor_name=actor.name,
            action=action,
            table_name=UserAccount.__tablename__,
            record_id=account.id,
            pegawai_id=account.pegawai_id,
            before=None,
            after={"username": account.username, **after},
        )
    )


def _row(session: Session, account: UserAccount) -> AccountRow:
    nama, nip = "", ""
    if account.pegawai_id:
        found = session.execute(
            select(Pegawai.nama, Pegawai.nip).where(Pegawai.id == account.pegawai_id)
        ).first()
        if found:
            nama, nip = str(found[0]), str(found[1])
    return AccountRow(
        id=account.id,
        username=account.username,
        pegawai_id=account.pegawai_id,
        pegawai_nama=nama,
        pegawai_nip=nip,
        roles=parse_roles(account.roles),
        aktif=account.aktif,
        harus_ganti_password=account.harus_ganti_password,
        terkunci_sampai=account.terkunci_sampai,
        last_login_at=account.last_login_at,
    )


def _check_username(session: Session, username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationError(_("The username is required."), field="username")
    if len(username) > 100 or any(ch.isspace() for ch in username):
        raise ValidationError(
            _("A username is one word of at most 100 characters, without spaces."),
            field="username",
        )
    if _by_username(session, username) is not None:
        raise ValidationError(
            _("The username '{name}' is already taken.").format(name=username), field="username"
        )
    return username


def _pegawai_id_for_nip(session: Session, nip: str) -> str | None:
    if not nip.strip():
        return None
    found = session.execute(
        select(Pegawai.id).where(Pegawai.nip == nip.strip(), Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if found is None:
        raise ValidationError(
            _("No person has NIP {nip}; add the person first.").format(nip=nip), field="nip"
        )
    taken = session.execute(
        select(UserAccount.username).where(UserAccount.pegawai_id == found)
    ).scalar_one_or_none()
    if taken is not None:
        raise ValidationError(
            _("This person already has the account '{name}'.").format(name=taken), field="nip"
        )
    return str(found)


def create_account(
    db: Database,
    *,
    actor: Actor,
    username: str,
    password: str,
    nip: str = "",
    roles: frozenset[Role] | set[Role] = frozenset({Role.PEGAWAI}),
    must_change_password: bool = True,
) -> AccountRow:
    """Add an account tied to the pegawai with ``nip`` (required unless it is an admin-only
    account); only the pengelola kinerja may. New accounts must change their password at
    the first login unless ``must_change_password`` is False (the first administrator).
    """
    access.require_pengelola(actor)
    check_password_rules(password, username=username)
    with db.unit_of_work(actor) as session:
        name = _check_username(session, username)
        pegawai_id = _pegawai_id_for_nip(session, nip)
        if pegawai_id is None and Role.PENGELOLA not in roles:
            raise ValidationError(_("An account of a pegawai needs the person's NIP."), field="nip")
        account = UserAccount(
            username=name,
            pegawai_id=pegawai_id,
            password_hash=hash_password(password),
            roles=_roles_text(set(roles)),
            harus_ganti_password=must_change_password,
        )
        session.add(account)
        session.flush()
        _audit(session, actor, "account_add", account, roles=account.roles)
        row = _row(session, account)
    keyslots.password_set(
        db, account_id=row.id, username=row.username, password=password, by_owner=False
    )
    return row


def list_accounts(db: Database, *, actor: Actor) -> list[AccountRow]:
    """Every account, by username; only the pengelola kinerja may list them."""
    access.require_pengelola(actor)
    with db.read(actor) as session:
        accounts = session.execute(select(UserAccount).order_by(UserAccount.username)).scalars()
        return [_row(session, a) for a in accounts]


def _require_account(session: Session, username: str) -> UserAccount:
    account = _by_username(session, username)
    if account is None:
        raise NotFoundError(
            _("There is no account '{name}'.").format(name=username), field="username"
        )
    return account


def change_password(db: Database, *, actor: Actor, old_password: str, new_password: str) -> None:
    """The acting user changes their own password (the old one is checked first)."""
    if actor.user_id is None:
        raise access.deny(_("Log in with an account to change its password."))
    with db.unit_of_work(actor) as session:
        account = session.get(UserAccount, actor.user_id)
        if account is None:
            raise NotFoundError(_("Your account no longer exists."))
        if not _verify(account.password_hash, old_password):
            raise ValidationError(_("The current password is wrong."), field="old_password")
        check_password_rules(new_password, username=account.username)
        if _verify(account.password_hash, new_password):
            raise ValidationError(
                _("Choose a new password that differs from the current one."),
                field="password",
            )
        account.password_hash = hash_password(new_password)
        account.harus_ganti_password = False
        _audit(session, actor, "password_change", account)
        username = account.username
    keyslots.password_set(
        db, account_id=actor.user_id, username=username, password=new_password, by_owner=True
    )


@dataclass(frozen=True)
class ResetResult:
    """A reset account and its one-time password (shown once to the administrator)."""

    account: AccountRow
    one_time_password: str


def reset_password(
    db: Database, *, actor: Actor, username: str, password: str | None = None
) -> ResetResult:
    """The pengelola kinerja resets a password: the account gets a random one-time password
    (or ``password``, which must follow the rules: the recovery-key flow lets its user choose
    one), its lock is lifted, and the person must choose their own password at the next
    login."""
    access.require_pengelola(actor)
    if password is None:
        password = one_time_password()
    else:
        check_password_rules(password, username=username)
    with db.unit_of_work(actor) as session:
        account = _require_account(session, username)
        account.password_hash = hash_password(password)
        account.harus_ganti_password = True
        account.gagal_login = 0
        account.terkunci_sampai = None
        _audit(session, actor, "password_reset", account)
        row = _row(session, account)
    keyslots.password_set(
        db, account_id=row.id, username=row.username, password=password, by_owner=False
    )
    return ResetResult(account=row, one_time_password=password)


def update_account(
    db: Database,
    *,
    actor: Actor,
    username: str,
    roles: frozenset[Role] | set[Role] | None = None,
    aktif: bool | None = None,
) -> AccountRow:
    """Change an account's roles or (de)activate it; the last active administrator stays."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        account = _require_account(session, username)
        if roles is not None:
            account.roles = _roles_text(set(roles))
        if aktif is not None:
            account.aktif = aktif
        session.flush()
        if not _active_admin_exists(session):
            raise ValidationError(
                _("At least one active account must keep the performance administrator role."),
                field="roles",
            )
        _audit(session, actor, "account_update", account, roles=account.roles, aktif=account.aktif)
        row = _row(session, account)
    if aktif is False:
        keyslots.account_removed(db, account_id=row.id)
    return row


def _active_admin_exists(session: Session) -> bool:
    rows = session.execute(select(UserAccount.roles).where(UserAccount.aktif.is_(True))).scalars()
    return any(Role.PENGELOLA in parse_roles(r) for r in rows)
