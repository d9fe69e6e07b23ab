"""The written format matches its documented JSON Schemas; version vector order."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from kinerja_desktop.sync import tables
from kinerja_desktop.sync.versions import Order, compare, merge
from tests.factories import make_office
from tests.sync_world import Install, bundle_records, enrol

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def test_manifest_and_records_follow_the_schemas(tmp_path):
    office = Install(tmp_path / "a", mode="office", name="A")
    hub = Install(tmp_path / "hub", mode="hub", name="H")
    enrol(hub, office)
    make_office(office.db)
    path = office.export_to(hub).path
    schema = json.loads((SCHEMAS / "bundle-manifest.schema.json").read_text())
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    assert set(manifest) == set(schema["properties"]) == set(schema["required"])
    assert manifest["format_version"] == 1 and manifest["prerequisite"] is None
    assert names == {"manifest.json"} | {p["name"] for p in manifest["parts"]}
    part_keys = set(schema["properties"]["parts"]["items"]["properties"])
    assert all(set(p) <= part_keys for p in manifest["parts"])
    record_schema = json.loads((SCHEMAS / "bundle-record.schema.json").read_text())
    records = bundle_records(path, hub)
    assert records
    for table, record in records:
        assert set(record_schema["required"]) <= set(record)
        assert set(record) == {c.name for c in tables.SYNCED[table].table.columns}
    office.close()
    hub.close()


def test_every_synced_model_travels_and_private_notes_are_excluded():
    assert "catatan_sesi" in tables.SYNCED and tables.SYNCED["catatan_sesi"].exclude_column
    assert {"pegawai", "skp", "rhk", "iki", "evaluasi", "umpan_balik"} <= set(tables.SYNCED)
    assert not {"user_account", "audit_log", "sync_conflict", "setting"} & set(tables.SYNCED)


def test_version_vectors():
    assert compare({"a": 2}, {"a": 1}) is Order.AFTER
    assert compare({"a": 1}, {"a": 1, "b": 1}) is Order.BEFORE
    assert compare({"a": 2}, {"a": 1, "b": 1}) is Order.CONCURRENT
    assert compare({"a": 1, "b": 0}, {"a": 1}) is Order.EQUAL
    assert merge({"a": 2, "b": 1}, {"b": 3, "c": 1}) == {"a": 2, "b": 3, "c": 1}
