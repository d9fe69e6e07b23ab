"""The primitives of data at rest (db/cipher.py) and the key-slot file (db/keyslots.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kinerja_desktop.db import cipher, keyslots
from kinerja_desktop.db.cipher import KdfParams, WrongKey
from kinerja_desktop.paths import DataHome

FAST = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def test_seal_opens_only_with_its_key_and_associated_data() -> None:
    key = cipher.new_key()
    blob = cipher.seal(key, b"Dewi Lestari", aad=b"a")
    assert b"Dewi" not in blob and len(blob) == 12 + len(b"Dewi Lestari") + 16
    assert cipher.unseal(key, blob, aad=b"a") == b"Dewi Lestari"
    assert cipher.seal(key, b"Dewi Lestari", aad=b"a") != blob  # a fresh nonce each time
    with pytest.raises(WrongKey):
        cipher.unseal(cipher.new_key(), blob, aad=b"a")
    with pytest.raises(WrongKey):
        cipher.unseal(key, blob, aad=b"b")
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    with pytest.raises(WrongKey):
        cipher.unseal(key, bytes(tampered), aad=b"a")
    with pytest.raises(WrongKey):
        cipher.unseal(key, b"short", aad=b"a")


def test_derive_depends_on_secret_and_salt() -> None:
    params = KdfParams.fresh(**FAST)
    assert cipher.derive(b"pw", params) == cipher.derive(b"pw", params)
    assert cipher.derive(b"pw", params) != cipher.derive(b"pw2", params)
    assert cipher.derive(b"pw", params) != cipher.derive(b"pw", KdfParams.fresh(**FAST))
    assert len(cipher.derive(b"pw", params)) == 32
    assert cipher.subkey(b"k" * 32, "a") != cipher.subkey(b"k" * 32, "b")


def test_recovery_keys_are_read_back_however_they_are_typed() -> None:
    text = cipher.new_recovery_key()
    groups = text.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    secret = cipher.parse_recovery_key(text)
    assert secret is not None and len(secret) == 20
    assert cipher.parse_recovery_key(" " + text.lower().replace("-", " ") + "\n") == secret
    assert cipher.parse_recovery_key(text[:-1]) is None
    assert cipher.parse_recovery_key("not a key") is None
    assert cipher.new_recovery_key() != text


def test_encrypted_copy_is_unreadable_without_its_key(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite3"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (nama TEXT)")
        conn.execute("INSERT INTO t VALUES ('Siti Rahmawati')")
    conn.close()
    key = cipher.new_key()
    encrypted = cipher.encrypt_copy(plain, tmp_path / "enc.sqlite3", key)
    assert cipher.is_plain(plain) and not cipher.is_plain(encrypted)
    assert b"Siti" not in encrypted.read_bytes()
    conn = cipher.connect(encrypted, key)
    assert conn.execute("SELECT nama FROM t").fetchall() == [("Siti Rahmawati",)]
    conn.close()
    wrong = cipher.connect(encrypted, cipher.new_key())
    with pytest.raises(cipher.database_error_types()):
        wrong.execute("SELECT nama FROM t").fetchall()
    wrong.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(encrypted).execute("SELECT nama FROM t").fetchall()


def test_key_slots_open_with_password_or_recovery_key_and_hold_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyslots, "KDF_COSTS", FAST)
    home = DataHome(tmp_path / "home").ensure()
    key = cipher.new_key()
    slots = keyslots.KeySlots.new()
    slots.put_account(account_id="acc-1", username="Rina", password="rahasia-123", key=key)
    recovery = slots.put_recovery(key)
    slots.save(home)
    text = keyslots.path_of(home).read_text()
    assert "Rina" not in text and "rina" not in text and key.hex() not in text
    assert cipher.b64(key) not in text
    loaded = keyslots.KeySlots.load(home)
    slot = loaded.slot_for("  rina ")  # the username is matched as at login
    assert slot is not None
    assert keyslots.KeySlots.unlock(slot, "rahasia-123").key == key
    with pytest.raises(WrongKey):
        keyslots.KeySlots.unlock(slot, "rahasia-124")
    assert loaded.unlock_recovery(recovery) == key
    with pytest.raises(WrongKey):
        loaded.unlock_recovery(cipher.new_recovery_key())


def test_legacy_slot_opens_with_the_password_of_a_stored_hash() -> None:
    stored = PasswordHasher(**FAST).hash("lama-sekali-1")
    legacy = keyslots.legacy_params(stored)
    assert legacy is not None
    params, raw = legacy
    assert cipher.derive(b"lama-sekali-1", params) == raw
    assert cipher.derive(b"lama-sekali-2", params) != raw
    assert keyslots.legacy_params("$2b$12$bcrypt-hash") is None


def _legacy_encrypted(path: Path, key: bytes) -> None:
    """An encrypted database as an earlier version made it (SQLCipher 4's default settings)."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("CREATE TABLE t(x TEXT)")
    connection.execute("INSERT INTO t VALUES ('Dewi Lestari')")
    connection.commit()
    connection.close()


def _page_size(path: Path, key: bytes, settings: tuple[str, ...]) -> int:
    connection = cipher.connect(path, key, settings=settings)
    try:
        return int(connection.execute("PRAGMA cipher_page_size").fetchone()[0])
    finally:
        connection.close()


def test_new_encrypted_databases_use_the_faster_page_settings(tmp_path: Path) -> None:
    """16 KiB pages and HMAC-SHA256 for what this program encrypts (fresh or copied); an
    older file, with SQLCipher's defaults, is still found and read."""
    key = cipher.new_key()
    plain = tmp_path / "plain.sqlite3"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t(x TEXT)")
        connection.execute("INSERT INTO t VALUES ('Dewi Lestari')")
    copy = cipher.encrypt_copy(plain, tmp_path / "copy.sqlite3", key)
    legacy = tmp_path / "legacy.sqlite3"
    _legacy_encrypted(legacy, key)
    assert cipher.settings_of(copy, key) == cipher.SETTINGS
    assert cipher.settings_of(legacy, key) == cipher.LEGACY_SETTINGS
    assert cipher.settings_of(tmp_path / "new.sqlite3", key) == cipher.SETTINGS
    assert _page_size(copy, key, cipher.SETTINGS) == 16384
    assert _page_size(legacy, key, cipher.LEGACY_SETTINGS) == 4096
    for path in (copy, legacy):
        connection = cipher.connect(path, key)
        assert connection.execute("SELECT x FROM t").fetchall() == [("Dewi Lestari",)]
        connection.close()
    # With the other file's settings a database does not open: the settings matter.
    wrong = cipher.connect(copy, key, settings=cipher.LEGACY_SETTINGS)
    with pytest.raises(cipher.database_error_types()):
        wrong.execute("SELECT x FROM t").fetchall()
    wrong.close()
    # An online backup keeps the settings of its source.
    from kinerja_desktop.db.sqlite_backup import backup_file

    for path in (copy, legacy):
        target = backup_file(path, tmp_path / f"backup-{path.name}", key=key)
        assert cipher.settings_of(target, key) == cipher.settings_of(path, key)


def test_new_plain_databases_get_the_pages_of_encrypted_ones(tmp_path: Path) -> None:
    """A plain home made now has 16 KiB pages like an encrypted one; a plain file made with
    SQLite's default 4 KiB pages keeps them and still opens and migrates."""
    from kinerja_desktop.home import open_home

    fresh = DataHome(tmp_path / "fresh").ensure()
    db, _migration = open_home(fresh)
    db.close()
    older = DataHome(tmp_path / "older").ensure()
    with sqlite3.connect(older.database) as connection:
        connection.execute("PRAGMA page_size=4096")
        connection.execute("CREATE TABLE scratch(x)")
        connection.execute("DROP TABLE scratch")
    db, _migration = open_home(older)
    db.close()
    sizes = {}
    for name, home in (("fresh", fresh), ("older", older)):
        with sqlite3.connect(home.database) as connection:
            sizes[name] = connection.execute("PRAGMA page_size").fetchone()[0]
            assert connection.execute("SELECT count(*) FROM pegawai").fetchone() == (0,)
    assert sizes == {"fresh": cipher.PAGE_BYTES, "older": 4096}


def test_the_settings_of_a_file_are_found_once_and_again_after_it_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start checks the schema, then opens the engine: the second asks the first's answer
    instead of trying the settings on a connection of its own; a file renamed into place
    (a restore) is looked at afresh."""
    key = cipher.new_key()
    path = tmp_path / "db.sqlite3"
    _legacy_encrypted(path, key)
    tries: list[tuple[str, ...]] = []
    keyed = cipher._keyed

    def counting(*args: object, **kwargs: object) -> object:
        tries.append(args[2])  # type: ignore[arg-type]
        return keyed(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cipher, "_keyed", counting)
    assert cipher.settings_of(path, key) == cipher.LEGACY_SETTINGS
    assert tries == [cipher.SETTINGS, cipher.LEGACY_SETTINGS]
    assert cipher.settings_of(path, key) == cipher.LEGACY_SETTINGS
    assert len(tries) == 2  # known: no connection
    plain = tmp_path / "plain.sqlite3"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t(x TEXT)")
    cipher.encrypt_copy(plain, tmp_path / "new.sqlite3", key).replace(path)
    assert cipher.settings_of(path, key) == cipher.SETTINGS
