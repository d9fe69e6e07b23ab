"""Data at rest: a copied data folder reveals no name, NIP, rating or note, plain SQLite cannot
read it, and the passwords, the recovery key, a password change, an administrator's reset and
the encryption of a data folder made before encryption all keep the right doors open."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main as cli_main
from kinerja_desktop.db import cipher, keyslots
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import DatabaseError, ValidationError
from kinerja_desktop.logging_setup import setup_logging
from kinerja_desktop.models.enums import EvaluasiStatus, JenisSesi, Predikat, Rating, Role
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import BuktiDukung, Lampiran
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, backup, vault
from kinerja_desktop.services.admin.accounts import LoginFailed
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import private_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.sync import keys as sync_keys
from kinerja_desktop.sync.errors import BundleError
from tests.factories import Office
from tests.unit.eval_fixtures import SkpIds, make_skp
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]

ADMIN_PW = "admin-pass-1"
KABID_PW = "kabid-pass-1"
NOTE = "Catatan-bersama-Qx81 tentang target triwulan"
PRIVATE = "RAHASIA-pribadi-Zk42 hanya untuk penulis"
RATING_NOTE = "Penilaian-kinerja-Vb27 sangat memuaskan"
EVIDENCE = b"Laporan-bukti-Jw58 kegiatan triwulan: anggaran Rp 12.345.678\n"
LATER_EVIDENCE = b"Bukti-sesudah-enkripsi-Tm31 daftar hadir rapat\n"


def _accounts(db: Database, office: Office) -> None:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password=ADMIN_PW, nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    accounts.create_account(
        db, actor=SYSTEM, username="siti", password=KABID_PW, nip=office.kabid.nip,
        must_change_password=False,
    )  # fmt: skip


def _rename(db: Database, pegawai_id: str, nama: str) -> None:
    with db.unit_of_work(SYSTEM) as session:
        person = session.get(Pegawai, pegawai_id)
        assert person is not None
        person.nama = nama


def _personal_data(db: Database, office: Office) -> None:
    skp = make_skp(db, office.staf, office.kabid)
    with db.unit_of_work(SYSTEM) as session:
        session.add(
            Evaluasi(
                skp_id=skp.skp_id, periode="2026-TW1", penilai_id=office.kabid.id,
                rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS,
                predikat=Predikat.SANGAT_BAIK, catatan=RATING_NOTE, status=EvaluasiStatus.FINAL,
            )
        )  # fmt: skip
    row = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 3, 10),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=row.id, teks=NOTE)
    _attach(db, office, skp, "laporan.txt", EVIDENCE)


def _attach(
    db: Database, office: Office, skp: SkpIds, name: str, content: bytes, tahun: int = 2026
) -> str:
    """An evidence file attached to the staff member's realisasi; returns its bukti id."""
    rid = monitoring_entries.save_realisasi(
        db, actor=office.staf.actor, iki_id=skp.iki_ids[0], periode=f"{tahun}-TW2", nilai=10
    )
    source = db.home.root.parent / name
    source.write_bytes(content)
    bukti = monitoring_entries.add_bukti_file(
        db, actor=office.staf.actor, realisasi_id=rid, path=source
    )
    source.unlink()
    return bukti.id


def _known_values(office: Office) -> dict[str, bytes]:
    return {
        "name": office.staf.nama.encode(),
        "nip": office.staf.nip.encode(),
        "rating": Predikat.SANGAT_BAIK.value.encode(),
        "rating note": RATING_NOTE.encode(),
        "note": NOTE.encode(),
        "admin name": office.admin.nama.encode(),
        "evidence file": EVIDENCE,
    }


def _grep(folder: Path, values: dict[str, bytes]) -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [
            f"{label} in {path.relative_to(folder)}" for label, v in values.items() if v in data
        ]
    return found


@pytest.fixture
def encrypted(db: Database, office: Office, home: DataHome) -> str:
    """The test office, with accounts, encrypted as the setup wizard does it."""
    _accounts(db, office)
    _personal_data(db, office)
    recovery = vault.encrypt_home(db, username="rina", password=ADMIN_PW)
    db.close()
    return recovery


def _first_bukti(db: Database) -> str:
    with db.read(SYSTEM) as session:
        return session.execute(
            select(BuktiDukung.id).join(Lampiran, Lampiran.sha256 == BuktiDukung.sha256)
            .where(Lampiran.ukuran == len(EVIDENCE))
        ).scalar_one()  # fmt: skip


