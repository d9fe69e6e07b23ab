"""Edge cases of the sync engine (export and import), each with a bundle made by the test:
damaged manifests, tables and files from nowhere, attachments written once (and removed when
the import stops), duplicates of stored files and of integer keys, a held duplicate sent
again, a conflict sent again (older, equal, newer), merges in two tables of one bundle, an
untrusted peer and a bundle written into a folder."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.models.monitoring import RitmePeriode
from kinerja_desktop.models.org import Pegawai, UnitKerja
from kinerja_desktop.models.sync_state import SyncBundleLog, SyncConflict, SyncPeer
from kinerja_desktop.progress import Cancelled
from kinerja_desktop.services.core import attachments
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.export import export_bundle
from kinerja_desktop.sync.importer import import_bundle
from tests.factories import Office, make_office
from tests.sync_world import Install, add_person, enrol, forge_bundle, tree_digest


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Install, Install, Office]]:
    office_install = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    enrol(hub, office_install)
    office = make_office(office_install.db)
    yield office_install, hub, office
    office_install.close()
    hub.close()


def refused(hub: Install, path: Path) -> BundleError:
    """Import ``path`` expecting a refusal; nothing in the data folder changed."""
    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    with pytest.raises(BundleError) as caught:
        hub.import_bundle(path)
    hub.db.engine.dispose()
    assert tree_digest(hub.root) == before
    return caught.value


def record(install: Install, table: str, rid: str, **changes: Any) -> dict[str, Any]:
    """Record ``rid`` of ``table`` as ``install`` holds it (as it travels), with ``changes``."""
    return install.snapshot()[table][rid] | {"change_seq": 1} | changes


def edit(install: Install, model: Any, rid: str, **values: Any) -> None:
    """A local change of a record at ``install`` (its version vector moves on)."""
    with install.db.unit_of_work(SYSTEM) as session:
        row = session.get(model, rid)
        for name, value in values.items():
            setattr(row, name, value)


def conflicts(install: Install) -> list[dict[str, Any]]:
    """The open conflicts at ``install``: id, record and the waiting (remote) version."""
    with install.db.read(SYSTEM) as session:
        waiting = session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
        return [{"id": c.id, "record_id": c.record_id, "remote": c.remote} for c in waiting]


# --- the manifest -----------------------------------------------------------------------


def _unsigned_edit(src: Path, dst: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            new.writestr(info, data)
    return dst


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda manifest: manifest.__setitem__(key, value)


def _set_in(key: str, inner: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda manifest: manifest[key].__setitem__(inner, value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (_set("bundle_id", 5), "bundle_id"),
        (_set("created_at", "2026" * 60), "created_at"),
        (lambda manifest: manifest.pop("signature"), "signature"),
        (_set("source", "kantor"), "source"),
        (_set("target", None), "target"),
        (_set("change_seq", [0, 1]), "change_seq"),
        (_set("encryption", "AES"), "encryption"),
        (_set_in("source", "install_id", 7), "source"),
        (_set_in("target", "install_id", None), "target"),
        (_set("bundle_seq", "1"), "bundle_seq"),
        (_set_in("change_seq", "to", "9"), "change_seq"),
        (_set("prerequisite", "bundle-1"), "prerequisite"),
        (_set("prerequisite", {"bundle_seq": 1}), "prerequisite"),
    ],
)
def test_a_manifest_field_of_the_wrong_shape_is_named(world, tmp_path, change, field):
    a, hub, _office = world
    bundle = a.export_to(hub).path
    error = refused(hub, _unsigned_edit(bundle, tmp_path / "edited.kinerja", change))
    assert error.code == "malformed"
    assert f"({field})" in error.message


def test_a_table_this_program_does_not_know_is_refused(world, tmp_path):
    a, hub, office = world
    row = record(a, "pegawai", office.staf.id)
    bundle = forge_bundle(a, hub, tmp_path / "future.kinerja", {"tabel_masa_depan": [row]})
    error = refused(hub, bundle)
    assert error.code == "newer_schema" and "tabel_masa_depan" in error.message


def test_an_empty_records_part_changes_nothing(world, tmp_path):
    a, hub, _office = world
    before = hub.snapshot()
    report = hub.import_bundle(forge_bundle(a, hub, tmp_path / "empty.kinerja", {"pegawai": []}))
    assert report.status == "applied" and report.inserted == report.updated == 0
    assert not report.refused and hub.snapshot() == before


# --- attached files -----------------------------------------------------------------------


def test_an_attached_file_that_does_not_match_its_hash_is_refused(world, tmp_path):
    a, hub, _office = world
    declared = hashlib.sha256(b"the real content").hexdigest()
    bundle = forge_bundle(
        a, hub, tmp_path / "file.kinerja", {}, files=[(declared, b"other content")]
    )
    error = refused(hub, bundle)
    assert error.code == "damaged"


def test_an_attached_file_is_written_once_and_never_in_a_preview(world, tmp_path):
    a, hub, _office = world
    content = b"%PDF-1.4 surat tugas"
    sha = hashlib.sha256(content).hexdigest()
    stored = attachments.stored_path(hub.home, sha)

    preview = hub.import_bundle(forge_bundle(a, hub, tmp_path / "b1.kinerja", {}, files=[(sha, content)]),
                                dry_run=True)  # fmt: skip
    assert preview.attachments == 1 and not stored.exists()

    first = hub.import_bundle(
        forge_bundle(a, hub, tmp_path / "b2.kinerja", {}, files=[(sha, content)])
    )
    assert first.attachments == 1 and stored.read_bytes() == content
    written_at = stored.stat().st_mtime_ns

    again = hub.import_bundle(
        forge_bundle(a, hub, tmp_path / "b3.kinerja", {}, files=[(sha, content)])
    )
    assert again.attachments == 1 and stored.stat().st_mtime_ns == written_at


class _StopWhenWritten:
    """Progress that asks to stop once ``path`` exists (after the first file was written)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def update(self, done: int, total: int, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return self.path.exists()


def test_files_written_by_an_import_that_stops_are_removed(world, tmp_path):
    a, hub, _office = world
    files = [(hashlib.sha256(c).hexdigest(), c) for c in (b"berkas satu", b"berkas dua")]
    bundle = forge_bundle(a, hub, tmp_path / "two.kinerja", {}, files=files)
    first = attachments.stored_path(hub.home, files[0][0])
    with pytest.raises(Cancelled):
        import_bundle(
            hub.db,
            sync_service.keys(hub.home),
            bundle,
            actor=SYSTEM,
            attachment_store=lambda sha, data: attachments.store_content(hub.home, sha, data),
            progress=_StopWhenWritten(first),
        )
    assert not first.exists()
    assert not attachments.stored_path(hub.home, files[1][0]).exists()
    with hub.db.read(SYSTEM) as session:
        assert (
            session.scalars(select(SyncBundleLog).where(SyncBundleLog.direction == "in")).all()
            == []
        )


# --- duplicates -----------------------------------------------------------------------------


def _berkas(sha: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "sha256": sha,
        "ukuran": 12,
        "mime": "application/pdf",
        "vv": {"kantor-a": 1},
        "change_seq": 1,
        "created_at": "2026-11-27T01:02:03.000000+00:00",
        "created_by": None,
        "updated_at": "2026-11-27T01:02:03.000000+00:00",
        "updated_by": None,
        "deleted": False,
    }


def test_a_second_record_of_one_stored_file_is_the_same_file(world, tmp_path):
    a, hub, _office = world
    sha = hashlib.sha256(b"satu berkas").hexdigest()
    twins = [_berkas(sha), _berkas(sha)]
    report = hub.import_bundle(forge_bundle(a, hub, tmp_path / "twins.kinerja", {"berkas": twins}))
    assert report.inserted == 1 and report.unchanged == 1 and not report.conflicts
    assert set(hub.snapshot()["berkas"]) == {twins[0]["id"]}


def test_a_duplicate_of_a_whole_number_key_is_held_with_its_key_set_aside(world):
    a, hub, _office = world
    with hub.db.unit_of_work(SYSTEM) as session:
        session.add(RitmePeriode(tahun=2026, ritme=Ritme.TRIWULANAN))
    with a.db.unit_of_work(SYSTEM) as session:
        theirs = RitmePeriode(tahun=2026, ritme=Ritme.BULANAN)
        session.add(theirs)
        session.flush()
        theirs_id = theirs.id
    report = hub.import_bundle(a.export_to(hub).path)
    assert {
        "table": "ritme_periode",
        "record_id": theirs_id,
        "kind": "duplicate",
    } in report.conflicts
    with hub.db.read(SYSTEM) as session:
        held = session.get(RitmePeriode, theirs_id)
        assert held is not None and held.deleted and held.tahun < 0
        years = session.scalars(select(RitmePeriode.tahun).where(RitmePeriode.deleted.is_(False)))
        assert list(years) == [2026]


def test_a_held_duplicate_sent_again_replaces_the_waiting_version(world, tmp_path):
    a, hub, _office = world
    add_person(hub, "199001012015011001", "Pegawai Hub")
    theirs = add_person(a, "199001012015011001", "Pegawai Kantor")
    first = hub.import_bundle(a.export_to(hub).path)
    assert {"table": "pegawai", "record_id": theirs, "kind": "duplicate"} in first.conflicts

    row = record(a, "pegawai", theirs)
    newer = row | {"nama": "Pegawai Kantor (diperbaiki)",
                   "vv": {k: v + 1 for k, v in row["vv"].items()}}  # fmt: skip
    report = hub.import_bundle(
        forge_bundle(a, hub, tmp_path / "again.kinerja", {"pegawai": [newer]})
    )
    assert report.conflicts == [{"table": "pegawai", "record_id": theirs, "kind": "duplicate"}]
    waiting = [c for c in conflicts(hub) if c["record_id"] == theirs]
    assert len(waiting) == 1 and waiting[0]["remote"]["nama"] == "Pegawai Kantor (diperbaiki)"


# --- versions: conflicts sent again, merges -------------------------------------------------


def test_a_conflict_sent_again_equal_newer_superseded_in_part_and_beside(world, tmp_path):
    a, hub, office = world
    hub.import_bundle(a.export_to(hub).path)
    pid = office.staf.id
    edit(hub, Pegawai, pid, nama="Nama dari Hub")
    ours = record(hub, "pegawai", pid)["vv"]
    base = record(a, "pegawai", pid)
    theirs = dict(base["vv"])
    (office_key,) = theirs

    def sent(name: str, vv: dict[str, int], nama: str) -> Any:
        row = base | {"nama": nama, "vv": vv}
        return hub.import_bundle(
            forge_bundle(a, hub, tmp_path / f"{name}.kinerja", {"pegawai": [row]})
        )

    step = {office_key: theirs[office_key] + 1}
    first = sent("first", step, "Nama dari Kantor")
    assert first.conflicts == [{"table": "pegawai", "record_id": pid, "kind": "edit"}]

    same = sent("same", step, "Nama dari Kantor")
    assert same.unchanged == 1 and not same.conflicts

    later = {office_key: theirs[office_key] + 2}
    newer = sent("newer", later, "Nama terbaru dari Kantor")
    assert newer.conflicts == [{"table": "pegawai", "record_id": pid, "kind": "edit"}]
    (waiting,) = conflicts(hub)
    assert waiting["remote"]["nama"] == "Nama terbaru dari Kantor"

    # ahead of the hub's version but not of the waiting one: applied, the conflict stays
    past_ours = ours | {office_key: theirs[office_key] + 1}
    ahead = sent("ahead", past_ours, "Nama gabungan")
    assert ahead.updated == 1 and not ahead.conflicts
    assert [c["id"] for c in conflicts(hub)] == [waiting["id"]]
    assert hub.snapshot()["pegawai"][pid]["nama"] == "Nama gabungan"

    # concurrent with the hub's version and with the waiting one: it waits beside it
    beside = {office_key: theirs[office_key], hub.install_id: ours[hub.install_id] + 1}
    other = sent("beside", beside, "Nama lain lagi")
    assert other.conflicts == [{"table": "pegawai", "record_id": pid, "kind": "edit"}]
    assert sorted(c["remote"]["nama"] for c in conflicts(hub)) == [
        "Nama lain lagi",
        "Nama terbaru dari Kantor",
    ]


def test_same_data_changed_on_both_sides_in_two_tables_merges_with_one_counter(world, tmp_path):
    a, hub, office = world
    hub.import_bundle(a.export_to(hub).path)
    unit_id, pid = office.unit_bidang, office.staf.id
    edit(hub, UnitKerja, unit_id, nama="Bagian Umum dan Kepegawaian")
    edit(hub, Pegawai, pid, nama="Nama yang Sama")
    rows = {}
    for table, rid, nama in (("unit_kerja", unit_id, "Bagian Umum dan Kepegawaian"),
                             ("pegawai", pid, "Nama yang Sama")):  # fmt: skip
        row = record(a, table, rid)
        rows[table] = [row | {"nama": nama, "vv": {k: v + 1 for k, v in row["vv"].items()}}]
    report = hub.import_bundle(forge_bundle(a, hub, tmp_path / "same.kinerja", rows))
    assert report.updated == 2 and not report.conflicts
    with hub.db.read(SYSTEM) as session:
        unit, person = session.get(UnitKerja, unit_id), session.get(Pegawai, pid)
        assert unit is not None and person is not None
        assert unit.change_seq == person.change_seq
        assert hub.install_id in unit.vv and hub.install_id in person.vv


# --- export -----------------------------------------------------------------------------


def test_no_bundle_for_a_peer_no_longer_trusted(world, tmp_path):
    a, hub, _office = world
    with a.db.unit_of_work(SYSTEM) as session:
        peer = session.get(SyncPeer, hub.install_id)
        assert peer is not None
        peer.trusted = False
        with pytest.raises(BundleError) as caught:
            export_bundle(session, sync_service.keys(a.home), peer=peer, out=tmp_path,
                          attachment_content=lambda sha: None)  # fmt: skip
    assert caught.value.code == "untrusted"
    assert list(tmp_path.glob("*.kinerja")) == []


def test_a_bundle_written_into_a_folder_is_named_by_sender_peer_and_number(world, tmp_path):
    a, hub, _office = world
    folder = tmp_path / "keluar"
    folder.mkdir()
    result = sync_service.export(a.db, a.home, actor=SYSTEM, to=hub.install_id, out=folder)
    assert result.path.parent == folder
    assert result.path.name == (
        f"kinerja-{a.install_id[:8]}-to-{hub.install_id[:8]}-{result.bundle_seq:05d}.kinerja"
    )
    assert hub.import_bundle(result.path).inserted == result.records
