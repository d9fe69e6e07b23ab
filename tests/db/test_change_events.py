"""Change events: after each commit the database tells its subscribers which tables changed.

The data layer knows the tables from its flush hook, the statements run through a session and
the sync importer's bulk writes; nothing is published for a rollback or a read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.people import directory as people
from tests.factories import Office
from tests.sync_world import Install, add_person, add_skp, enrol


@pytest.fixture
def published(db: Database) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    db.subscribe(seen.append)
    return seen


def test_a_service_commit_publishes_the_tables_it_wrote(
    db: Database, office: Office, published: list[frozenset[str]]
) -> None:
    people.create_unit(db, actor=office.admin.actor, kode="BARU", nama="Unit Baru",
                       parent_kode="DINAS")  # fmt: skip
    assert len(published) == 1
    assert {"unit_kerja", "audit_log"} <= published[0]
    assert "pegawai" not in published[0]


def test_statements_run_through_the_session_count(
    db: Database, office: Office, published: list[frozenset[str]]
) -> None:
    with db.unit_of_work(SYSTEM) as session:
        session.execute(update(Pegawai).where(Pegawai.id == office.staf.id).values(nama="Dewi"))
    assert published == [frozenset({"pegawai"})]


def test_refused_input_and_reads_publish_nothing(
    db: Database, office: Office, published: list[frozenset[str]]
) -> None:
    with pytest.raises(ValidationError):
        people.create_unit(db, actor=office.admin.actor, kode="", nama="Tanpa kode")
    with pytest.raises(RuntimeError), db.unit_of_work(SYSTEM) as session:
        session.add(Pegawai(nip="199001012020012001", jenis_asn=JenisAsn.PNS, nama="Batal"))
        session.flush()
        raise RuntimeError("the caller gave up")
    with db.read(SYSTEM) as session:
        session.execute(select(Pegawai)).all()
    assert published == []


def test_unsubscribing_stops_the_calls(db: Database, office: Office) -> None:
    seen: list[frozenset[str]] = []
    undo = db.subscribe(seen.append)
    people.create_unit(db, actor=office.admin.actor, kode="U1", nama="Satu", parent_kode="DINAS")
    undo()
    people.create_unit(db, actor=office.admin.actor, kode="U2", nama="Dua", parent_kode="DINAS")
    assert len(seen) == 1


def test_a_sync_import_publishes_the_tables_it_touched(tmp_path: Path) -> None:
    office = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    try:
        enrol(hub, office)
        chief = add_person(office, "198001012005011001", "Kepala")
        add_skp(office, add_person(office, "199001012015012001", "Staf", penilai_id=chief), chief)
        bundle = office.export_to(hub).path
        seen: list[frozenset[str]] = []
        hub.db.subscribe(seen.append)
        hub.import_bundle(bundle)
        touched = frozenset().union(*seen)
        assert {"pegawai", "skp", "rhk", "iki"} <= touched
    finally:
        office.close()
        hub.close()
