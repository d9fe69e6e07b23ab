"""Backups, integrity checks, restore refusals, and the one-writer lock of a data home."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.lock import InstanceLock, read_holder
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import backup
from kinerja_desktop.services.people import directory as people
from tests.factories import Office, page_bytes


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(db: Database) -> set[str]:
    return {p.nama for p in people.list_people(db, actor=SYSTEM)}


def test_backup_is_checked_single_file_and_holds_the_data(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    out = backup.make_backup(home, out=tmp_path / "copy.sqlite3")
    assert backup.check_file(out).ok
    assert not Path(f"{out}-wal").exists()
    with sqlite3.connect(out) as conn:
        count = conn.execute("SELECT count(*) FROM pegawai").fetchone()[0]
    assert count == 5


def test_automatic_backups_rotate(db: Database, office: Office, home: DataHome) -> None:
    made = [backup.make_backup(home) for _ in range(backup.KEEP_AUTOMATIC + 3)]
    kept = [b.path for b in backup.list_backups(home) if b.automatic]
    assert len(kept) == backup.KEEP_AUTOMATIC
    assert made[-1] in kept and made[0] not in kept


def test_truncated_file_is_refused_and_current_database_untouched(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    good = backup.make_backup(home, out=tmp_path / "good.sqlite3")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    db.close()
    before = digest(home.database)
    with pytest.raises(DatabaseError) as exc:
        backup.restore(home, truncated)
    assert "truncated" in exc.value.message or "terpotong" in exc.value.message
    assert digest(home.database) == before
    assert not list(home.root.glob(".restore-*"))


@pytest.mark.parametrize("damage", ["garbage", "empty", "foreign", "corrupt_page", "newer"])
def test_bad_files_are_refused(
    db: Database, office: Office, home: DataHome, tmp_path: Path, damage: str
) -> None:
    good = backup.make_backup(home, out=tmp_path / "good.sqlite3")
    bad = tmp_path / f"{damage}.sqlite3"
    if damage == "garbage":
        bad.write_bytes(b"this is not a database " * 100)
    elif damage == "empty":
        bad.write_bytes(b"")
    elif damage == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE t (x)")
    elif damage == "corrupt_page":
        data = bytearray(good.read_bytes())
        page = page_bytes(data)
        for offset in range(page * 3, len(data) - page, page * 7):
            data[offset : offset + 200] = b"\xff" * 200
        bad.write_bytes(bytes(data))
    elif damage == "newer":
        bad.write_bytes(good.read_bytes())
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    db.close()
    before = digest(home.database)
    with pytest.raises(DatabaseError) as exc:
        backup.restore(home, bad)
    assert str(bad) in exc.value.message
    if damage == "newer":
        assert "9999_future" in exc.value.message
    assert digest(home.database) == before


def test_restore_replaces_and_keeps_previous(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    snapshot = backup.make_backup(home, out=tmp_path / "snapshot.sqlite3")
    people.create_unit(db, actor=SYSTEM, kode="NEW", nama="Unit Baru", parent_kode="DINAS")
    db.close()
    result = backup.restore(home, snapshot)
    assert result.previous_copy is not None and result.previous_copy.exists()
    restored = Database.open(home)
    try:
        kodes = {u.kode for u in people.list_units(restored, actor=SYSTEM)}
        assert "NEW" not in kodes and "BID1" in kodes
    finally:
        restored.close()
    with sqlite3.connect(result.previous_copy) as conn:
        assert conn.execute("SELECT count(*) FROM unit_kerja WHERE kode='NEW'").fetchone()[0] == 1


def test_damaged_live_database_is_detected_and_good_backup_offered(
    db: Database, office: Office, home: DataHome
) -> None:
    good = backup.make_backup(home)
    db.close()
    data = bytearray(home.database.read_bytes())
    third = page_bytes(data) * 2
    data[third : third + 300] = b"\x00\x13" * 150
    home.database.write_bytes(bytes(data))
    assert not backup.check_database(home, full=True).ok
    latest = backup.latest_good_backup(home)
    assert latest is not None and latest.path == good
    backup.restore(home, latest.path)
    assert backup.check_database(home, full=True).ok


def test_missing_database_is_a_first_start(tmp_path: Path) -> None:
    home = DataHome(tmp_path / "fresh").ensure()
    assert backup.check_database(home).ok
    with pytest.raises(DatabaseError):
        backup.make_backup(home)


def test_second_instance_is_refused_until_the_first_releases(home: DataHome) -> None:
    first = InstanceLock(home.lock_file).acquire()
    try:
        assert read_holder(home.lock_file)["purpose"] == "gui"
        with pytest.raises(DatabaseError) as exc:
            InstanceLock(home.lock_file).acquire()
        assert str(read_holder(home.lock_file)["pid"]) in exc.value.message
    finally:
        first.release()
    second = InstanceLock(home.lock_file).acquire()
    assert second.held
    second.release()
    assert not second.held
