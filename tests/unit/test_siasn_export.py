"""The SIASN hand-over: code tables, payloads against the JSON Schemas, the validation report,
the files of an export (payloads, PDFs, manifest, workbook) and the hand-over status."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.enums import JenisJabatan, JenjangJabatan, Predikat, Rating, Ritme
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.people import penilai
from kinerja_desktop.services.siasn import codes, export, handover, workbook
from kinerja_desktop.services.siasn.handover import Masalah
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp
from tests.unit.forms_pdf import pdf_text

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def _schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / f"{name}-save.schema.json").read_text(encoding="utf-8"))


def _validate(payload: dict[str, object], kind: str) -> None:
    jsonschema.Draft202012Validator(_schema(kind)).validate(payload)


# --- the code tables, against official-texts.md §8 -----------------------------------------


def test_rating_and_kuadran_codes_match_the_reference() -> None:
    assert codes.RATING_CODE == {Rating.DI_ATAS: 1, Rating.SESUAI: 2, Rating.DI_BAWAH: 3}
    assert codes.KUADRAN_CODE == {
        Predikat.SANGAT_BAIK: 1,
        Predikat.BAIK: 2,
        Predikat.BUTUH_PERBAIKAN: 3,
        Predikat.KURANG: 4,
        Predikat.SANGAT_KURANG: 5,
    }


def test_periodik_codes_have_no_semester() -> None:
    assert codes.periodik_id(parse("2026-B03")) == 1
    assert codes.periodik_id(parse("2026-TW4")) == 2
    assert codes.periodik_id(parse("2026-S1")) is None
    assert codes.periodik_id(parse("2026")) is None


def test_koefisien_ids_for_baik_only() -> None:
    expected = {
        JenjangJabatan.AHLI_PERTAMA: 12, JenjangJabatan.AHLI_MUDA: 22,
        JenjangJabatan.AHLI_MADYA: 32, JenjangJabatan.AHLI_UTAMA: 42,
        JenjangJabatan.PEMULA: 52, JenjangJabatan.TERAMPIL: 62,
        JenjangJabatan.MAHIR: 72, JenjangJabatan.PENYELIA: 82,
    }  # fmt: skip
    for jenjang, code in expected.items():
        assert codes.koefisien_id(jenjang, Predikat.BAIK) == code
        assert codes.koefisien_id(jenjang, Predikat.SANGAT_BAIK) is None
    assert codes.koefisien_id(JenjangJabatan.PELAKSANA, Predikat.BAIK) is None
    assert codes.DOKUMEN_EVALUASI_ID == 890


def test_status_penilai_asn_and_non_asn() -> None:
    assert codes.status_penilai(penilai_is_asn=True) == "ASN"
    assert codes.status_penilai(penilai_is_asn=False) == "NON ASN"


# --- an office with results -----------------------------------------------------------------


def _evaluate(db: Database, who: object, by: object, periode: str, hasil: Rating,
              perilaku: Rating, *, final: bool = True) -> None:  # fmt: skip
    evaluation.save_evaluation(db, actor=by.actor, pegawai_id=who.id, periode=periode,  # type: ignore[attr-defined]
                               rating_hasil=hasil, rating_perilaku=perilaku)  # fmt: skip
    if final:
        evaluation.finalize_evaluation(db, actor=by.actor, pegawai_id=who.id, periode=periode)  # type: ignore[attr-defined]


@pytest.fixture
def evaluated(db: Database, office: Office) -> Office:
    """Everyone has an approved SKP; kabid, staf (JF), staf2 and admin are evaluated, final."""
    make_skp(db, office.kepala, None, jenis_jabatan=JenisJabatan.JPT)
    make_skp(db, office.kabid, office.kepala)
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    make_skp(db, office.admin, office.kepala)
    for periode in ("2026", "2026-TW1"):
        _evaluate(db, office.kabid, office.kepala, periode, Rating.DI_ATAS, Rating.DI_ATAS)
        _evaluate(db, office.staf, office.kabid, periode, Rating.SESUAI, Rating.SESUAI)
        _evaluate(db, office.staf2, office.kabid, periode, Rating.DI_BAWAH, Rating.SESUAI)
        _evaluate(db, office.admin, office.kepala, periode, Rating.SESUAI, Rating.DI_ATAS)
    return office


def _ready(report: handover.HandoverReport) -> dict[str, handover.Ready]:
    return {r.person.nip: r for r in report.ready}


def test_annual_payloads_field_by_field(db: Database, evaluated: Office) -> None:
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026", unit_kode="DINAS")
    assert report.jenis is handover.Jenis.SKP22
    ready = _ready(report)
    ja = ready[evaluated.kabid.nip].payload
    assert list(ja) == list(codes.SKP22_FIELDS)
    assert ja == {
        "id": None, "tahun": 2026, "hasilKinerjaNilai": 1, "perilakuKerjaNilai": 1,
        "kuadranKinerjaNilai": 1, "penilaiNama": "Ir. Bambang Sutrisno",
        "penilaiNipNrp": evaluated.kepala.nip, "penilaiGolongan": "IV/c",
        "penilaiJabatan": "Kepala Dinas", "penilaiUnorNama": "Dinas Kependudukan",
        "statusPenilai": "ASN", "pnsDinilaiOrang": None, "path": [],
    }  # fmt: skip
    jf = ready[evaluated.staf.nip].payload
    assert (jf["hasilKinerjaNilai"], jf["perilakuKerjaNilai"], jf["kuadranKinerjaNilai"]) == (
        2,
        2,
        2,
    )
    assert jf["penilaiNipNrp"] == evaluated.kabid.nip and jf["penilaiGolongan"] == "IV/a"
    assert ready[evaluated.staf2.nip].payload["kuadranKinerjaNilai"] == 3


def test_periodic_payload_of_a_jf_has_the_koefisien(db: Database, evaluated: Office) -> None:
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026-TW1")
    assert report.jenis is handover.Jenis.PERIODIK
    jf = _ready(report)[evaluated.staf.nip].payload
    assert list(jf) == list(codes.PERIODIK_FIELDS)
    assert jf == {
        "id": None, "tahun": 2026, "bulanMulaiPenilaian": 1, "tahunMulaiPenilaian": 2026,
        "bulanSelesaiPenilaian": 3, "tahunSelesaiPenilaian": 2026, "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2, "koefisienId": 12, "periodikId": 2,
        "pnsDinilaiId": None, "penilaiNama": "Siti Rahmawati",
        "penilaiNipNrp": evaluated.kabid.nip, "penilaiGolongan": "IV/a",
        "penilaiJabatanNama": "Kepala Bidang Pelayanan", "penilaiUnorNama": "Bidang Pelayanan",
        "statusPenilai": "ASN", "path": [],
    }  # fmt: skip
    ja = _ready(report)[evaluated.kabid.nip].payload
    assert ja["koefisienId"] is None and ja["periodikId"] == 2


def test_a_jpt_appraised_by_a_non_asn_official(
    db: Database, evaluated: Office, tmp_path: Path
) -> None:
    """The kepala (JPT) is appraised by the Bupati, who is no pegawai: handed over with
    statusPenilai NON ASN and a blank NIP and golongan, not listed as "penilai missing"."""
    penilai.set_penilai_non_asn(
        db, actor=evaluated.admin.actor, pegawai_id=evaluated.kepala.id, nama="H. Ahmad Fauzi",
        jabatan="Bupati Contoh", unit="Pemerintah Kabupaten Contoh",
    )  # fmt: skip
    for periode in ("2026", "2026-TW1"):  # recorded by the program for the Bupati
        evaluation.save_evaluation(db, actor=SYSTEM, pegawai_id=evaluated.kepala.id,
                                   periode=periode, rating_hasil=Rating.DI_ATAS,
                                   rating_perilaku=Rating.SESUAI)  # fmt: skip
        evaluation.finalize_evaluation(db, actor=SYSTEM, pegawai_id=evaluated.kepala.id,
                                       periode=periode)  # fmt: skip
    annual = export.export_handover(db, actor=evaluated.admin.actor, periode="2026",
                                    out=tmp_path / "year").report  # fmt: skip
    assert evaluated.kepala.nip not in {b.person.nip for b in annual.blocked}
    stem = f"{evaluated.kepala.nip}_2026"
    jpt = json.loads((tmp_path / "year" / f"{stem}.json").read_text(encoding="utf-8"))
    _validate(jpt, "skp22")
    assert list(jpt) == list(codes.SKP22_FIELDS)
    assert jpt == {
        "id": None, "tahun": 2026, "hasilKinerjaNilai": 1, "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2, "penilaiNama": "H. Ahmad Fauzi", "penilaiNipNrp": "",
        "penilaiGolongan": "", "penilaiJabatan": "Bupati Contoh",
        "penilaiUnorNama": "Pemerintah Kabupaten Contoh", "statusPenilai": "NON ASN",
        "pnsDinilaiOrang": None,
        "path": [{"dok_id": "890", "dok_nama": "Dokumen Evaluasi Kinerja",
                  "dok_uri": f"{stem}.pdf", "object": f"{stem}.pdf", "slug": "890"}],
    }  # fmt: skip
    text = pdf_text(tmp_path / "year" / f"{stem}.pdf")
    assert "H. Ahmad Fauzi" in text and "Bupati Contoh" in text
    quarter = _ready(handover.prepare(db, actor=evaluated.admin.actor, periode="2026-TW1"))
    periodik = quarter[evaluated.kepala.nip].payload
    _validate(dict(periodik, path=jpt["path"]), "kinerjaperiodik")
    assert periodik == {
        "id": None, "tahun": 2026, "bulanMulaiPenilaian": 1, "tahunMulaiPenilaian": 2026,
        "bulanSelesaiPenilaian": 3, "tahunSelesaiPenilaian": 2026, "hasilKinerjaNilai": 1,
        "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2, "koefisienId": None, "periodikId": 2,
        "pnsDinilaiId": None, "penilaiNama": "H. Ahmad Fauzi", "penilaiNipNrp": "",
        "penilaiGolongan": "", "penilaiJabatanNama": "Bupati Contoh",
        "penilaiUnorNama": "Pemerintah Kabupaten Contoh", "statusPenilai": "NON ASN", "path": [],
    }  # fmt: skip
    # the schema ties the blank NIP and golongan to NON ASN
    for wrong in (dict(jpt, penilaiNipNrp="197505202000121001"), dict(jpt, statusPenilai="ASN")):
        with pytest.raises(jsonschema.ValidationError):
            _validate(wrong, "skp22")
    # an ASN penilai keeps their NIP and golongan beside the JPT's NON ASN one
    assert quarter[evaluated.kabid.nip].payload["statusPenilai"] == "ASN"


def test_report_lists_exactly_the_people_made_incomplete(db: Database, evaluated: Office) -> None:
    # In TW2: kepala has no penilai (so no evaluation), staf2's stays a draft, admin's
    # position becomes a JF without an angka kredit jenjang, staf (JF) is rated Sangat Baik.
    _evaluate(db, evaluated.staf2, evaluated.kabid, "2026-TW2", Rating.SESUAI, Rating.SESUAI,
              final=False)  # fmt: skip
    _evaluate(db, evaluated.staf, evaluated.kabid, "2026-TW2", Rating.DI_ATAS, Rating.DI_ATAS)
    _evaluate(db, evaluated.kabid, evaluated.kepala, "2026-TW2", Rating.SESUAI, Rating.SESUAI)
    with db.unit_of_work(SYSTEM) as session:
        admin = session.get(Pegawai, evaluated.admin.id)
        assert admin is not None and admin.jabatan_id is not None
        job = session.get(Jabatan, admin.jabatan_id)
        assert job is not None
        job.jenis, job.jenjang = JenisJabatan.JF, JenjangJabatan.PELAKSANA
    _evaluate(db, evaluated.admin, evaluated.kepala, "2026-TW2", Rating.SESUAI, Rating.SESUAI)
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026-TW2")
    blocked = {b.person.nip: set(b.reasons) for b in report.blocked}
    assert blocked == {
        evaluated.kepala.nip: {Masalah.TANPA_EVALUASI, Masalah.TANPA_PENILAI},
        evaluated.staf2.nip: {Masalah.BELUM_FINAL},
        evaluated.admin.nip: {Masalah.JENJANG_AK},
        # staf is a JF Ahli Pertama rated Sangat Baik: SIASN's koefisienId is not known
        evaluated.staf.nip: {Masalah.KOEFISIEN},
    }
    assert [r.person.nip for r in report.ready] == [evaluated.kabid.nip]


def test_people_without_an_approved_skp_are_listed(db: Database, office: Office) -> None:
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    _evaluate(db, office.staf, office.kabid, "2026", Rating.SESUAI, Rating.SESUAI)
    report = handover.prepare(db, actor=office.admin.actor, periode="2026", unit_kode="BID1")
    assert [r.person.nip for r in report.ready] == [office.staf.nip]
    assert {b.person.nip: b.reasons for b in report.blocked} == {
        office.kabid.nip: (Masalah.TANPA_SKP,),
        office.staf2.nip: (Masalah.TANPA_SKP,),
    }


def test_a_semester_says_so_and_points_to_the_setting(db: Database, evaluated: Office) -> None:
    monitoring.set_ritme(db, actor=evaluated.admin.actor, tahun=2026, ritme=Ritme.SEMESTERAN)
    _evaluate(db, evaluated.staf, evaluated.kabid, "2026-S1", Rating.SESUAI, Rating.SESUAI)
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026-S1", unit_kode="BID1")
    reasons = {b.person.nip: b.reasons for b in report.blocked}
    assert Masalah.SEMESTER in reasons[evaluated.staf.nip]
    assert not report.ready
    assert "eval ritme" in report.ritme_note and "eval ritme" in handover.masalah_text(
        Masalah.SEMESTER
    )


def test_only_the_pengelola_prepares(db: Database, evaluated: Office) -> None:
    with pytest.raises(PermissionDenied):
        handover.prepare(db, actor=evaluated.kabid.actor, periode="2026")


# --- the export ------------------------------------------------------------------------------


def test_export_writes_payloads_pdfs_manifest_and_workbook(
    db: Database, evaluated: Office, tmp_path: Path
) -> None:
    out = tmp_path / "serah"
    result = export.export_handover(
        db, actor=evaluated.admin.actor, periode="2026", unit_kode="BID1", out=out
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] and manifest["jenis"] == "skp22"
    names = sorted(p.name for p in out.iterdir())
    listed = sorted(e["path"] for e in manifest["files"])
    assert names == sorted([*listed, "manifest.json"])
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    for person, predikat in ((evaluated.staf, "Baik"), (evaluated.staf2, "Butuh Perbaikan")):
        stem = f"{person.nip}_2026"
        payload = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        _validate(payload, "skp22")
        assert payload["path"] == [
            {"dok_id": "890", "dok_nama": "Dokumen Evaluasi Kinerja", "dok_uri": f"{stem}.pdf",
             "object": f"{stem}.pdf", "slug": "890"}
        ]  # fmt: skip
        text = pdf_text(out / f"{stem}.pdf")
        assert person.nama in text and person.nip in text and predikat.upper() in text.upper()
    assert not list(tmp_path.glob(".serah-*"))
    assert result.report.blocked == () and len(result.report.ready) == 3
    assert all(r.payload["path"] for r in result.report.ready)


def test_periodic_export_validates_against_its_schema(
    db: Database, evaluated: Office, tmp_path: Path
) -> None:
    export.export_handover(
        db, actor=evaluated.admin.actor, periode="2026-TW1", unit_kode="BID1", out=tmp_path / "o"
    )
    payload = json.loads((tmp_path / "o" / f"{evaluated.staf.nip}_2026-TW1.json").read_text())
    _validate(payload, "kinerjaperiodik")
    assert payload["koefisienId"] == 12
    wrong = dict(payload, periodikId=3)
    with pytest.raises(jsonschema.ValidationError):
        _validate(wrong, "kinerjaperiodik")


def test_strict_writes_nothing_and_records_nothing(
    db: Database, evaluated: Office, tmp_path: Path
) -> None:
    out = tmp_path / "strict"
    with pytest.raises(export.HandoverRefused) as refused:
        export.export_handover(
            db, actor=evaluated.admin.actor, periode="2026", out=out, strict=True
        )
    assert [b.person.nip for b in refused.value.report.blocked] == [evaluated.kepala.nip]
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["home"]
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026")
    assert all(r.handed_over_at is None for r in report.ready)


def test_an_existing_folder_is_refused(db: Database, evaluated: Office, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(ValidationError):
        export.export_handover(db, actor=evaluated.admin.actor, periode="2026",
                               out=tmp_path / "full")  # fmt: skip


def test_workbook_reads_back(db: Database, evaluated: Office, tmp_path: Path) -> None:
    export.export_handover(db, actor=evaluated.admin.actor, periode="2026", out=tmp_path / "w")
    book = load_workbook(tmp_path / "w" / "serah-siasn-2026.xlsx")
    sheet = book["skp22"]
    assert sheet.freeze_panes == "D3" and sheet.auto_filter.ref.startswith("A2:")
    names = [c.value for c in sheet[2]]
    assert names == ["nip", "nama", "unit", *codes.SKP22_FIELDS, "diperiksa"]
    assert sheet["A1"].value == "NIP" and sheet[1][-1].value == "Diperiksa"
    rows = {
        r[0]: dict(zip(names, r, strict=True)) for r in sheet.iter_rows(min_row=3, values_only=True)
    }
    assert set(rows) == {evaluated.kabid.nip, evaluated.staf.nip, evaluated.staf2.nip,
                         evaluated.admin.nip}  # fmt: skip
    assert rows[evaluated.kabid.nip]["kuadranKinerjaNilai"] == 1
    assert rows[evaluated.staf.nip]["path"] == f"{evaluated.staf.nip}_2026.pdf"
    summary = book[workbook.SUMMARY_SHEET]
    units = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert set(units) == {"BID1", "DINAS", "SEKRE"}
    bid1 = units["BID1"]
    assert bid1[2:7] == (1, 1, 1, 0, 0)  # Sangat Baik, Baik, Butuh Perbaikan, Kurang, S. Kurang
    assert bid1[7:9] == (3, 0)
    assert units["DINAS"][8] == 1 and isinstance(bid1[9], str) and bid1[9]


def test_handover_status_and_changed_since(db: Database, evaluated: Office, tmp_path: Path) -> None:
    export.export_handover(db, actor=evaluated.admin.actor, periode="2026", unit_kode="BID1",
                           out=tmp_path / "a")  # fmt: skip
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026", unit_kode="BID1")
    states = {r.person.nip: (r.handed_over_at is not None, r.changed_since) for r in report.ready}
    assert states[evaluated.staf.nip] == (True, False)
    evaluation.amend_evaluation(
        db, actor=evaluated.kabid.actor, pegawai_id=evaluated.staf.id, periode="2026",
        alasan="Bukti baru", rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS,
    )  # fmt: skip
    report = handover.prepare(db, actor=evaluated.admin.actor, periode="2026", unit_kode="BID1")
    changed = {r.person.nip for r in report.ready if r.changed_since}
    assert changed == {evaluated.staf.nip}
    row = evaluation.get_evaluation(db, actor=evaluated.kabid.actor, pegawai_id=evaluated.staf.id,
                                    periode="2026")  # fmt: skip
    assert row.id is not None
    state = handover.evaluation_state(db, actor=evaluated.kabid.actor, evaluasi_id=row.id)
    assert state is not None and state.changed_since and state.folder.endswith("a")


def test_cli_report_json_and_strict_export(
    db: Database, evaluated: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(db.home.root)
    base = ["--home", home, "siasn"]
    assert main([*base, "report", "--period", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["nip"] for b in data["blocked"]] == [evaluated.kepala.nip]
    assert data["blocked"][0]["reasons"][0]["code"] == "tanpa_evaluasi"
    out = tmp_path / "cli"
    assert main([*base, "export", "--period", "2026", "--out", str(out), "--strict"]) == 2
    captured = capsys.readouterr()
    assert evaluated.kepala.nip in captured.out and "--strict" in captured.err
    assert not out.exists()
    assert main([*base, "export", "--period", "2026", "--unit", "BID1", "--out", str(out),
                 "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["export"]["files"] == 2 * 3 + 2
    assert (out / f"{evaluated.staf.nip}_2026.pdf").exists()


def test_whole_office_export_skips_a_root_unit_without_skp(
    db: Database, evaluated: Office, tmp_path: Path
) -> None:
    with db.unit_of_work(SYSTEM) as session:
        session.add(UnitKerja(instansi_id=evaluated.instansi_id, kode="LAIN", nama="Lain", level=0))
    result = export.export_handover(db, actor=evaluated.admin.actor, periode="2026",
                                    out=tmp_path / "all")  # fmt: skip
    assert len(list((tmp_path / "all").glob("*.pdf"))) == len(result.report.ready) == 4
