"""``kinerja harian add|list|export|import``: entries from the command line, the month as JSON,
CSV and XLSX in e-Kinerja's column order, and imports that write all rows or none."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.services.harian import calendar, entries, exchange, rollup
from tests.factories import Office
from tests.unit.harian_fixtures import HarianWorld, make_world

pytestmark = pytest.mark.usefixtures("harian_today")

EKINERJA = ["Rencana Aksi", "Tanggal", "Jam Mulai", "Jam Selesai", "Kegiatan Harian",
            "Sumber Data", "Realisasi", "Satuan", "Bukti Dukung"]  # fmt: skip


@pytest.fixture
def w(db: Database, office: Office) -> HarianWorld:
    return make_world(db, office)


def _run(w: HarianWorld, *args: str) -> int:
    return main(["--home", str(w.db.home.root), "harian", *args])


def _count(w: HarianWorld) -> int:
    return len(entries.list_month(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tahun=2026,
                                  bulan=11))  # fmt: skip


def test_add_and_list_as_text_and_json(w: HarianWorld, capsys: pytest.CaptureFixture[str]) -> None:
    nip = w.office.staf.nip
    iki = w.skp.iki_ids[0]
    assert _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "07:30", "--to",
                "09:00", "--text", "Verifikasi berkas KTP", "--iki", iki,
                "--realisasi", "14") == 0  # fmt: skip
    assert _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "09:00", "--to",
                "10:00", "--text", "Rapat staf") == 0  # fmt: skip
    capsys.readouterr()
    assert _run(w, "list", "--nip", nip, "--month", "2026-11", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["jam_mulai"], d["kegiatan"], d["realisasi"], d["satuan"]) for d in data] == [
        ("07:30", "Verifikasi berkas KTP", 14.0, "dokumen"), ("09:00", "Rapat staf", None, "")]  # fmt: skip
    assert _run(w, "list", "--nip", nip, "--month", "2026-11") == 0
    text = capsys.readouterr().out
    assert "Verifikasi berkas KTP" in text and "2 progres, 2,5 jam" in text


def test_refusals_name_row_and_field_and_exit_2(
    w: HarianWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    nip = w.office.staf.nip
    _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "08:00", "--to", "10:00",
         "--text", "Pelayanan")  # fmt: skip
    capsys.readouterr()
    assert _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "09:30", "--to",
                "11:00", "--text", "Rapat") == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "Baris 2" in err and "Jam Mulai" in err and "baris 1" in err
    assert _run(w, "add", "--nip", nip, "--date", "2026-11-22", "--from", "08:00", "--to",
                "09:00", "--text", "Minggu") == 2  # fmt: skip
    assert "bukan hari kerja" in capsys.readouterr().err
    assert _run(w, "list", "--nip", nip, "--month", "2026-13") == 2
    assert _count(w) == 1


def test_export_csv_and_xlsx_in_ekinerja_order_and_import_back(
    w: HarianWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nip = w.office.staf.nip
    _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "07:30", "--to", "09:00",
         "--text", "Verifikasi berkas", "--iki", w.skp.iki_ids[0], "--realisasi", "2,5")  # fmt: skip
    _run(w, "add", "--nip", w.office.staf2.nip, "--date", "2026-11-24", "--from", "08:00",
         "--to", "12:00", "--text", "Arsip surat masuk")  # fmt: skip
    out_csv, out_xlsx = tmp_path / "bulan.csv", tmp_path / "bulan.xlsx"
    assert _run(w, "export", "--unit", "DINAS", "--month", "2026-11", "--format", "csv",
                "--out", str(out_csv)) == 0  # fmt: skip
    assert _run(w, "export", "--unit", "BID1", "--month", "2026-11", "--format", "xlsx",
                "--out", str(out_xlsx)) == 0  # fmt: skip
    with out_csv.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][2:11] == EKINERJA and table[0] == list(exchange.COLUMNS)
    assert table[1] == ["199105252023211031", "Agus Pratama", "", "2026-11-24", "08:00", "12:00",
                        "Arsip surat masuk", "", "", "", "", ""]  # fmt: skip
    assert table[2][3:10] == ["2026-11-23", "07:30", "09:00", "Verifikasi berkas", "", "2,5",
                              "dokumen"]  # fmt: skip
    sheet = load_workbook(out_xlsx, read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(exchange.COLUMNS) and len(rows) == 3

    # the same rows moved to other days import back; a bad cell changes nothing
    moved = [table[0]] + [[*r[:3], "2026-11-25", *r[4:]] for r in table[1:]]
    moved[2][10] = "https://drive.example.go.id/bukti/1"
    good = tmp_path / "baru.csv"
    bad = tmp_path / "salah.csv"
    with good.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(moved)
    broken = [list(r) for r in moved]
    broken[2][4] = "7.75"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(broken)
    capsys.readouterr()
    assert _run(w, "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert "Baris 3" in err and "Jam Mulai" in err
    assert _count(w) == 1
    assert _run(w, "import", str(good)) == 0
    assert _count(w) == 2
    day = entries.list_day(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id,
                           tanggal=dt.date(2026, 11, 25))  # fmt: skip
    assert day[0].iki_id == w.skp.iki_ids[0] and day[0].realisasi == 2.5 and day[0].bukti == 1
    assert _run(w, "import", str(good)) == 2  # the same again overlaps: named, nothing written
    assert "tumpang tindih" in capsys.readouterr().err


def test_rollup_leave_and_calendar_commands(
    w: HarianWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    nip = w.office.staf.nip
    iki = w.skp.iki_ids[0]
    for day, qty in (("2026-11-23", "4"), ("2026-11-24", "6")):
        _run(w, "add", "--nip", nip, "--date", day, "--from", "08:00", "--to", "09:00",
             "--text", "Verifikasi", "--iki", iki, "--realisasi", qty)  # fmt: skip
    capsys.readouterr()
    assert _run(w, "rollup", "--nip", nip, "--period", "2026-TW4") == 0
    assert "10 dokumen" in capsys.readouterr().out
    assert _run(w, "rollup", "--nip", nip, "--period", "2026-TW4", "--apply",
                "--set", f"{iki[:8]}=9") == 0  # fmt: skip
    rows = rollup.rollup(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, periode="2026-TW4")
    assert rows[0].realisasi_sekarang == 9
    assert _run(w, "leave", "--nip", nip, "--from", "2026-11-25", "--to", "2026-11-26") == 0
    assert _run(w, "add", "--nip", nip, "--date", "2026-11-25", "--from", "08:00", "--to",
                "09:00", "--text", "Rapat") == 2  # fmt: skip
    assert "cuti" in capsys.readouterr().err
    assert _run(w, "calendar", "--week", "6", "--late-after", "3",
                "--day-off", "2026-12-24:Cuti bersama Natal:cuti") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "6" in out and "2026-12-24  Cuti bersama Natal  (cuti bersama)" in out
    assert calendar.get_rules(w.db, actor=SYSTEM).terlambat_setelah == 3
    assert _run(w, "calendar", "--late-after", "soon") == 2


def test_an_xlsx_export_imports_back(w: HarianWorld, tmp_path: Path) -> None:
    nip = w.office.staf.nip
    _run(w, "add", "--nip", nip, "--date", "2026-11-23", "--from", "07:30", "--to", "09:00",
         "--text", "Verifikasi <berkas> & arsip", "--iki", w.skp.iki_ids[1],
         "--realisasi", "3")  # fmt: skip
    out = tmp_path / "bulan.xlsx"
    assert _run(w, "export", "--unit", "BID1", "--month", "2026-11", "--format", "xlsx",
                "--out", str(out)) == 0  # fmt: skip
    row = entries.list_month(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tahun=2026,
                             bulan=11)[0]  # fmt: skip
    entries.delete_entry(w.db, actor=SYSTEM, entry_id=row.id)
    assert _count(w) == 0
    assert _run(w, "import", str(out)) == 0
    again = entries.list_month(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tahun=2026,
                               bulan=11)  # fmt: skip
    assert [(r.kegiatan, r.iki_id, r.realisasi, r.jam_mulai) for r in again] == [
        ("Verifikasi <berkas> & arsip", w.skp.iki_ids[1], 3.0, "07:30")]  # fmt: skip
