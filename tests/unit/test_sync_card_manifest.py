"""The two checks a bundle exchange starts with, tested on their own functions.

Identity cards (``sync.peers.check_card`` / ``read_card``): any change to a signed field after
signing, a signature from another key, a missing or mistyped field, or a file that is not a
card is refused with its code, before anything is trusted. Manifest part lists
(``sync.bundle_file.BundleReader.check_parts``): every entry of the zip is named in the
manifest, every named part is present, and every part matches its SHA-256.
"""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kinerja_desktop.sync.bundle_file import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BundleReader,
    BundleWriter,
    signed_bytes,
)
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import InstallKeys, load_or_create
from kinerja_desktop.sync.peers import CARD_FORMAT, check_card, read_card, write_card


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> InstallKeys:
    return load_or_create(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> InstallKeys:
    return load_or_create(tmp_path_factory.mktemp("other-keys"))


def signed_card(keys: InstallKeys, **fields: Any) -> dict[str, Any]:
    card: dict[str, Any] = {
        "format": CARD_FORMAT,
        "format_version": 1,
        "install_id": "0b6a1f7e-5a55-4a0e-9d53-0c8d1f2b3a4c",
        "name": "BKPSDM Kota Contoh",
        "mode": "office",
        "sign_public_key": keys.sign_public,
        "box_public_key": keys.box_public,
        "created_at": "2026-11-30T08:00:00+00:00",
        **fields,
    }
    card["signature"] = keys.sign(signed_bytes(card))
    return card


def refused(card: Any) -> BundleError:
    with pytest.raises(BundleError) as caught:
        check_card(card)
    return caught.value


# -- identity cards ------------------------------------------------------------------------


def test_a_signed_card_is_accepted_and_survives_a_file_round_trip(
    keys: InstallKeys, tmp_path: Path
) -> None:
    card = signed_card(keys)
    assert check_card(copy.deepcopy(card)) == card
    assert read_card(write_card(card, tmp_path / "kantor.kinerja-id")) == card


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("install_id", "11111111-2222-4333-8444-555555555555"),
        ("name", "Kantor Palsu"),
        ("mode", "hub"),
        ("created_at", "2030-01-01T00:00:00+00:00"),
        ("format_version", 2),
    ],
)
def test_a_field_changed_after_signing_is_tampering(
    keys: InstallKeys, field: str, value: Any
) -> None:
    card = signed_card(keys)
    card[field] = value
    assert refused(card).code == "tampered"


def test_a_substituted_encryption_key_is_tampering(
    keys: InstallKeys, other_keys: InstallKeys
) -> None:
    # The attack that matters: the same identity, but bundles encrypted to someone else's key.
    card = signed_card(keys)
    card["box_public_key"] = other_keys.box_public
    assert refused(card).code == "tampered"


def test_a_signing_key_that_did_not_make_the_signature_is_tampering(
    keys: InstallKeys, other_keys: InstallKeys
) -> None:
    card = signed_card(keys)
    card["sign_public_key"] = other_keys.sign_public
    assert refused(card).code == "tampered"


def test_a_signature_from_another_key_is_tampering(
    keys: InstallKeys, other_keys: InstallKeys
) -> None:
    card = signed_card(keys)
    card["signature"] = other_keys.sign(signed_bytes(card))
    assert refused(card).code == "tampered"


@pytest.mark.parametrize("signature", ["", "not base64!", "AAAA"])
def test_a_garbled_signature_is_tampering(keys: InstallKeys, signature: str) -> None:
    card = signed_card(keys)
    card["signature"] = signature
    assert refused(card).code == "tampered"


@pytest.mark.parametrize(
    "field", ["install_id", "name", "mode", "sign_public_key", "box_public_key", "signature"]
)
def test_a_card_missing_a_field_is_malformed(keys: InstallKeys, field: str) -> None:
    card = signed_card(keys)
    del card[field]
    error = refused(card)
    assert error.code == "malformed"
    assert field in error.message


def test_a_field_of_the_wrong_type_is_malformed(keys: InstallKeys) -> None:
    assert refused(signed_card(keys, name=42)).code == "malformed"


@pytest.mark.parametrize(
    "fields",
    [{"mode": "printer"}, {"install_id": "x" * 37}, {"name": "n" * 201}],
    ids=["unknown-mode", "long-install-id", "long-name"],
)
def test_a_signed_card_with_values_out_of_range_is_refused(
    keys: InstallKeys, fields: dict[str, Any]
) -> None:
    # Signed by its own key, so only the range checks stand between it and the peer list.
    assert refused(signed_card(keys, **fields)).code == "malformed"


@pytest.mark.parametrize("card", [None, [], "card", {"format": "kinerja-bundle"}])
def test_what_is_not_a_card_is_malformed(card: Any) -> None:
    assert refused(card).code == "malformed"


def test_card_files_that_cannot_be_cards(keys: InstallKeys, tmp_path: Path) -> None:
    not_json = tmp_path / "a.kinerja-id"
    not_json.write_bytes(b"\x00\xffnot json")
    huge = tmp_path / "b.kinerja-id"
    huge.write_bytes(b" " * (2 * 1024**2))
    for path, code in [(not_json, "malformed"), (huge, "malformed"), (tmp_path / "c", "missing")]:
        with pytest.raises(BundleError) as caught:
            read_card(path)
        assert caught.value.code == code, path


