"""Master data from XLSX: headers in SIMPEG spellings, every bad row named with its reason,
nothing changed unless --skip-bad, the preview of a re-import, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people import master_import
from kinerja_desktop.services.people.master_import import MasterImportError
from tests.factories import Office, headcount

HEADER = ["No", "NIP Baru", "Nama Lengkap", "Gelar Depan", "Gelar Belakang", "Gol. Ruang",
          "TMT Jabatan", "Nama Jabatan", "Unit Kerja", "NIP Atasan"]  # fmt: skip


def nip(i: int) -> str:
    """A valid NIP: born 1 Jan 1990, TMT CPNS 2015-01, male, sequence ``i``."""
    return f"199001012015011{i:03d}"


def good(i: int, penilai: str = "") -> list[Any]:
    return [i, nip(i), f"Pegawai {i}", "", "S.E.", "Penata Muda (III/a)",
            dt.date(2023, 3, 1), "Analis", "Bidang Pelayanan", penilai]  # fmt: skip


def sheet(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_headers_by_name_unit_by_name_and_values_normalised(
    db: Database, office: Office, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "simpeg.xlsx", [good(1, office.kabid.nip), good(2, nip(1))])
    summary = master_import.import_master(db, actor=office.admin.actor, people_csv=path)
    assert (summary.people_added, summary.people_updated) == (2, 0)
    first = people.find_by_nip(db, actor=SYSTEM, nip=nip(1))
    assert first.golongan == "III/a" and first.unit_kode == "BID1" and first.jabatan == "Analis"
    assert first.penilai_nama == "Siti Rahmawati"
    second = people.find_by_nip(db, actor=SYSTEM, nip=nip(2))
    assert second.penilai_nama == "Pegawai 1"
    with db.read(SYSTEM) as session:
        imported = session.execute(select(AuditLog).where(AuditLog.action == "import")).scalars()
        assert [e.after for e in imported] == [{"added": 2, "nip": [nip(1), nip(2)]}]


def _twenty_bad_rows(office: Office) -> list[list[Any]]:
    future = dt.date.today() + dt.timedelta(days=30)
    bad: list[list[Any]] = [
        [1, "19900101201501100", "NIP 17 digit", "", "", "", "", "", "", ""],
        [2, "1990010120150110AB", "NIP huruf", "", "", "", "", "", "", ""],
        [3, "199013012015011001", "Tanggal lahir salah", "", "", "", "", "", "", ""],
        [4, 199001012015011005, "NIP sebagai angka", "", "", "", "", "", "", ""],
        [5, nip(1), "NIP ganda", "", "", "", "", "", "", ""],
        [6, nip(6), "", "", "", "", "", "", "", ""],
        [7, nip(7), "x" * 201, "", "", "", "", "", "", ""],
        [8, nip(8), "Golongan salah", "", "", "V/z", "", "", "", ""],
        [9, nip(9), "Unit salah", "", "", "", "", "", "NOWHERE", ""],
        [10, nip(10), "Atasan diri sendiri", "", "", "", "", "", "", nip(10)],
        [11, nip(11), "Atasan tak dikenal", "", "", "", "", "", "", "197001012000011001"],
        [12, nip(12), "TMT bukan tanggal", "", "", "", "kemarin", "", "", ""],
        [13, nip(13), "TMT masa depan", "", "", "", future, "", "", ""],
        [14, nip(14), "TMT sebelum lahir", "", "", "", dt.date(1980, 1, 1), "", "", ""],
        [15, "199001012015131015", "Bulan TMT CPNS 13", "", "", "", "", "", "", ""],
        [16, "199001012015013016", "Digit jenis kelamin 3", "", "", "", "", "", "", ""],
        [17, "199001012015011000", "Nomor urut 000", "", "", "", "", "", "", ""],
        [18, "199001011990011018", "Diangkat saat lahir", "", "", "", "", "", "", ""],
        [19, "", "Tanpa NIP", "", "", "", "", "", "", ""],
        [20, nip(20), "Kolom berlebih", "", "", "", "", "", "", "", "sisa"],
    ]
    return [good(1, office.kabid.nip), *bad, good(2)]


def test_twenty_bad_rows_give_twenty_named_reasons_and_no_change(
    db: Database, office: Office, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "buruk.xlsx", _twenty_bad_rows(office))
    before = headcount(db)
    with pytest.raises(MasterImportError) as exc:
        master_import.import_master(db, actor=office.admin.actor, people_csv=path)
    problems = exc.value.problems
    assert sorted(p.line for p in problems) == list(range(3, 23))
    assert all(p.file == "buruk.xlsx" and p.message for p in problems)
    assert len({p.message for p in problems}) == 20
    by_line = {p.line: p for p in problems}
    assert by_line[6].column == "nip" and "Teks" in by_line[6].message  # NIP typed as a number
    assert by_line[11].column == "unit_kode" and by_line[22].column == ""
    assert headcount(db) == before


def test_skip_bad_imports_the_good_rows_and_lists_the_others(
    db: Database, office: Office, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "buruk.xlsx", _twenty_bad_rows(office))
    summary = master_import.import_master(
        db, actor=office.admin.actor, people_csv=path, skip_bad=True
    )
    assert summary.people_added == 2 and len(summary.skipped) == 20
    assert people.find_by_nip(db, actor=SYSTEM, nip=nip(2)).nama == "Pegawai 2"


def test_a_bad_header_refuses_even_with_skip_bad(
    db: Database, office: Office, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "h.xlsx", [good(1)], header=[*HEADER[:-1], "Warna"])
    with pytest.raises(MasterImportError) as exc:
        master_import.import_master(db, actor=office.admin.actor, people_csv=path, skip_bad=True)
    assert [(p.line, p.column) for p in exc.value.problems] == [(1, "Warna")]


def test_reimport_previews_changes_then_applies(
    db: Database, office: Office, tmp_path: Path
) -> None:
    master_import.import_master(
        db, actor=office.admin.actor, people_csv=sheet(tmp_path / "a.xlsx", [good(1), good(2)])
    )
    changed = good(1)
    changed[2], changed[5] = "Pegawai Satu", "III/b"
    path = sheet(tmp_path / "b.xlsx", [changed, good(2), good(3)])
    preview = master_import.import_master(
        db, actor=office.admin.actor, people_csv=path, dry_run=True
    )
    assert preview.dry_run and (preview.people_added, preview.people_updated) == (1, 2)
    assert [(c.nip, c.added, c.fields) for c in preview.changes] == [
        (nip(1), False, (("nama", "Pegawai 1", "Pegawai Satu"), ("golongan", "III/a", "III/b"))),
        (nip(3), True, ()),
    ]
    assert people.find_by_nip(db, actor=SYSTEM, nip=nip(1)).nama == "Pegawai 1"
    with pytest.raises(Exception, match=nip(3)):
        people.find_by_nip(db, actor=SYSTEM, nip=nip(3))
    applied = master_import.import_master(db, actor=office.admin.actor, people_csv=path)
    assert not applied.dry_run and applied.people_added == 1
    assert people.find_by_nip(db, actor=SYSTEM, nip=nip(1)).golongan == "III/b"


def test_cli_people_import(
    db: Database, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    path = sheet(tmp_path / "p.xlsx", _twenty_bad_rows(office))
    assert main(["--home", home, "people", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "p.xlsx:3 [nip]" in err
    assert main(["--home", home, "people", "import", str(path), "--skip-bad", "--dry-run",
                 "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] and data["people_added"] == 2 and len(data["skipped"]) == 20
    assert main(["--home", home, "people", "import", str(path), "--skip-bad"]) == 0
    out = capsys.readouterr().out
    assert f"+ {nip(2)}" in out and "p.xlsx:5" in out
    assert people.find_by_nip(db, actor=SYSTEM, nip=nip(1)).unit_kode == "BID1"


YOUNG = "200001152018011001"  # born 15 Jan 2000, TMT CPNS 1 Jan 2018: two weeks before 18
EIGHTEEN = "200001012018011002"  # born 1 Jan 2000, TMT CPNS on the 18th birthday: fine


def _young_rows() -> list[list[Any]]:
    rows = [good(1), good(2), good(3)]
    rows[1][1], rows[2][1] = YOUNG, EIGHTEEN
    return rows


def test_a_tmt_cpns_before_the_18th_birthday_needs_confirmation(
    db: Database, office: Office, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "muda.xlsx", _young_rows())
    before = headcount(db)
    for dry_run in (True, False):
        with pytest.raises(MasterImportError) as refused:
            master_import.import_master(db, actor=office.admin.actor, people_csv=path,
                                        dry_run=dry_run)  # fmt: skip
        [problem] = refused.value.problems
        assert (problem.line, problem.column, problem.needs_confirmation) == (3, "nip", True)
        assert refused.value.needs_confirmation == [problem]
        assert "15 Januari 2018" in problem.message and "--confirm-tmt" in problem.message
    assert headcount(db) == before  # nothing was written
    # --skip-bad leaves the unconfirmed line out
    skipped = master_import.import_master(db, actor=office.admin.actor, people_csv=path,
                                          skip_bad=True, dry_run=True)  # fmt: skip
    assert skipped.people_added == 2 and [p.line for p in skipped.skipped] == [3]
    # confirmed: the preview names the line, then all three land
    preview = master_import.import_master(db, actor=office.admin.actor, people_csv=path,
                                          dry_run=True, confirm_tmt=True)  # fmt: skip
    assert preview.people_added == 3 and [p.line for p in preview.tmt_confirmed] == [3]
    done = master_import.import_master(db, actor=office.admin.actor, people_csv=path,
                                       confirm_tmt=True)  # fmt: skip
    assert done.people_added == 3 and not done.dry_run
    assert headcount(db) == before + 3
    assert people.find_by_nip(db, actor=SYSTEM, nip=YOUNG).nip == YOUNG


def test_cli_confirm_tmt(
    db: Database, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    path = sheet(tmp_path / "muda.xlsx", _young_rows())
    before = headcount(db)
    assert main(["--home", home, "people", "import", str(path)]) == 2
    assert "muda.xlsx:3 [nip]" in capsys.readouterr().err
    assert headcount(db) == before
    assert main(["--home", home, "people", "import", str(path), "--confirm-tmt"]) == 0
    out = capsys.readouterr().out
    assert "muda.xlsx:3 [nip]" in out and f"+ {YOUNG}" in out
    assert people.find_by_nip(db, actor=SYSTEM, nip=YOUNG).nip == YOUNG
