"""``kinerja eval show`` and ``kinerja eval distribusi`` (text and JSON)."""

from __future__ import annotations

import json

import pytest

from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import CapaianOrganisasi, JenisJabatan, Rating
from kinerja_desktop.services.evaluation import evaluations as evaluation
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


@pytest.fixture
def evaluated(db: Database, office: Office) -> Office:
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    kabid = office.kabid.actor
    for person, hasil in ((office.staf, Rating.DI_ATAS), (office.staf2, Rating.SESUAI)):
        evaluation.save_evaluation(db, actor=kabid, pegawai_id=person.id, periode="2026",
                                   rating_hasil=hasil, rating_perilaku=Rating.DI_ATAS)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026")
    evaluation.set_capaian(db, actor=office.admin.actor, unit_kode="BID1", periode="2026",
                           capaian=CapaianOrganisasi.ISTIMEWA)  # fmt: skip
    return office


def test_eval_show_json_and_text(
    db: Database, evaluated: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    nip = evaluated.staf.nip
    assert main(["--home", home, "eval", "show", "--nip", nip, "--period", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["predikat"] == "sangat_baik" and data["status"] == "final"
    assert data["angka_kredit"] == "18.750" and data["capaian_organisasi"] == "istimewa"
    assert main(["--home", home, "--lang", "en", "eval", "show", "--nip", nip,
                 "--period", "2026"]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "Outstanding" in text and "18.750" in text and evaluated.staf.nama in text


def test_eval_distribusi_json_and_errors(
    db: Database, evaluated: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    args = ["--home", home, "eval", "distribusi", "--unit", "BID1", "--period", "2026"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    check = data["check"]
    assert check["capaian"] == "istimewa" and check["total"] == 2
    assert check["jumlah"] == {"sangat_baik": 1, "baik": 1, "butuh_perbaikan": 0, "kurang": 0,
                               "sangat_kurang": 0}  # fmt: skip
    assert check["pembulatan"] == "strict" and check["peringatan"] == []
    assert data["jumlah_pegawai"] == 3 and data["jumlah_final"] == 1
    assert main([*args]) == 0
    assert "BID1" in capsys.readouterr().out
    assert main(["--home", home, "eval", "distribusi", "--unit", "NOPE", "--period", "2026"]) == 2
    assert "NOPE" in capsys.readouterr().err
    assert main(["--home", home, "eval", "show", "--nip", evaluated.staf.nip,
                 "--period", "2026-X"]) == 2  # fmt: skip
    assert "2026-X" in capsys.readouterr().err


def test_eval_ritme(db: Database, office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(db.home.root)
    assert main(["--home", home, "eval", "ritme", "--year", "2027", "--set", "semesteran"]) == 0
    assert "2027-S1, 2027-S2, 2027" in capsys.readouterr().out
    assert main(["--home", home, "eval", "ritme", "--year", "2027"]) == 0
    assert "2027-S2" in capsys.readouterr().out
