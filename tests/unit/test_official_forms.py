"""Formats B.1.8 and B.1.9 against the Lampiran of PermenPANRB 6/2022 (pp. 83-84).

The official wording below is copied from the Lampiran (see the shared reference
``domain/official-texts.md`` §1-2, confidence H). The printed PDFs are read back with
pdftotext and compared statement by statement; both forms belong to bimbingan kinerja only;
the filled B.1.8 is handed to the atasan of the pimpinan; the "score 3 or less is a
development need" rule is the office's, configurable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import CoachingForm, FormKind, PrintRequest
from tests.factories import Office
from tests.unit.forms_pdf import pdf_text, save_png

B18_OFFICIAL = (
    ("TENTANG PEGAWAI", (
        "Saya merasa diperhatikan dan dipahami",
        "Saya merasa tindakan/langkah yang telah saya lakukan dihargai",
        "Saya merasa dapat dengan bebas mengemukakan pendapat/pemikiran saya",
    )),
    ("TENTANG PIMPINAN/ PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS", (
        "Saya merasa bahwa pandangan yang diberikan berdasarkan data/fakta yang akurat",
        "Saya merasa bahwa pandangan/pendapat yang diberikan kepada saya bersifat positif",
        "Lebih banyak menggunakan metode bertanya dibandingkan menggurui",
    )),
    ("TENTANG PEGAWAI DAN PIMPINAN/ PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS", (
        "Saya merasa dibantu dalam mencari solusi dan aksi tindak lanjut",
        "Saya tahu apa yang harus saya lakukan setelah mengikuti kegiatan bimbingan kinerja ini",
        "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini",
    )),
)  # fmt: skip
IDENTITY_ROWS = ("NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA")
DAY = dt.date(2026, 5, 12)


def _session(
    db: Database,
    office: Office,
    jenis: JenisSesi = JenisSesi.BIMBINGAN_KINERJA,
    coach: str = "kepala",
) -> str:
    """A session whose coach (the kepala) is NOT the pegawai's pejabat penilai (the kabid)."""
    person = getattr(office, coach)
    data = SessionInput(jenis=jenis, tanggal=DAY, coach_id=person.id, pegawai_id=office.staf.id)
    return coaching.schedule_session(db, actor=person.actor, data=data).id  # fmt: skip


def _print(db: Database, tmp_path: Path, sesi_id: str, form: CoachingForm) -> Path:
    out = tmp_path / f"{form.value}.pdf"
    request = PrintRequest(FormKind.COACHING, "", sesi_id=sesi_id, coaching_forms=(form,))
    printing.print_to_file(db, actor=SYSTEM, request=request, out=out)
    return out


def _in_order(text: str, items: list[str]) -> None:
    """Every item appears in ``text``, each after the previous one."""
    position = 0
    for item in items:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} missing (or out of order) in the PDF text"
        position = found + len(item)


def test_b18_statements_match_the_lampiran_one_by_one(
    db: Database, office: Office, tmp_path: Path, artifacts: Path
) -> None:
    sesi = _session(db, office)
    answers = {n: (n % 2 == 1, "") for n in range(1, 10)}
    coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=sesi, answers=answers)
    pdf = _print(db, tmp_path, sesi, CoachingForm.B18)
    text = pdf_text(pdf)
    _in_order(text, ["FORMAT B.1.8", "UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA",
                     "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA"])  # fmt: skip
    for row in IDENTITY_ROWS:
        assert text.count(row) >= 2, row
    # the identity table names the pegawai's pejabat penilai (kabid), not the coach (kepala)
    _in_order(text, ["NAMA Dewi Lestari", "NAMA Siti Rahmawati", f"NIP {office.staf.nip}",
                     f"NIP {office.kabid.nip}"])  # fmt: skip
    assert "Bambang Sutrisno" not in text
    assert "SUBJEK KRITERIA UMPAN BALIK" in text
    nomor = 0
    expected: list[str] = []
    for group, statements in B18_OFFICIAL:
        expected.append(group)
        for statement in statements:
            nomor += 1
            assert text.count(statement) == 1, statement
            expected.append(f"{nomor} {statement}")
    _in_order(text, expected)
    # the program's statements must be exactly the official ones, no more
    assert [coaching_forms.b18_statement(n) for n in range(1, 10)] == [
        s for _g, group in B18_OFFICIAL for s in group
    ]
    assert text.count("✓") == 9
    _in_order(text, ["Pegawai yang Dinilai", "Dewi Lestari", f"NIP. {office.staf.nip}"])
    for absent in ("Pegawai yang Dibimbing", "PEMBIMBING", "Jenis sesi", "Centang"):
        assert absent not in text, absent
    assert save_png(pdf, artifacts, "form-b18-official", last=1)


