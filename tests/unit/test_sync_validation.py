"""Arriving records are checked against their table before anything is applied (issue 12,
holes 1 and 2): content hashes, links, file types and dates. A bad record is refused with
its table, field and reason; the rest of the bundle applies. Exporting never reads a file
outside the attachment store, whatever a record names."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.models.monitoring import BuktiDukung, Realisasi
from kinerja_desktop.services.core import attachments
from kinerja_desktop.sync import tables
from tests.factories import Office, make_office
from tests.sync_world import Install, add_skp, bundle_records, enrol, forge_bundle

SECRET = b"hub-only secret: do not travel"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Install, Install, Install, Office, str]]:
    a = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    b = Install(tmp_path / "b", mode="office", name="Kantor B")
    enrol(hub, a, b)
    office = make_office(a.db)
    skp_id = add_skp(a, office.staf.id, office.kabid.id)
    iki = next(
        i for i in a.snapshot()["iki"].values()
        if a.snapshot()["rhk"][i["rhk_id"]]["skp_id"] == skp_id
    )  # fmt: skip
    with a.db.unit_of_work(SYSTEM) as session:
        realisasi = Realisasi(iki_id=iki["id"], periode="TW1", nilai=3)
        session.add(realisasi)
        session.flush()
        realisasi_id = realisasi.id
    hub.import_bundle(a.export_to(hub).path)
    yield a, hub, b, office, realisasi_id
    for install in (a, hub, b):
        install.close()


def _bukti(realisasi_id: str, a: Install, number: int, **values: Any) -> dict[str, Any]:
    record = {
        "id": f"00000000-0000-4000-8000-{number:012d}",
        "realisasi_id": realisasi_id,
        "jenis": "link",
        "nama": "bukti",
        "sha256": None,
        "url": "",
        "keterangan": "",
        "vv": {a.install_id: 1000 + number},
        "change_seq": 1,
        "created_at": "2026-03-01T00:00:00.000000+00:00",
        "created_by": None,
        "updated_at": "2026-03-01T00:00:00.000000+00:00",
        "updated_by": None,
        "deleted": False,
    }
    return record | values


HOSTILE = [
    ("sha256", {"jenis": "file", "sha256": "./../secret.txt"}),
    ("sha256", {"jenis": "file", "sha256": "/etc/passwd"}),
    ("sha256", {"jenis": "file", "sha256": "A" * 64}),
    ("sha256", {"jenis": "file", "sha256": "./../keys/sync-signing-ed25519.pem"}),
    ("url", {"url": "file:///C:/Windows/System32/calc.exe"}),
    ("url", {"url": "ms-msdt:/id PCWDiagnostic /skip force"}),
    ("url", {"url": "javascript:alert(1)"}),
    ("url", {"url": "https://user@evil.example/"}),
    ("url", {"url": "\\\\server\\share\\run.exe"}),
    ("created_at", {"url": "https://ok.example/", "created_at": "0001-01-01T00:00:00+00:00"}),
]


def test_hostile_values_are_refused_naming_table_field_and_reason(world, tmp_path):
    a, hub, _b, _office, realisasi_id = world
    bad = [_bukti(realisasi_id, a, n, **values) for n, (_f, values) in enumerate(HOSTILE)]
    good = _bukti(realisasi_id, a, 99, url="https://drive.example.go.id/bukti.pdf")
    bundle = forge_bundle(a, hub, tmp_path / "evil.kinerja", {"bukti_dukung": [*bad, good]})

    report = hub.import_bundle(bundle)

    refused = {r["record_id"]: r for r in report.refused}
    assert len(refused) == len(HOSTILE)
    for record, (field, _values) in zip(bad, HOSTILE, strict=True):
        entry = refused[record["id"]]
        assert entry["table"] == "bukti_dukung" and entry["field"] == field
        assert field in entry["reason"]
    assert report.inserted == 1
    stored = hub.snapshot()["bukti_dukung"]
    assert set(stored) == {good["id"]}


def test_a_bad_date_and_a_bad_file_type_are_refused(world, tmp_path):
    a, hub, _b, office, _realisasi_id = world
    person = a.snapshot()["pegawai"][office.staf.id] | {
        "id": "66666666-6666-4666-8666-666666666666",
        "nip": "199901012020121007",
        "tanggal_lahir": "1066-10-14",
        "change_seq": 1,
    }
    berkas = {
        "id": "77777777-7777-4777-8777-777777777777",
        "sha256": "ab" * 32,
        "ukuran": 10,
        "mime": "application/x-msdownload; evil",
        "vv": {a.install_id: 2000},
        "change_seq": 1,
        "created_at": "2026-03-01T00:00:00.000000+00:00",
        "created_by": None,
        "updated_at": "2026-03-01T00:00:00.000000+00:00",
        "updated_by": None,
        "deleted": False,
    }
    bundle = forge_bundle(a, hub, tmp_path / "bad.kinerja", {"pegawai": [person],
                                                               "berkas": [berkas]})  # fmt: skip
    report = hub.import_bundle(bundle)
    assert {(r["table"], r["field"]) for r in report.refused} == {
        ("pegawai", "tanggal_lahir"),
        ("berkas", "mime"),
    }
    assert report.inserted == 0


@pytest.mark.parametrize(
    "name",
    ["./../secret.txt", "/etc/passwd", "./../keys/sync-signing-ed25519.pem", "symlink"],
)
def test_export_never_reads_outside_the_store(world, name):
    a, hub, b, _office, realisasi_id = world
    secret = hub.home.root / "secret.txt"
    secret.write_bytes(SECRET)
    digest = hashlib.sha256(SECRET).hexdigest()
    if name == "symlink":
        # a link planted in the store under the secret's hash
        link = hub.home.attachments / digest[:2] / digest
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(secret, link)
        name = digest
    pem = (hub.home.keys / "sync-signing-ed25519.pem").read_bytes()
    # a row that got into the database without the import's checks (an older program)
    with hub.db.unit_of_work(SYSTEM) as session:
        session.execute(
            text(
                "INSERT INTO bukti_dukung (id, realisasi_id, jenis, nama, sha256, url, "
                "keterangan, vv, change_seq, created_at, updated_at, deleted) VALUES "
                "('88888888-8888-4888-8888-888888888888', :r, 'file', 'x', :sha, '', '', "
                "'{}', 0, '2026-03-01 00:00:00.000000', '2026-03-01 00:00:00.000000', 0)"
            ),
            {"r": realisasi_id, "sha": name},
        )
    with hub.db.unit_of_work(SYSTEM) as session:  # a change, so that it travels
        row = session.get(BuktiDukung, "88888888-8888-4888-8888-888888888888")
        assert row is not None
        row.keterangan = "diubah"
    result = hub.export_to(a)
    # no file part in the bundle: the record's "hash" led to nothing the export would read
    assert result.attachments == 0 and result.missing_attachments == 1
    report = a.import_bundle(result.path)
    for path in a.home.attachments.rglob("*"):
        assert not path.is_file() or path.read_bytes() not in (SECRET, pem)
    travelled = [r for t, r in bundle_records(result.path, a) if t == "bukti_dukung"]
    if name != digest:
        # the record itself is refused by the receiver, naming the field
        assert [r["sha256"] for r in travelled] == [name]
        assert [(r["table"], r["field"]) for r in report.refused] == [("bukti_dukung", "sha256")]
    del b


def test_stored_path_only_from_a_hash(tmp_path):
    from kinerja_desktop.paths import DataHome

    home = DataHome(tmp_path).ensure()
    for bad in ("./../secret.txt", "/etc/passwd", "../" * 3, "A" * 64, "ab" * 31 + "zz"):
        with pytest.raises(ValueError):
            attachments.stored_path(home, bad)
        assert attachments.stored_file(home, bad) is None
    good = "ab" * 32
    assert attachments.stored_path(home, good) == home.attachments / "ab" / good
    assert tables.check_sha256(good) is None


def test_a_symlinked_file_is_not_accepted_as_evidence(tmp_path):
    from kinerja_desktop.errors import ValidationError

    target = tmp_path / "real.pdf"
    target.write_bytes(b"%PDF-1.4 hello")
    link = tmp_path / "shortcut.pdf"
    os.symlink(target, link)
    with pytest.raises(ValidationError) as caught:
        attachments.check_file(link)
    assert caught.value.field == "berkas" and str(link) in caught.value.message
