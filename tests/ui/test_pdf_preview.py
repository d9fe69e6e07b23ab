"""The PDF preview (PDFium pages in a scroll area): pages rendered as images, fitted to the
width, PgUp/PgDn/Home/End between pages, Ctrl+plus/minus and Ctrl+wheel zoom, Ctrl+0 fits
again, the file released on clear, and printing a page range."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kinerja_desktop.ui.print.preview import MARGIN, PdfFile, PdfPreview, print_document
from tests.unit.forms_pdf import page_count, pdf_text

PAGES = 5


def _pdf(path: Path, pages: int = PAGES) -> Path:
    """A4 pages, each with a black square in its top-left quarter and its number."""
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for number in range(1, pages + 1):
        canvas.rect(0, height / 2, width / 2, height / 2, stroke=0, fill=1)
        canvas.drawString(width * 0.6, height * 0.2, f"Halaman {number}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def preview(qtbot: QtBot, tmp_path: Path) -> Iterator[PdfPreview]:
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_file(_pdf(tmp_path / "pages.pdf"))
    yield widget
    widget.clear()


def test_pages_are_rendered_and_fitted_to_the_width(preview: PdfPreview) -> None:
    assert preview.page_count() == PAGES and not preview.widget().isHidden()
    rects = preview.page_rects()
    assert len(rects) == PAGES
    assert rects[0].width() == preview.viewport().width() - 2 * MARGIN
    assert rects[1].top() > rects[0].bottom()  # one column, top to bottom
    image = preview.grab().toImage()
    first = rects[0]
    inside = first.topLeft() + QPoint(first.width() // 4, first.height() // 4)
    blank = first.topLeft() + QPoint(first.width() * 3 // 4, first.height() // 4)
    assert QColor(image.pixel(preview.viewport().mapTo(preview, inside))).lightness() < 40
    assert QColor(image.pixel(preview.viewport().mapTo(preview, blank))).lightness() > 240


def test_keys_move_between_pages(qtbot: QtBot, preview: PdfPreview) -> None:
    assert preview.current_page() == 0
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.current_page() == 1
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.current_page() == 2
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert preview.current_page() == 1
    qtbot.keyClick(preview, Qt.Key.Key_End)
    assert preview.current_page() == PAGES - 1
    qtbot.keyClick(preview, Qt.Key.Key_Home)
    assert preview.current_page() == 0
    assert preview.verticalScrollBar().value() == 0
    # inside a page, PgUp goes back to its start first
    preview.go_to_page(3)
    preview.verticalScrollBar().setValue(preview.verticalScrollBar().value() + 50)
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert preview.current_page() == 3
    assert preview.verticalScrollBar().value() == preview.page_rects()[3].top() - MARGIN


def test_zoom_keys_and_wheel_keep_the_page(qtbot: QtBot, preview: PdfPreview) -> None:
    fitted = preview.page_rects()[0].width()
    preview.go_to_page(2)
    qtbot.keyClick(preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not preview.fit_width
    assert preview.page_rects()[0].width() > fitted
    assert preview.current_page() == 2  # the page in view stays in view
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.page_rects()[0].width() < fitted
    assert preview.current_page() == 2
    qtbot.keyClick(preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.fit_width and preview.page_rects()[0].width() == fitted

    smaller = preview.page_rects()[0].width()
    _wheel(preview, 120)
    assert preview.page_rects()[0].width() > smaller
    _wheel(preview, -120)
    _wheel(preview, -120)
    assert preview.page_rects()[0].width() < smaller


def _wheel(preview: PdfPreview, delta: int) -> None:
    centre = QPointF(preview.viewport().rect().center())
    event = QWheelEvent(
        centre, preview.mapToGlobal(centre), QPoint(), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(preview.viewport(), event)


def test_refitted_when_resized_and_file_released_on_clear(
    qtbot: QtBot, preview: PdfPreview
) -> None:
    preview.resize(700, 400)
    qtbot.waitUntil(
        lambda: preview.page_rects()[0].width() == preview.viewport().width() - 2 * MARGIN
    )
    path = preview.path
    assert path is not None
    preview.clear()
    assert preview.page_count() == 0 and preview.path is None and preview.page_rects() == []
    assert preview.widget().isHidden()  # an empty preview shows no empty page column
    assert preview.print_pages(QPrinter()) == 0  # nothing shown, nothing printed
    path.unlink()  # the file is no longer held open
    assert not path.exists()


def test_print_a_page_range(tmp_path: Path, qapp: QApplication) -> None:
    document = PdfFile(_pdf(tmp_path / "pages.pdf"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_document(document, printer) == 2
    document.close()
    assert page_count(printed) == 2
    assert pdf_text(printed).strip() == ""  # pages go to the printer as images
