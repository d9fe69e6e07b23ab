"""Verification codes: what the footer prints, what ``verify`` says, and the CLI around it;
and layout limits: an RHK too tall for a page is split, never cut."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.forms import render
from kinerja_desktop.forms.data import EvaluasiData, IkiRow, RhkRow, SkpData
from kinerja_desktop.forms.verification import content_hash, parse_code, verification_code
from kinerja_desktop.models.enums import JenisRhk
from kinerja_desktop.models.skp import Iki
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind, PrintRequest, VerifyStatus
from tests.factories import Office
from tests.unit.forms_fixtures import FormsWorld, make_world
from tests.unit.forms_pdf import pdf_text


@pytest.fixture
def world(db: Database, office: Office) -> FormsWorld:
    return make_world(db, office)


def _codes(pdf: Path) -> list[str]:
    return re.findall(r"Kode verifikasi: (\S+)", pdf_text(pdf))


def test_code_round_trip_and_hash_ignores_print_date() -> None:
    data = SkpData("3f2a91bc-0000-4000-8000-000000000001", 4, "2026", instansi="X")
    code = verification_code(data)
    assert code.short_code.startswith("S-3F2A91BC-4-") and len(code.short_code) == 21
    parsed = parse_code(code.short_code.lower())
    assert parsed is not None and parsed.kind == "S" and parsed.version == 4
    full = parse_code(code.payload)
    assert full is not None and full.full and full.hash_prefix == code.sha256
    # the signature date is printed but not hashed; the content is
    import datetime as dt
    from dataclasses import replace

    assert content_hash(replace(data, tanggal=dt.date(2030, 1, 1))) == code.sha256
    assert content_hash(replace(data, instansi="Y")) != code.sha256
    period_code = verification_code(EvaluasiData(data.record_id, 0, "2026-S1", skp=data))
    assert "-2026S1-" in period_code.short_code
    assert parse_code(period_code.short_code).periode == "2026-S1"  # type: ignore[union-attr]
    assert parse_code("not a code") is None


def test_verify_printed_codes_then_detect_a_change(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path
) -> None:
    out = tmp_path / "batch.pdf"
    printing.print_to_file(db, actor=SYSTEM, out=out,
                           request=PrintRequest(FormKind.SKP, "2026", unit_kode="BID1"))  # fmt: skip
    codes = _codes(out)
    assert len(set(codes)) == 3  # one code per form, repeated on each of its pages
    for code in set(codes):
        assert printing.verify(db, code).status is VerifyStatus.VALID
    evaluation = tmp_path / "ev.pdf"
    printing.print_to_file(db, actor=SYSTEM, out=evaluation,
                           request=PrintRequest(FormKind.EVALUASI, "2026-S1", nip=office.staf.nip))  # fmt: skip
    [ev_code] = set(_codes(evaluation))
    assert printing.verify(db, ev_code).status is VerifyStatus.VALID
    data = printing.load_forms(db, actor=SYSTEM,
                               request=PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip))  # fmt: skip
    payload = verification_code(data[0]).payload
    assert printing.verify(db, payload).status is VerifyStatus.VALID
    # an IKI of the staf's SKP changes: the paper no longer matches the data
    with db.unit_of_work(SYSTEM) as session:
        iki = session.query(Iki).filter(Iki.teks == world.iki_texts[0]).one()
        iki.teks = "Jumlah rekomendasi kebijakan (diubah)"
    changed = printing.verify(db, payload)
    assert changed.status is VerifyStatus.CHANGED and changed.record_id == world.skp_staf
    assert printing.verify(db, ev_code).status is VerifyStatus.CHANGED
    assert printing.verify(db, "S-FFFFFFFF-1-AAAAAAAA").status is VerifyStatus.UNKNOWN
    assert printing.verify(db, "hello").status is VerifyStatus.INVALID


def test_cli_print_paper_and_verify(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    home = str(db.home.root)
    out = tmp_path / "cli-skp.pdf"
    args = ["--home", home, "print", "skp", "--nip", office.staf.nip, "--year", "2026"]
    assert main([*args, "--out", str(out)]) == 0
    assert "SASARAN KINERJA PEGAWAI" in pdf_text(out)
    english = tmp_path / "cli-en.pdf"
    assert main([*args, "--lang", "en", "--paper", "F4", "--out", str(english)]) == 0
    assert "EMPLOYEE PERFORMANCE PLAN" in pdf_text(english)
    batch = tmp_path / "cli-batch.pdf"
    assert main(["--home", home, "print", "predikat", "--unit", "BID1", "--period", "2026-S1",
                 "--out", str(batch)]) == 0  # fmt: skip
    assert "PENETAPAN PREDIKAT KINERJA PEGAWAI" in pdf_text(batch)
    sesi = tmp_path / "cli-sesi.pdf"
    assert main(["--home", home, "print", "coaching", "--sesi", world.sesi, "--form", "b19",
                 "--out", str(sesi)]) == 0  # fmt: skip
    assert "FORMAT B.1.9" in pdf_text(sesi) and "FORMAT B.1.8" not in pdf_text(sesi)
    capsys.readouterr()
    assert main(["--home", home, "print", "paper", "F4"]) == 0
    assert capsys.readouterr().out.strip() == "F4"
    [code] = set(_codes(out))
    assert main(["--home", home, "print", "verify", code]) == 0
    assert main(["--home", home, "print", "verify", "S-FFFFFFFF-1-AAAAAAAA"]) == 1
    missing = main(["--home", home, "print", "evaluasi", "--nip", office.staf2.nip,
                    "--period", "2026-S1", "--out", str(tmp_path / "none.pdf")])  # fmt: skip
    assert missing == 2 and "SKP" in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()


def test_rhk_taller_than_a_page_is_split_not_cut(tmp_path: Path) -> None:
    long_iki = [
        IkiRow(f"IKI{n} " + "indikator yang sangat panjang " * 70 + f"AKHIR-IKI{n}",
               target_min=1, satuan="laporan", umpan_balik="catatan " * 250 + f"AKHIR-UB{n}")
        for n in range(3)
    ]  # fmt: skip
    skp = SkpData("x", 1, "2026", rhk=(RhkRow(JenisRhk.UTAMA, "teks " * 400 + "AKHIR-RHK",
                                              intervensi="induk " * 300 + "AKHIR-INT",
                                              iki=tuple(long_iki)),))  # fmt: skip
    for name, data in (("skp", skp), ("ev", EvaluasiData("x", 1, "2026-S1", skp=skp))):
        out = tmp_path / f"{name}.pdf"
        render([data], out)
        text = pdf_text(out)
        for marker in ("AKHIR-RHK", "AKHIR-INT", "AKHIR-IKI0", "AKHIR-IKI1", "AKHIR-IKI2"):
            assert marker in text
        if name == "ev":
            assert all(f"AKHIR-UB{n}" in text for n in range(3))


def test_cancel_leaves_no_file(db: Database, office: Office, world: FormsWorld,
                               tmp_path: Path) -> None:  # fmt: skip
    from kinerja_desktop.progress import Cancelled

    class StopAfterFirst:
        def __init__(self) -> None:
            self.updates: list[tuple[int, int]] = []

        def update(self, done: int, total: int, message: str = "") -> None:
            self.updates.append((done, total))

        def cancelled(self) -> bool:
            return any(done >= 1 and total == 3 for done, total in self.updates)

    folder = tmp_path / "out"
    out = folder / "cancelled.pdf"
    progress = StopAfterFirst()
    with pytest.raises(Cancelled):
        printing.print_to_file(db, actor=SYSTEM, out=out, progress=progress,
                               request=PrintRequest(FormKind.SKP, "2026", unit_kode="BID1"))  # fmt: skip
    assert not out.exists()
    assert list(folder.iterdir()) == []  # no partial file left behind
    assert (1, 3) in progress.updates


def test_printed_qr_code_scans_and_verifies(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path
) -> None:
    """The QR code on paper (rendered at 150 dpi) reads back as the payload, which verifies."""
    out = tmp_path / "qr.pdf"
    printing.print_to_file(db, actor=SYSTEM, out=out,
                           request=PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip))  # fmt: skip
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                    str(out), str(tmp_path / "page")], check=True)  # fmt: skip
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "page.png")],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    assert scanned.startswith("KINERJA:1:S:")
    result = printing.verify(db, scanned)
    assert result.status is VerifyStatus.VALID and result.record_id == world.skp_staf
