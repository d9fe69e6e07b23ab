"""The user guide (Panduan Pengguna): a section for every area in both languages with the
screenshots it names present, F1 opens the section of the area in use, and the guide is
written to a printable PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.guide import guide_file, write_pdf
from kinerja_desktop.ui.main_window import MainWindow
from tests.factories import Office


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_area_has_a_section_and_its_pictures_exist(language: str) -> None:
    source = guide_file(language)
    assert source.name == f"{language}.html"
    html = source.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([^"]+)">', html))
    assert {area.key for area in AREAS} | {"first-start", "harian", "backups", "logout"} <= anchors
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links <= anchors
    for picture in re.findall(r'<img src="([^"]+)"', html):
        assert (source.parent / picture).is_file(), picture


def test_f1_opens_the_section_of_the_area_in_use(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    window = MainWindow(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    action = next(a for m in window.menuBar().actions() for a in m.menu().actions()
                  if a.objectName() == "userGuide")  # fmt: skip
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.open_area("home", None)
    action.trigger()
    guide = window.show_guide()
    assert guide.isVisible() and guide.browser.source().fileName() == "id.html"
    top = guide.browser.verticalScrollBar().value()
    window.open_area("evaluation", None)
    action.trigger()
    assert guide.browser.verticalScrollBar().value() > top
    assert "Panduan Pengguna" in guide.browser.toPlainText()


def test_the_guide_prints_to_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "panduan.pdf"
    pages = write_pdf(out, "id")
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 3
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Panduan Pengguna" in text and "Cadangan dan pemulihan" in text
