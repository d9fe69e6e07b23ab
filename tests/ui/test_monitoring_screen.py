"""Monitoring screen details: a refused evidence file shows its clear message; the pengelola
keeps the standard phrase list and the year's rhythm; the board is hidden from people who lead nobody."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import entries as harian
from kinerja_desktop.services.harian import rollup
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.monitoring import iki_page
from kinerja_desktop.ui.monitoring.phrases_dialog import PhrasesDialog
from kinerja_desktop.ui.monitoring.screen import MonitoringScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


def test_refused_evidence_file_shows_a_clear_message(
    qtbot: QtBot,
    db: Database,
    home: DataHome,
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, error, *_a: shown.append(str(error)))
    skp = make_skp(db, office.staf, office.kabid)
    ctx = AppContext(db, home, office.staf.actor)
    screen = MonitoringScreen(ctx)
    qtbot.addWidget(screen)
    screen.set_period("2026-TW2")
    panel = screen.sheet
    assert not screen.tabs.isTabVisible(1)  # staff lead nobody: no board
    panel.select("iki", skp.iki_ids[0])
    assert not panel.iki_page.attach_button.isEnabled()  # no realisasi yet
    panel.iki_page.nilai.setValue(7)
    qtbot.mouseClick(panel.iki_page.realisasi_save, Qt.MouseButton.LeftButton)
    assert panel.iki_page.attach_button.isEnabled()
    missing = tmp_path / "tidak-ada.pdf"
    panel.iki_page.attach_file(missing)
    assert len(shown) == 1 and str(missing) in shown[0]
    wrong = tmp_path / "foto.png"
    wrong.write_text("bukan gambar")
    panel.iki_page.attach_file(wrong)
    assert "foto.png" in shown[1] and "PNG" in shown[1]
    assert panel.iki_page.evidence.count() == 0
    panel.iki_page.add_link("https://drive.example.id/bukti")
    assert panel.iki_page.evidence.count() == 1


def test_pengelola_keeps_the_phrase_list(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    ctx = AppContext(db, home, office.admin.actor)
    screen = MonitoringScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.phrases_button.isVisibleTo(screen)
    dialog = PhrasesDialog(ctx, screen)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and dialog.defaults_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.defaults_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == len(feedback.DEFAULT_FRASA)
    dialog.text.setText("Laporan rapi dan lengkap.")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == len(feedback.DEFAULT_FRASA) + 1
    first = dialog.list.item(0)
    first.setCheckState(Qt.CheckState.Unchecked)
    active = feedback.list_frasa(db, actor=office.admin.actor)
    assert len(active) == len(feedback.DEFAULT_FRASA)
    assert dialog.list.item(0).checkState() == Qt.CheckState.Unchecked
    screen.year.setValue(2026)
    assert screen.ritme.isVisibleTo(screen) and screen.period.count() == 5  # quarters + year
    screen.set_ritme(Ritme.SEMESTERAN)
    assert [screen.period.itemData(i) for i in range(screen.period.count())] == [
        "2026-S1",
        "2026-S2",
        "2026",
    ]
    assert monitoring.get_ritme(db, actor=office.kabid.actor, tahun=2026) is Ritme.SEMESTERAN
    kabid = MonitoringScreen(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(kabid)
    assert not kabid.phrases_button.isVisibleTo(kabid) and kabid.tabs.isTabVisible(1)
    assert not kabid.ritme.isVisibleTo(kabid)


def test_opening_evidence_hands_the_system_only_what_the_policy_allowed(
    qtbot: QtBot,
    db: Database,
    home: DataHome,
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import update

    from kinerja_desktop.actor import SYSTEM
    from kinerja_desktop.models.monitoring import BuktiDukung

    opened: list[str] = []
    asked: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(iki_page.QDesktopServices, "openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(messages, "show_error", lambda _p, error, *_a: shown.append(str(error)))
    answer = [QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    skp = make_skp(db, office.staf, office.kabid)
    screen = MonitoringScreen(AppContext(db, home, office.staf.actor))
    qtbot.addWidget(screen)
    screen.set_period("2026-TW2")
    panel = screen.sheet
    panel.select("iki", skp.iki_ids[0])
    panel.iki_page.nilai.setValue(7)
    qtbot.mouseClick(panel.iki_page.realisasi_save, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    panel.iki_page.attach_file(pdf)
    panel.iki_page.add_link("https://drive.example.id/bukti")
    assert panel.iki_page.evidence.count() == 2

    panel.iki_page.evidence.setCurrentRow(0)  # the file: a temporary copy, not the stored file
    panel.iki_page.open_evidence()
    assert len(opened) == 1 and opened[0].isLocalFile()
    copy = Path(opened[0].toLocalFile())
    assert copy.suffix == ".pdf" and home.root not in copy.parents

    panel.iki_page.evidence.setCurrentRow(1)  # the link: the address is shown first
    answer[0] = QMessageBox.StandardButton.No
    panel.iki_page.open_evidence()
    assert len(opened) == 1 and "https://drive.example.id/bukti" in asked[-1]
    answer[0] = QMessageBox.StandardButton.Yes
    panel.iki_page.open_evidence()
    assert opened[-1].toString() == "https://drive.example.id/bukti"

    # a link that arrived from elsewhere and is not a web address is refused, not opened
    with db.unit_of_work(SYSTEM) as session:
        session.execute(update(BuktiDukung).where(BuktiDukung.jenis == "link")
                        .values(url="file:///C:/Windows/System32/calc.exe"))  # fmt: skip
    panel.iki_page.evidence.setCurrentRow(1)
    panel.iki_page.open_evidence()
    assert len(opened) == 2 and "calc.exe" in shown[-1]


@pytest.mark.usefixtures("harian_today")
def test_daily_log_evidence_shows_beside_the_iki_realisasi(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    """The evidence attached to the period's daily entries is listed on the IKI it advanced,
    next to the period's realisasi; entries of another IKI or period are not."""
    skp = make_skp(db, office.staf, office.kabid)
    staf = office.staf.actor

    def entry_with_link(day: dt.date, text: str, iki: str | None, url: str) -> None:
        [row] = harian.add_entries(
            db, actor=staf, pegawai_id=office.staf.id, today=dt.date(2026, 11, 30),
            items=[harian.EntryInput(day, "08:00", "10:00", text, iki_id=iki)],
        )  # fmt: skip
        rollup.add_bukti_link(db, actor=staf, entry_id=row.id, url=url, nama=text[:12])

    entry_with_link(dt.date(2026, 11, 2), "Verifikasi berkas KTP-el", skp.iki_ids[0],
                    "https://drive.example.id/ktp")  # fmt: skip
    entry_with_link(dt.date(2026, 11, 3), "Rekap layanan harian", skp.iki_ids[0],
                    "https://drive.example.id/rekap")  # fmt: skip
    entry_with_link(dt.date(2026, 11, 4), "Rapat koordinasi", None, "https://x.example.id/r")
    entry_with_link(dt.date(2026, 6, 2), "Berkas bulan Juni", skp.iki_ids[0],
                    "https://drive.example.id/juni")  # fmt: skip
    screen = MonitoringScreen(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(screen)
    screen.resize(1024 - 200, 600 - 60)
    screen.show()
    screen.set_period("2026-TW4")
    panel = screen.sheet
    panel.set_target(office.staf.id, "2026-TW4")
    panel.select("iki", skp.iki_ids[0])
    texts = [
        panel.iki_page.daily_evidence.item(i).text()
        for i in range(panel.iki_page.daily_evidence.count())
    ]  # type: ignore[union-attr]
    assert len(texts) == 2 and "(2)" in panel.iki_page.daily_label.text()
    assert "Verifikasi berkas KTP-el" in texts[0] and "2 November 2026" in texts[0]
    assert "Rekap layanan harian" in texts[1] and "Juni" not in " ".join(texts)
    assert panel.iki_page.daily_evidence.item(0).toolTip() == "https://drive.example.id/ktp"  # type: ignore[union-attr]
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1024 - 200 and hint.height() <= 600 - 60, hint
    screen.grab().save(str(artifacts / "monitoring-daily-evidence.png"))
    panel.select("iki", skp.iki_ids[1])
    assert (
        panel.iki_page.daily_evidence.count() == 0
        and not panel.iki_page.daily_evidence.isVisibleTo(panel)
    )
