"""The files of sync read defensively, function by function: the bundle zip
(``sync.bundle_file``) and this install's key files and bundle cryptography (``sync.keys``).
Each refusal comes with its code, so the import report and the CLI say what is wrong."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from kinerja_desktop.i18n import set_language
from kinerja_desktop.sync import bundle_file, keys
from kinerja_desktop.sync.bundle_file import (
    FORMAT,
    MANIFEST,
    BundleReader,
    BundleWriter,
    compress,
    decompress,
    records_of,
)
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import (
    BOX_FILE,
    SIGNING_FILE,
    decrypt_part,
    encrypt_part,
    load_or_create,
    unwrap_key,
    wrap_key,
)


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the messages below are matched in English


def refused(call: Any, *args: Any, **kwargs: Any) -> BundleError:
    with pytest.raises(BundleError) as caught:
        call(*args, **kwargs)
    return caught.value


def zip_file(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def manifest(**fields: Any) -> bytes:
    return json.dumps({"format": FORMAT, "format_version": 1, "parts": []} | fields).encode()


# --- parts and records -----------------------------------------------------------------------


def test_a_part_inflates_back_and_a_damaged_one_is_refused() -> None:
    assert decompress(compress(b"records"), part="p/00001") == b"records"
    error = refused(decompress, b"not deflate data", part="p/00007")
    assert (error.code, "p/00007" in str(error)) == ("damaged", True)


def test_records_are_one_json_object_a_line_and_blank_lines_are_skipped() -> None:
    assert records_of(b'{"id": "a"}\n\n{"id": "b"}\n', part="p/00001") == [
        {"id": "a"},
        {"id": "b"},
    ]
    assert records_of(b"", part="p/00001") == []


def test_a_record_that_is_not_json_is_refused() -> None:
    error = refused(records_of, b'{"id": "a"}\n{"id": ', part="p/00002")
    assert (error.code, "p/00002" in str(error)) == ("damaged", True)


def test_an_oversized_record_line_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_file, "MAX_LINE_BYTES", 10)
    error = refused(records_of, b'{"id": "a"}\n{"id": "abcdefgh"}\n', part="p/00003")
    assert error.code == "oversized"


# --- writing ---------------------------------------------------------------------------------


def test_a_bundle_written_in_a_failing_block_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "b.kinerja"
    with pytest.raises(RuntimeError), BundleWriter(target) as writer:
        writer.add_part(b"blob")
        raise RuntimeError("export failed half way")
    assert list(target.parent.iterdir()) == []


# --- reading ---------------------------------------------------------------------------------


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    assert refused(BundleReader, tmp_path / "nowhere.kinerja").code == "missing"


def test_a_file_past_the_size_limit_is_refused_before_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = zip_file(tmp_path / "b.kinerja", {MANIFEST: manifest()})
    monkeypatch.setattr(bundle_file, "MAX_FILE_BYTES", 16)
    assert refused(BundleReader, path).code == "too_large"


def test_a_zip_with_too_many_entries_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = zip_file(tmp_path / "b.kinerja", {MANIFEST: manifest(), "p/00001": b"x"})
    monkeypatch.setattr(bundle_file, "MAX_ENTRIES", 1)
    error = refused(BundleReader, path)
    assert (error.code, str(error)) == ("too_large", "The bundle has too many entries.")


def test_a_zip_without_a_manifest_is_no_bundle(tmp_path: Path) -> None:
    path = zip_file(tmp_path / "b.kinerja", {"p/00001": b"x"})
    assert refused(BundleReader, path).code == "malformed"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"{not json", "damaged"),
        (b"\xff\xfe\x00", "damaged"),
        (b"[1, 2]", "malformed"),
        (json.dumps({"format": "kinerja-receipt"}).encode(), "malformed"),
        (json.dumps({"format": FORMAT, "format_version": "1"}).encode(), "newer_version"),
    ],
)
def test_a_manifest_that_is_not_a_bundles_is_refused(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = zip_file(tmp_path / "b.kinerja", {MANIFEST: content})
    assert refused(BundleReader, path).code == code


def test_an_entry_whose_data_differs_from_its_declared_size_is_damaged(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest(padding="x" * 500))
    data = bytearray(buffer.getvalue())
    directory = data.rfind(b"PK\x01\x02")  # the central directory entry of the manifest
    struct.pack_into("<I", data, directory + 24, 40)  # its uncompressed size, made smaller
    path = tmp_path / "b.kinerja"
    path.write_bytes(bytes(data))
    error = refused(BundleReader, path)
    assert (error.code, MANIFEST in str(error)) == ("damaged", True)


# --- keys ------------------------------------------------------------------------------------


def test_keys_are_made_once_and_read_back_the_same(tmp_path: Path) -> None:
    first = load_or_create(tmp_path / "keys")
    again = load_or_create(tmp_path / "keys")
    assert (again.sign_public, again.box_public) == (first.sign_public, first.box_public)


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    load_or_create(folder)
    (folder / SIGNING_FILE).write_bytes(
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
    )
    assert refused(load_or_create, folder).code == "keys"


def test_swapped_key_files_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    load_or_create(folder)
    signing, box = (folder / SIGNING_FILE).read_bytes(), (folder / BOX_FILE).read_bytes()
    (folder / SIGNING_FILE).write_bytes(box)
    (folder / BOX_FILE).write_bytes(signing)
    assert refused(load_or_create, folder).code == "keys"


def test_in_an_encrypted_home_keys_are_sealed_and_need_a_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "keys"
    plain = load_or_create(folder)  # made before the home was encrypted
    monkeypatch.setattr(keys.keyslots, "exists", lambda home: True)
    logged_in = os.urandom(32)
    monkeypatch.setattr(keys.keyslots, "unlocked_key", lambda home: logged_in)
    sealed = load_or_create(folder)  # a login: the plain files are sealed at this use
    assert sealed.sign_public == plain.sign_public
    assert b"ENCRYPTED PRIVATE KEY" in (folder / SIGNING_FILE).read_bytes()
    assert load_or_create(folder).box_public == plain.box_public  # read back sealed
    monkeypatch.setattr(keys.keyslots, "unlocked_key", lambda home: None)
    assert "log in first" in str(refused(load_or_create, folder))
    monkeypatch.setattr(keys.keyslots, "exists", lambda home: False)
    assert refused(load_or_create, folder).code == "keys"  # sealed, but no key to open them


def test_a_content_key_opens_only_for_its_recipient_and_its_context(tmp_path: Path) -> None:
    mine, other = load_or_create(tmp_path / "mine"), load_or_create(tmp_path / "other")
    content_key = os.urandom(32)
    wrapped = wrap_key(content_key, mine.box_public, b"bundle-1")
    assert unwrap_key(wrapped, mine, b"bundle-1") == content_key
    assert refused(unwrap_key, wrapped, other, b"bundle-1").code == "not_for_us"
    assert refused(unwrap_key, wrapped, mine, b"bundle-2").code == "not_for_us"
    assert refused(unwrap_key, {"salt": wrapped["salt"]}, mine, b"bundle-1").code == "not_for_us"


def test_a_part_decrypts_only_unaltered_and_with_its_name() -> None:
    key = os.urandom(32)
    blob = encrypt_part(key, zlib.compress(b"records"), b"p/00001")
    assert zlib.decompress(decrypt_part(key, blob, b"p/00001")) == b"records"
    altered = blob[:-1] + bytes([blob[-1] ^ 1])
    assert refused(decrypt_part, key, altered, b"p/00001").code == "tampered"
    assert refused(decrypt_part, key, blob, b"p/00002").code == "tampered"
