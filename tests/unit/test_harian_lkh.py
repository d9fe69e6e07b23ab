"""The monthly LKH form read back with pdftotext: name, NIP, each entry, totals, both
signatures and the verification code; F4 paper; the command line writes it too."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.forms.verification import verification_code
from kinerja_desktop.services.harian import entries, lkh
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import VerifyStatus
from kinerja_desktop.services.sync import exchange as sync_exchange
from tests.unit.forms_pdf import pdf_text, save_png
from tests.unit.harian_fixtures import TODAY, HarianWorld, entry, make_world

pytestmark = pytest.mark.usefixtures("harian_today")


@pytest.fixture
def w(db, office) -> HarianWorld:  # type: ignore[no-untyped-def]
    world = make_world(db, office)
    items = [
        entry(dt.date(2026, 11, 2), "07:30", "09:00", "Verifikasi berkas KTP-el",
              iki_id=world.skp.iki_ids[0], realisasi="12"),
        entry(dt.date(2026, 11, 2), "09:00", "11:30", "Rapat koordinasi pelayanan"),
        entry(dt.date(2026, 11, 3), "08:00", "12:00", "Penyusunan laporan bulanan"),
    ]  # fmt: skip
    entries.add_entries(db, actor=office.staf.actor, pegawai_id=office.staf.id, items=items,
                        today=TODAY)  # fmt: skip
    return world


def test_lkh_pdf_reads_back(w: HarianWorld, tmp_path: Path, artifacts: Path) -> None:
    out = tmp_path / "lkh.pdf"
    signed = dt.date(2026, 12, 1)
    lkh.print_lkh(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id, tahun=2026,
                  bulan=11, out=out, tanggal=signed)  # fmt: skip
    text = pdf_text(out)
    assert "LAPORAN KINERJA HARIAN" in text and "NOVEMBER 2026" in text
    assert "Dewi Lestari" in text and "199003152015032002" in text
    for activity in ("Verifikasi berkas KTP-el", "Rapat koordinasi pelayanan",
                     "Penyusunan laporan bulanan"):  # fmt: skip
        assert activity in text
    assert "07:30–09:00" in text and "12 dokumen" in text and "Tugas lain" in text
    assert "JUMLAH 8" in text  # 1,5 + 2,5 + 4 hours
    assert "2 dari 21" in text  # working days filled in
    assert "Siti Rahmawati" in text and "198001012005011001" in text  # the penilai signs
    assert "Pejabat Penilai" in text and "Pegawai yang Melaporkan" in text
    assert "1 Desember 2026" in text
    data = lkh.lkh_data(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                        tahun=2026, bulan=11, tanggal=signed)  # fmt: skip
    assert verification_code(data).short_code in text
    save_png(out, artifacts, "form-lkh", last=1)
    with pytest.raises(PermissionDenied):
        lkh.lkh_data(w.db, actor=w.office.staf2.actor, pegawai_id=w.office.staf.id,
                     tahun=2026, bulan=11)  # fmt: skip


def test_lkh_on_f4_from_the_command_line(w: HarianWorld, tmp_path: Path) -> None:
    out = tmp_path / "lkh-f4.pdf"
    assert main(["--home", str(w.db.home.root), "harian", "lkh", "--nip", w.office.staf.nip,
                 "--month", "2026-11", "--out", str(out), "--paper", "F4"]) == 0  # fmt: skip
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    assert "Penyusunan laporan bulanan" in pdf_text(out)


def test_print_lkh_and_verify_its_code_then_detect_a_change(
    w: HarianWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kinerja print lkh`` writes the LKH; ``kinerja print verify`` and the hub's verification
    (services/sync/exchange) recognise its kind "H" code, and see a later entry of the month."""
    home = str(w.db.home.root)
    out = tmp_path / "print-lkh.pdf"
    assert main(["--home", home, "print", "lkh", "--nip", w.office.staf.nip,
                 "--period", "2026-B11", "--out", str(out)]) == 0  # fmt: skip
    text = pdf_text(out)
    assert "LAPORAN KINERJA HARIAN" in text and "Penyusunan laporan bulanan" in text
    [code] = set(re.findall(r"Kode verifikasi: (\S+)", text))
    assert re.fullmatch(r"H-[0-9A-F]{8}-2026B11-\d+-[A-Z2-7]{8}", code), code
    data = lkh.lkh_data(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tahun=2026, bulan=11)
    assert code == verification_code(data).short_code
    capsys.readouterr()
    assert main(["--home", home, "print", "verify", code]) == 0
    valid = sync_exchange.verify_code(w.db, actor=SYSTEM, code=verification_code(data).payload)
    assert (valid.status, valid.kind, valid.record_id) == (
        VerifyStatus.VALID, "H", w.office.staf.id,
    )  # fmt: skip
    # another entry of November: the printed LKH no longer matches the data
    entries.add_entry(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                      data=entry(dt.date(2026, 11, 4), "08:00", "09:00", "Apel"),
                      today=TODAY)  # fmt: skip
    assert main(["--home", home, "print", "verify", code]) == 1
    assert printing.verify(w.db, code).status is VerifyStatus.CHANGED
    # the LKH is monthly: a year or a quarter is refused with what to give instead
    capsys.readouterr()
    assert main(["--home", home, "print", "lkh", "--nip", w.office.staf.nip, "--year", "2026",
                 "--out", str(tmp_path / "year.pdf")]) == 2  # fmt: skip
    assert "2026-B11" in capsys.readouterr().err and not (tmp_path / "year.pdf").exists()


def test_lkh_of_a_jpt_with_a_non_asn_penilai_prints_that_official(
    w: HarianWorld, tmp_path: Path
) -> None:
    """A JPT appraised by the regional head: the penilai block and signature carry the
    non-ASN official's name and position (no NIP line), as the SKP and evaluation forms do."""
    from kinerja_desktop.services.people import penilai

    penilai.set_penilai_non_asn(w.db, actor=w.office.admin.actor, pegawai_id=w.office.staf.id,
                                nama="H. Ahmad Sudirman", jabatan="Bupati Contoh")  # fmt: skip
    out = tmp_path / "lkh-non-asn.pdf"
    lkh.print_lkh(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id, tahun=2026,
                  bulan=11, out=out, tanggal=dt.date(2026, 12, 1))  # fmt: skip
    text = pdf_text(out)
    assert text.count("H. Ahmad Sudirman") == 2, "identity block and signature"
    assert "Bupati Contoh" in text
    assert "Siti Rahmawati" not in text and "198001012005011001" not in text
    assert "Dewi Lestari" in text and "NIP. 199003152015032002" in text
    assert text.count("NIP.") == 1, "no NIP line under the non-ASN official's signature"
