"""Monitoring: rhythm and periods, rencana aksi, realisasi, bukti dukung files and links,
self-assessment, feedback with phrases and replies, locking, the board and home items."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import JenisBukti, Pendekatan, Rating, Ritme
from kinerja_desktop.models.monitoring import BuktiDukung, Lampiran
from kinerja_desktop.services.core import attachments
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.monitoring import sheet as monitoring_sheet
from tests.factories import Office
from tests.unit.eval_fixtures import SkpIds, make_skp

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def skp(db: Database, office: Office) -> SkpIds:
    return make_skp(db, office.staf, office.kabid)


def test_periods_follow_the_office_rhythm(db: Database, office: Office) -> None:
    admin = office.admin.actor
    codes = [p.code for p in monitoring.periods(db, actor=admin, tahun=2026)]
    assert codes == ["2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4", "2026"]
    monitoring.set_ritme(db, actor=admin, tahun=2026, ritme=Ritme.SEMESTERAN)
    assert [p.code for p in monitoring.periods(db, actor=admin, tahun=2026, annual=False)] == [
        "2026-S1", "2026-S2",
    ]  # fmt: skip
    monitoring.set_ritme(db, actor=admin, tahun=2026, ritme=Ritme.BULANAN)
    assert len(monitoring.periods(db, actor=admin, tahun=2026)) == 13
    today = dt.date(2026, 5, 17)
    assert monitoring.current_period(db, actor=admin, today=today).code == "2026-B05"
    with pytest.raises(PermissionDenied):
        monitoring.set_ritme(db, actor=office.kabid.actor, tahun=2026, ritme=Ritme.BULANAN)


def test_realisasi_numeric_or_statement(db: Database, office: Office, skp: SkpIds) -> None:
    staf = office.staf.actor
    with pytest.raises(ValidationError) as missing:
        monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1")
    assert missing.value.field == "nilai"
    rid = monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1",
                                    nilai=40, sumber_data="SIAK")  # fmt: skip
    again = monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1",
                                      nilai=45.5, sumber_data="SIAK")  # fmt: skip
    assert again == rid  # one realisasi per IKI and period
    sheet = monitoring_sheet.period_sheet(
        db, actor=staf, pegawai_id=office.staf.id, periode="2026-TW1"
    )
    first = sheet.rhk[0].iki[0]
    assert first.kuantitatif and first.target == "100 dokumen"
    assert first.realisasi is not None and first.realisasi.nilai == 45.5
    assert first.realisasi.sumber_data == "SIAK"
    with pytest.raises(ValidationError):
        monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2025-TW1",
                                  nilai=1)  # fmt: skip
    for other in (office.kabid.actor, office.staf2.actor):
        with pytest.raises(PermissionDenied):
            monitoring_entries.save_realisasi(db, actor=other, iki_id=skp.iki_ids[0],
                                      periode="2026-TW1", nilai=1)  # fmt: skip


def test_kualitatif_realisasi_is_a_statement(db: Database, office: Office) -> None:
    ids = make_skp(db, office.staf2, office.kabid, pendekatan=Pendekatan.KUALITATIF)
    staf2 = office.staf2.actor
    with pytest.raises(ValidationError) as empty:
        monitoring_entries.save_realisasi(db, actor=staf2, iki_id=ids.iki_ids[0], periode="2026-TW1",
                                  nilai=3)  # fmt: skip
    assert empty.value.field == "teks"
    monitoring_entries.save_realisasi(db, actor=staf2, iki_id=ids.iki_ids[0], periode="2026-TW1",
                              teks="Semua layanan selesai tepat waktu")  # fmt: skip
    sheet = monitoring_sheet.period_sheet(db, actor=staf2, pegawai_id=office.staf2.id,
                                    periode="2026-TW1")  # fmt: skip
    iki = sheet.rhk[0].iki[0]
    assert not iki.kuantitatif and iki.target == "Layanan tepat waktu tanpa keluhan"
    assert iki.realisasi is not None and iki.realisasi.teks.startswith("Semua layanan")


def test_evidence_file_is_stored_once_by_content(
    db: Database, office: Office, skp: SkpIds, tmp_path: Path
) -> None:
    staf = office.staf.actor
    r1 = monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1",
                                   nilai=10)  # fmt: skip
    r2 = monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[1], periode="2026-TW1",
                                   nilai=20)  # fmt: skip
    first = tmp_path / "laporan.pdf"
    first.write_bytes(PDF)
    copy = tmp_path / "salinan laporan.pdf"
    copy.write_bytes(PDF)
    a = monitoring_entries.add_bukti_file(db, actor=staf, realisasi_id=r1, path=first)
    b = monitoring_entries.add_bukti_file(db, actor=staf, realisasi_id=r2, path=copy)
    assert a.sha256 == b.sha256 and a.id != b.id and b.nama == "salinan laporan.pdf"
    stored = [p for p in db.home.attachments.rglob("*") if p.is_file()]
    assert stored == [attachments.stored_path(db.home, a.sha256 or "")]
    assert stored[0].read_bytes() == PDF
    with db.read(staf) as session:
        assert session.query(Lampiran).count() == 1
        assert session.query(BuktiDukung).count() == 2
    opened = monitoring_entries.evidence_to_open(db, actor=office.kabid.actor, bukti_id=a.id)
    assert Path(opened.address).read_bytes() == PDF  # a copy to open, not the stored file
    with pytest.raises(PermissionDenied):
        monitoring_entries.evidence_to_open(db, actor=office.staf2.actor, bukti_id=a.id)
    link = monitoring_entries.add_bukti_link(db, actor=staf, realisasi_id=r1,
                                     url=" https://drive.example.id/laporan ")  # fmt: skip
    assert link.jenis is JenisBukti.LINK and link.url == "https://drive.example.id/laporan"
    with pytest.raises(ValidationError):
        monitoring_entries.add_bukti_link(db, actor=staf, realisasi_id=r1, url="file:///etc/passwd")
    monitoring_entries.remove_bukti(db, actor=staf, bukti_id=a.id)
    sheet = monitoring_sheet.period_sheet(
        db, actor=staf, pegawai_id=office.staf.id, periode="2026-TW1"
    )
    assert [x.jenis for x in sheet.rhk[0].iki[0].realisasi.bukti] == [JenisBukti.LINK]  # type: ignore[union-attr]
    assert stored[0].exists()  # still used by the other evidence


def test_missing_unreadable_oversized_and_wrong_type_files_are_refused_clearly(
    db: Database, office: Office, skp: SkpIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staf = office.staf.actor
    rid = monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1",
                                    nilai=1)  # fmt: skip

    def attach(path: Path, **kw: int) -> str:
        with pytest.raises(ValidationError) as error:
            monitoring_entries.add_bukti_file(db, actor=staf, realisasi_id=rid, path=path, **kw)
        assert error.value.field == "berkas"
        return error.value.message

    gone = tmp_path / "hilang.pdf"
    assert str(gone) in attach(gone)
    big = tmp_path / "besar.pdf"
    big.write_bytes(PDF + b"x" * 3 * 1024 * 1024)
    message = attach(big, max_bytes=2 * 1024 * 1024)
    assert "besar.pdf" in message and "3,0" in message and "2,0" in message
    locked = tmp_path / "terkunci.pdf"
    locked.write_bytes(PDF)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, os.strerror(13))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    assert "terkunci.pdf" in attach(locked)
    monkeypatch.undo()
    exe = tmp_path / "program.exe"
    exe.write_bytes(b"MZ")
    assert ".exe" in attach(exe)
    fake = tmp_path / "foto.png"
    fake.write_bytes(b"not an image")
    assert "PNG" in attach(fake)
    assert not [p for p in db.home.attachments.rglob("*") if p.is_file()]


def test_self_assessment_feedback_phrases_and_replies(
    db: Database, office: Office, skp: SkpIds
) -> None:
    staf, kabid, admin = office.staf.actor, office.kabid.actor, office.admin.actor
    monitoring_entries.save_penilaian_diri(db, actor=staf, skp_id=skp.skp_id, periode="2026-TW1",
                                   rhk_id=skp.rhk_ids[0], rating=Rating.SESUAI, teks="On track")  # fmt: skip
    monitoring_entries.save_penilaian_diri(db, actor=staf, skp_id=skp.skp_id, periode="2026-TW1",
                                   nilai_id="akuntabel", rating=Rating.DI_ATAS)  # fmt: skip
    with pytest.raises(PermissionDenied):
        monitoring_entries.save_penilaian_diri(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                                       rhk_id=skp.rhk_ids[0], rating=Rating.SESUAI)  # fmt: skip
    assert feedback.add_default_frasa(db, actor=admin) == len(feedback.DEFAULT_FRASA)
    assert feedback.add_default_frasa(db, actor=admin) == 0
    with pytest.raises(PermissionDenied):
        feedback.save_frasa(db, actor=kabid, teks="Bagus")
    phrase = feedback.list_frasa(db, actor=kabid, untuk_perilaku=False)[0]
    value_phrase = feedback.list_frasa(db, actor=kabid, untuk_perilaku=True)[0]
    fb = feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                                  rhk_id=skp.rhk_ids[0], frasa_id=phrase.id, teks="Lanjutkan.")  # fmt: skip
    feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                             iki_id=skp.iki_ids[1], teks="Tambah bukti.")  # fmt: skip
    feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                             nilai_id="akuntabel", frasa_id=value_phrase.id)  # fmt: skip
    for other in (staf, office.kepala.actor, admin):
        with pytest.raises(PermissionDenied):
            feedback.give_feedback(db, actor=other, skp_id=skp.skp_id, periode="2026-TW1",
                                     rhk_id=skp.rhk_ids[0], teks="x")  # fmt: skip
    with pytest.raises(ValidationError):
        feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                                 rhk_id=skp.rhk_ids[0])  # fmt: skip
    reply = feedback.reply_feedback(db, actor=staf, umpan_balik_id=fb, teks="Siap, terima kasih")
    feedback.reply_feedback(db, actor=kabid, umpan_balik_id=reply, teks="Sama-sama")
    with pytest.raises(PermissionDenied):
        feedback.reply_feedback(db, actor=office.staf2.actor, umpan_balik_id=fb, teks="x")
    sheet = monitoring_sheet.period_sheet(
        db, actor=staf, pegawai_id=office.staf.id, periode="2026-TW1"
    )
    rhk = sheet.rhk[0]
    assert rhk.penilaian_diri is not None and rhk.penilaian_diri.rating is Rating.SESUAI
    (thread,) = rhk.feedback
    assert thread.penulis_nama == office.kabid.nama and thread.at is not None
    assert thread.isi == f"{phrase.teks} Lanjutkan."
    assert [(r.penulis_nama, r.teks) for r in thread.balasan] == [
        (office.staf.nama, "Siap, terima kasih"), (office.kabid.nama, "Sama-sama"),
    ]  # fmt: skip
    assert rhk.iki[1].feedback[0].teks == "Tambah bukti." and not rhk.iki[0].feedback
    akuntabel = next(n for n in sheet.nilai if n.id == "akuntabel")
    assert akuntabel.penilaian_diri is not None and akuntabel.feedback[0].frasa == value_phrase.teks
    assert len(sheet.nilai) == 7 and len(akuntabel.panduan) == 3
    feedback.save_frasa(db, actor=admin, teks=phrase.teks, aktif=False, frasa_id=phrase.id)
    assert phrase.id not in {f.id for f in feedback.list_frasa(db, actor=kabid)}
    with pytest.raises(ValidationError):
        feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                                 rhk_id=skp.rhk_ids[0], frasa_id=phrase.id)  # fmt: skip


def test_rencana_aksi_and_locking_after_final(db: Database, office: Office, skp: SkpIds) -> None:
    staf, kabid = office.staf.actor, office.kabid.actor
    ra = monitoring_entries.save_rencana_aksi(db, actor=staf, rhk_id=skp.rhk_ids[0], periode="2026-TW1",
                                      teks="Verifikasi berkas", target="50 berkas")  # fmt: skip
    monitoring_entries.save_rencana_aksi(db, actor=staf, rhk_id=skp.rhk_ids[0], periode="2026-TW1",
                                 teks="Verifikasi berkas masuk", rencana_aksi_id=ra)  # fmt: skip
    with pytest.raises(PermissionDenied):
        monitoring_entries.save_rencana_aksi(db, actor=kabid, rhk_id=skp.rhk_ids[0], periode="2026-TW1",
                                     teks="x")  # fmt: skip
    sheet = monitoring_sheet.period_sheet(
        db, actor=kabid, pegawai_id=office.staf.id, periode="2026-TW1"
    )
    assert [p.teks for p in sheet.rhk[0].rencana_aksi] == ["Verifikasi berkas masuk"]
    assert sheet.is_penilai and not sheet.is_self and not sheet.locked
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-TW1",
                               rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-TW1")
    with pytest.raises(WorkflowError):
        monitoring_entries.save_realisasi(db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1",
                                  nilai=1)  # fmt: skip
    with pytest.raises(WorkflowError):
        monitoring_entries.delete_rencana_aksi(db, actor=staf, rencana_aksi_id=ra)
    monitoring_entries.save_realisasi(
        db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW2", nilai=1
    )
    with pytest.raises(NotFoundError):
        monitoring_sheet.period_sheet(
            db, actor=kabid, pegawai_id=office.staf2.id, periode="2026-TW1"
        )


def test_board_shows_who_is_missing_what(db: Database, office: Office, skp: SkpIds) -> None:
    make_skp(db, office.staf2, office.kabid, rhk_count=1, iki_per_rhk=1)
    staf, kabid = office.staf.actor, office.kabid.actor
    for iki in skp.iki_ids:
        monitoring_entries.save_realisasi(db, actor=staf, iki_id=iki, periode="2026-TW1", nilai=5)
    feedback.give_feedback(db, actor=kabid, skp_id=skp.skp_id, periode="2026-TW1",
                             rhk_id=skp.rhk_ids[0], teks="Baik")  # fmt: skip
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-TW1",
                               rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    board = monitoring_board.unit_board(db, actor=kabid, unit_kode="BID1", periode="2026-TW1")
    by_id = {r.pegawai_id: r for r in board.rows}
    assert set(by_id) == {office.kabid.id, office.staf.id, office.staf2.id}
    assert by_id[office.staf.id].realisasi_lengkap and by_id[office.staf.id].evaluated
    assert by_id[office.staf.id].feedback == 1 and by_id[office.staf.id].iki_total == 4
    assert not by_id[office.staf2.id].realisasi_lengkap and by_id[office.staf2.id].has_skp
    assert not by_id[office.kabid.id].has_skp
    assert (board.total, board.with_skp, board.with_realisasi, board.with_feedback,
            board.evaluated) == (3, 2, 1, 1, 1)  # fmt: skip
    # The pengelola sees the whole DINAS; staff see nothing of the unit.
    dinas = monitoring_board.unit_board(db, actor=office.admin.actor, unit_kode="DINAS",
                                        periode="2026-TW1")  # fmt: skip
    assert dinas.total == 5
    with pytest.raises(PermissionDenied):
        monitoring_board.unit_board(db, actor=staf, unit_kode="BID1", periode="2026-TW1")


def test_home_items_for_pegawai_and_penilai(db: Database, office: Office, skp: SkpIds) -> None:
    today = dt.date(2026, 2, 10)
    mine = monitoring_board.home_items(db, office.staf.actor, today)
    kinds = {i.kind: i for i in mine}
    assert "4" in kinds["monitoring.realisasi"].title
    assert kinds["monitoring.realisasi"].payload == office.staf.id
    assert "monitoring.penilaian_diri" in kinds
    owed = monitoring_board.home_items(db, office.kabid.actor, today)
    assert [i.kind for i in owed] == ["monitoring.feedback_owed"]
    feedback.give_feedback(db, actor=office.kabid.actor, skp_id=skp.skp_id,
                             periode="2026-TW1", rhk_id=skp.rhk_ids[0], teks="Baik")  # fmt: skip
    assert monitoring_board.home_items(db, office.kabid.actor, today) == []
    assert "monitoring.feedback" in {
        i.kind for i in monitoring_board.home_items(db, office.staf.actor, today)
    }
