"""Evidence files at rest (issue 12): in an encrypted data home every stored file is sealed
under a sub-key of its database key, still named by the hash of its plaintext, so that the
same content is stored once, sync carries the plaintext (sealed again on arrival under the
receiver's key) and opening gives the plaintext; a plain data home keeps plain files, and a
home encrypted by an older program gets its plain files sealed at the next login."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import cipher, keyslots
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.models.monitoring import Lampiran
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import vault
from kinerja_desktop.services.core import attachments
from tests.sync_world import Install, enrol
from tests.unit.test_accounts_service import _fast_hashing
from tests.unit.test_data_at_rest import ADMIN_PW, EVIDENCE, encrypted

__all__ = ["_fast_hashing", "encrypted"]

CONTENT = b"%PDF-1.4\n% Laporan-rahasia-Hq62 bukti dukung\n%%EOF\n"


@pytest.fixture
def unlocked(tmp_path: Path) -> Iterator[tuple[DataHome, bytes]]:
    """A data home whose database key is unlocked in this process (as after a login)."""
    home = DataHome(tmp_path / "home").ensure()
    key = cipher.new_key()
    keyslots.remember(home, key)
    yield home, key
    keyslots.forget(home)


def _source(tmp_path: Path, content: bytes = CONTENT, name: str = "bukti.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_file_is_stored_sealed_once_and_read_back(
    unlocked: tuple[DataHome, bytes], tmp_path: Path
) -> None:
    home, _key = unlocked
    first = attachments.store_file(home, _source(tmp_path))
    again = attachments.store_file(home, _source(tmp_path, name="salinan.pdf"))
    assert first.sha256 == hashlib.sha256(CONTENT).hexdigest() == again.sha256
    assert first.new and not again.new and first.size == len(CONTENT)
    raw = first.path.read_bytes()
    assert raw.startswith(attachments.SEALED_MAGIC) and b"Laporan-rahasia" not in raw
    assert attachments.read_stored(home, first.sha256) == CONTENT
    opened = attachments.copy_for_opening(home, first.sha256, "application/pdf", "bukti.pdf")
    assert opened.read_bytes() == CONTENT and not opened.is_relative_to(home.root)


def test_a_plain_home_keeps_plain_files(tmp_path: Path) -> None:
    home = DataHome(tmp_path / "plain").ensure()
    stored = attachments.store_file(home, _source(tmp_path))
    assert stored.path.read_bytes() == CONTENT
    assert attachments.read_stored(home, stored.sha256) == CONTENT


def test_another_key_or_an_altered_file_does_not_open(
    unlocked: tuple[DataHome, bytes], tmp_path: Path
) -> None:
    home, _key = unlocked
    stored = attachments.store_file(home, _source(tmp_path))
    keyslots.remember(home, cipher.new_key())
    assert attachments.read_stored(home, stored.sha256) is None
    with pytest.raises(ValidationError, match=r"damaged|rusak"):
        attachments.copy_for_opening(home, stored.sha256, "application/pdf", "bukti.pdf")


def test_an_encrypted_home_not_unlocked_refuses_to_store_plain(
    unlocked: tuple[DataHome, bytes], tmp_path: Path
) -> None:
    home, key = unlocked
    slots = keyslots.KeySlots.new()
    slots.put_recovery(key)
    slots.save(home)
    keyslots.forget(home)
    with pytest.raises(ValidationError, match="login"):
        attachments.store_file(home, _source(tmp_path))
    assert not [p for p in home.attachments.rglob("*") if p.is_file()]


def test_sealing_a_store_seals_only_plain_files_that_match_their_name(
    unlocked: tuple[DataHome, bytes], tmp_path: Path
) -> None:
    home, key = unlocked
    keyslots.forget(home)
    plain = attachments.store_file(home, _source(tmp_path))  # stored before encryption
    foreign = attachments.stored_path(home, "ab" * 32)
    foreign.parent.mkdir(parents=True, exist_ok=True)
    foreign.write_bytes(b"not what its name says")
    keyslots.remember(home, key)
    assert attachments.seal_store(home, key) == 1
    assert attachments.seal_store(home, key) == 0  # sealed files are left as they are
    assert b"Laporan-rahasia" not in plain.path.read_bytes()
    assert attachments.read_stored(home, plain.sha256) == CONTENT
    assert foreign.read_bytes() == b"not what its name says"


def test_sync_carries_the_plaintext_and_the_receiver_seals_it_under_its_own_key(
    tmp_path: Path,
) -> None:
    office = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    try:
        enrol(hub, office)
        keyslots.remember(office.home, cipher.new_key())
        keyslots.remember(hub.home, cipher.new_key())
        stored = attachments.store_file(office.home, _source(tmp_path))
        with office.db.unit_of_work(SYSTEM) as session:
            session.add(Lampiran(sha256=stored.sha256, ukuran=stored.size, mime=stored.mime))
        result = office.export_to(hub)
        assert result.attachments == 1
        assert hub.import_bundle(result.path).attachments == 1
        arrived = attachments.stored_path(hub.home, stored.sha256)
        assert arrived.read_bytes() != stored.path.read_bytes()  # sealed under another key
        assert b"Laporan-rahasia" not in arrived.read_bytes()
        assert attachments.read_stored(hub.home, stored.sha256) == CONTENT
    finally:
        keyslots.forget(office.home)
        keyslots.forget(hub.home)
        office.close()
        hub.close()


def test_a_home_encrypted_with_plain_evidence_seals_it_at_the_next_login(
    home: DataHome, encrypted: str
) -> None:
    """As an older program left it: encrypted database, evidence files still plain."""
    stored = [p for p in home.attachments.rglob("*") if p.is_file()]
    assert len(stored) == 1 and EVIDENCE not in stored[0].read_bytes()  # sealed by encryption
    sha = stored[0].name
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    outcome.db.close()
    stored[0].write_bytes(EVIDENCE)  # put back plain, marker cleared: an older program's home
    slots = keyslots.KeySlots.load(home)
    slots.attachments_sealed = False
    slots.save(home)
    outcome = vault.login(home, username="rina", password=ADMIN_PW)
    try:
        assert EVIDENCE not in stored[0].read_bytes()
        assert attachments.read_stored(home, sha) == EVIDENCE
        assert keyslots.KeySlots.load(home).attachments_sealed
    finally:
        outcome.db.close()
