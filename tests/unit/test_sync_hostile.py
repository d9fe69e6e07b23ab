"""Hostile bundle files: each is refused with its own message, and the receiving install's
database and data folder stay byte-for-byte as they were."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kinerja_desktop.sync import bundle_file
from kinerja_desktop.sync.errors import BundleError
from tests.factories import Office, make_office
from tests.sync_world import Install, enrol, forge_bundle, tree_digest


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Install, Install, Office]]:
    office_install = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    enrol(hub, office_install)
    office = make_office(office_install.db)
    yield office_install, hub, office
    office_install.close()
    hub.close()


def refused(hub: Install, path: Path) -> BundleError:
    """Import ``path`` at ``hub`` expecting a refusal; check nothing at the hub changed."""
    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    assert before  # the database file at least
    with pytest.raises(BundleError) as caught:
        hub.import_bundle(path)
    hub.db.engine.dispose()
    assert tree_digest(hub.root) == before
    assert caught.value.message
    return caught.value


def rewrite(
    src: Path,
    dst: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    extra: dict[str, bytes] | None = None,
    deflate_extra: bool = False,
) -> Path:
    """A copy of bundle ``src`` with its manifest edited (not re-signed) or entries added."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                parsed = json.loads(data)
                manifest(parsed)
                data = json.dumps(parsed).encode()
            new.writestr(info, data)
        for name, data in (extra or {}).items():
            kind = zipfile.ZIP_DEFLATED if deflate_extra else zipfile.ZIP_STORED
            new.writestr(zipfile.ZipInfo(name), data, compress_type=kind)
    return dst


def part_offset(path: Path, name: str = "p/00001") -> int:
    with zipfile.ZipFile(path) as archive:
        blob = archive.read(name)
    return path.read_bytes().find(blob)


def test_truncated_file(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path
    cut = tmp_path / "cut.kinerja"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert refused(hub, cut).code == "truncated"


def test_corrupted_part(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path
    data = bytearray(good.read_bytes())
    start = part_offset(good) + 20
    data[start : start + 64] = bytes(64)
    bad = tmp_path / "corrupt.kinerja"
    bad.write_bytes(bytes(data))
    assert refused(hub, bad).code == "damaged"


def test_one_byte_changed_in_a_part(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path
    data = bytearray(good.read_bytes())
    data[part_offset(good) + 40] ^= 0x01
    bad = tmp_path / "flip.kinerja"
    bad.write_bytes(bytes(data))
    error = refused(hub, bad)
    assert error.code == "damaged"
    assert "p/00001" in error.message


def test_one_byte_changed_in_the_manifest(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path

    def edit(manifest: dict[str, Any]) -> None:
        manifest["change_seq"]["from"] += 1

    bad = rewrite(good, tmp_path / "manifest.kinerja", manifest=edit)
    assert refused(hub, bad).code == "tampered"


def test_signed_by_an_untrusted_install(pair, tmp_path):
    _a, hub, _office = pair
    stranger = Install(tmp_path / "c", mode="office", name="Kantor Asing")
    stranger.trust(hub)
    make_office(stranger.db)
    bundle = stranger.export_to(hub).path
    error = refused(hub, bundle)
    assert error.code == "untrusted"
    assert "Kantor Asing" in error.message
    stranger.close()


def test_replayed_bundle_changes_nothing(pair):
    a, hub, _office = pair
    bundle = a.export_to(hub).path
    hub.import_bundle(bundle)
    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    report = hub.import_bundle(bundle)
    hub.db.engine.dispose()
    assert report.status == "already"
    assert tree_digest(hub.root) == before


def test_newer_format_version(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path

    def edit(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = bundle_file.FORMAT_VERSION + 1

    error = refused(hub, rewrite(good, tmp_path / "v2.kinerja", manifest=edit))
    assert error.code == "newer_version"
    assert str(bundle_file.FORMAT_VERSION + 1) in error.message


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "C:/Windows/evil", "p/../../x"])
def test_entry_with_unsafe_path(pair, tmp_path, name):
    a, hub, _office = pair
    good = a.export_to(hub).path
    bad = rewrite(good, tmp_path / "slip.kinerja", extra={name: b"owned"})
    error = refused(hub, bad)
    assert error.code == "unsafe_path"
    assert name in error.message
    assert not (tmp_path / "evil.txt").exists()


def test_zip_decompression_bomb(pair, tmp_path):
    a, hub, _office = pair
    good = a.export_to(hub).path
    bomb = rewrite(
        good, tmp_path / "bomb.kinerja", extra={"p/99999": bytes(8 * 1024**2)}, deflate_extra=True
    )
    assert refused(hub, bomb).code == "bomb"


def test_bomb_inside_an_encrypted_part(pair, tmp_path, monkeypatch):
    a, hub, office = pair
    monkeypatch.setattr(bundle_file, "MAX_PLAIN_PART_BYTES", 4096)
    record = _pegawai_record(a, office)
    rows = [record | {"id": f"00000000-0000-4000-8000-{i:012d}"} for i in range(100)]
    bundle = forge_bundle(a, hub, tmp_path / "inner.kinerja", {"pegawai": rows})
    assert refused(hub, bundle).code == "bomb"


def _pegawai_record(a: Install, office: Office) -> dict[str, Any]:
    return next(row for row in a.snapshot()["pegawai"].values() if row["id"] == office.staf.id) | {
        "change_seq": 1
    }


def test_oversized_field(pair, tmp_path):
    a, hub, office = pair
    record = _pegawai_record(a, office) | {
        "id": "33333333-3333-4333-8333-333333333333",
        "nip": "199901012020121009",
        "nama": "x" * 5000,
    }
    bundle = forge_bundle(a, hub, tmp_path / "big.kinerja", {"pegawai": [record]})
    error = refused(hub, bundle)
    assert error.code == "oversized"
    assert "nama" in error.message and "5000" in error.message


def test_huge_text_field(pair, tmp_path):
    a, hub, office = pair
    record = _pegawai_record(a, office) | {
        "id": "44444444-4444-4444-8444-444444444444",
        "nip": "199901012020121008",
        "email": "y" * 300,
    }
    bundle = forge_bundle(a, hub, tmp_path / "big2.kinerja", {"pegawai": [record]})
    assert refused(hub, bundle).code == "oversized"


def test_unknown_field_from_a_newer_program(pair, tmp_path):
    a, hub, office = pair
    record = _pegawai_record(a, office) | {"kolom_baru": "x"}
    bundle = forge_bundle(a, hub, tmp_path / "newer.kinerja", {"pegawai": [record]})
    error = refused(hub, bundle)
    assert error.code == "newer_schema" and "kolom_baru" in error.message


def test_bundle_for_another_install(pair, tmp_path):
    a, hub, _office = pair
    other_hub = Install(tmp_path / "hub2", mode="hub", name="BKD Lain")
    enrol(other_hub, a)
    bundle = a.export_to(other_hub).path
    assert refused(hub, bundle).code == "not_for_us"
    other_hub.close()


def test_not_a_bundle_at_all(pair, tmp_path):
    _a, hub, _office = pair
    junk = tmp_path / "foto.kinerja"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    assert refused(hub, junk).code == "truncated"
