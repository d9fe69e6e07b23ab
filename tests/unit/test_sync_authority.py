"""Write authority (issue 12, hole 3): a peer writes only what it owns.

The attack: office A, with its own real keys, sends the hub a forged copy of office B's
final evaluation (predikat sangat kurang, a version vector ahead of B's). Before the fix it was
applied at the hub and relayed to B; now it is refused at the hub (and reported), never
relayed, and B is unchanged. An office refuses the same forgery arriving from its hub.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.models.enums import EvaluasiStatus, Predikat, Rating
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.sync import authority, tables
from tests.factories import make_office
from tests.sync_world import Install, add_person, add_skp, bundle_records, enrol, forge_bundle


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Install, Install, Install]]:
    a = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    b = Install(tmp_path / "b", mode="office", name="Kantor B")
    enrol(hub, a, b)
    yield a, hub, b
    for install in (a, hub, b):
        install.close()


def _relay(src: Install, dst: Install) -> Any:
    return dst.import_bundle(src.export_to(dst).path)


def _final_evaluation_at_b(a: Install, hub: Install, b: Install) -> str:
    """Office B's staff member with a final evaluation by B's penilai, known to all three."""
    office = make_office(b.db)
    skp_id = add_skp(b, office.staf.id, office.kabid.id)
    with b.db.unit_of_work(SYSTEM) as session:
        evaluation = Evaluasi(
            skp_id=skp_id,
            periode="TAHUNAN",
            penilai_id=office.kabid.id,
            rating_hasil=Rating.DI_ATAS,
            rating_perilaku=Rating.DI_ATAS,
            predikat=Predikat.SANGAT_BAIK,
            status=EvaluasiStatus.FINAL,
            final_at=dt.datetime(2026, 12, 20, tzinfo=dt.UTC),
        )
        session.add(evaluation)
        session.flush()
        evaluation_id = evaluation.id
    _relay(b, hub)
    return evaluation_id


def _forged(install: Install, evaluation_id: str, writer: str) -> dict[str, Any]:
    row = install.snapshot()["evaluasi"][evaluation_id]
    vv = dict(row["vv"])
    vv[writer] = max(vv.values()) + 1000
    return row | {"predikat": "sangat_kurang", "rating_hasil": "di_bawah", "vv": vv,
                  "change_seq": 1}  # fmt: skip


def _predikat(install: Install, evaluation_id: str) -> str:
    return install.snapshot()["evaluasi"][evaluation_id]["predikat"]


def test_forged_evaluation_of_another_office_is_refused_at_the_hub_and_not_relayed(world, tmp_path):
    a, hub, b = world
    evaluation_id = _final_evaluation_at_b(a, hub, b)
    _relay(hub, b)  # B acknowledges; nothing of B's comes back
    forged = _forged(hub, evaluation_id, a.install_id)
    bundle = forge_bundle(a, hub, tmp_path / "forged.kinerja", {"evaluasi": [forged]})

    report = hub.import_bundle(bundle)

    assert report.updated == 0 and report.inserted == 0
    assert [(r["table"], r["record_id"]) for r in report.refused] == [("evaluasi", evaluation_id)]
    # names the install without authority
    assert f"Kantor A ({a.install_id})" in report.refused[0]["reason"]
    assert _predikat(hub, evaluation_id) == "sangat_baik"
    relayed = b.export_to(hub)  # keep B's side moving, then what the hub sends B
    hub.import_bundle(relayed.path)
    to_b = hub.export_to(b)
    assert ("evaluasi", evaluation_id) not in {
        (t, r["id"]) for t, r in bundle_records(to_b.path, b)
    }
    b.import_bundle(to_b.path)
    assert _predikat(b, evaluation_id) == "sangat_baik"


def test_office_refuses_a_change_its_hub_relays_from_an_office_without_authority(world, tmp_path):
    a, hub, b = world
    evaluation_id = _final_evaluation_at_b(a, hub, b)
    _relay(hub, b)
    # a hub that let it through (an older program, say) relays A's change with its own keys
    forged = _forged(b, evaluation_id, a.install_id)
    bundle = forge_bundle(hub, b, tmp_path / "relayed.kinerja", {"evaluasi": [forged]},
                          source={"install_id": hub.install_id, "name": hub.name,
                                  "mode": "hub", "sign_public_key": ""})  # fmt: skip

    report = b.import_bundle(bundle)

    assert [(r["table"], r["record_id"]) for r in report.refused] == [("evaluasi", evaluation_id)]
    assert report.updated == 0
    assert _predikat(b, evaluation_id) == "sangat_baik"


def test_the_hub_and_the_home_office_may_change_a_record(world, tmp_path):
    a, hub, b = world
    evaluation_id = _final_evaluation_at_b(a, hub, b)
    _relay(hub, b)
    # the hub's own change (a decision, say) travels to B
    forged = _forged(hub, evaluation_id, hub.install_id)
    bundle = forge_bundle(hub, b, tmp_path / "hub.kinerja", {"evaluasi": [forged]},
                          source={"install_id": hub.install_id, "name": hub.name,
                                  "mode": "hub", "sign_public_key": ""})  # fmt: skip
    report = b.import_bundle(bundle)
    assert report.refused == [] and report.updated == 1
    # B's own change of its evaluation reaches the hub
    with b.db.unit_of_work(SYSTEM) as session:
        row = session.get(Evaluasi, evaluation_id)
        assert row is not None
        row.catatan = "diperbaiki"
    report = _relay(b, hub)
    assert report.refused == [] and report.applied.get("evaluasi") == 1


def test_office_cannot_change_another_offices_person_or_plant_children(world, tmp_path):
    a, hub, b = world
    office = make_office(b.db)
    skp_id = add_skp(b, office.staf.id, office.kabid.id)
    _relay(b, hub)
    person = hub.snapshot()["pegawai"][office.staf.id]
    vv = person["vv"] | {a.install_id: 50}
    rhk = next(r for r in hub.snapshot()["rhk"].values() if r["skp_id"] == skp_id)
    planted = rhk | {"id": "55555555-5555-4555-8555-555555555555", "teks": "Sisipan",
                     "urutan": 9, "vv": {a.install_id: 51}, "change_seq": 1}  # fmt: skip
    bundle = forge_bundle(
        a, hub, tmp_path / "people.kinerja",
        {"pegawai": [person | {"nama": "Orang Lain", "vv": vv, "change_seq": 1}],
         "rhk": [planted]},
    )  # fmt: skip
    report = hub.import_bundle(bundle)
    assert {(r["table"], r["record_id"]) for r in report.refused} == {
        ("pegawai", office.staf.id),
        ("rhk", planted["id"]),
    }
    assert report.inserted == report.updated == 0
    with hub.db.read(SYSTEM) as session:
        staf = session.get(Pegawai, office.staf.id)
        assert staf is not None and staf.nama == office.staf.nama


def test_a_shared_skp_may_be_written_by_both_offices(world):
    a, hub, b = world
    office_b = make_office(b.db)
    _relay(b, hub)
    _relay(hub, a)
    # a pegawai of A whose pejabat penilai works at B
    staff_a = add_person(a, "199001012015011777", "Pegawai A", penilai_id=office_b.kabid.id)
    skp_id = add_skp(a, staff_a, office_b.kabid.id)
    assert _relay(a, hub).refused == []
    assert _relay(hub, b).refused == []
    with b.db.unit_of_work(SYSTEM) as session:
        skp = session.get(Skp, skp_id)
        assert skp is not None
        skp.alasan_dikembalikan = "perbaiki target"
    report = _relay(b, hub)
    assert report.refused == [] and report.applied.get("skp") == 1
    assert _relay(hub, a).refused == []


def test_every_synced_table_has_an_authority_rule():
    assert set(authority.RULES) == set(tables.SYNCED)
    for name, rule in authority.RULES.items():
        assert rule.kind in ("origin", "people"), name
        if rule.kind == "people":
            # the parent links lead to the rule's root, where its columns name people
            table = name
            while table != rule.root:
                link = tables.parent_link(tables.SYNCED[table])
                assert link is not None, name
                table = link[1]
            for column in rule.columns:
                fk = next(iter(tables.SYNCED[rule.root].table.c[column].foreign_keys))
                assert fk.column.table.name == "pegawai"


def test_a_table_without_a_rule_is_refused_whole(world, monkeypatch, tmp_path):
    a, hub, _b = world
    make_office(a.db)
    monkeypatch.delitem(authority.RULES, "jabatan")
    report = _relay(a, hub)
    refused = {r["record_id"] for r in report.refused if r["table"] == "jabatan"}
    assert len(refused) == 5
    assert "jabatan" not in report.applied
