"""The Print screen offscreen: preview a person's SKP in the program's PDF preview, switch to
a unit batch, save as PDF, print through the (accepted) print dialog into a PDF file, and open a
coaching session's forms from another area. Screenshots go to the test artefacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind
from kinerja_desktop.ui import tasks
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.print import screen as print_screen
from kinerja_desktop.ui.print.screen import UNIT, PrintScreen
from kinerja_desktop.ui.widgets.person_picker import PersonPicker
from tests.factories import Office
from tests.unit.forms_fixtures import PRIVATE_NOTE, make_world
from tests.unit.forms_pdf import page_count, pdf_text


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    monkeypatch.setattr(print_screen, "show_error", fail)
    monkeypatch.setattr(tasks, "show_error", fail)


def _screen(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> PrintScreen:
    make_world(db, office)
    ctx = AppContext(db, home, office.kabid.actor)
    widget = PrintScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    return widget


def _ready(widget: PrintScreen) -> bool:
    return widget.preview.page_count() > 0


def test_preview_batch_save_and_print(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, tmp_path: Path,
    artifacts: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    widget = _screen(qtbot, db, home, office)
    widget.kind.setCurrentIndex(widget.kind.findData(FormKind.SKP))
    assert widget.person.select(office.staf.id)
    widget.period.setCurrentText("2026")
    widget.preview_button.click()
    qtbot.waitUntil(lambda: _ready(widget), timeout=20000)
    assert widget.preview.page_count() == 2
    assert "1 formulir" in widget.status.text()
    qtbot.wait(200)
    widget.grab().save(str(artifacts / "print-screen-skp.png"))

    # the whole unit in one PDF, evaluation worksheet, English
    widget.kind.setCurrentIndex(widget.kind.findData(FormKind.EVALUASI))
    widget.scope.setCurrentIndex(widget.scope.findData(UNIT))
    widget.unit.setCurrentIndex(widget.unit.findData("BID1"))
    widget.period.setCurrentText("2026-S1")
    widget.language.setCurrentIndex(widget.language.findData("en"))
    first = widget.preview.path
    widget.preview_button.click()
    qtbot.waitUntil(lambda: widget.preview.path != first and _ready(widget), timeout=20000)
    assert first is not None and not first.exists()  # the old preview file is removed
    assert widget.preview.page_count() >= 2

    # save as PDF
    target = tmp_path / "saved"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    widget.save_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "saved.pdf").exists(), timeout=20000)
    text = pdf_text(tmp_path / "saved.pdf")
    assert "EMPLOYEE PERFORMANCE EVALUATION" in text and "Dewi Lestari" in text

    # print: the dialog is accepted and the printer writes a PDF file
    printed = tmp_path / "printed.pdf"

    def accept(dialog: QDialog) -> int:
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(print_screen.QPrintDialog, "exec", accept)
    widget.print_button.click()
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=20000)
    assert "halaman" in widget.status.text()
    assert page_count(printed) == widget.preview.page_count()


def test_paper_choice_is_the_setting_and_session_forms_open_from_elsewhere(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    widget = _screen(qtbot, db, home, office)
    widget.paper.setCurrentIndex(widget.paper.findData("F4"))
    assert printing.paper_size(db, actor=SYSTEM) == "F4"
    world_sesi = _session_id(db)
    widget.open_item({"sesi_id": world_sesi})
    qtbot.waitUntil(lambda: _ready(widget), timeout=20000)
    assert widget.preview.page_count() == 3  # B.1.8, B.1.9 and the session record
    assert widget.preview.path is not None
    text = pdf_text(widget.preview.path)
    assert "FORMAT B.1.8" in text and PRIVATE_NOTE not in text
    qtbot.wait(200)
    widget.grab().save(str(artifacts / "print-screen-coaching.png"))


def test_the_person_is_the_one_picker_and_the_request_carries_their_nip(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    """The person box is the shared picker (people by pegawai id); the request gets the
    chosen person's NIP; the acting user is chosen first; another area preselects someone by
    pegawai id; typing nobody gives way to the person chosen; a unit batch has no person."""
    widget = _screen(qtbot, db, home, office)
    assert isinstance(widget.person, PersonPicker)
    assert widget.person.current_person() == office.kabid.id
    assert widget.request().nip == office.kabid.nip
    assert widget.person.select(office.staf.id)
    assert widget.request().nip == office.staf.nip
    widget.scope.setCurrentIndex(widget.scope.findData(UNIT))
    assert not widget.person.isEnabled() and widget.request().nip == ""
    widget.open_item(office.staf2.id)
    assert widget.scope.currentData() != UNIT and widget.person.isEnabled()
    assert widget.person.current_person() == office.staf2.id
    assert widget.request().nip == office.staf2.nip
    line = widget.person.lineEdit()
    assert line is not None
    line.setText("nobody at all")
    line.editingFinished.emit()
    assert widget.request().nip == office.staf2.nip
    assert line.text() == widget.person.currentText()
    # a reload (people changed elsewhere) keeps the choice
    widget.reload()
    assert widget.person.current_person() == office.staf2.id


def _session_id(db: Database) -> str:
    from sqlalchemy import select

    from kinerja_desktop.models.coaching import SesiCoaching

    with db.read(SYSTEM) as session:
        return str(session.execute(select(SesiCoaching.id)).scalar_one())
