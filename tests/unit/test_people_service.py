from __future__ import annotations

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people.directory import PegawaiInput
from tests.factories import Office, headcount, make_office


def test_list_people_of_a_unit_includes_sub_units(db: Database, office: Office) -> None:
    admin = office.admin.actor
    assert {r.nip for r in people.list_people(db, actor=admin, unit_kode="BID1")} == {
        office.kabid.nip, office.staf.nip, office.staf2.nip,
    }  # fmt: skip
    assert len(people.list_people(db, actor=admin, unit_kode="DINAS")) == 5
    assert [r.nama for r in people.list_people(db, actor=admin, search="dewi")] == ["Dewi Lestari"]


def test_create_and_edit_person(db: Database, office: Office) -> None:
    admin = office.admin.actor
    row = people.create_person(
        db, actor=admin,
        data=PegawaiInput(nip="1992 0210 201801 1 004", nama=" Budi  Santoso ", golongan="III/a",
                          unit_kode="BID1", penilai_nip=office.kabid.nip),
    )  # fmt: skip
    assert (row.nip, row.nama, row.unit_kode, row.penilai_nama) == (
        "199202102018011004", "Budi Santoso", "BID1", "Siti Rahmawati",
    )  # fmt: skip
    moved = people.update_person(
        db, actor=admin, pegawai_id=row.id,
        data=PegawaiInput(nip=row.nip, nama="Budi Santoso", golongan="III/b", unit_kode="SEKRE",
                          penilai_nip=office.admin.nip),
    )  # fmt: skip
    assert (moved.golongan, moved.unit_kode, moved.penilai_nip) == (
        "III/b",
        "SEKRE",
        office.admin.nip,
    )


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("19920210201801100", "18 digits"),
        ("1992021020180110AB", "digits only"),
        ("199202302018011004", "Digits 1-8"),
        ("199202102018131004", "Digits 9-14"),
        ("199202102018013004", "Digit 15"),
        ("199202102018011000", "Digits 16-18"),
        ("199202101999011004", "Digits 9-12"),
    ],
)
def test_invalid_nip_is_refused_and_nothing_written(
    db: Database, office: Office, nip: str, fragment: str
) -> None:
    from kinerja_desktop.i18n import set_language

    set_language("en")
    before = headcount(db)
    with pytest.raises(ValidationError) as error:
        people.create_person(db, actor=office.admin.actor, data=PegawaiInput(nip=nip, nama="X"))
    assert fragment in error.value.message
    assert error.value.field == "nip"
    assert headcount(db) == before


def test_pppk_number_skips_month_check(db: Database, office: Office) -> None:
    row = people.create_person(
        db, actor=office.admin.actor,
        data=PegawaiInput(nip="199204012024211002", nama="Lina", jenis_asn=JenisAsn.PPPK,
                          golongan="VII"),
    )  # fmt: skip
    assert row.jenis_asn is JenisAsn.PPPK


def test_supervisor_loop_is_refused(db: Database, office: Office) -> None:
    kepala = people.get_person(db, actor=office.admin.actor, pegawai_id=office.kepala.id)
    with pytest.raises(ValidationError) as error:
        people.update_person(
            db, actor=office.admin.actor, pegawai_id=office.kepala.id,
            data=PegawaiInput(nip=kepala.nip, nama=kepala.nama, penilai_nip=office.staf.nip),
        )  # fmt: skip
    assert error.value.field == "penilai"
    assert (
        people.get_person(db, actor=office.admin.actor, pegawai_id=office.kepala.id).penilai_id
        is None
    )


def test_unknown_unit_and_duplicate_nip(db: Database, office: Office) -> None:
    with pytest.raises(ValidationError) as unknown:
        people.create_person(
            db, actor=office.admin.actor,
            data=PegawaiInput(nip="199202102018011004", nama="X", unit_kode="NOPE"),
        )  # fmt: skip
    assert unknown.value.field == "unit" and "NOPE" in unknown.value.message
    with pytest.raises(ValidationError) as dup:
        people.create_person(
            db, actor=office.admin.actor, data=PegawaiInput(nip=office.staf.nip, nama="X")
        )
    assert "Dewi Lestari" in dup.value.message


def test_only_pengelola_creates_people(db: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied):
        people.create_person(
            db, actor=office.staf.actor, data=PegawaiInput(nip="199202102018011004", nama="X")
        )


def test_move_unit_refuses_loop(db: Database, office: Office) -> None:
    with pytest.raises(ValidationError):
        people.move_unit(db, actor=office.admin.actor, kode="DINAS", new_parent_kode="BID1")
    people.create_unit(
        db, actor=office.admin.actor, kode="SEKSI1", nama="Seksi 1", parent_kode="BID1"
    )
    moved = people.move_unit(db, actor=office.admin.actor, kode="BID1", new_parent_kode="SEKRE")
    assert moved.level == 2
    levels = {u.kode: u.level for u in people.list_units(db, actor=office.admin.actor)}
    assert levels["SEKSI1"] == 3


def test_has_people_tells_an_empty_database_from_a_staffed_one(db: Database) -> None:
    assert not people.has_people(db, actor=SYSTEM)
    make_office(db)
    assert people.has_people(db, actor=SYSTEM)
