"""The audit log's hash chain and its security events (issue 12, hole 8).

Edits, deletions and insertions made with plain ``sqlite3`` are found by ``verify_chain`` and
``kinerja check``, which name the first broken row; logins, failed logins, restores and sync
imports are written to the log and read with labels.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db import audit_chain
from kinerja_desktop.db.migrate import upgrade
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, audit, backup
from kinerja_desktop.services.admin.accounts import LoginFailed
from kinerja_desktop.services.admin.audit import AuditFilter
from kinerja_desktop.services.people import directory as people
from tests.factories import Office, make_office
from tests.sync_world import Install, enrol
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


def _ids(database: Path) -> list[int]:
    with sqlite3.connect(database) as conn:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM audit_log ORDER BY id")]
    conn.close()
    return ids


def _edit(database: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(database)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def logged(db: Database, office: Office) -> Iterator[Path]:
    """A database whose audit log holds the office's rows and a few more changes."""
    people.create_unit(db, actor=SYSTEM, kode="NEW", nama="Unit Baru", parent_kode="DINAS")
    db.close()
    yield db.home.database


def test_untouched_log_is_intact(logged: Path) -> None:
    check = audit.verify_chain(logged)
    assert check.ok and check.rows == len(_ids(logged)) and check.rows > 10


def test_edited_row_is_named(logged: Path) -> None:
    target = _ids(logged)[5]
    _edit(logged, "UPDATE audit_log SET actor_name = 'someone else' WHERE id = ?", target)
    check = audit.verify_chain(logged)
    assert not check.ok and check.broken_id == target
    assert str(target) in check.message


def test_edited_values_after_are_named(logged: Path) -> None:
    target = _ids(logged)[3]
    _edit(logged, "UPDATE audit_log SET after = json_set(after, '$.x', 1) WHERE id = ?", target)
    assert audit.verify_chain(logged).broken_id == target


def test_deleted_row_breaks_the_link_of_the_next(logged: Path) -> None:
    ids = _ids(logged)
    _edit(logged, "DELETE FROM audit_log WHERE id = ?", ids[4])
    check = audit.verify_chain(logged)
    assert not check.ok and check.broken_id == ids[5]


def test_inserted_row_is_named(logged: Path) -> None:
    last = _ids(logged)[-1]
    _edit(
        logged,
        "INSERT INTO audit_log (id, at, actor_name, action, table_name, record_id, prev_hash, "
        "row_hash) VALUES (?, '2026-01-01 00:00:00.000000', 'x', 'insert', 'pegawai', 'r', ?, ?)",
        last + 1,
        "f" * 64,
        "e" * 64,
    )
    assert audit.verify_chain(logged).broken_id == last + 1


