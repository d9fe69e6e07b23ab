"""Every printed form rendered from data built with the models, read back as text.

Each test checks the official layout's field labels, the people's names and NIPs, the
period, RHK and IKI, ratings and predikat and the dates in Indonesian; PNG renders of each
form go to build/test-artifacts for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from kinerja_desktop.models.enums import EvaluasiStatus, Predikat, Rating
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import CoachingForm, FormKind, PrintRequest
from tests.factories import Office
from tests.unit.forms_fixtures import PRIVATE_NOTE, SHARED_NOTE, FormsWorld, make_world
from tests.unit.forms_pdf import page_count, pdf_text, save_png

SKP_LABELS = [
    "SASARAN KINERJA PEGAWAI", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "NAMA", "NIP",
    "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA", "HASIL KERJA", "RENCANA HASIL KERJA",
    "INDIKATOR KINERJA INDIVIDU", "TARGET", "A. UTAMA", "B. TAMBAHAN", "PERILAKU KERJA",
    "Ekspektasi Khusus Pimpinan", "LAMPIRAN SASARAN KINERJA PEGAWAI", "DUKUNGAN SUMBER DAYA",
    "SKEMA PERTANGGUNGJAWABAN", "KONSEKUENSI", "Pegawai yang Dinilai", "(1) (2) (3) (4) (5)",
]  # fmt: skip
BERAKHLAK = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif",
             "Kolaboratif"]  # fmt: skip


@pytest.fixture
def world(db: Database, office: Office) -> FormsWorld:
    return make_world(db, office)


def _print(db: Database, tmp_path: Path, request: PrintRequest, name: str, **kw: object) -> Path:
    out = tmp_path / f"{name}.pdf"
    result = printing.print_to_file(db, actor=SYSTEM, request=request, out=out, **kw)  # type: ignore[arg-type]
    assert result.path == out and out.exists()
    return out


def _assert_all(text: str, expected: list[str]) -> None:
    missing = [item for item in expected if item not in text]
    assert not missing, f"missing from the PDF text: {missing}"


def test_skp_ja_jf_quantitative(db: Database, office: Office, world: FormsWorld,
                                tmp_path: Path, artifacts: Path) -> None:  # fmt: skip
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip), "skp")
    text = pdf_text(pdf)
    _assert_all(text, SKP_LABELS + BERAKHLAK)
    _assert_all(text, ["PENDEKATAN HASIL KERJA KUANTITATIF",
                       "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
                       "RHK PIMPINAN YANG DIINTERVENSI", "ASPEK",
                       "PERIODE PENILAIAN: 1 JANUARI 2026 SD 31 DESEMBER 2026"])  # fmt: skip
    _assert_all(text, list(world.rhk_texts) + list(world.iki_texts))
    _assert_all(text, ["Dewi Lestari, S.E.", f"NIP. {office.staf.nip}", "Siti Rahmawati",
                       f"NIP. {office.kabid.nip}", "Penata Muda Tk.I / III/b"])  # fmt: skip
    # targets (a range), aspek, the intervened RHK, the tambahan source, ekspektasi, lampiran
    _assert_all(text, ["4 dokumen", "300–400 orang", "Kuantitas", "Kualitas", "Waktu",
                       "Meningkatnya kualitas pelayanan administrasi kependudukan",
                       "(penugasan dari Kepala Dinas)",
                       "Menyampaikan laporan tepat waktu setiap bulan",
                       "Akses data kependudukan", "Teguran tertulis bila target tidak tercapai"])  # fmt: skip
    # the approval date in full Indonesian, with the place; page count and verification
    _assert_all(text, ["Contoh, 15 Januari 2026", "Halaman 1 dari", "Kode verifikasi: S-"])
    assert save_png(pdf, artifacts, "form-skp-jf")


def test_skp_uses_snapshots_once_approved(db: Database, office: Office, world: FormsWorld,
                                          tmp_path: Path) -> None:  # fmt: skip
    """The approved SKP prints the identity frozen at approval, not today's record."""
    from kinerja_desktop.models.org import Pegawai

    with db.unit_of_work(SYSTEM) as session:
        person = session.get(Pegawai, office.staf.id)
        assert person is not None
        person.nama = "Nama Baru Setelah Mutasi"
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip), "snap")
    text = pdf_text(pdf)
    assert "Dewi Lestari, S.E." in text
    assert "Nama Baru Setelah Mutasi" not in text


