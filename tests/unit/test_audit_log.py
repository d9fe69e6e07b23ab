"""The audit log: written for every change, owner resolved for child records, filtered by
person/record/date, visible by the same rule as the data, and not editable by services."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.models.skp import Iki
from kinerja_desktop.services.admin import audit
from kinerja_desktop.services.admin.audit import AuditFilter
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.people import directory as people
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


def test_change_records_who_what_before_and_after(db: Database, office: Office) -> None:
    data = people.PegawaiInput(
        nip=office.staf.nip, nama="Dewi Lestari Putri", golongan="III/b", unit_kode="BID1",
        penilai_nip=office.kabid.nip,
        jabatan_id=people.get_person(db, actor=SYSTEM, pegawai_id=office.staf.id).jabatan_id,
    )  # fmt: skip
    people.update_person(db, actor=office.admin.actor, pegawai_id=office.staf.id, data=data)
    rows = audit.list_entries(
        db, actor=office.admin.actor, flt=AuditFilter(record_id=office.staf.id)
    )
    latest = rows[0]
    assert latest.action == "update"
    assert latest.user_id == office.admin.actor.user_id
    assert latest.actor_name == office.admin.nama
    assert latest.before == {"nama": "Dewi Lestari"}
    assert latest.after == {"nama": "Dewi Lestari Putri"}
    assert latest.pegawai_id == office.staf.id
    history = audit.list_entries(  # what the audit screen shows for one record, newest first
        db,
        actor=office.admin.actor,
        flt=AuditFilter(table_name="pegawai", record_id=office.staf.id),
    )
    assert [r.action for r in history] == ["update", "insert"]


def test_child_records_are_filed_under_their_owner(db: Database, office: Office) -> None:
    ids = make_skp(db, office.staf, office.kabid)
    with db.unit_of_work(office.kabid.actor) as session:
        iki = session.get(Iki, ids.iki_ids[0])
        assert iki is not None
        iki.target_min = 120
    entries = audit.list_entries(
        db, actor=office.admin.actor, flt=AuditFilter(pegawai_id=office.staf.id)
    )
    tables = {e.table_name for e in entries}
    assert {"skp", "rhk", "iki"} <= tables
    change = next(e for e in entries if e.action == "update" and e.table_name == "iki")
    assert change.after == {"target_min": 120.0} or change.after == {"target_min": 120}


def test_coaching_child_records_and_private_notes(db: Database, office: Office) -> None:
    sesi = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=coaching.SessionInput(jenis=JenisSesi.COACHING, tanggal=dt.date(2026, 3, 2),
                                   coach_id=office.kabid.id, pegawai_id=office.staf.id),
        talking_points=["Target triwulan"],
    )  # fmt: skip
    coaching_notes.add_note(
        db, actor=office.kabid.actor, sesi_id=sesi.id, teks="rahasia pribadi", privat=True
    )
    entries = audit.list_entries(
        db, actor=office.admin.actor, flt=AuditFilter(pegawai_id=office.staf.id)
    )
    tables = {e.table_name for e in entries}
    assert {"sesi_coaching", "agenda_sesi", "catatan_sesi"} <= tables
    note = next(e for e in entries if e.table_name == "catatan_sesi")
    assert "rahasia pribadi" not in str(note.after)


def test_visibility_follows_the_penilai_chain(db: Database, office: Office) -> None:
    make_skp(db, office.staf, office.kabid)
    make_skp(db, office.admin, office.kepala)
    staf_sees = {e.pegawai_id for e in audit.list_entries(db, actor=office.staf.actor)}
    assert staf_sees == {office.staf.id}
    kabid_sees = {e.pegawai_id for e in audit.list_entries(db, actor=office.kabid.actor)}
    assert kabid_sees == {office.kabid.id, office.staf.id, office.staf2.id}
    kepala_sees = {e.pegawai_id for e in audit.list_entries(db, actor=office.kepala.actor)}
    assert office.admin.id in kepala_sees and office.staf.id in kepala_sees
    admin_sees = {e.pegawai_id for e in audit.list_entries(db, actor=office.admin.actor)}
    assert None in admin_sees  # units and the instansi belong to no one
    # A pegawai asking for someone else's entries gets none.
    other = audit.list_entries(
        db, actor=office.staf.actor, flt=AuditFilter(pegawai_id=office.admin.id)
    )
    assert other == []


def test_date_filter(db: Database, office: Office) -> None:
    today = dt.datetime.now(dt.UTC).date()
    in_range = audit.list_entries(db, actor=SYSTEM, flt=AuditFilter(date_from=today, date_to=today))
    assert len(in_range) == audit.count_entries(db, actor=SYSTEM)
    assert (
        audit.list_entries(db, actor=SYSTEM, flt=AuditFilter(date_to=today - dt.timedelta(days=1)))
        == []
    )
    assert "pegawai" in audit.tables(db, actor=SYSTEM)


def test_audit_service_offers_no_way_to_change_the_log() -> None:
    public = {name for name in dir(audit) if not name.startswith("_")}
    writers = {n for n in public if n.split("_")[0] in {"delete", "update", "set", "edit", "add"}}
    assert writers == set()


def test_audit_rows_are_written_in_the_same_transaction(db: Database, office: Office) -> None:
    """A change that is rolled back leaves no audit entry behind."""
    with db.read(SYSTEM) as session:
        before = len(session.execute(select(AuditLog.id)).all())
    try:
        with db.unit_of_work(office.admin.actor) as session:
            session.add(
                people.UnitKerja(instansi_id=office.instansi_id, kode="X", nama="X", level=0)
            )
            session.flush()
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    with db.read(SYSTEM) as session:
        assert len(session.execute(select(AuditLog.id)).all()) == before
