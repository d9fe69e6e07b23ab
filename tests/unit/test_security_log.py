"""Failed logins at an encrypted data home's key slots: kept in the plain security log until
the next successful login writes them into the chained audit log with their own times."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main as cli_main
from kinerja_desktop.db import security_log
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import audit, vault
from kinerja_desktop.services.admin.accounts import LoginFailed
from kinerja_desktop.services.admin.audit import AuditFilter, AuditRow
from tests.factories import Office
from tests.unit.test_accounts_service import _fast_hashing
from tests.unit.test_data_at_rest import ADMIN_PW, KABID_PW, encrypted

__all__ = ["_fast_hashing", "encrypted"]

WRONG_PW = "Tebakan-Salah-Pq73"


def _failed(db: Database) -> list[AuditRow]:
    rows = audit.list_entries(db, actor=SYSTEM, flt=AuditFilter(table_name=audit.SUBJECT_SESSION))
    return sorted(
        (r for r in rows if r.action == audit.EVENT_LOGIN_FAILED), key=lambda r: (r.at, r.id)
    )


def test_a_failed_cli_login_is_audited_at_the_next_login_and_the_chain_holds(
    home: DataHome, office: Office, encrypted: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    def kinerja(user: str, password: str, *argv: str) -> int:
        monkeypatch.setenv("KINERJA_PASSWORD", password)
        return cli_main(["--home", str(home.root), "--lang", "en", "--user", user, *argv])

    before = dt.datetime.now(dt.UTC)
    assert kinerja("siti", WRONG_PW, "people", "list") != 0
    assert kinerja("nobody-here", WRONG_PW, "people", "list") != 0
    after = dt.datetime.now(dt.UTC)
    capsys.readouterr()
    text = security_log.path_of(home).read_text(encoding="ascii")
    assert len(text.splitlines()) == 2 and "siti" in text and "nobody-here" in text
    assert WRONG_PW not in text and "$argon2" not in text  # no password, no hash
    # The next good login (any account) moves them into the audit log and removes the file.
    assert kinerja("rina", ADMIN_PW, "people", "list") == 0
    assert not security_log.path_of(home).exists()
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        failed = _failed(outcome.db)
    finally:
        outcome.db.close()
    assert [(r.after or {}).get("username") for r in failed] == ["siti", "nobody-here"]
    assert [(r.after or {}).get("failure") for r in failed] == [
        security_log.WRONG_PASSWORD,
        security_log.UNKNOWN_NAME,
    ]
    assert all(before <= r.at <= after for r in failed)  # their own times, not the login's
    assert failed[0].pegawai_id == office.kabid.id  # siti sees the attempt on her account
    assert failed[1].pegawai_id is None
    assert kinerja("rina", ADMIN_PW, "check") == 0
    assert "intact" in capsys.readouterr().out


def test_a_locked_slot_is_kept_as_such(home: DataHome, encrypted: str) -> None:
    now = dt.datetime(2026, 5, 4, 8, 30, tzinfo=dt.UTC)
    for _attempt in range(5):
        with pytest.raises(LoginFailed):
            vault.unlock(home, username="siti", password=WRONG_PW, now=now)
    kinds = [e.kind for e in security_log.read(home) if isinstance(e, security_log.Attempt)]
    assert kinds[:3] == [security_log.WRONG_PASSWORD] * 3
    assert kinds[-1] == security_log.LOCKED_SLOT
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        failed = _failed(outcome.db)
    finally:
        outcome.db.close()
    assert len(failed) == 5 and {r.at for r in failed} == {now}
    assert (failed[-1].after or {}).get("failure") == security_log.LOCKED_SLOT


def test_a_damaged_security_log_does_not_block_the_login_and_is_reported(
    home: DataHome, encrypted: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    at = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
    for offset in range(4):
        with pytest.raises(LoginFailed):
            vault.unlock(
                home, username="siti", password=WRONG_PW, now=at + dt.timedelta(days=offset)
            )
    path = security_log.path_of(home)
    lines = path.read_bytes().split(b"\n")
    # Line 2 edited (its name changed), line 3 then no longer chains; a line of garbage, a
    # line of JSON that is not an attempt, and a last line cut in half.
    lines[1] = lines[1].replace(b'"siti"', b'"rina"')
    forged = json.dumps({"at": at.isoformat(), "user": "x", "kind": "party", "prev": ""})
    path.write_bytes(
        b"\n".join([*lines[:4], b"\x00\xff not json", forged.encode(), b'{"at": "2026-05'])
    )
    outcome = vault.login(home, username="siti", password=KABID_PW)
    try:
        rows = _failed(outcome.db)
    finally:
        outcome.db.close()
    assert not path.exists()
    damaged = sorted((r.after or {})["line"] for r in rows if (r.after or {}).get("failure")
                     == "damaged_line")  # fmt: skip
    assert damaged == [3, 5, 6, 7]
    kept = [r for r in rows if (r.after or {}).get("failure") == security_log.WRONG_PASSWORD]
    # Line 2 was edited after its line was written: only its successor can tell (line 3).
    assert [r.at for r in kept] == [at, at + dt.timedelta(days=1), at + dt.timedelta(days=3)]
    monkeypatch.setenv("KINERJA_PASSWORD", ADMIN_PW)
    assert cli_main(["--home", str(home.root), "--lang", "en", "--user", "rina", "check"]) == 0
    assert "intact" in capsys.readouterr().out


def test_an_unreadable_or_oversized_security_log_does_not_block_the_login(
    home: DataHome, encrypted: str
) -> None:
    path = security_log.path_of(home)
    path.write_bytes(b"x" * ((security_log.MAX_LINES + 2) * 2048))
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        rows = _failed(outcome.db)
    finally:
        outcome.db.close()
    assert [(r.after or {}).get("failure") for r in rows] == ["damaged_line"]
    assert (rows[0].after or {}).get("line") is None
    assert not path.exists()


def test_the_security_log_is_bounded(
    home: DataHome, encrypted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(security_log, "MAX_LINES", 3)
    start = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
    for n in range(6):
        with pytest.raises(LoginFailed):
            vault.unlock(home, username="x" * 300, password=WRONG_PW,
                         now=start + dt.timedelta(minutes=n))  # fmt: skip
    entries = security_log.read(home)
    assert len(entries) == 4 and all(isinstance(e, security_log.Attempt) for e in entries)
    assert [e.kind for e in entries if isinstance(e, security_log.Attempt)] == [
        security_log.UNKNOWN_NAME,
    ] * 3 + [security_log.LOG_FULL]
    last = entries[-1]
    assert isinstance(last, security_log.Attempt)
    assert last.at == start + dt.timedelta(minutes=3)  # the first attempt it could not keep
    first = entries[0]
    assert isinstance(first, security_log.Attempt) and len(first.username) == 100