def test_kinerja_check_names_the_first_broken_row(
    logged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(logged.parent)
    assert main(["--home", home, "--lang", "en", "check"]) == 0
    target = _ids(logged)[2]
    _edit(logged, "UPDATE audit_log SET record_id = 'other' WHERE id = ?", target)
    capsys.readouterr()
    assert main(["--home", home, "--lang", "en", "check"]) == 1
    err = capsys.readouterr().err
    assert f"number {target}" in err and "changed after it was written" in err
    assert main(["--home", home, "--lang", "en", "check", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["audit_chain"]["first_broken"] == target


def test_migration_chains_the_rows_already_there(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    upgrade(database, tmp_path / "backups", target="0001")
    conn = sqlite3.connect(database)
    conn.executemany(
        "INSERT INTO audit_log (at, actor_name, action, table_name, record_id, after) "
        "VALUES ('2026-11-01 08:00:00.000000', 'Rina', 'insert', 'pegawai', ?, ?)",
        [(f"p{i}", json.dumps({"nama": f"Orang {i}"})) for i in range(5)],
    )
    conn.commit()
    conn.close()
    upgrade(database, tmp_path / "backups")
    check = audit.verify_chain(database)
    assert check.ok and check.rows == 5


def test_a_database_not_yet_migrated_has_no_chain_to_check(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    upgrade(database, tmp_path / "backups", target="0001")
    check = audit.verify_chain(database)
    assert check.ok and check.rows == 0 and "rantai hash" in check.message


def test_rows_written_in_one_transaction_chain_in_order(db: Database, office: Office) -> None:
    with db.read(SYSTEM) as session:
        rows = session.execute(
            select(AuditLog.id, AuditLog.prev_hash, AuditLog.row_hash).order_by(AuditLog.id)
        ).all()
    assert len(rows) > 10 and [r[0] for r in rows] == list(range(1, len(rows) + 1))
    previous = audit_chain.GENESIS
    for _id, prev_hash, row_hash in rows:
        assert prev_hash == previous
        previous = row_hash


def _events(db: Database, action: str) -> list[audit.AuditRow]:
    return [e for e in audit.list_entries(db, actor=SYSTEM) if e.action == action]


def test_logins_and_failed_logins_are_logged(db: Database, office: Office) -> None:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1", nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    accounts.login(db, username="rina", password="admin-pass-1")
    for name in ("rina", "nobody"):
        with pytest.raises(LoginFailed):
            accounts.login(db, username=name, password="wrong-password")
    accounts.create_account(
        db, actor=SYSTEM, username="gone", password="gone-pass-12", nip=office.staf.nip,
        must_change_password=False,
    )  # fmt: skip
    accounts.update_account(db, actor=SYSTEM, username="gone", aktif=False)
    with pytest.raises(LoginFailed):
        accounts.login(db, username="gone", password="gone-pass-12")
    ok = _events(db, audit.EVENT_LOGIN)
    assert len(ok) == 1 and ok[0].pegawai_id == office.admin.id
    failed = _events(db, audit.EVENT_LOGIN_FAILED)
    assert {e.after["username"] for e in failed if e.after} == {"rina", "nobody", "gone"}
    set_language("en")
    assert audit.record_label(failed[0].table_name) == "Login"
    assert audit.action_label(audit.EVENT_LOGIN_FAILED) == "login failed"
    # The person sees the attempts on their own account.
    own = audit.list_entries(
        db, actor=office.admin.actor, flt=AuditFilter(table_name=audit.SUBJECT_SESSION)
    )
    assert {e.action for e in own} == {audit.EVENT_LOGIN, audit.EVENT_LOGIN_FAILED}
    db.close()
    assert audit.verify_chain(db.home.database).ok


def test_logins_are_not_shown_to_the_supervisor(db: Database, office: Office) -> None:
    accounts.create_account(
        db, actor=SYSTEM, username="dewi", password="dewi-pass-1", nip=office.staf.nip,
        must_change_password=False,
    )  # fmt: skip
    accounts.login(db, username="dewi", password="dewi-pass-1")
    with pytest.raises(LoginFailed):
        accounts.login(db, username="dewi", password="wrong-password")
    session_only = AuditFilter(table_name=audit.SUBJECT_SESSION)
    own = audit.list_entries(db, actor=office.staf.actor, flt=session_only)
    assert {e.action for e in own} == {audit.EVENT_LOGIN, audit.EVENT_LOGIN_FAILED}
    assert audit.list_entries(db, actor=office.kabid.actor, flt=session_only) == []
    assert audit.list_entries(db, actor=office.kabid.actor, flt=AuditFilter(
        pegawai_id=office.staf.id))  # fmt: skip
    assert len(audit.list_entries(db, actor=office.admin.actor, flt=session_only)) == 2


def test_restore_is_logged_in_the_restored_database(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    snapshot = backup.make_backup(home, out=tmp_path / "snapshot.sqlite3")
    db.close()
    admin = office.admin.actor
    backup.restore(home, snapshot, actor=admin)
    restored = Database.open(home)
    try:
        events = _events(restored, audit.EVENT_RESTORE)
        assert len(events) == 1 and events[0].actor_name == admin.name
        assert events[0].after and events[0].after["file"] == str(snapshot)
    finally:
        restored.close()
    assert audit.verify_chain(home.database).ok


def test_sync_import_is_logged_per_bundle(tmp_path: Path) -> None:
    a = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    try:
        enrol(hub, a)
        make_office(a.db)
        report = hub.import_bundle(a.export_to(hub).path)
        events = _events(hub.db, audit.EVENT_SYNC_IMPORT)
        assert len(events) == 1
        details = events[0].after or {}
        assert details["sender"] == "Kantor A" and events[0].record_id == report.bundle_id
        assert details["inserted"] == report.inserted and details["records"]["pegawai"] == 5
        assert audit.record_label(events[0].table_name) != events[0].table_name
    finally:
        a.close()
        hub.close()