def test_skp_jpt_qualitative(db: Database, office: Office, world: FormsWorld,
                             tmp_path: Path, artifacts: Path) -> None:  # fmt: skip
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.kepala.nip), "jpt")
    text = pdf_text(pdf)
    _assert_all(text, ["PENDEKATAN HASIL KERJA KUALITATIF",
                       "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
                       "Penerima Layanan", "Indeks kepuasan masyarakat",
                       "Layanan dinilai memuaskan oleh mayoritas responden",
                       "Ir. Bambang Sutrisno", office.kepala.nip])  # fmt: skip
    assert "RHK PIMPINAN YANG DIINTERVENSI" not in text and "ASPEK" not in text
    # kualitatif: indicators and targets inside the RHK cell, not in an IKI/TARGET grid
    assert (
        "Meningkatnya kepuasan masyarakat atas layanan Ukuran keberhasilan / Indikator Kinerja "
        "Individu, dan Target: - Indeks kepuasan masyarakat: Layanan dinilai memuaskan oleh "
        "mayoritas responden (Penerima Layanan)"
    ) in text
    for grid in ("INDIKATOR KINERJA INDIVIDU TARGET", "PERSPEKTIF"):
        assert grid not in text, grid
    sheet = pdf_text(_print(db, tmp_path, PrintRequest(FormKind.EVALUASI, "2026-S1",
                                                       nip=office.kepala.nip), "jpt-evaluasi"))  # fmt: skip
    assert "Ukuran keberhasilan / Indikator Kinerja Individu, dan Target:" in sheet
    assert "REALISASI BERDASARKAN BUKTI DUKUNG" in sheet and "PERSPEKTIF" not in sheet
    assert save_png(pdf, artifacts, "form-skp-jpt", last=1)