def test_before_encryption_the_grep_finds_everything(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    """The probe works: on a plain data folder it finds every known value."""
    _personal_data(db, office)
    db.close()
    copy = tmp_path / "copy"
    shutil.copytree(home.root, copy)
    assert len(_grep(copy, _known_values(office))) >= len(_known_values(office))


def test_a_copied_data_folder_reveals_nothing(
    home: DataHome, office: Office, encrypted: str, tmp_path: Path
) -> None:
    log_path = setup_logging(home)
    outcome = vault.login(home, username="siti", password=KABID_PW)
    try:
        db = outcome.db
        # Work after encryption lands in the encrypted database and its write-ahead log.
        _rename(db, office.staf2.id, "Agus Pratama-Lk93")
        later = _attach(db, office, make_skp(db, office.staf, office.kabid, tahun=2027),
                        "hadir.txt", LATER_EVIDENCE, 2027)  # fmt: skip
        # Opening evidence decrypts it to a temporary copy outside the data folder.
        for bukti_id, content in ((later, LATER_EVIDENCE), (_first_bukti(db), EVIDENCE)):
            opened = monitoring_entries.evidence_to_open(db, actor=office.staf.actor,
                                                         bukti_id=bukti_id)  # fmt: skip
            assert Path(opened.address).read_bytes() == content
            assert not Path(opened.address).is_relative_to(home.root)
        backup.make_backup(home)
        backup.export_backup(home, actor=SYSTEM, out=home.backups / "manual.sqlite3")
        logging.getLogger("kinerja_desktop").info("work done by %s", outcome.result.actor.user_id)
        copy = tmp_path / "copy"
        shutil.copytree(home.root, copy)  # while open: the -wal file is copied too
    finally:
        outcome.db.close()
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(log_path.resolve()):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert log_path.exists()
    assert (copy / "kinerja.sqlite3-wal").exists()
    assert len(list((copy / "backups").glob("*.sqlite3"))) >= 3  # pre-encryption, auto, manual
    values = _known_values(office) | {"new name": b"Agus Pratama-Lk93", "later": LATER_EVIDENCE}
    assert _grep(copy, values) == []
    assert len([p for p in (copy / "attachments").rglob("*") if p.is_file()]) == 2
    # Plain SQLite sees no database at all in any of the copies.
    for path in [copy / "kinerja.sqlite3", *sorted((copy / "backups").glob("*.sqlite3"))]:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            sqlite3.connect(path).execute("SELECT nama FROM pegawai").fetchall()
    # The key-slot file holds no key and no username in clear.
    slots_text = (copy / "keys" / keyslots.FILE_NAME).read_text()
    assert "rina" not in slots_text and "siti" not in slots_text


def test_login_opens_and_wrong_passwords_lock_the_slot(home: DataHome, encrypted: str) -> None:
    with pytest.raises(LoginFailed, match=r"Wrong username or password|salah"):
        vault.login(home, username="nobody", password=ADMIN_PW)
    for _attempt in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(LoginFailed) as refused:
            vault.login(home, username="rina", password="not-her-password")
        assert refused.value.locked_until is None
    with pytest.raises(LoginFailed) as locked:
        vault.login(home, username="rina", password="not-her-password")
    assert locked.value.locked_until is not None
    with pytest.raises(LoginFailed):  # the right password waits for the lock too
        vault.login(home, username="rina", password=ADMIN_PW)
    now = locked.value.locked_until + dt.timedelta(seconds=1)
    unlocked = vault.unlock(home, username="rina", password=ADMIN_PW, now=now)
    outcome = vault.login_unlocked(home, unlocked, "rina", ADMIN_PW)
    assert outcome.db.encrypted and outcome.result.actor.is_pengelola
    outcome.db.close()


def test_password_change_reset_and_recovery(home: DataHome, office: Office, encrypted: str) -> None:
    outcome = vault.login(home, username="siti", password=KABID_PW)
    accounts.change_password(
        outcome.db, actor=outcome.result.actor, old_password=KABID_PW, new_password="siti-new-22"
    )
    outcome.db.close()
    with pytest.raises(LoginFailed):
        vault.login(home, username="siti", password=KABID_PW)
    vault.login(home, username="siti", password="siti-new-22").db.close()
    # The administrator resets siti's password: a new slot for the temporary password.
    admin = vault.login(home, username="rina", password=ADMIN_PW)
    accounts.reset_password(admin.db, actor=admin.result.actor, username="siti",
                            password="temporary-77")  # fmt: skip
    admin.db.close()
    with pytest.raises(LoginFailed):
        vault.login(home, username="siti", password="siti-new-22")
    reset = vault.login(home, username="siti", password="temporary-77")
    assert reset.result.must_change_password
    reset.db.close()
    # Every administrator password lost: the recovery key sets a temporary one.
    with pytest.raises(ValidationError):
        vault.recover(home, recovery_key=cipher.new_recovery_key(), username="rina",
                      new_password="recovered-pass-1")  # fmt: skip
    vault.recover(home, recovery_key=encrypted.lower().replace("-", " "), username="rina",
                  new_password="recovered-pass-1")  # fmt: skip
    recovered = vault.login(home, username="rina", password="recovered-pass-1")
    assert recovered.result.must_change_password and recovered.result.actor.is_pengelola
    recovered.db.close()


def test_accounts_added_later_get_their_own_slot(
    home: DataHome, office: Office, encrypted: str
) -> None:
    admin = vault.login(home, username="rina", password=ADMIN_PW)
    accounts.create_account(admin.db, actor=admin.result.actor, username="dewi",
                            password="dewi-first-1", nip=office.staf.nip)  # fmt: skip
    admin.db.close()
    dewi = vault.login(home, username="dewi", password="dewi-first-1")
    assert dewi.result.must_change_password and dewi.db.encrypted
    dewi.db.close()


def test_backups_restore_with_the_same_key_and_foreign_files_are_refused(
    home: DataHome, office: Office, encrypted: str, tmp_path: Path
) -> None:
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    saved = backup.export_backup(home, actor=outcome.result.actor, out=tmp_path / "b.sqlite3")
    _rename(outcome.db, office.staf.id, "Dewi Sesudah")
    outcome.db.close()
    assert not cipher.is_plain(saved)
    result = backup.restore(home, saved)
    assert result.previous_copy is not None and not cipher.is_plain(result.previous_copy)
    again = vault.login(home, username="rina", password=ADMIN_PW)
    assert people.find_by_nip(again.db, actor=SYSTEM, nip=office.staf.nip).nama == office.staf.nama
    again.db.close()
    # A file encrypted with another key is refused, and the database stays as it was.
    foreign = tmp_path / "foreign.sqlite3"
    plain = tmp_path / "plain.sqlite3"
    cipher.encrypt_copy(_plain_copy(home, plain), foreign, cipher.new_key())
    with pytest.raises(DatabaseError, match=r"another key|kunci lain"):
        backup.restore(home, foreign)
    # Without a login nothing can check or restore an encrypted data folder.
    vault.forget(home)
    with pytest.raises(DatabaseError, match=r"encrypted|terenkripsi"):
        backup.check_database(home)


def _plain_copy(home: DataHome, target: Path) -> Path:
    """A plain copy of the encrypted database (as only the key holder can make)."""
    key = keyslots.unlocked_key(home)
    assert key is not None
    source = cipher.connect(home.database, key)
    try:
        source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        source.execute("SELECT sqlcipher_export('plain')")
        source.execute("DETACH DATABASE plain")
    finally:
        source.close()
    return target


def test_a_plain_data_folder_with_accounts_is_encrypted_after_a_backup(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    """A data folder made before encryption: every account keeps its password."""
    _accounts(db, office)
    _personal_data(db, office)
    old = backup.make_backup(home)
    assert cipher.is_plain(old)
    sync_keys.load_or_create(home.keys)
    assert b"ENCRYPTED" not in (home.keys / sync_keys.SIGNING_FILE).read_bytes()
    recovery = vault.encrypt_home(db, username="rina", password=ADMIN_PW)
    assert b"ENCRYPTED PRIVATE KEY" in (home.keys / sync_keys.SIGNING_FILE).read_bytes()
    assert db.encrypted and len(recovery) == 39
    assert people.find_by_nip(db, actor=SYSTEM, nip=office.staf.nip).nama == office.staf.nama
    db.close()
    backups = sorted(home.backups.glob("*.sqlite3"))
    assert any(p.name.startswith("pre-encryption-") for p in backups)
    assert all(not cipher.is_plain(p) for p in backups)
    assert _grep(home.root, _known_values(office)) == []
    # siti's slot is a legacy one (from her password hash); her usual password opens it and
    # the first login replaces it by one of fresh salt.
    slots = keyslots.KeySlots.load(home)
    assert slots.slot_for("siti")["legacy"] is True  # type: ignore[index]
    siti = vault.login(home, username="siti", password=KABID_PW)
    siti.db.close()
    assert keyslots.KeySlots.load(home).slot_for("siti")["legacy"] is False  # type: ignore[index]
    with pytest.raises(DatabaseError):
        again = vault.login(home, username="rina", password=ADMIN_PW)
        try:
            vault.encrypt_home(again.db, username="rina", password=ADMIN_PW)
        finally:
            again.db.close()


def test_interrupted_encryption_is_finished_at_the_next_login(
    db: Database, office: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Key slots written, database not yet replaced (a power cut): the login finishes it."""
    _accounts(db, office)

    def power_cut(_home: DataHome, staging: Path) -> None:
        staging.unlink()
        raise OSError("power cut")

    monkeypatch.setattr(vault, "_replace_database", power_cut)
    with pytest.raises(OSError, match="power cut"):
        vault.encrypt_home(db, username="rina", password=ADMIN_PW)
    db.close()
    assert cipher.is_plain(home.database) and vault.is_encrypted(home)
    monkeypatch.undo()
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    outcome.db.close()
    assert not cipher.is_plain(home.database)
    assert keyslots.KeySlots.load(home).pending_plain is None


def test_a_plain_file_put_in_place_of_the_encrypted_database_is_refused(
    home: DataHome, encrypted: str, tmp_path: Path
) -> None:
    """Someone replaces the encrypted database by a plain one of their own making."""
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    forged = _plain_copy(home, tmp_path / "forged.sqlite3")
    outcome.db.close()
    with sqlite3.connect(forged) as conn:
        conn.execute("UPDATE evaluasi SET predikat = 'sangat_kurang'")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{home.database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(forged, home.database)
    with pytest.raises(DatabaseError, match=r"replaced|diganti"):
        vault.login(home, username="rina", password=ADMIN_PW)
    assert cipher.is_plain(home.database)  # left as found, for the administrator to see


def test_a_plain_install_without_accounts_stays_plain(db: Database, home: DataHome) -> None:
    assert not vault.is_encrypted(home) and not db.encrypted
    assert cipher.is_plain(home.database)


def _stored_texts(home: DataHome) -> list[tuple[str, bool, bool]]:
    """(text, privat, deleted) of every coaching note as stored, read with the database key."""
    key = keyslots.unlocked_key(home)
    conn = cipher.connect(home.database, key)
    try:
        rows = conn.execute("SELECT teks, privat, deleted FROM catatan_sesi").fetchall()
    finally:
        conn.close()
    return [(str(t), bool(p), bool(d)) for t, p, d in rows]


def test_private_notes_are_sealed_to_their_author_and_a_reset_cannot_open_them(
    home: DataHome, office: Office, encrypted: str
) -> None:
    """Hole 6: the administrator resets the author's password and logs in as the author."""
    siti = vault.login(home, username="siti", password=KABID_PW)
    actor = siti.result.actor
    sesi = coaching.schedule_session(
        siti.db, actor=actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 4, 2),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    assert private_notes.state(siti.db, actor) is private_notes.NotesState.NEW
    note = coaching_notes.add_note(siti.db, actor=actor, sesi_id=sesi.id, teks=PRIVATE, privat=True)
    code = private_notes.take_new_code(siti.db, actor)
    assert code is not None and private_notes.take_new_code(siti.db, actor) is None
    assert note.teks == PRIVATE
    detail = coaching.get_session(siti.db, actor=actor, sesi_id=sesi.id)
    assert PRIVATE in [n.teks for n in detail.catatan]
    stored = [t for t, privat, _d in _stored_texts(home) if privat]
    assert stored and all(t.startswith(private_notes.PREFIX) and PRIVATE not in t for t in stored)
    siti.db.close()
    # The administrator resets siti's password and logs in as her.
    admin = vault.login(home, username="rina", password=ADMIN_PW)
    accounts.reset_password(admin.db, actor=admin.result.actor, username="siti",
                            password="temporary-77")  # fmt: skip
    admin.db.close()
    intruder = vault.login(home, username="siti", password="temporary-77")
    accounts.change_password(intruder.db, actor=intruder.result.actor,
                             old_password="temporary-77", new_password="intruder-pw-1")  # fmt: skip
    assert private_notes.state(intruder.db, actor) is private_notes.NotesState.LOCKED
    texts = [
        n.teks for n in coaching.get_session(intruder.db, actor=actor, sesi_id=sesi.id).catatan
    ]
    assert PRIVATE not in texts and any("locked" in t or "terkunci" in t for t in texts)
    with pytest.raises(ValidationError):
        coaching_notes.add_note(intruder.db, actor=actor, sesi_id=sesi.id, teks="x", privat=True)
    with pytest.raises(ValidationError):
        private_notes.unlock_with_code(intruder.db, actor=actor, code=cipher.new_recovery_key())
    # siti herself, with her notes recovery code, opens them again (and keeps them open at
    # the next login with the current password).
    private_notes.unlock_with_code(intruder.db, actor=actor, code=code)
    texts = [
        n.teks for n in coaching.get_session(intruder.db, actor=actor, sesi_id=sesi.id).catatan
    ]
    assert PRIVATE in texts
    intruder.db.close()
    again = vault.login(home, username="siti", password="intruder-pw-1")
    assert private_notes.state(again.db, actor) is private_notes.NotesState.READY
    # A deleted private note keeps no text.
    coaching_notes.delete_note(again.db, actor=actor, catatan_id=note.id)
    again.db.close()
    assert ("", True, True) in _stored_texts(home)
    assert not any(PRIVATE in t for t, _p, _d in _stored_texts(home))


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_data_folder_files_are_owner_only(home: DataHome, office: Office, encrypted: str) -> None:
    (home.attachments / "ab").mkdir(exist_ok=True)
    (home.attachments / "ab" / "evidence").write_bytes(b"x")
    os.chmod(home.attachments / "ab" / "evidence", 0o644)
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        backup.make_backup(home)
        keys = sync_keys.load_or_create(home.keys)
    finally:
        outcome.db.close()
    for path in [home.root, *home.root.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
    # The sync private keys are sealed under the database key.
    for pem in home.keys.glob("*.pem"):
        assert b"ENCRYPTED PRIVATE KEY" in pem.read_bytes()
    vault.forget(home)
    with pytest.raises(BundleError):
        sync_keys.load_or_create(home.keys)
    again = vault.login(home, username="rina", password=ADMIN_PW)
    assert sync_keys.load_or_create(home.keys).sign_public == keys.sign_public
    again.db.close()


def test_cli_reset_tells_about_private_notes_and_the_author_unlocks_them(
    home: DataHome, office: Office, encrypted: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    siti = vault.login(home, username="siti", password=KABID_PW)
    sesi = coaching.schedule_session(
        siti.db, actor=siti.result.actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 5, 4),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    coaching_notes.add_note(siti.db, actor=siti.result.actor, sesi_id=sesi.id, teks=PRIVATE,
                            privat=True)  # fmt: skip
    code = private_notes.take_new_code(siti.db, siti.result.actor)
    siti.db.close()
    assert code is not None

    def kinerja(user: str, password: str, *argv: str, **env: str) -> int:
        monkeypatch.setenv("KINERJA_PASSWORD", password)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return cli_main(["--home", str(home.root), "--lang", "en", "--user", user, *argv])

    assert kinerja("rina", ADMIN_PW, "account", "reset", "siti") == 0
    out = capsys.readouterr().out
    assert "cannot open siti's private coaching notes" in out
    one_time = re.search(r"siti: (\S+)", out)
    assert one_time is not None
    assert kinerja("siti", one_time.group(1), "account", "passwd",
                   KINERJA_NEW_PASSWORD="siti-own-pass-2") == 0  # fmt: skip
    capsys.readouterr()
    assert kinerja("siti", "siti-own-pass-2", "people", "list") == 0
    assert "private notes are locked" in capsys.readouterr().err
    assert kinerja("siti", "siti-own-pass-2", "account", "notes-unlock",
                   KINERJA_NOTES_CODE="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH") == 2  # fmt: skip
    assert kinerja("siti", "siti-own-pass-2", "account", "notes-unlock",
                   KINERJA_NOTES_CODE=code) == 0  # fmt: skip
    capsys.readouterr()
    assert kinerja("siti", "siti-own-pass-2", "people", "list") == 0
    assert "locked" not in capsys.readouterr().err
    # Lost the code: a new notes key; the earlier private note stays unreadable.
    assert kinerja("siti", "siti-own-pass-2", "account", "notes-new") == 0
    new_code = capsys.readouterr().out.split()[-1]
    assert len(new_code) == 39 and new_code != code
    again = vault.login(home, username="siti", password="siti-own-pass-2")
    texts = [n.teks for n in coaching.get_session(again.db, actor=again.result.actor,
                                                  sesi_id=sesi.id).catatan]  # fmt: skip
    again.db.close()
    assert PRIVATE not in texts


def test_a_deactivated_account_no_longer_opens_the_key(home: DataHome, encrypted: str) -> None:
    admin = vault.login(home, username="rina", password=ADMIN_PW)
    accounts.update_account(admin.db, actor=admin.result.actor, username="siti", aktif=False)
    admin.db.close()
    assert keyslots.KeySlots.load(home).slot_for("siti") is None
    with pytest.raises(LoginFailed):
        vault.unlock(home, username="siti", password=KABID_PW)
    admin = vault.login(home, username="rina", password=ADMIN_PW)
    accounts.update_account(admin.db, actor=admin.result.actor, username="siti", aktif=True)
    accounts.reset_password(admin.db, actor=admin.result.actor, username="siti",
                            password="temporary-77")  # fmt: skip
    admin.db.close()
    vault.login(home, username="siti", password="temporary-77").db.close()


def test_cli_recover_with_the_recovery_key(
    home: DataHome, encrypted: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("KINERJA_NEW_PASSWORD", "recovered-pass-1")
    monkeypatch.setenv("KINERJA_RECOVERY_KEY", cipher.new_recovery_key())
    argv = ["--home", str(home.root), "--lang", "en", "account", "recover", "rina"]
    assert cli_main(argv) == 2
    assert "not the recovery key" in capsys.readouterr().err
    monkeypatch.setenv("KINERJA_RECOVERY_KEY", encrypted)
    assert cli_main(argv) == 0
    outcome = vault.login(home, username="rina", password="recovered-pass-1")
    assert outcome.result.must_change_password
    outcome.db.close()


def test_hole_7_attacks_with_plain_sqlite_all_fail(home: DataHome, encrypted: str) -> None:
    """Read private notes, swap the admin's hash, delete every account, change a rating: with
    sqlite3 alone each statement fails, and the data folder still works afterwards."""
    attacks = [
        "SELECT teks FROM catatan_sesi WHERE privat = 1",
        "UPDATE user_account SET password_hash = 'x' WHERE username = 'rina'",
        "DELETE FROM user_account",
        "UPDATE evaluasi SET predikat = 'sangat_kurang'",
    ]
    for sql in attacks:
        conn = sqlite3.connect(home.database)
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute(sql).fetchall()
            conn.commit()
        conn.close()
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    assert outcome.result.actor.is_pengelola and accounts.has_accounts(outcome.db)
    outcome.db.close()


def test_cli_admin_login_encrypts_a_plain_data_folder_with_accounts(
    db: Database, office: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """A data folder made before encryption, used from the command line: the first
    administrator login encrypts it after a backup (as the GUI's does); others' do not."""
    _accounts(db, office)
    _personal_data(db, office)
    db.close()

    def kinerja(user: str, password: str, *argv: str) -> int:
        monkeypatch.setenv("KINERJA_PASSWORD", password)
        return cli_main(["--home", str(home.root), "--lang", "en", "--user", user, *argv])

    assert kinerja("siti", KABID_PW, "people", "list") == 0
    assert not vault.is_encrypted(home) and cipher.is_plain(home.database)
    capsys.readouterr()
    assert kinerja("rina", ADMIN_PW, "people", "list", "--json") == 0
    captured = capsys.readouterr()
    assert office.staf.nama in captured.out  # the command itself ran, its output intact
    assert "now encrypted" in captured.err and "backup" in captured.err
    recovery = re.search(r"^ {4}(\S{39})$", captured.err, re.MULTILINE)
    assert recovery is not None
    assert vault.is_encrypted(home) and not cipher.is_plain(home.database)
    backups = sorted(home.backups.glob("pre-encryption-*.sqlite3"))
    assert len(backups) == 1 and not cipher.is_plain(backups[0])
    assert _grep(home.root, _known_values(office)) == []
    key = keyslots.KeySlots.load(home).unlock_recovery(recovery.group(1))
    assert key == keyslots.unlocked_key(home)
    # Both passwords open the encrypted folder; nothing is encrypted twice.
    assert kinerja("siti", KABID_PW, "people", "list") == 0
    assert kinerja("rina", ADMIN_PW, "people", "list") == 0
    assert "encrypted" not in capsys.readouterr().err


def test_unknown_name_wrong_password_and_locked_slot_read_the_same(
    db: Database, home: DataHome, encrypted: str
) -> None:
    """At the key slot (an encrypted folder) as at the account (a plain one): the person
    typing cannot tell an unknown name from a wrong password or a locked account."""
    messages = set()
    for name, password in (("nobody", ADMIN_PW), ("rina", "not-her-password")):
        with pytest.raises(LoginFailed) as refused:
            vault.unlock(home, username=name, password=password)
        messages.add(refused.value.message)
    for _attempt in range(accounts.FREE_ATTEMPTS):
        with pytest.raises(LoginFailed) as refused:
            vault.unlock(home, username="rina", password="not-her-password")
    assert refused.value.locked_until is not None  # for the program, not shown
    messages.add(refused.value.message)
    with pytest.raises(LoginFailed) as locked:  # the right password, while locked
        vault.unlock(home, username="rina", password=ADMIN_PW)
    assert locked.value.locked_until is not None
    messages.add(locked.value.message)
    with pytest.raises(LoginFailed) as plain:  # the account level says the same
        accounts.login(db, username="nobody", password=ADMIN_PW)
    messages.add(plain.value.message)
    assert len(messages) == 1
    assert "locked" not in messages.pop().split(".")[0]


def test_a_home_encrypted_with_the_earlier_page_settings_still_works(
    db: Database, office: Office, home: DataHome
) -> None:
    """A data folder encrypted by an earlier version (SQLCipher 4's default page settings)
    opens, logs in, backs up and restores as it is; the next encryption of a plain file uses
    the current settings."""
    import sqlcipher3

    _accounts(db, office)
    _personal_data(db, office)
    vault.encrypt_home(db, username="rina", password=ADMIN_PW)
    key = db.key
    assert key is not None and cipher.settings_of(home.database, key) == cipher.SETTINGS
    db.close()
    # Rewrite it with the earlier settings, as the earlier version left it.
    earlier = home.root / "earlier.sqlite3"
    source = cipher.connect(home.database, key)
    source.execute(f"ATTACH DATABASE ? AS earlier KEY \"x'{key.hex()}'\"", (str(earlier),))
    source.execute("SELECT sqlcipher_export('earlier')")
    version = source.execute("PRAGMA user_version").fetchone()[0]
    source.execute(f"PRAGMA earlier.user_version = {int(version)}")
    source.commit()
    source.execute("DETACH DATABASE earlier")
    source.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{home.database}{suffix}").unlink(missing_ok=True)
    earlier.replace(home.database)
    assert cipher.settings_of(home.database, key) == cipher.LEGACY_SETTINGS
    check = sqlcipher3.connect(str(home.database))
    check.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert check.execute("SELECT count(*) FROM pegawai").fetchone()[0] > 0  # defaults read it
    check.close()
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        assert people.find_by_nip(outcome.db, actor=SYSTEM, nip=office.staf.nip).nama == (
            office.staf.nama
        )
        _rename(outcome.db, office.staf2.id, "Nama Baru")
        saved = backup.make_backup(home)
    finally:
        outcome.db.close()
    assert cipher.settings_of(saved, key) == cipher.LEGACY_SETTINGS
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        backup.restore(home, saved, actor=outcome.result.actor)
    finally:
        outcome.db.close()
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        assert people.find_by_nip(outcome.db, actor=SYSTEM, nip=office.staf2.nip).nama == (
            "Nama Baru"
        )
    finally:
        outcome.db.close()
