"""The command line with accounts: --user with KINERJA_PASSWORD, account commands, backup,
restore and check through ``kinerja``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kinerja_desktop.cli.main import main
from kinerja_desktop.db.lock import InstanceLock
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from tests.factories import Office, page_bytes
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


def run(
    home: DataHome, monkeypatch: pytest.MonkeyPatch, *argv: str, password: str | None = None,
    new_password: str | None = None,
) -> int:  # fmt: skip
    if password is None:
        monkeypatch.delenv("KINERJA_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("KINERJA_PASSWORD", password)
    if new_password is None:
        monkeypatch.delenv("KINERJA_NEW_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("KINERJA_NEW_PASSWORD", new_password)
    return main(["--home", str(home.root), "--lang", "en", *argv])


@pytest.fixture
def admin_home(
    db: Database, office: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch
) -> DataHome:
    return add_first_admin(db, office, home, monkeypatch)


def add_first_admin(
    db: Database, office: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch
) -> DataHome:
    """Add the administrator rina through the CLI. The first account encrypts the data folder
    (its file is replaced): the test's own connection is closed first, as no other program may
    hold the database meanwhile."""
    db.close()
    assert run(home, monkeypatch, "account", "add", "rina", "--nip", office.admin.nip,
               "--role", "pengelola", "--no-change", new_password="admin-pass-1") == 0  # fmt: skip
    return home


def test_without_accounts_system_acts_and_afterwards_user_is_required(
    admin_home: DataHome, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(admin_home, monkeypatch, "people", "list") == 2
    assert "--user" in capsys.readouterr().err
    assert (
        run(admin_home, monkeypatch, "--user", "rina", "people", "list", password="admin-pass-1")
        == 0
    )
    assert "Dewi Lestari" in capsys.readouterr().out


def test_account_commands_and_first_login_password_change(
    admin_home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    admin = ("--user", "rina")
    assert run(admin_home, monkeypatch, *admin, "account", "add", "dewi", "--nip", office.staf.nip,
               password="admin-pass-1", new_password="first-pass-1") == 0  # fmt: skip
    assert (
        run(admin_home, monkeypatch, *admin, "account", "list", "--json", password="admin-pass-1")
        == 0
    )
    assert '"username": "dewi"' in capsys.readouterr().out
    # A new account must change its password before anything else.
    assert (
        run(admin_home, monkeypatch, "--user", "dewi", "people", "list", password="first-pass-1")
        == 2
    )
    assert "account passwd" in capsys.readouterr().err
    assert run(admin_home, monkeypatch, "--user", "dewi", "account", "passwd",
               password="first-pass-1", new_password="own-pass-22") == 0  # fmt: skip
    assert (
        run(admin_home, monkeypatch, "--user", "dewi", "people", "list", password="own-pass-22")
        == 0
    )
    # A pegawai may not list or reset accounts.
    capsys.readouterr()
    assert (
        run(admin_home, monkeypatch, "--user", "dewi", "account", "list", password="own-pass-22")
        == 2
    )
    assert run(admin_home, monkeypatch, "--user", "dewi", "account", "reset", "rina",
               password="own-pass-22", new_password="stolen-pass") == 2  # fmt: skip
    assert (
        run(admin_home, monkeypatch, "--user", "rina", "people", "list", password="admin-pass-1")
        == 0
    )


def test_cli_login_lockout(
    admin_home: DataHome, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(3):
        assert run(admin_home, monkeypatch, "--user", "rina", "people", "list", password="bad") == 2
    capsys.readouterr()
    assert (
        run(admin_home, monkeypatch, "--user", "rina", "people", "list", password="admin-pass-1")
        == 2
    )
    assert "locked" in capsys.readouterr().err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_backup_restore_and_check(
    admin_home: DataHome, db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "export.sqlite3"
    assert run(admin_home, monkeypatch, "backup", "--out", str(out)) == 2  # needs --user
    assert run(admin_home, monkeypatch, "--user", "rina", "backup", "--out", str(out),
               password="admin-pass-1") == 0  # fmt: skip
    assert out.exists()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(out.read_bytes()[:-5000])
    db.close()
    before = digest(admin_home.database)
    capsys.readouterr()
    assert run(admin_home, monkeypatch, "--user", "rina", "restore", str(truncated),
               password="admin-pass-1") == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "Restore refused" in err and "truncated" in err
    assert digest(admin_home.database) == before
    # While the program holds the data home, restore is refused too.
    with InstanceLock(admin_home.lock_file):
        assert run(admin_home, monkeypatch, "--user", "rina", "restore", str(out),
                   password="admin-pass-1") == 2  # fmt: skip
        assert "already open" in capsys.readouterr().err
    assert run(admin_home, monkeypatch, "restore", str(out)) == 2  # needs the administrator
    assert run(admin_home, monkeypatch, "--user", "rina", "restore", str(out),
               password="admin-pass-1") == 0  # fmt: skip
    # The data folder is encrypted (its first account was made by the CLI): checking it
    # needs a password that opens the database key.
    assert run(admin_home, monkeypatch, "check") == 2
    assert "encrypted" in capsys.readouterr().err
    assert run(admin_home, monkeypatch, "--user", "rina", "check", password="admin-pass-1") == 0
    data = bytearray(admin_home.database.read_bytes())
    third = page_bytes(data) * 2
    data[third : third + 400] = b"\x07" * 400
    admin_home.database.write_bytes(bytes(data))
    capsys.readouterr()
    assert run(admin_home, monkeypatch, "--user", "rina", "check", password="admin-pass-1") == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "kinerja restore" in err
