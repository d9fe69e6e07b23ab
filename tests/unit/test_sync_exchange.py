"""Sync between offices and a hub: delivery, idempotence, privacy, receipts, prerequisites,
conflicts and their resolution, duplicates, relay rules and attachments."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.models.coaching import CatatanSesi, SesiCoaching
from kinerja_desktop.models.enums import JenisCatatan, JenisSesi
from kinerja_desktop.models.monitoring import Lampiran
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import attachments
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.services.sync import home as sync_home
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.importer import ImportReport
from kinerja_desktop.sync.receipts import RECEIPT_EXTENSION
from tests.factories import Office, make_office
from tests.sync_world import (
    Install,
    add_person,
    add_skp,
    bundle_records,
    enrol,
    forge_bundle,
    tree_digest,
)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Install, Install, Install]]:
    a = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    b = Install(tmp_path / "b", mode="office", name="Kantor B")
    enrol(hub, a, b)
    yield a, hub, b
    for install in (a, hub, b):
        install.close()


def _relay(src: Install, dst: Install) -> ImportReport:
    return dst.import_bundle(src.export_to(dst).path)


def _without_local(snapshot: dict[str, dict[str, dict[str, object]]]) -> dict[str, object]:
    return {table: rows for table, rows in snapshot.items() if rows}


def test_office_to_hub_to_office_keeps_identity_and_authorship(world):
    a, hub, b = world
    office = make_office(a.db)
    report = _relay(a, hub)
    assert report.status == "applied"
    assert report.inserted == 14 and report.applied["pegawai"] == 5
    _relay(hub, b)
    assert b.snapshot()["pegawai"] == a.snapshot()["pegawai"]
    with b.db.read(SYSTEM) as session:
        staf = session.get(Pegawai, office.staf.id)
        assert staf is not None and staf.nama == office.staf.nama
        copied = (staf.vv, staf.created_at, staf.updated_at)
    with a.db.read(SYSTEM) as session:
        original = session.get(Pegawai, office.staf.id)
        assert copied == (original.vv, original.created_at, original.updated_at)


def test_second_import_is_a_noop_that_says_so(world):
    a, hub, _b = world
    make_office(a.db)
    bundle = a.export_to(hub).path
    hub.import_bundle(bundle)
    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    again = hub.import_bundle(bundle)
    hub.db.engine.dispose()
    assert again.status == "already"
    assert "already imported" in again.message or "sudah diimpor" in again.message
    assert tree_digest(hub.root) == before


def test_private_coaching_notes_never_leave_the_install(world):
    a, hub, _b = world
    office = make_office(a.db)
    with a.db.unit_of_work(SYSTEM) as session:
        sesi = SesiCoaching(jenis=JenisSesi.COACHING, tanggal=dt.date(2026, 3, 2),
                            coach_id=office.kabid.id, pegawai_id=office.staf.id)  # fmt: skip
        session.add(sesi)
        session.flush()
        session.add_all([
            CatatanSesi(sesi_id=sesi.id, penulis_id=office.kabid.id, jenis=JenisCatatan.NOTE,
                        teks="Catatan bersama", privat=False),
            CatatanSesi(sesi_id=sesi.id, penulis_id=office.kabid.id, jenis=JenisCatatan.NOTE,
                        teks="RAHASIA pribadi pelatih", privat=True),
        ])  # fmt: skip
    bundle = a.export_to(hub).path
    records = bundle_records(bundle, hub)
    notes = [r for table, r in records if table == "catatan_sesi"]
    assert [n["teks"] for n in notes] == ["Catatan bersama"]
    assert not any("RAHASIA" in str(r) for _t, r in records)
    hub.import_bundle(bundle)
    with hub.db.read(SYSTEM) as session:
        texts = session.scalars(select(CatatanSesi.teks)).all()
    assert texts == ["Catatan bersama"]


def test_private_record_arriving_is_refused(world, tmp_path):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    sesi = {
        "id": "11111111-1111-4111-8111-111111111111", "jenis": "coaching",
        "tanggal": "2026-03-02", "waktu": "", "tempat": "", "coach_id": office.kabid.id,
        "pegawai_id": office.staf.id, "hadir_lain": "", "skp_id": None, "rhk_id": None,
        "nilai_id": None, "status": "dijadwalkan", "ringkasan": "",
        "b18_diserahkan_kepada_id": None, "b18_diserahkan_tanggal": None,
    }  # fmt: skip
    note = {
        "id": "22222222-2222-4222-8222-222222222222", "sesi_id": sesi["id"],
        "penulis_id": office.kabid.id, "jenis": "note", "prompt": "",
        "teks": "catatan privat orang lain", "privat": True,
    }  # fmt: skip
    meta = {
        "created_at": "2026-03-02T00:00:00+00:00", "created_by": None,
        "updated_at": "2026-03-02T00:00:00+00:00", "updated_by": None,
        "vv": {a.install_id: 999}, "change_seq": 999, "deleted": False,
    }  # fmt: skip
    bundle = forge_bundle(
        a, hub, tmp_path / "forged.kinerja",
        {"sesi_coaching": [sesi | meta], "catatan_sesi": [note | meta]},
    )  # fmt: skip
    report = hub.import_bundle(bundle)
    assert report.applied == {"sesi_coaching": 1}
    assert [r["record_id"] for r in report.refused] == [note["id"]]
    with hub.db.read(SYSTEM) as session:
        assert session.scalars(select(CatatanSesi)).all() == []


def test_receipts_stop_resending_and_mark_delivered(world, tmp_path):
    a, hub, _b = world
    make_office(a.db)
    first = a.export_to(hub)
    hub.import_bundle(first.path)
    assert a.export_to(hub).records == first.records  # not acknowledged yet: sent again
    receipt = sync_service.write_receipt(
        hub.db, hub.home, actor=SYSTEM, to=a.install_id, out=tmp_path
    )
    assert receipt.name.endswith(RECEIPT_EXTENSION)
    result = a.import_file(receipt)
    assert result.moved_on
    assert a.import_file(receipt).moved_on is False
    assert a.export_to(hub).records == 0
    history = sync_service.history(a.db, actor=SYSTEM)
    assert [h.delivered for h in history if h.bundle_id == first.bundle_id] == [True]


def test_receipt_inside_the_return_bundle(world):
    a, hub, _b = world
    make_office(a.db)
    sent = a.export_to(hub)
    hub.import_bundle(sent.path)
    report = a.import_bundle(hub.export_to(a).path)
    assert report.receipt_applied
    peer = next(p for p in sync_service.peers(a.db, actor=SYSTEM))
    assert peer.undelivered == 0
    assert a.export_to(hub).records == 0


def test_bundle_with_missing_prerequisite_is_refused_naming_it(world, tmp_path):
    a, hub, _b = world
    make_office(a.db)
    first = a.export_to(hub)
    hub.db.engine.dispose()
    backup = tmp_path / "hub-backup.sqlite3"
    shutil.copy(hub.home.database, backup)
    hub.import_bundle(first.path)
    a.import_bundle(hub.export_to(a).path)
    add_person(a, "199201012020121001", "Pegawai Baru")
    second = a.export_to(hub)
    hub.db.engine.dispose()
    shutil.copy(backup, hub.home.database)
    with pytest.raises(BundleError) as caught:
        hub.import_bundle(second.path)
    assert caught.value.code == "missing_prerequisite"
    assert first.bundle_id in caught.value.message
    sync_service.resend_everything(a.db, actor=SYSTEM, peer=hub.install_id)
    complete = hub.import_bundle(a.export_to(hub).path)
    assert complete.status == "applied" and complete.applied["pegawai"] == 6


def test_bundles_in_any_order_converge(world):
    a, hub, _b = world
    office = make_office(a.db)
    first = a.export_to(hub)
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "dewi@contoh.go.id"
    second = a.export_to(hub)
    hub.import_bundle(second.path)
    late = hub.import_bundle(first.path)
    assert late.updated == 0 and late.inserted == 0
    assert hub.snapshot()["pegawai"] == a.snapshot()["pegawai"]


def test_concurrent_edit_is_queued_and_resolution_travels(world):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    _relay(hub, a)
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "a@contoh.go.id"
    with hub.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "hub@contoh.go.id"
    to_hub = _relay(a, hub)
    assert to_hub.conflicts == [{"table": "pegawai", "record_id": office.staf.id, "kind": "edit"}]
    to_a = _relay(hub, a)
    assert len(to_a.conflicts) == 1
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).email == "hub@contoh.go.id"
    (conflict,) = hub.open_conflicts()
    email = next(f for f in conflict.fields if f.name == "email")
    assert (email.mine, email.theirs, email.differs) == ("hub@contoh.go.id", "a@contoh.go.id", True)
    sync_service.resolve_conflict(hub.db, actor=SYSTEM, conflict_id=conflict.id, choice="theirs")
    _relay(hub, a)
    assert a.open_conflicts() == [] and hub.open_conflicts() == []
    assert a.snapshot()["pegawai"] == hub.snapshot()["pegawai"]
    with a.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).email == "a@contoh.go.id"


def test_merge_field_by_field(world):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    _relay(hub, a)
    with a.db.unit_of_work(SYSTEM) as session:
        person = session.get(Pegawai, office.staf.id)
        person.email, person.telepon = "a@contoh.go.id", "0811"
    with hub.db.unit_of_work(SYSTEM) as session:
        person = session.get(Pegawai, office.staf.id)
        person.email, person.telepon = "hub@contoh.go.id", "0822"
    _relay(a, hub)
    (conflict,) = hub.open_conflicts()
    sync_service.resolve_conflict(
        hub.db, actor=SYSTEM, conflict_id=conflict.id, choice="merge",
        take_theirs=("telepon",), texts={"email": "bersama@contoh.go.id"},
    )  # fmt: skip
    _relay(hub, a)
    for install in (a, hub):
        with install.db.read(SYSTEM) as session:
            person = session.get(Pegawai, office.staf.id)
            assert (person.email, person.telepon) == ("bersama@contoh.go.id", "0811")


def test_old_edit_never_resurrects_a_deleted_record(world):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    _relay(hub, a)
    with hub.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf2.id).deleted = True
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf2.id).telepon = "0812"
    report = _relay(a, hub)
    assert report.conflicts == [
        {"table": "pegawai", "record_id": office.staf2.id, "kind": "delete"}
    ]
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf2.id).deleted is True


def test_same_nip_from_two_offices_is_a_duplicate_conflict(world):
    a, hub, b = world
    first = add_person(a, "199001012015031001", "Budi dari A")
    second = add_person(b, "199001012015031001", "Budi dari B")
    _relay(a, hub)
    report = _relay(b, hub)
    assert report.conflicts == [{"table": "pegawai", "record_id": second, "kind": "duplicate"}]
    with hub.db.read(SYSTEM) as session:
        active = session.scalars(select(Pegawai.id).where(Pegawai.deleted.is_(False))).all()
    assert active == [first]
    (conflict,) = hub.open_conflicts()
    sync_service.resolve_conflict(hub.db, actor=SYSTEM, conflict_id=conflict.id, choice="mine")
    _relay(hub, b)
    with b.db.read(SYSTEM) as session:
        withdrawn = session.get(Pegawai, second)
        kept = session.get(Pegawai, first)
        assert withdrawn.deleted and withdrawn.nip != "199001012015031001"
        assert kept is not None and not kept.deleted and kept.nip == "199001012015031001"


def test_duplicate_keep_theirs_swaps_the_records(world):
    a, hub, b = world
    first = add_person(a, "199001012015031001", "Budi dari A")
    second = add_person(b, "199001012015031001", "Budi dari B")
    _relay(a, hub)
    _relay(b, hub)
    (conflict,) = hub.open_conflicts()
    sync_service.resolve_conflict(hub.db, actor=SYSTEM, conflict_id=conflict.id, choice="theirs")
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, first).deleted
        assert session.get(Pegawai, second).nip == "199001012015031001"
    _relay(hub, a)
    with a.db.read(SYSTEM) as session:
        assert session.get(Pegawai, first).deleted
        assert not session.get(Pegawai, second).deleted


def test_dry_run_reports_and_writes_nothing(world):
    a, hub, _b = world
    make_office(a.db)
    bundle = a.export_to(hub).path
    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    preview = hub.import_bundle(bundle, dry_run=True)
    hub.db.engine.dispose()
    assert preview.dry_run and preview.inserted == 14
    assert tree_digest(hub.root) == before
    assert hub.import_bundle(bundle).inserted == 14


def test_hub_relays_performance_records_only_where_they_concern(world):
    a, hub, b = world
    boss_b = add_person(b, "197001012000031001", "Atasan di B")
    _relay(b, hub)
    _relay(hub, a)
    staff_a = add_person(a, "199501012020121001", "Staf A", penilai_id=boss_b)
    lone_a = add_person(a, "199601012020121001", "Staf A lain")
    skp_with_b = add_skp(a, staff_a, boss_b)
    skp_only_a = add_skp(a, lone_a, None)
    _relay(a, hub)
    report = _relay(hub, b)
    assert report.applied["skp"] == 1 and report.applied["rhk"] == 1
    assert report.applied["pegawai"] == 2  # master data goes everywhere
    with b.db.read(SYSTEM) as session:
        assert session.get(Skp, skp_with_b) is not None
        assert session.get(Skp, skp_only_a) is None


def test_attachment_files_travel_and_are_checked(world, tmp_path):
    a, hub, _b = world
    source = tmp_path / "bukti.pdf"
    source.write_bytes(b"%PDF-1.4\n% bukti dukung\n%%EOF\n")
    stored = attachments.store_file(a.home, source)
    with a.db.unit_of_work(SYSTEM) as session:
        session.add(Lampiran(sha256=stored.sha256, ukuran=stored.size, mime=stored.mime))
    result = a.export_to(hub)
    assert result.attachments == 1
    report = hub.import_bundle(result.path)
    assert report.attachments == 1
    target = attachments.stored_path(hub.home, stored.sha256)
    assert target.read_bytes() == source.read_bytes()


def test_only_the_pengelola_may_sync(world):
    a, _hub, _b = world
    office = make_office(a.db)
    from kinerja_desktop.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        sync_service.status(a.db, a.home, actor=office.staf.actor)
    assert sync_service.status(a.db, a.home, actor=office.admin.actor).mode == "office"


def test_office_trusts_only_hubs(world):
    a, _hub, b = world
    with pytest.raises(BundleError) as caught:
        a.trust(b)
    assert caught.value.code == "wrong_mode"


def test_home_items_show_conflicts_and_unconfirmed_bundles(world):
    a, hub, _b = world
    office: Office = make_office(a.db)
    _relay(a, hub)
    items = sync_home.home_items(a.db, office.admin.actor, dt.date(2026, 5, 1))
    assert [i.kind for i in items] == ["sync_undelivered"]
    assert sync_home.home_items(a.db, office.staf.actor, dt.date(2026, 5, 1)) == []


def test_resend_everything_after_a_new_relation(world):
    a, hub, b = world
    boss_b = add_person(b, "197001012000031001", "Atasan di B")
    staff_a = add_person(a, "199501012020121001", "Staf A")
    _relay(a, hub)
    _relay(b, hub)
    skp_a = add_skp(a, staff_a, None)
    _relay(a, hub)
    _relay(hub, b)
    _relay(b, hub)  # B's receipt: the hub will not send those records again
    _relay(hub, a)
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, staff_a).penilai_id = boss_b
        session.get(Skp, skp_a).penilai_id = boss_b
    _relay(a, hub)
    first = _relay(hub, b)  # the changed SKP header, but not its older RHK and IKI
    assert first.applied.get("skp") == 1 and "rhk" not in first.applied
    sync_service.resend_everything(hub.db, actor=SYSTEM, peer=b.install_id)
    report = _relay(hub, b)
    assert report.applied == {"rhk": 1, "iki": 1} and report.unchanged > 0
    with b.db.read(SYSTEM) as session:
        assert session.get(Skp, skp_a) is not None


def test_two_records_with_one_key_in_a_bundle_are_a_conflict_not_a_crash(world, tmp_path):
    a, hub, _b = world
    office = make_office(a.db)
    staf = a.snapshot()["pegawai"][office.staf.id] | {"change_seq": 1}
    twins = [
        staf | {"id": "77777777-7777-4777-8777-777777777771", "nip": "199901012020121001"},
        staf | {"id": "77777777-7777-4777-8777-777777777772", "nip": "199901012020121001"},
    ]
    _relay(a, hub)
    report = hub.import_bundle(forge_bundle(a, hub, tmp_path / "twins.kinerja", {"pegawai": twins}))
    assert report.inserted == 1
    assert report.conflicts == [
        {"table": "pegawai", "record_id": twins[1]["id"], "kind": "duplicate"}
    ]


def test_a_coach_elsewhere_receives_the_session_and_the_plan_it_is_about(world):
    a, hub, b = world
    coach = add_person(b, "197001012000031002", "Coach di B")
    _relay(b, hub)
    _relay(hub, a)
    staff = add_person(a, "199501012020121002", "Staf A")
    skp_id = add_skp(a, staff, None)
    with a.db.unit_of_work(SYSTEM) as session:
        session.add(SesiCoaching(jenis=JenisSesi.COACHING, tanggal=dt.date(2026, 4, 1),
                                 coach_id=coach, pegawai_id=staff, skp_id=skp_id))  # fmt: skip
    _relay(a, hub)
    report = _relay(hub, b)
    assert report.applied["sesi_coaching"] == 1
    assert report.applied["skp"] == 1 and report.applied["rhk"] == 1


def test_records_whose_parent_is_missing_are_refused_one_by_one(world, tmp_path):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    staf = a.snapshot()["pegawai"][office.staf.id] | {"change_seq": 1}
    orphan = staf | {
        "id": "55555555-5555-4555-8555-555555555555",
        "nip": "199901012020121007",
        "unit_id": "66666666-6666-4666-8666-666666666666",
        "penilai_id": None,
    }
    child = staf | {
        "id": "55555555-5555-4555-8555-555555555556",
        "nip": "199901012020121006",
        "penilai_id": orphan["id"],
    }
    fine = staf | {"id": "55555555-5555-4555-8555-555555555557", "nip": "199901012020121005"}
    bundle = forge_bundle(a, hub, tmp_path / "orphan.kinerja",
                          {"pegawai": [child, orphan, fine]})  # fmt: skip
    report = hub.import_bundle(bundle)
    assert report.applied == {"pegawai": 1}
    refused = {r["record_id"]: r["reason"] for r in report.refused}
    assert set(refused) == {orphan["id"], child["id"]}
    assert "unit_kerja 66666666" in refused[orphan["id"]]
    assert f"pegawai {orphan['id']}" in refused[child["id"]]


def test_a_restored_install_continues_above_its_own_lost_counter_values(world, tmp_path):
    a, hub, _b = world
    office = make_office(a.db)
    _relay(a, hub)
    _relay(hub, a)
    hub.db.engine.dispose()
    backup = tmp_path / "hub-backup.sqlite3"
    shutil.copy(hub.home.database, backup)
    for phone in ("0811", "0812", "0813"):
        with hub.db.unit_of_work(SYSTEM) as session:
            session.get(Pegawai, office.staf.id).telepon = phone
    _relay(hub, a)
    lost = sync_service.status(hub.db, hub.home, actor=SYSTEM).change_counter
    hub.db.engine.dispose()
    shutil.copy(backup, hub.home.database)  # the hub is restored from its backup
    assert sync_service.status(hub.db, hub.home, actor=SYSTEM).change_counter < lost
    sync_service.resend_everything(a.db, actor=SYSTEM, peer=hub.install_id)
    _relay(a, hub)
    assert sync_service.status(hub.db, hub.home, actor=SYSTEM).change_counter >= lost - 1
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).telepon == "0813"  # its lost change is back
    with hub.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).telepon = "0814"
    _relay(hub, a)
    with a.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).telepon == "0814"


def test_importing_an_identity_card_says_what_to_do_instead(world):
    a, hub, _b = world
    with pytest.raises(BundleError) as caught:
        hub.import_file(a.card())
    assert caught.value.code == "identity_card" and "trust" in caught.value.message
