"""Master data import from CSV (the first-start wizard's file option): precise per-line
errors, all-or-nothing, supervisors and parents referring anywhere, updates by code/NIP."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.services.admin import office
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people import master_import
from kinerja_desktop.services.people.master_import import MasterImportError
from tests.factories import Office, headcount

UNITS = """kode;nama;induk_kode
BID2;Bidang Dua;DINAS2
DINAS2;Dinas Dua;
SUB;Sub Bagian;BID2
"""

PEOPLE = """nip,nama,jenis_asn,golongan,jabatan,jenis_jabatan,jenjang,unit_kode,memimpin_unit,penilai_nip
199003152015032002,Dewi Lestari,pns,III/b,Analis,jf,ahli_pertama,BID2,0,198001012005011001
198001012005011001,Siti Rahmawati,pns,IV/a,Kepala Bidang,ja,administrator,BID2,1,197505202000121001
197505202000121001,Bambang Sutrisno,pns,IV/c,Kepala Dinas,jpt,jpt_pratama,DINAS2,ya,
199105252023211031,Agus Pratama,pppk,IX,Pengadministrasi,ja,pelaksana,SUB,,198001012005011001
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fresh(db: Database) -> Database:
    office.set_instansi(db, actor=SYSTEM, kode="PEMKAB", nama="Pemerintah Kabupaten Contoh")
    return db


def test_import_units_and_people(fresh: Database, tmp_path: Path) -> None:
    summary = master_import.import_master(
        fresh, actor=SYSTEM, units_csv=write(tmp_path, "unit.csv", UNITS),
        people_csv=write(tmp_path, "pegawai.csv", PEOPLE),
    )  # fmt: skip
    assert (summary.units_added, summary.people_added) == (3, 4)
    units = {u.kode: u for u in people.list_units(fresh, actor=SYSTEM)}
    assert units["SUB"].level == 2 and units["SUB"].parent_id == units["BID2"].id
    dewi = people.find_by_nip(fresh, actor=SYSTEM, nip="199003152015032002")
    assert dewi.penilai_nama == "Siti Rahmawati" and dewi.unit_kode == "BID2"
    assert dewi.jabatan == "Analis" and dewi.golongan == "III/b"
    agus = people.find_by_nip(fresh, actor=SYSTEM, nip="199105252023211031")
    assert agus.jenis_asn.value == "pppk"
    # Importing again updates instead of duplicating.
    again = master_import.import_master(
        fresh, actor=SYSTEM, people_csv=write(tmp_path, "p2.csv", PEOPLE.replace("Dewi Lestari", "Dewi L."))
    )  # fmt: skip
    assert (again.people_added, again.people_updated) == (0, 4)
    assert headcount(fresh) == 4
    assert people.find_by_nip(fresh, actor=SYSTEM, nip="199003152015032002").nama == "Dewi L."


def test_every_problem_is_reported_with_file_line_and_column(
    fresh: Database, tmp_path: Path
) -> None:
    bad_people = """nip;nama;golongan;unit_kode;penilai_nip;jenjang;warna
199003152015032002;Dewi;III/b;BID2;;;
19900315201503200;Pendek;III/b;BID2;;;
199003152015032002;Dobel;III/b;BID2;;;
198001012005011001;;V/z;NOWHERE;197001012000011001;boss;
"""
    with pytest.raises(MasterImportError) as exc:
        master_import.import_master(
            fresh, actor=SYSTEM, units_csv=write(tmp_path, "unit.csv", UNITS),
            people_csv=write(tmp_path, "pegawai.csv", bad_people),
        )  # fmt: skip
    found = {(p.file, p.line, p.column) for p in exc.value.problems}
    assert ("pegawai.csv", 1, "warna") in found
    assert ("pegawai.csv", 3, "nip") in found  # 17 digits
    assert ("pegawai.csv", 4, "nip") in found  # duplicate of line 2
    assert {
        ("pegawai.csv", 5, c) for c in ("nama", "golongan", "unit_kode", "penilai_nip", "jenjang")
    } <= found
    assert "pegawai.csv:3 [nip]" in exc.value.message
    # Nothing was written, not even the valid units.
    assert {u.kode for u in people.list_units(fresh, actor=SYSTEM)} == set()


def test_loops_are_refused(fresh: Database, tmp_path: Path) -> None:
    units = "kode,nama,induk_kode\nA,Unit A,B\nB,Unit B,A\n"
    persons = (
        "nip,nama,penilai_nip\n"
        "199003152015032002,Dewi,198001012005011001\n"
        "198001012005011001,Siti,199003152015032002\n"
    )
    with pytest.raises(MasterImportError) as exc:
        master_import.import_master(
            fresh, actor=SYSTEM, units_csv=write(tmp_path, "u.csv", units),
            people_csv=write(tmp_path, "p.csv", persons),
        )  # fmt: skip
    columns = {(p.file, p.column) for p in exc.value.problems}
    assert ("u.csv", "induk_kode") in columns and ("p.csv", "penilai_nip") in columns


def test_not_utf8_and_only_administrator(fresh: Database, office: Office, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("kode;nama\nX;Bagian Umum \xe9\n".encode("latin-1"))
    with pytest.raises(MasterImportError) as exc:
        master_import.import_master(fresh, actor=SYSTEM, units_csv=latin)
    assert "UTF-8" in exc.value.message
    with pytest.raises(PermissionDenied):
        master_import.import_master(
            fresh, actor=office.staf.actor, units_csv=write(tmp_path, "u.csv", UNITS)
        )


def test_templates_import_cleanly(fresh: Database, tmp_path: Path) -> None:
    summary = master_import.import_master(
        fresh, actor=SYSTEM,
        units_csv=write(tmp_path, "u.csv", master_import.template_text("units")),
        people_csv=write(tmp_path, "p.csv", master_import.template_text("people")),
    )  # fmt: skip
    assert summary.units_added == 2 and summary.people_added == 1