def test_long_skp_splits_across_pages_with_headers_repeated(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path, artifacts: Path
) -> None:
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.staf2.nip), "long")
    pages = page_count(pdf)
    assert pages >= 4
    text = pdf_text(pdf)
    _assert_all(text, list(world.long_rhk_texts))
    for index in range(len(world.long_rhk_texts)):
        assert f"IKI-PANJANG-{index + 1:02d}.1" in text
    table_pages = [n for n in range(1, pages + 1) if "RHK-PANJANG-" in pdf_text(pdf, n)]
    assert len(table_pages) >= 3
    for n in table_pages:
        page = pdf_text(pdf, n)
        _assert_all(page, ["RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "(1) (2) (3)"])
        assert f"Halaman {n} dari {pages}" in page
    # long texts are wrapped, never cut: the last words of the longest RHK are there
    assert text.count("serta masukan dari masyarakat dan pemangku kepentingan") >= 24 * 2
    assert save_png(pdf, artifacts, "form-skp-long", last=3)


def test_evaluation_worksheet(db: Database, office: Office, world: FormsWorld,
                              tmp_path: Path, artifacts: Path) -> None:  # fmt: skip
    pdf = _print(db, tmp_path, PrintRequest(FormKind.EVALUASI, "2026-S1", nip=office.staf.nip),
                 "evaluasi")  # fmt: skip
    text = pdf_text(pdf)
    _assert_all(text, ["EVALUASI KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUANTITATIF",
                       "PERIODE: SEMESTER I", "PERIODE PENILAIAN: 1 JANUARI 2026 SD 30 JUNI 2026",
                       "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA",
                       "CAPAIAN KINERJA ORGANISASI", "POLA DISTRIBUSI",
                       "REALISASI BERDASARKAN BUKTI DUKUNG",
                       "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
                       "RATING HASIL KERJA", "Sesuai Ekspektasi", "RATING PERILAKU KERJA",
                       "Di Atas Ekspektasi", "PREDIKAT KINERJA PEGAWAI", "Baik",
                       "EKSPEKTASI KHUSUS PIMPINAN", "3 dokumen", "Tiga rekomendasi",
                       "Analisis sudah tajam, pertahankan", "Aktif membantu rekan satu tim",
                       "Contoh, 3 Juli 2026", office.staf.nip, "Dewi Lestari, S.E."])  # fmt: skip
    _assert_all(text, list(world.rhk_texts) + list(world.iki_texts) + BERAKHLAK)
    # the curve's x axis: Sangat Kurang on the left to Sangat Baik on the right
    assert "Sangat Kurang Kurang/ Misconduct Butuh Perbaikan Baik Sangat Baik" in text
    assert save_png(pdf, artifacts, "form-evaluasi")


@pytest.mark.parametrize(("periode", "title"), [("2026-S1", "SEMESTER I"), ("2026", "AKHIR")])
def test_dokumen_evaluasi_periodic_and_annual(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path, artifacts: Path,
    periode: str, title: str,
) -> None:  # fmt: skip
    request = PrintRequest(FormKind.DOKUMEN_EVALUASI, periode, nip=office.staf.nip)
    pdf = _print(db, tmp_path, request, f"dokumen-{periode}")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    _assert_all(text, ["DOKUMEN EVALUASI KINERJA PEGAWAI", f"PERIODE: {title}",
                       "PEMERINTAH KABUPATEN CONTOH", "PERIODE PENILAIAN",
                       "1 PEGAWAI YANG DINILAI", "2 PEJABAT PENILAI KINERJA",
                       "3 ATASAN PEJABAT PENILAI KINERJA", "4 EVALUASI KINERJA",
                       "5 CATATAN/REKOMENDASI", "CAPAIAN KINERJA ORGANISASI",
                       "PREDIKAT KINERJA PEGAWAI", "NAMA", "NIP", "PANGKAT/GOL. RUANG",
                       "JABATAN", "UNIT KERJA", "Dewi Lestari, S.E.", "Siti Rahmawati",
                       "Ir. Bambang Sutrisno", office.kepala.nip, "Pegawai yang Dinilai",
                       "Pejabat Penilai Kinerja"])  # fmt: skip
    if periode == "2026-S1":
        _assert_all(text, ["Baik", "Kinerja stabil sepanjang semester",
                           "Mengikuti pelatihan analisis kebijakan"])  # fmt: skip
        assert text.count("Contoh, 3 Juli 2026") == 2  # both signature columns are dated
    assert save_png(pdf, artifacts, f"form-dokumen-evaluasi-{periode}", last=1)


def test_coaching_forms_show_shared_notes_only(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path, artifacts: Path
) -> None:
    request = PrintRequest(FormKind.COACHING, "", sesi_id=world.sesi)
    pdf = _print(db, tmp_path, request, "coaching")
    text = pdf_text(pdf)
    _assert_all(text, ["FORMAT B.1.8", "UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA",
                       "PEGAWAI YANG DIBIMBING", "PEMBIMBING", "SUBJEK KRITERIA UMPAN BALIK",
                       "YA", "TIDAK", "KETERANGAN", "Sudah cukup jelas", "FORMAT B.1.9",
                       "EVALUASI KOMPETENSI PEGAWAI SEBAGAI TINDAK LANJUT BIMBINGAN KINERJA",
                       "KOMPETENSI PEGAWAI*", "NILAI (SKALA 1-5)", "ALASAN",
                       "Analisis data", "Mampu mengolah data survei", "CATATAN SESI BIMBINGAN",
                       "AGENDA", "Kendala survei", SHARED_NOTE, "AKSI YANG DISEPAKATI",
                       "Menyusun instrumen survei", "1 Juni 2026", "12 Mei 2026",
                       "Contoh, 12 Mei 2026", "Dewi Lestari", "Siti Rahmawati",
                       f"NIP. {office.staf.nip}", f"NIP. {office.kabid.nip}",
                       "Terlaksananya survei kepuasan masyarakat"])  # fmt: skip
    assert text.count("✓") == 2
    assert PRIVATE_NOTE not in text
    assert "RAHASIA" not in text
    assert save_png(pdf, artifacts, "form-coaching", last=3)


def test_private_note_never_appears_in_any_form(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path
) -> None:
    """Every kind of form, for the person, for the unit and by session, in both languages."""
    requests = [
        PrintRequest(FormKind.COACHING, "2026", nip=office.staf.nip),
        PrintRequest(FormKind.COACHING, "2026-S1", unit_kode="BID1"),
        PrintRequest(FormKind.COACHING, "", sesi_id=world.sesi, coaching_forms=(CoachingForm.RECORD,)),
        PrintRequest(FormKind.SKP, "2026", unit_kode="BID1"),
        PrintRequest(FormKind.EVALUASI, "2026-S1", unit_kode="BID1"),
        PrintRequest(FormKind.DOKUMEN_EVALUASI, "2026-S1", unit_kode="BID1"),
        PrintRequest(FormKind.PREDIKAT, "2026-S1", unit_kode="BID1"),
    ]  # fmt: skip
    for index, request in enumerate(requests):
        languages = ("id", "en") if request.kind is FormKind.COACHING else ("id",)
        for language in languages:
            pdf = _print(db, tmp_path, request, f"all-{index}-{language}", language=language)
            assert PRIVATE_NOTE not in pdf_text(pdf)
    loaded = printing.load_forms(db, actor=SYSTEM, request=requests[0])
    assert PRIVATE_NOTE not in repr(loaded)
    assert SHARED_NOTE in repr(loaded)


def test_predikat_decision_with_distribution(db: Database, office: Office, world: FormsWorld,
                                             tmp_path: Path, artifacts: Path) -> None:  # fmt: skip
    with db.unit_of_work(SYSTEM) as s:  # a draft: listed apart, not counted
        s.add(Evaluasi(skp_id=world.skp_long, periode="2026-S1", penilai_id=office.kabid.id,
                       rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS,
                       predikat=Predikat.SANGAT_BAIK, status=EvaluasiStatus.DRAFT))  # fmt: skip
    request = PrintRequest(FormKind.PREDIKAT, "2026-S1", unit_kode="BID1")
    pdf = _print(db, tmp_path, request, "predikat")
    text = pdf_text(pdf)
    _assert_all(text, ["PENETAPAN PREDIKAT KINERJA PEGAWAI", "BIDANG PELAYANAN",
                       "PERIODE: SEMESTER I", "CAPAIAN KINERJA ORGANISASI", "NAMA / NIP",
                       "RATING HASIL KERJA", "RATING PERILAKU KERJA", "PREDIKAT KINERJA PEGAWAI",
                       "Dewi Lestari", f"NIP. {office.staf.nip}", "Sesuai Ekspektasi",
                       "Di Atas Ekspektasi", "POLA DISTRIBUSI", "KURVA DISTRIBUSI",
                       "Sangat Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang",
                       "100,0%", "Pimpinan yang Berwenang Menetapkan Predikat Kinerja Organisasi",
                       "Ir. Bambang Sutrisno"])  # fmt: skip
    # signed one level above BID1 (the kepala of DINAS), not by the head of BID1
    assert "Siti Rahmawati" not in text
    final_part, _sep, drafts = text.partition("EVALUASI YANG BELUM FINAL")
    assert "Dewi Lestari" in final_part and "Agus Pratama" not in final_part
    assert "Agus Pratama" in drafts.split("POLA DISTRIBUSI")[0]
    # only the final evaluation is counted; the curve's x axis runs Sangat Kurang -> Sangat Baik
    assert "Sangat Baik 0 0,0% Baik 1 100,0%" in text and "JUMLAH 1" in text
    assert "0 0 0 1 0 Sangat Kurang Kurang/ Misconduct Butuh Perbaikan Baik Sangat Baik" in text
    assert save_png(pdf, artifacts, "form-predikat", last=1)


def test_english_rendering_of_the_same_data(db: Database, office: Office, world: FormsWorld,
                                            tmp_path: Path, artifacts: Path) -> None:  # fmt: skip
    request = PrintRequest(FormKind.EVALUASI, "2026-S1", nip=office.staf.nip)
    pdf = _print(db, tmp_path, request, "en", language="en")
    text = pdf_text(pdf)
    _assert_all(text, ["EMPLOYEE PERFORMANCE EVALUATION", "PERIOD: SEMESTER I",
                       "APPRAISED EMPLOYEE", "WORK RESULT RATING", "Meets Expectations",
                       "Above Expectations", "EMPLOYEE PERFORMANCE RATING", "Good",
                       "3 July 2026", "Page 1 of", "Verification code: E-"])  # fmt: skip
    _assert_all(text, list(world.rhk_texts))
    assert "Halaman" not in text and "PEGAWAI YANG DINILAI" not in text
    assert save_png(pdf, artifacts, "form-evaluasi-en", last=1)


def test_f4_paper_from_the_setting_and_embedded_fonts(
    db: Database, office: Office, world: FormsWorld, tmp_path: Path
) -> None:
    assert printing.paper_size(db, actor=SYSTEM) == "A4"
    assert printing.set_paper_size(db, actor=SYSTEM, paper="f4") == "F4"
    assert printing.paper_size(db, actor=SYSTEM) == "F4"
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip), "f4")
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        215, 330)  # fmt: skip
    a4 = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip), "a4",
                paper="A4")  # fmt: skip
    box = PdfReader(str(a4)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210, 297)  # fmt: skip
    fonts = set()
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all("DejaVuSans" in name or "KDSans" in name for name in fonts)
    with pytest.raises(ValidationError):
        printing.set_paper_size(db, actor=SYSTEM, paper="Letter")


