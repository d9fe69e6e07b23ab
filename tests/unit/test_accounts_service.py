"""Accounts: argon2 hashes, login, the growing lock after failures, password change and reset."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import keyslots
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.accounts import AuditLog, UserAccount
from kinerja_desktop.models.enums import Role
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.admin.accounts import LoginFailed
from tests.factories import Office

T0 = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with small costs: the same code path, a fraction of the time."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    monkeypatch.setattr(accounts, "_dummy_hash", [])
    monkeypatch.setattr(
        keyslots, "KDF_COSTS", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    )


@pytest.fixture
def with_accounts(db: Database, office: Office) -> Office:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1", nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    accounts.create_account(
        db, actor=SYSTEM, username="dewi", password="dewi-pass-1", nip=office.staf.nip
    )
    return office


def admin_actor(db: Database):
    return accounts.login(db, username="rina", password="admin-pass-1", now=T0).actor


def test_password_is_stored_as_argon2_hash_only(db: Database, with_accounts: Office) -> None:
    with db.read(SYSTEM) as session:
        stored = session.execute(
            select(UserAccount.password_hash).where(UserAccount.username == "dewi")
        ).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "dewi-pass-1" not in stored


def test_login_gives_actor_tied_to_pegawai(db: Database, with_accounts: Office) -> None:
    result = accounts.login(db, username="Dewi", password="dewi-pass-1", now=T0)
    assert result.actor.pegawai_id == with_accounts.staf.id
    assert result.actor.name == with_accounts.staf.nama
    assert result.actor.roles == frozenset({Role.PEGAWAI})
    assert result.must_change_password is True
    admin = admin_actor(db)
    assert admin.is_pengelola and not admin.is_system


def test_wrong_password_and_unknown_user_give_the_same_message(
    db: Database, with_accounts: Office
) -> None:
    with pytest.raises(LoginFailed) as wrong:
        accounts.login(db, username="dewi", password="nope-nope", now=T0)
    with pytest.raises(LoginFailed) as unknown:
        accounts.login(db, username="nobody", password="nope-nope", now=T0)
    assert wrong.value.message == unknown.value.message


def test_lock_grows_after_repeated_failures(db: Database, with_accounts: Office) -> None:
    now = T0
    for _ in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(LoginFailed) as exc:
            accounts.login(db, username="dewi", password="wrong-pass", now=now)
        assert exc.value.locked_until is None
    with pytest.raises(LoginFailed) as exc:
        accounts.login(db, username="dewi", password="wrong-pass", now=now)
    first_until = exc.value.locked_until
    assert first_until == now + accounts.BASE_LOCK
    # While locked even the right password is refused, with the message an unknown name gets.
    with pytest.raises(LoginFailed) as exc:
        accounts.login(db, username="dewi", password="dewi-pass-1", now=now)
    assert exc.value.locked_until == first_until
    with pytest.raises(LoginFailed) as unknown:
        accounts.login(db, username="nobody", password="dewi-pass-1", now=now)
    assert exc.value.message == unknown.value.message
    # After the wait, a further failure locks for twice as long.
    now = first_until + dt.timedelta(seconds=1)
    with pytest.raises(LoginFailed) as exc:
        accounts.login(db, username="dewi", password="wrong-pass", now=now)
    assert exc.value.locked_until == now + 2 * accounts.BASE_LOCK
    # The right password after the lock clears the counter.
    now = now + 2 * accounts.BASE_LOCK + dt.timedelta(seconds=1)
    accounts.login(db, username="dewi", password="dewi-pass-1", now=now)
    with db.read(SYSTEM) as session:
        account = session.execute(
            select(UserAccount).where(UserAccount.username == "dewi")
        ).scalar_one()
        assert account.gagal_login == 0 and account.terkunci_sampai is None


def test_lock_duration_is_capped() -> None:
    assert accounts.lock_duration(accounts.FREE_ATTEMPTS - 1) == dt.timedelta(0)
    assert accounts.lock_duration(100) == accounts.MAX_LOCK


def test_lock_survives_reopening_the_database(db: Database, with_accounts: Office) -> None:
    for _ in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed):
            accounts.login(db, username="dewi", password="wrong-pass", now=T0)
    reopened = Database.open(db.home)
    try:
        with pytest.raises(LoginFailed) as exc:
            accounts.login(reopened, username="dewi", password="dewi-pass-1", now=T0)
        assert exc.value.locked_until is not None
    finally:
        reopened.close()


def test_change_password_checks_old_and_rules(db: Database, with_accounts: Office) -> None:
    actor = accounts.login(db, username="dewi", password="dewi-pass-1", now=T0).actor
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(db, actor=actor, old_password="bad", new_password="x" * 10)
    assert exc.value.field == "old_password"
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(db, actor=actor, old_password="dewi-pass-1", new_password="short")
    assert exc.value.field == "password"
    accounts.change_password(
        db, actor=actor, old_password="dewi-pass-1", new_password="new-pass-22"
    )
    result = accounts.login(db, username="dewi", password="new-pass-22", now=T0)
    assert result.must_change_password is False
    with pytest.raises(LoginFailed):
        accounts.login(db, username="dewi", password="dewi-pass-1", now=T0)


def test_admin_reset_unlocks_and_forces_change(db: Database, with_accounts: Office) -> None:
    for _ in range(accounts.FREE_ATTEMPTS + 1):
        with pytest.raises(LoginFailed):
            accounts.login(db, username="dewi", password="wrong-pass", now=T0)
    admin = admin_actor(db)
    reset = accounts.reset_password(db, actor=admin, username="dewi")
    row, one_time = reset.account, reset.one_time_password
    assert row.harus_ganti_password and row.terkunci_sampai is None
    assert len(one_time) >= accounts.MIN_PASSWORD_LENGTH
    accounts.check_password_rules(one_time, username="dewi")
    assert accounts.reset_password(db, actor=admin, username="dewi").one_time_password != one_time
    with pytest.raises(LoginFailed):
        accounts.login(db, username="dewi", password=one_time, now=T0)
    one_time = accounts.reset_password(db, actor=admin, username="dewi").one_time_password
    result = accounts.login(db, username="dewi", password=one_time, now=T0)
    assert result.must_change_password
    with pytest.raises(ValidationError):
        accounts.change_password(
            db, actor=result.actor, old_password=one_time, new_password=one_time
        )
    accounts.change_password(
        db, actor=result.actor, old_password=one_time, new_password="dewi-chosen-7"
    )
    assert not accounts.login(
        db, username="dewi", password="dewi-chosen-7", now=T0
    ).must_change_password
    with db.read(SYSTEM) as session:
        actions = (
            session.execute(select(AuditLog.action).where(AuditLog.table_name == "user_account"))
            .scalars()
            .all()
        )
        assert "password_reset" in actions
        hashes = session.execute(select(AuditLog.after)).scalars().all()
        assert not any("password_hash" in (h or {}) for h in hashes)


def test_only_pengelola_manages_accounts(db: Database, with_accounts: Office) -> None:
    dewi = accounts.login(db, username="dewi", password="dewi-pass-1", now=T0).actor
    with pytest.raises(PermissionDenied):
        accounts.reset_password(db, actor=dewi, username="rina")
    with pytest.raises(PermissionDenied):
        accounts.list_accounts(db, actor=dewi)
    with pytest.raises(PermissionDenied):
        accounts.create_account(
            db, actor=dewi, username="x", password="long-enough", nip=with_accounts.kabid.nip
        )
    with pytest.raises(PermissionDenied):
        accounts.update_account(db, actor=dewi, username="dewi", roles={Role.PENGELOLA})


def test_deactivated_account_cannot_log_in(db: Database, with_accounts: Office) -> None:
    accounts.update_account(db, actor=admin_actor(db), username="dewi", aktif=False)
    with pytest.raises(LoginFailed) as exc:
        accounts.login(db, username="dewi", password="dewi-pass-1", now=T0)
    assert exc.value.locked_until is None


def test_last_administrator_cannot_be_removed(db: Database, with_accounts: Office) -> None:
    admin = admin_actor(db)
    with pytest.raises(ValidationError):
        accounts.update_account(db, actor=admin, username="rina", roles={Role.PEGAWAI})
    with pytest.raises(ValidationError):
        accounts.update_account(db, actor=admin, username="rina", aktif=False)
    rina = next(a for a in accounts.list_accounts(db, actor=admin) if a.username == "rina")
    assert Role.PENGELOLA in rina.roles and rina.aktif


def test_account_validation(db: Database, with_accounts: Office) -> None:
    admin = admin_actor(db)
    with pytest.raises(ValidationError) as exc:
        accounts.create_account(
            db, actor=admin, username="DEWI", password="long-enough", nip=with_accounts.kabid.nip
        )
    assert exc.value.field == "username"
    with pytest.raises(ValidationError) as exc:
        accounts.create_account(
            db, actor=admin, username="dewi2", password="long-enough", nip=with_accounts.staf.nip
        )
    assert exc.value.field == "nip"
    with pytest.raises(ValidationError) as exc:
        accounts.create_account(db, actor=admin, username="siti", password="long-enough")
    assert exc.value.field == "nip"
    with pytest.raises(ValidationError) as exc:
        accounts.create_account(
            db, actor=admin, username="siti", password="siti", nip=with_accounts.kabid.nip
        )
    assert exc.value.field == "password"
    with pytest.raises(ValidationError):
        accounts.parse_roles("pegawai,boss")


def test_verify_password_for_session_unlock(db: Database, with_accounts: Office) -> None:
    actor = accounts.login(db, username="dewi", password="dewi-pass-1", now=T0).actor
    assert accounts.verify_password(db, actor=actor, password="dewi-pass-1")
    assert not accounts.verify_password(db, actor=actor, password="other")
    assert not accounts.verify_password(db, actor=SYSTEM, password="dewi-pass-1")


def test_home_items_for_the_administrator(db: Database, with_accounts: Office) -> None:
    import kinerja_desktop.services.admin.backup as backup_service
    from kinerja_desktop.services.home import items as home

    for _ in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed):
            accounts.login(db, username="dewi", password="wrong-pass")
    admin = admin_actor(db)
    kinds = {i.kind: i for i in home.items_for(db, actor=admin)}
    assert "dewi" in kinds["account_locked"].title
    assert "backup_stale" in kinds
    backup_service.make_backup(db.home)
    kinds = {i.kind for i in home.items_for(db, actor=admin)}
    assert "backup_stale" not in kinds
    staff = with_accounts.staf.actor
    assert not {"account_locked", "backup_stale"} & {
        i.kind for i in home.items_for(db, actor=staff)
    }
