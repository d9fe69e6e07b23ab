"""Read-back of saved rw-skp22 / rw-kinerjaperiodik responses: past predikat into the growth
timeline and the angka kredit history; unknown NIPs refuse the file with their list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.enums import JenisJabatan, Predikat, Rating
from kinerja_desktop.services.coaching import timeline
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.siasn import riwayat
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


def _save(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_rw_skp22_and_periodik_are_recorded(db: Database, office: Office, tmp_path: Path) -> None:
    skp22 = _save(tmp_path / "rw-skp22.json", {"code": 1, "nip": office.staf.nip, "data": [
        {"tahun": 2024, "kuadranKinerjaNilai": 2, "hasilKinerjaNilai": 2},
        {"tahun": "2025", "kuadranKinerja": "SANGAT BAIK", "angkaKredit": "18.750"},
    ]})  # fmt: skip
    periodik = _save(tmp_path / "rw-periodik.json", {"data": [
        {"nipBaru": office.staf.nip, "tahun": 2025, "periodikId": 2, "bulanMulaiPenilaian": 4,
         "kuadranKinerjaNilai": "3", "koefisenId": 12, "persentase": 75},
        {"nipBaru": office.staf2.nip, "tahun": 2025, "periodikId": 1, "bulanMulaiPenilaian": 11,
         "kuadranKinerjaNilai": 1},
    ]})  # fmt: skip
    admin = office.admin.actor
    first = riwayat.import_riwayat(db, actor=admin, path=skp22)
    assert (first.people, first.added, first.skipped) == (1, 2, 0)
    second = riwayat.import_riwayat(db, actor=admin, path=periodik)
    assert [r.periode for r in second.rows] == ["2025-TW2", "2025-B11"]
    again = riwayat.import_riwayat(db, actor=admin, path=skp22)
    assert (again.added, again.skipped) == (0, 2)
    items = timeline.timeline(db, actor=admin, pegawai_id=office.staf.id,
                              kinds={timeline.Kind.EVALUATION})  # fmt: skip
    titles = [i.title for i in items]
    assert titles == [
        "Evaluasi Tahun 2024 (dari SIASN): Baik",
        "Evaluasi Triwulan II 2025 (dari SIASN): Butuh Perbaikan",
        "Evaluasi Tahun 2025 (dari SIASN): Sangat Baik",
    ]
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    evaluation.save_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                               periode="2026", rating_hasil=Rating.SESUAI,
                               rating_perilaku=Rating.SESUAI)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                   periode="2026")  # fmt: skip
    history = riwayat.angka_kredit_history(db, actor=admin, pegawai_id=office.staf.id)
    assert [(h.periode, h.predikat, h.angka_kredit, h.dari_siasn) for h in history] == [
        ("2024", Predikat.BAIK, "", True),
        ("2025-TW2", Predikat.BUTUH_PERBAIKAN, "", True),
        ("2025", Predikat.SANGAT_BAIK, "18.750", True),
        ("2026", Predikat.BAIK, "12.500", False),
    ]


def test_unknown_nips_refuse_the_file(db: Database, office: Office, tmp_path: Path) -> None:
    path = _save(tmp_path / "rw.json", [
        {"nipBaru": office.staf.nip, "tahun": 2024, "kuadranKinerjaNilai": 2},
        {"nipBaru": "197001012000011001", "tahun": 2024, "kuadranKinerjaNilai": 2},
        {"nipBaru": "197001012000011002", "tahun": 2024, "kuadranKinerjaNilai": 2},
    ])  # fmt: skip
    with pytest.raises(riwayat.UnknownNips) as refused:
        riwayat.import_riwayat(db, actor=office.admin.actor, path=path)
    assert refused.value.nips == ["197001012000011001", "197001012000011002"]
    assert "197001012000011002" in refused.value.message
    assert riwayat.angka_kredit_history(db, actor=office.admin.actor,
                                        pegawai_id=office.staf.id) == []  # fmt: skip


def test_bad_files_and_rights(db: Database, office: Office, tmp_path: Path) -> None:
    admin = office.admin.actor
    with pytest.raises(ValidationError, match="rw-skp22"):
        riwayat.import_riwayat(db, actor=admin, path=_save(tmp_path / "x.json", "x"))
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="JSON"):
        riwayat.import_riwayat(db, actor=admin, path=tmp_path / "broken.json")
    no_year = _save(tmp_path / "n.json", [{"nipBaru": office.staf.nip}])
    with pytest.raises(ValidationError, match="1"):
        riwayat.import_riwayat(db, actor=admin, path=no_year)
    with pytest.raises(PermissionDenied):
        riwayat.import_riwayat(db, actor=office.staf.actor, path=no_year)


def test_cli_import_riwayat_and_history(
    db: Database, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    path = _save(tmp_path / "rw.json", {"nip": office.staf.nip, "data": [
        {"tahun": 2024, "kuadranKinerjaNilai": 1, "angkaKredit": "18.750"}]})  # fmt: skip
    assert main(["--home", home, "siasn", "import-riwayat", str(path)]) == 0
    assert "1" in capsys.readouterr().out
    assert main(["--home", home, "siasn", "history", "--nip", office.staf.nip, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [{"periode": "2024", "predikat": "sangat_baik", "angka_kredit": "18.750",
                     "dari_siasn": True}]  # fmt: skip
    bad = _save(tmp_path / "bad.json", [{"nipBaru": "197001012000011001", "tahun": 2024}])
    assert main(["--home", home, "siasn", "import-riwayat", str(bad)]) == 2
    assert "197001012000011001" in capsys.readouterr().err