def test_a_tampered_card_file_is_refused_on_reading(keys: InstallKeys, tmp_path: Path) -> None:
    path = write_card(signed_card(keys), tmp_path / "kantor.kinerja-id")
    path.write_bytes(path.read_bytes().replace(b"BKPSDM Kota Contoh", b"BKPSDM Kota Palsu!"))
    with pytest.raises(BundleError) as caught:
        read_card(path)
    assert caught.value.code == "tampered"


# -- manifest part lists -------------------------------------------------------------------

PARTS = [b"first part", b"second part, longer", b"third"]


def write_bundle(path: Path) -> Path:
    """A bundle with three parts and a manifest listing them, as the exporter writes it."""
    with BundleWriter(path) as writer:
        for blob in PARTS:
            writer.add_part(blob, kind="records")
        writer.finish({"format": FORMAT, "format_version": FORMAT_VERSION, "parts": writer.parts})
    return path


def rewrite(source: Path, target: Path, *, manifest: Any = None, entries: Any = None) -> Path:
    """A copy of ``source`` with another manifest and/or other entries ({name: bytes})."""
    with zipfile.ZipFile(source) as zin:
        old = {name: zin.read(name) for name in zin.namelist() if name != MANIFEST}
        old_manifest = json.loads(zin.read(MANIFEST))
    with zipfile.ZipFile(target, "w") as zout:
        for name, data in (old if entries is None else entries(old)).items():
            zout.writestr(name, data)
        zout.writestr(
            MANIFEST, json.dumps(old_manifest if manifest is None else manifest(old_manifest))
        )
    return target


def check(path: Path) -> None:
    with BundleReader(path) as reader:
        reader.check_parts()


def check_refused(path: Path) -> BundleError:
    with pytest.raises(BundleError) as caught:
        check(path)
    return caught.value


def test_a_complete_bundle_passes_and_its_parts_read_back(tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "b.kinerja")
    check(path)
    with BundleReader(path) as reader:
        assert [reader.part(p) for p in reader.manifest["parts"]] == PARTS


def test_a_listed_part_missing_from_the_file_is_truncation(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", entries=lambda e: {
        k: v for k, v in e.items() if k != "p/00002"
    })  # fmt: skip
    error = check_refused(bad)
    assert error.code == "truncated"
    assert "p/00002" in error.message


def test_an_entry_the_manifest_does_not_name_is_refused(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", entries=lambda e: {**e, "p/00009": b"extra"})
    error = check_refused(bad)
    assert error.code == "malformed"
    assert "p/00009" in error.message


def test_a_part_dropped_from_the_manifest_leaves_an_unnamed_entry(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", manifest=lambda m: {
        **m, "parts": m["parts"][:-1]
    })  # fmt: skip
    assert "p/00003" in check_refused(bad).message


def test_a_part_changed_after_it_was_listed_fails_its_checksum(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", entries=lambda e: {
        **e, "p/00001": b"first part!"
    })  # fmt: skip
    error = check_refused(bad)
    assert error.code == "damaged"
    assert "p/00001" in error.message


def test_a_changed_checksum_in_the_manifest_fails_too(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")

    def forged(manifest: dict[str, Any]) -> dict[str, Any]:
        parts = [dict(p) for p in manifest["parts"]]
        parts[2]["sha256"] = "0" * 64
        return {**manifest, "parts": parts}

    assert check_refused(rewrite(source, tmp_path / "bad.kinerja", manifest=forged)).code == (
        "damaged"
    )


@pytest.mark.parametrize(
    "parts",
    [None, "p/00001", {"name": "p/00001"}],
    ids=["absent", "a-string", "an-object"],
)
def test_a_manifest_without_a_part_list_is_malformed(tmp_path: Path, parts: Any) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", manifest=lambda m: {**m, "parts": parts})
    assert check_refused(bad).code == "malformed"


@pytest.mark.parametrize(
    "name", ["manifest.json", "p/1", "../p/00001", "p/00001/x", 7, None], ids=str
)
def test_a_part_with_an_invalid_name_is_malformed(tmp_path: Path, name: Any) -> None:
    source = write_bundle(tmp_path / "b.kinerja")

    def renamed(manifest: dict[str, Any]) -> dict[str, Any]:
        parts = [dict(p) for p in manifest["parts"]]
        parts[0]["name"] = name
        return {**manifest, "parts": parts}

    error = check_refused(rewrite(source, tmp_path / "bad.kinerja", manifest=renamed))
    assert error.code == "malformed"


def test_a_part_entry_that_is_not_an_object_is_malformed(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = rewrite(source, tmp_path / "bad.kinerja", manifest=lambda m: {
        **m, "parts": ["p/00001", *m["parts"][1:]]
    })  # fmt: skip
    assert check_refused(bad).code == "malformed"


def test_an_entry_stored_twice_is_refused_on_opening(tmp_path: Path) -> None:
    source = write_bundle(tmp_path / "b.kinerja")
    bad = tmp_path / "bad.kinerja"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bad, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        with pytest.warns(UserWarning, match="Duplicate name"):
            zout.writestr("p/00001", b"a second copy")
    with pytest.raises(BundleError) as caught:
        BundleReader(bad)
    assert caught.value.code == "malformed"
    assert "p/00001" in caught.value.message