def test_unit_batch_one_pdf_page_count_per_form(db: Database, office: Office, world: FormsWorld,
                                                tmp_path: Path) -> None:  # fmt: skip
    pdf = _print(db, tmp_path, PrintRequest(FormKind.SKP, "2026", unit_kode="BID1"), "batch")
    text = pdf_text(pdf)
    _assert_all(text, ["Siti Rahmawati", "Dewi Lestari, S.E.", "Agus Pratama", office.staf2.nip])
    # every form restarts its own count: three forms, three "Halaman 1 dari"
    assert text.count("Halaman 1 dari") == 3


def test_permissions_and_nothing_to_print(db: Database, office: Office, world: FormsWorld,
                                          tmp_path: Path) -> None:  # fmt: skip
    request = PrintRequest(FormKind.SKP, "2026", nip=office.staf.nip)
    with pytest.raises(PermissionDenied):
        printing.load_forms(db, actor=office.staf2.actor, request=request)
    assert printing.load_forms(db, actor=office.staf.actor, request=request)
    assert printing.load_forms(db, actor=office.kabid.actor, request=request)
    assert printing.load_forms(db, actor=office.kepala.actor, request=request)
    with pytest.raises(PermissionDenied):
        printing.load_forms(db, actor=office.staf.actor,
                            request=PrintRequest(FormKind.SKP, "2026", unit_kode="BID1"))  # fmt: skip
    with pytest.raises(NotFoundError):
        printing.load_forms(db, actor=SYSTEM,
                            request=PrintRequest(FormKind.SKP, "2025", nip=office.staf.nip))  # fmt: skip
    with pytest.raises(NotFoundError):
        printing.load_forms(db, actor=SYSTEM,
                            request=PrintRequest(FormKind.EVALUASI, "2026-S1", nip=office.staf2.nip))  # fmt: skip
