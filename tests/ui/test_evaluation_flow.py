"""A whole period driven through the Monitoring and Evaluation screens, offscreen: the
pegawai enters realisasi with a file attached and a self-assessment; the supervisor gives
feedback on an RHK and on a behaviour value; the pegawai replies; the supervisor evaluates
and the predikat shows; the leader one level up sets the unit's capaian and the unit's
distribution chart shows with its warning; the board shows who is late. Screenshots go to
the test artefacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import CapaianOrganisasi, JenisJabatan, Predikat, Rating
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import attachments
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation import distribution_tab, evaluation_tab
from kinerja_desktop.ui.evaluation.screen import EvaluationScreen
from kinerja_desktop.ui.monitoring import board_panel, phrases_dialog
from kinerja_desktop.ui.monitoring.screen import MonitoringScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

PERIOD = "2026-TW1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block offscreen: any error shown fails the test instead."""

    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (messages, board_panel, phrases_dialog, evaluation_tab, distribution_tab):
        monkeypatch.setattr(module, "show_error", fail)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _shot(widget: QWidget, artifacts: Path, name: str) -> None:
    assert widget.grab().save(str(artifacts / name))


def test_a_period_from_realisasi_to_distribution(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path, tmp_path: Path
) -> None:
    skp = make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    make_skp(db, office.kabid, office.kepala)
    feedback.add_default_frasa(db, actor=office.admin.actor)
    ctx = AppContext(db, home, office.staf.actor)

    # --- the pegawai: realisasi with a file, self-assessment of an RHK and a value
    screen = MonitoringScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    screen.set_period(PERIOD)
    panel = screen.sheet
    assert screen.person.currentData() == office.staf.id
    panel.select("iki", skp.iki_ids[0])
    assert panel.stack.currentIndex() == 2
    panel.iki_page.nilai.setValue(42)
    panel.iki_page.sumber.setText("SIAK terpusat")
    _click(qtbot, panel.iki_page.realisasi_save)
    evidence = tmp_path / "laporan-triwulan.pdf"
    evidence.write_bytes(PDF)
    panel.iki_page.attach_file(evidence)
    panel.iki_page.attach_file(evidence)  # the same file twice: stored once
    assert panel.iki_page.evidence.count() == 2
    stored = [p for p in home.attachments.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    assert panel.tree.currentItem().text(2) == "42"
    panel.select("rhk", skp.rhk_ids[0])
    panel.rhk_page.self_box.rating.setCurrentIndex(
        panel.rhk_page.self_box.rating.findData(Rating.SESUAI)
    )
    panel.rhk_page.self_box.text.setText("Sesuai rencana aksi")
    _click(qtbot, panel.rhk_page.self_box.save_button)
    panel.rhk_page.plan_text.setText("Verifikasi berkas pindah datang")
    panel.rhk_page.plan_target.setText("120 berkas")
    _click(qtbot, panel.rhk_page.plan_add)
    assert panel.rhk_page.plans.count() == 1
    assert not panel.rhk_page.feedback.give_row.isVisibleTo(panel)  # the pegawai gives none
    panel.select("nilai", "akuntabel")
    panel.nilai_page.self_box.rating.setCurrentIndex(
        panel.nilai_page.self_box.rating.findData(Rating.DI_ATAS)
    )
    _click(qtbot, panel.nilai_page.self_box.save_button)
    panel.select("iki", skp.iki_ids[0])
    _shot(screen, artifacts, "evaluation_flow_1_pegawai_realisasi.png")

    # --- the supervisor: feedback on the RHK (phrase + text) and on a behaviour value
    ctx.set_actor(office.kabid.actor)
    screen.person.setCurrentIndex(screen.person.findData(office.staf.id))
    panel.select("rhk", skp.rhk_ids[0])
    box = panel.rhk_page.feedback
    assert box.give_row.isVisibleTo(panel) and box.phrase.count() > 1
    box.phrase.setCurrentIndex(1)
    phrase = box.phrase.currentText()
    box.text.setText("Pertahankan kecepatan layanan.")
    _click(qtbot, box.give_button)
    assert box.threads.topLevelItem(0).text(0) == f"{phrase} Pertahankan kecepatan layanan."
    assert box.threads.topLevelItem(0).text(1) == office.kabid.nama
    panel.select("nilai", "akuntabel")
    panel.nilai_page.feedback.phrase.setCurrentIndex(1)
    _click(qtbot, panel.nilai_page.feedback.give_button)
    assert panel.nilai_page.feedback.threads.topLevelItemCount() == 1
    _shot(screen, artifacts, "evaluation_flow_2_supervisor_feedback.png")

    # --- the pegawai replies
    ctx.set_actor(office.staf.actor)
    panel.select("rhk", skp.rhk_ids[0])
    box = panel.rhk_page.feedback
    assert box.reply_row.isVisibleTo(panel) and not box.give_row.isVisibleTo(panel)
    box.reply_text.setText("Terima kasih, akan saya pertahankan.")
    _click(qtbot, box.reply_button)
    thread = box.threads.topLevelItem(0)
    assert thread.childCount() == 1 and thread.child(0).text(1) == office.staf.nama
    _shot(screen, artifacts, "evaluation_flow_3_reply.png")

    # --- the supervisor evaluates; the predikat and the angka kredit show
    ctx.set_actor(office.kabid.actor)
    ev = EvaluationScreen(ctx)
    qtbot.addWidget(ev)
    ev.resize(1100, 720)
    ev.show()
    ev.set_period(PERIOD)
    ev.open_item({"pegawai_id": office.staf.id, "periode": PERIOD})
    tab = ev.evaluation
    assert tab.row is not None and tab.row.can_edit
    tab.rating_hasil.setCurrentIndex(tab.rating_hasil.findData(Rating.DI_ATAS))
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.DI_ATAS))
    assert label(Predikat.SANGAT_BAIK) in tab.predikat.text()
    tab.catatan.setPlainText("Capaian triwulan melampaui target.")
    _click(qtbot, tab.final_button)
    assert tab.row.is_final and tab.row.predikat is Predikat.SANGAT_BAIK
    assert tab.angka_kredit.text() == "4,688"  # 150% x 12.5 x 3/12 (Ahli Pertama)
    assert tab.amend_button.isVisibleTo(tab) and not tab.save_button.isVisibleTo(tab)
    tab.rating_perilaku.setCurrentIndex(tab.rating_perilaku.findData(Rating.SESUAI))
    tab.amend("Penyesuaian setelah kalibrasi unit")
    assert tab.row.predikat is Predikat.BAIK and tab.history.count() == 1
    assert "kalibrasi" in tab.history.item(0).text()
    _shot(ev, artifacts, "evaluation_flow_4_evaluation.png")
    # The realisasi of a final period is locked for the pegawai.
    ctx.set_actor(office.staf.actor)
    panel.select("iki", skp.iki_ids[0])
    assert not panel.iki_page.realisasi_save.isEnabled()
    ctx.set_actor(office.kabid.actor)

    # --- the rest of the unit, then the leader one level up sets the capaian
    evaluation.save_evaluation(
        db,
        actor=office.kabid.actor,
        pegawai_id=office.staf2.id,
        periode=PERIOD,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
    )
    evaluation.save_evaluation(
        db,
        actor=office.kepala.actor,
        pegawai_id=office.kabid.id,
        periode=PERIOD,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.DI_ATAS,
    )
    ctx.set_actor(office.kepala.actor)
    ev.tabs.setCurrentWidget(ev.distribution_page)
    dist = ev.distribution
    dist.unit.select_unit("BID1")
    assert dist.set_button.isEnabled()
    dist.capaian.setCurrentIndex(dist.capaian.findData(CapaianOrganisasi.BAIK))
    dist.capaian_note.setText("Capaian PK triwulan I")
    _click(qtbot, dist.set_button)
    result = dist.result
    assert result is not None and result.check.total == 3
    assert result.check.jumlah[Predikat.BAIK] == 3
    # Baik: at most 70% of 3 = 2 Baik, and someone must be BP or K/M: two warnings, no block.
    assert len(result.check.peringatan) == 2
    shown = dist.messages.toPlainText()
    assert all(w in shown for w in result.check.peringatan) and result.check.catatan in shown
    assert dist.rules.topLevelItemCount() == 2
    _shot(ev, artifacts, "evaluation_flow_5_distribution.png")

    # --- the board: progress and double-click to the person
    ctx.set_actor(office.kabid.actor)
    screen.tabs.setCurrentWidget(screen.board)
    screen.board.unit.select_unit("BID1")
    board = screen.board
    assert board.board is not None and board.board.total == 3
    assert board.bars["evaluated"].value() == 3 and board.bars["realisasi"].value() == 0
    assert board.bars["feedback"].value() == 1
    _shot(screen, artifacts, "evaluation_flow_6_board.png")
    row = next(i for i, r in enumerate(board.model.rows) if r.pegawai_id == office.staf.id)
    with qtbot.waitSignal(ctx.navigate) as signal:
        board.open_row(board.model.index(row, 1))
    assert signal.args == ["monitoring", {"pegawai_id": office.staf.id, "periode": PERIOD}]
    screen.open_item(signal.args[1])
    assert screen.tabs.currentWidget() is screen.sheet
    assert screen.person.currentData() == office.staf.id
    assert attachments.stored_path(home, stored[0].name) == stored[0]
