"""Keberatan (PP 30/2019 Pasal 59): the pegawai objects to a final evaluation within 14 days
to the atasan pejabat penilai, whose decision may change the result, is final, and locks the
evaluation; home items on both sides; the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import Predikat, Rating
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation import keberatan
from kinerja_desktop.services.home import items as home_items
from kinerja_desktop.services.printing import service as printing
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp
from tests.unit.forms_pdf import pdf_text, save_png

FINAL_DAY = dt.date(2026, 7, 3)


@pytest.fixture
def final(db: Database, office: Office) -> Office:
    make_skp(db, office.staf, office.kabid)
    kabid = office.kabid.actor
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-S1",
                               rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-S1")
    with db.unit_of_work(SYSTEM) as s:  # finalised on a known day
        for ev in s.query(Evaluasi):
            ev.final_at = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)
    return office


def _file(db: Database, office: Office, day: dt.date = FINAL_DAY) -> keberatan.KeberatanRow:
    return keberatan.file_keberatan(
        db, actor=office.staf.actor, pegawai_id=office.staf.id, periode="2026-S1",
        alasan="Realisasi triwulan II belum diperhitungkan", bukti="Laporan Juni (berkas)",
        tanggal=day,
    )  # fmt: skip


def test_filed_within_fourteen_days_to_the_atasan(db: Database, final: Office) -> None:
    office = final
    with pytest.raises(PermissionDenied):
        keberatan.file_keberatan(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                 periode="2026-S1", alasan="x", tanggal=FINAL_DAY)  # fmt: skip
    with pytest.raises(WorkflowError, match="17 Juli 2026"):
        _file(db, office, FINAL_DAY + dt.timedelta(days=15))
    with pytest.raises(ValidationError):
        keberatan.file_keberatan(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                                 periode="2026-S1", alasan="  ", tanggal=FINAL_DAY)  # fmt: skip
    row = _file(db, office, FINAL_DAY + dt.timedelta(days=14))
    assert (row.atasan_id, row.atasan_nama) == (office.kepala.id, "Ir. Bambang Sutrisno")
    assert row.sebelum["predikat"] == "baik" and not row.diputuskan
    with pytest.raises(WorkflowError):
        _file(db, office)
    # pending: the penilai cannot amend meanwhile
    with pytest.raises(WorkflowError, match="keputusan"):
        evaluation.amend_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                    periode="2026-S1", alasan="x", rating_hasil=Rating.DI_ATAS,
                                    rating_perilaku=Rating.SESUAI)  # fmt: skip


def test_decision_changes_the_result_is_final_and_locks(db: Database, final: Office) -> None:
    office = final
    row = _file(db, office)
    with pytest.raises(PermissionDenied):
        keberatan.decide_keberatan(db, actor=office.kabid.actor, keberatan_id=row.id,
                                   alasan="x")  # fmt: skip
    with pytest.raises(ValidationError):
        keberatan.decide_keberatan(db, actor=office.kepala.actor, keberatan_id=row.id, alasan="")
    decided = keberatan.decide_keberatan(
        db, actor=office.kepala.actor, keberatan_id=row.id, alasan="Bukti laporan Juni sah",
        rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS, tanggal=dt.date(2026, 7, 10),
    )  # fmt: skip
    assert decided.diputuskan and decided.sesudah["predikat"] == "sangat_baik"
    ev = evaluation.get_evaluation(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                                   periode="2026-S1")  # fmt: skip
    assert ev.predikat is Predikat.SANGAT_BAIK
    with pytest.raises(WorkflowError):
        keberatan.decide_keberatan(db, actor=office.kepala.actor, keberatan_id=row.id,
                                   alasan="lagi")  # fmt: skip
    with pytest.raises(WorkflowError, match="final"):
        evaluation.amend_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                    periode="2026-S1", alasan="x", rating_hasil=Rating.SESUAI,
                                    rating_perilaku=Rating.SESUAI)  # fmt: skip
    assert [r.id for r in keberatan.list_keberatan(db, actor=office.kabid.actor)] == [row.id]
    assert keberatan.list_keberatan(db, actor=office.staf2.actor) == []
    with pytest.raises(PermissionDenied):
        keberatan.get_keberatan(db, actor=office.staf2.actor, keberatan_id=row.id)


def test_home_items_on_both_sides_with_the_deadline(db: Database, final: Office) -> None:
    office = final
    day = FINAL_DAY + dt.timedelta(days=2)
    (window,) = [i for i in home_items.items_for(db, actor=office.staf.actor, today=day)
                 if i.kind.startswith("evaluation.keberatan")]  # fmt: skip
    assert window.due == dt.date(2026, 7, 17) and "17 Juli 2026" in window.detail
    _file(db, office, day)
    kepala = [i for i in home_items.items_for(db, actor=office.kepala.actor, today=day)
              if i.kind == "evaluation.keberatan_decide"]  # fmt: skip
    assert [(i.payload, i.area) for i in kepala] == [(office.staf.id, "evaluation")]
    assert "Dewi Lestari" in kepala[0].title
    mine = [i for i in home_items.items_for(db, actor=office.staf.actor, today=day)
            if i.kind.startswith("evaluation.keberatan")]  # fmt: skip
    assert [i.kind for i in mine] == ["evaluation.keberatan_status"]
    assert "Ir. Bambang Sutrisno" in mine[0].detail


def test_cli_file_decide_list(
    db: Database, final: Office, home: DataHome, capsys: pytest.CaptureFixture[str]
) -> None:
    office = final
    base = ["--home", str(home.root), "--lang", "id", "eval", "keberatan"]
    assert main([*base, "file", "--nip", office.staf.nip, "--period", "2026-S1",
                 "--reason", "  ", "--date", "2026-07-05"]) == 2  # fmt: skip
    assert "Alasan" in capsys.readouterr().err
    assert main([*base, "file", "--nip", office.staf.nip, "--period", "2026-S1",
                 "--reason", "Belum dihitung", "--evidence", "Laporan", "--date", "2026-07-05",
                 "--json"]) == 0  # fmt: skip
    filed = json.loads(capsys.readouterr().out)
    assert filed["status"] == "diajukan" and filed["atasan_nip"] == office.kepala.nip
    assert main([*base, "show", "--id", filed["id"]]) == 0
    shown = capsys.readouterr().out
    assert "Belum dihitung" in shown and "Laporan" in shown  # what the atasan reads to decide
    assert "Keputusan" not in shown  # not decided yet
    assert main([*base, "decide", "--id", filed["id"], "--reason", "Tetap", "--json"]) == 0
    decided = json.loads(capsys.readouterr().out)
    assert decided["status"] == "diputuskan" and decided["sesudah"]["predikat"] == "baik"
    assert main([*base, "show", "--id", filed["id"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == decided
    assert main([*base, "show", "--id", filed["id"]]) == 0
    assert "Keputusan: Tetap" in capsys.readouterr().out
    assert main([*base, "list", "--nip", office.staf.nip]) == 0
    assert "diputuskan" in capsys.readouterr().out.lower()
    assert main([*base, "decide", "--id", "nope", "--reason", "x"]) == 2
    assert capsys.readouterr().err


def test_letter_with_both_signatures(
    db: Database, final: Office, home: DataHome, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], artifacts: Path,
) -> None:  # fmt: skip
    office = final
    row = _file(db, office)
    keberatan.decide_keberatan(db, actor=office.kepala.actor, keberatan_id=row.id,
                               alasan="Bukti laporan Juni sah", rating_hasil=Rating.DI_ATAS,
                               tanggal=dt.date(2026, 7, 10))  # fmt: skip
    out = tmp_path / "keberatan.pdf"
    assert main(["--home", str(home.root), "eval", "keberatan", "print", "--id", row.id,
                 "--out", str(out)]) == 0  # fmt: skip
    text = pdf_text(out)
    for expected in ("KEBERATAN ATAS HASIL PENILAIAN KINERJA", "PEGAWAI YANG DINILAI",
                     "ATASAN PEJABAT PENILAI KINERJA", "Realisasi triwulan II belum diperhitungkan",
                     "Laporan Juni (berkas)", "Bukti laporan Juni sah", "Contoh, 3 Juli 2026",
                     "Contoh, 10 Juli 2026", "Pegawai yang Dinilai", "Dewi Lestari",
                     "Ir. Bambang Sutrisno", f"NIP. {office.kepala.nip}", "Baik"):  # fmt: skip
        assert expected in text, expected
    assert save_png(out, artifacts, "form-keberatan", last=1)
    result = printing.verify(db, text.split("Kode verifikasi: ")[1].split()[0])
    assert result.status.value == "valid", result.message
