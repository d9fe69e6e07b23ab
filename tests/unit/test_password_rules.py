"""Password rules, one-time reset passwords, the session unlock limit and the smaller
hardening items of issue 12 (hole 9) that concern accounts."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.accounts import UserAccount
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.admin.accounts import LoginFailed
from tests.factories import Office
from tests.unit.test_accounts_cli import admin_home, run
from tests.unit.test_accounts_service import T0, _fast_hashing, with_accounts

__all__ = ["_fast_hashing", "admin_home", "with_accounts"]


@pytest.mark.parametrize(
    "password", ["password", "12345678910", "bismillah123", "BISMILLAH123", "Indonesia1945"]
)
def test_common_passwords_are_refused_naming_the_rule(password: str) -> None:
    set_language("en")
    with pytest.raises(ValidationError) as exc:
        accounts.check_password_rules(password)
    assert exc.value.field == "password"
    assert "common" in exc.value.message or "10" in exc.value.message


def test_length_rule_names_the_minimum() -> None:
    set_language("en")
    with pytest.raises(ValidationError) as exc:
        accounts.check_password_rules("kopi-pagi")
    assert "10" in exc.value.message
    accounts.check_password_rules("kopi-pagi-7")


def test_the_shipped_list_is_small_and_holds_the_usual_suspects() -> None:
    common = accounts.common_passwords()
    assert 80 <= len(common) <= 200
    assert {"password", "12345678910", "bismillah123", "qwertyuiop"} <= common


def test_account_with_a_common_password_is_not_created(db: Database, office: Office) -> None:
    with pytest.raises(ValidationError):
        accounts.create_account(
            db, actor=SYSTEM, username="rina", password="password123", nip=office.admin.nip,
            roles={Role.PENGELOLA},
        )  # fmt: skip
    assert not accounts.has_accounts(db)


def test_session_unlock_has_an_attempt_limit(db: Database, with_accounts: Office) -> None:
    actor = accounts.login(db, username="dewi", password="dewi-pass-1", now=T0).actor
    for _ in range(accounts.FREE_ATTEMPTS - 1):
        assert not accounts.verify_password(db, actor=actor, password="guess-guess", now=T0)
    with pytest.raises(LoginFailed) as exc:
        accounts.verify_password(db, actor=actor, password="guess-guess", now=T0)
    assert exc.value.locked_until == T0 + accounts.BASE_LOCK
    # While locked, even the right password does not unlock, and login is locked too.
    with pytest.raises(LoginFailed):
        accounts.verify_password(db, actor=actor, password="dewi-pass-1", now=T0)
    with pytest.raises(LoginFailed):
        accounts.login(db, username="dewi", password="dewi-pass-1", now=T0)
    later = T0 + accounts.BASE_LOCK + dt.timedelta(seconds=1)
    assert accounts.verify_password(db, actor=actor, password="dewi-pass-1", now=later)


def test_session_unlock_respects_a_lock_from_failed_logins(
    db: Database, with_accounts: Office
) -> None:
    actor = accounts.login(db, username="dewi", password="dewi-pass-1", now=T0).actor
    for _ in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed):
            accounts.login(db, username="dewi", password="guess-guess", now=T0)
    with pytest.raises(LoginFailed):
        accounts.verify_password(db, actor=actor, password="dewi-pass-1", now=T0)


def test_errors_do_not_carry_bound_parameters(db: Database, with_accounts: Office) -> None:
    secret = accounts.hash_password("dewi-pass-1")
    with pytest.raises(IntegrityError) as exc, db.unit_of_work(SYSTEM) as session:
        session.add(UserAccount(username="dewi", password_hash=secret))
        session.flush()
    assert secret not in str(exc.value)
    assert "hidden" in str(exc.value)


def test_cli_reset_gives_a_one_time_password_that_must_be_changed(
    admin_home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    admin = ("--user", "rina")
    assert run(admin_home, monkeypatch, *admin, "account", "add", "dewi", "--nip", office.staf.nip,
               password="admin-pass-1", new_password="first-pass-1") == 0  # fmt: skip
    capsys.readouterr()
    assert run(admin_home, monkeypatch, *admin, "account", "reset", "dewi",
               password="admin-pass-1") == 0  # fmt: skip
    out = capsys.readouterr().out
    one_time = out.split(": ", 1)[1].split()[0]
    assert len(one_time) >= accounts.MIN_PASSWORD_LENGTH
    assert run(admin_home, monkeypatch, "--user", "dewi", "people", "list",
               password="first-pass-1") == 2  # fmt: skip
    assert run(admin_home, monkeypatch, "--user", "dewi", "people", "list",
               password=one_time) == 2  # fmt: skip
    assert "account passwd" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("dewi-chosen-7\n"))
    assert run(admin_home, monkeypatch, "--user", "dewi", "account", "passwd",
               "--password-stdin", password=one_time) == 0  # fmt: skip
    assert run(admin_home, monkeypatch, "--user", "dewi", "people", "list",
               password="dewi-chosen-7") == 0  # fmt: skip


def test_account_add_without_a_terminal_says_what_to_do(
    admin_home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert run(admin_home, monkeypatch, "--user", "rina", "account", "add", "dewi", "--nip",
               office.staf.nip, password="admin-pass-1") == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "KINERJA_NEW_PASSWORD" in err and "--password-stdin" in err
    assert run(admin_home, monkeypatch, "--user", "rina", "people", "list") == 2
    assert "KINERJA_PASSWORD" in capsys.readouterr().err


def test_account_add_from_a_pipe_exits_2_without_a_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    done = subprocess.run(
        [sys.executable, "-m", "kinerja_desktop.cli.main", "--home", str(tmp_path / "h"),
         "--lang", "en", "account", "add", "rina", "--role", "pengelola"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr
    assert "--password-stdin" in done.stderr