def test_b19_title_columns_and_no_legend(
    db: Database, office: Office, tmp_path: Path, artifacts: Path
) -> None:
    sesi = _session(db, office)
    coaching_forms.save_b19(db, actor=office.kepala.actor, sesi_id=sesi,
                            items=[("Analisis data", 2, "perlu latihan")])  # fmt: skip
    pdf = _print(db, tmp_path, sesi, CoachingForm.B19)
    text = pdf_text(pdf)
    _in_order(text, [
        "FORMAT B.1.9",
        "EVALUASI KOMPETENSI PEGAWAI SEBAGAI TINDAK LANJUT BIMBINGAN KINERJA",
        "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA",
        "Dewi Lestari", "Siti Rahmawati",
        "NO", "KOMPETENSI PEGAWAI*", "NILAI (SKALA 1-5)", "ALASAN",
        "1 Analisis data 2 perlu latihan",
        "Pimpinan/ Pihak Lain yang Diberikan Penugasan Khusus", "Ir. Bambang Sutrisno",
    ])  # fmt: skip
    for legend in ("sangat rendah", "sangat tinggi", "Skor:", "Nilai:", "SKOR (1-5)"):
        assert legend not in text, legend
    assert save_png(pdf, artifacts, "form-b19-official", last=1)


def test_b18_b19_only_for_bimbingan_kinerja(db: Database, office: Office, tmp_path: Path) -> None:
    dialog = _session(db, office, JenisSesi.DIALOG_KINERJA)
    with pytest.raises(WorkflowError, match="bimbingan kinerja"):
        coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=dialog,
                                answers={1: (True, "")})  # fmt: skip
    with pytest.raises(WorkflowError):
        coaching_forms.save_b19(db, actor=office.kepala.actor, sesi_id=dialog,
                                items=[("X", 3, "")])  # fmt: skip
    with pytest.raises(WorkflowError, match="bimbingan kinerja"):
        _print(db, tmp_path, dialog, CoachingForm.B18)
    # a period print of the pegawai: the session record of the dialog, no B.1.8/B.1.9 for it
    loaded = printing.load_forms(
        db, actor=SYSTEM, request=PrintRequest(FormKind.COACHING, "2026", nip=office.staf.nip)
    )
    assert [f.KIND for f in loaded] == ["C"]
    # a bimbingan session with B.1.9 entries cannot become another kind of session
    sesi = _session(db, office)
    coaching_forms.save_b19(db, actor=office.kepala.actor, sesi_id=sesi, items=[("X", 3, "")])
    with pytest.raises(ValidationError):
        coaching.update_session(
            db, actor=office.kepala.actor, sesi_id=sesi,
            data=SessionInput(jenis=JenisSesi.MENTORING, tanggal=DAY, coach_id=office.kepala.id,
                              pegawai_id=office.staf.id),
        )  # fmt: skip


def test_b18_is_handed_to_the_atasan_of_the_pimpinan(db: Database, office: Office) -> None:
    sesi = _session(db, office, coach="kabid")  # kabid coaches; kabid's penilai is the kepala
    with pytest.raises(ValidationError, match="belum: 1, 2"):
        coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=sesi,
                                answers={n: (True, "") for n in range(3, 10)})  # fmt: skip
        coaching_forms.hand_over_b18(db, actor=office.staf.actor, sesi_id=sesi, tanggal=DAY)
    with pytest.raises(PermissionDenied):
        coaching_forms.hand_over_b18(db, actor=office.kabid.actor, sesi_id=sesi, tanggal=DAY)
    coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=sesi,
                            answers={n: (True, "") for n in range(1, 10)})  # fmt: skip
    with pytest.raises(ValidationError):
        coaching_forms.hand_over_b18(db, actor=office.staf.actor, sesi_id=sesi,
                                     tanggal=DAY - dt.timedelta(days=1))  # fmt: skip
    handed = coaching_forms.hand_over_b18(db, actor=office.staf.actor, sesi_id=sesi, tanggal=DAY)
    assert (handed.kepada_id, handed.kepada_nama) == (office.kepala.id, "Ir. Bambang Sutrisno")
    detail = coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi)
    assert detail.b18_diserahkan == handed


def test_development_need_threshold_is_the_offices_rule(db: Database, office: Office) -> None:
    sesi = _session(db, office)
    coaching_forms.save_b19(db, actor=office.kepala.actor, sesi_id=sesi,
                            items=[("Analisis data", 2, ""), ("Komunikasi", 4, "")])  # fmt: skip

    def suggested() -> list[str]:
        plan = development.get_plan(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                                    tahun=2026)  # fmt: skip
        return [s.kompetensi for s in plan.suggestions]

    assert development.get_weak_score(db, actor=office.staf.actor) == 3
    assert suggested() == ["Analisis data"]
    with pytest.raises(PermissionDenied):
        development.set_weak_score(db, actor=office.kabid.actor, skor=4)
    with pytest.raises(ValidationError):
        development.set_weak_score(db, actor=office.admin.actor, skor=6)
    development.set_weak_score(db, actor=office.admin.actor, skor=4)
    assert sorted(suggested()) == ["Analisis data", "Komunikasi"]
    development.set_weak_score(db, actor=office.admin.actor, skor=0)
    assert suggested() == []
