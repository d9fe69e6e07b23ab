"""The daily log seen from the monitoring period view: the evidence of daily entries opens
by the safe evidence policy (a link after its address is shown, a file as a temporary copy,
a hostile link refused), and the replies on "other duties" entries have their own thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.harian import BuktiHarian
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import entries as harian
from kinerja_desktop.services.harian import replies, rollup
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.monitoring import iki_page
from kinerja_desktop.ui.monitoring.screen import MonitoringScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

pytestmark = pytest.mark.usefixtures("harian_today")
DAY = dt.date(2026, 11, 2)


def test_daily_evidence_opens_by_the_evidence_policy_and_other_duties_have_a_thread(
    qtbot: QtBot,
    db: Database,
    home: DataHome,
    office: Office,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    asked: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(iki_page.QDesktopServices, "openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(
        iki_page.messages, "show_error", lambda _p, error, *_a: shown.append(str(error))
    )
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    skp = make_skp(db, office.staf, office.kabid)
    staf = office.staf.actor
    [row, other] = harian.add_entries(
        db, actor=staf, pegawai_id=office.staf.id, today=dt.date(2026, 11, 30),
        items=[harian.EntryInput(DAY, "08:00", "10:00", "Verifikasi berkas", iki_id=skp.iki_ids[0]),
               harian.EntryInput(DAY, "10:00", "11:00", "Apel dan rapat")],
    )  # fmt: skip
    pdf = tmp_path / "rekap.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    rollup.add_bukti_file(db, actor=staf, entry_id=row.id, path=pdf)
    rollup.add_bukti_link(db, actor=staf, entry_id=row.id, url="https://drive.example.id/ktp")
    replies.reply(db, actor=office.kabid.actor, entry_id=other.id, teks="Apel tercatat.")

    screen = MonitoringScreen(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(screen)
    screen.set_period("2026-TW4")
    panel = screen.sheet
    panel.set_target(office.staf.id, "2026-TW4")
    panel.select("iki", skp.iki_ids[0])
    assert panel.iki_page.daily_evidence.count() == 2

    panel.iki_page.daily_evidence.setCurrentRow(
        0
    )  # the file: a temporary copy, not the stored file
    qtbot.keyClick(panel.iki_page.daily_evidence, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].isLocalFile()  # type: ignore[attr-defined]
    copy = Path(opened[0].toLocalFile())  # type: ignore[attr-defined]
    assert copy.suffix == ".pdf" and home.root not in copy.parents
    assert copy.read_bytes() == pdf.read_bytes()

    panel.iki_page.daily_evidence.setCurrentRow(1)  # the link: its address shown first, declined
    panel.iki_page.open_daily_evidence()
    assert len(opened) == 1 and "https://drive.example.id/ktp" in asked[-1]
    answer[0] = QMessageBox.StandardButton.Yes
    panel.iki_page.open_daily_evidence()
    assert opened[-1].toString() == "https://drive.example.id/ktp"  # type: ignore[attr-defined]

    with db.unit_of_work(SYSTEM) as session:  # arrived from elsewhere, not a web address
        session.execute(update(BuktiHarian).where(BuktiHarian.jenis == "link")
                        .values(url="file:///C:/Windows/System32/calc.exe"))  # fmt: skip
    panel.iki_page.open_daily_evidence()
    assert len(opened) == 2 and "calc.exe" in shown[-1]

    panel.select("harian", "")  # replies on entries without an IKI: their own thread
    threads = panel.nilai_page.feedback.threads
    assert threads.topLevelItemCount() == 1
    assert threads.topLevelItem(0).text(0) == "Apel tercatat."  # type: ignore[union-attr]
    page = panel.nilai_page
    assert not page.self_box.isVisibleTo(panel) and not page.feedback.give_row.isVisibleTo(panel)
