"""The PDF preview inside the program (Qt PDF) and sending its pages to a printer.

``PdfPreview`` shows a PDF file with Qt's own PDF viewer (``QPdfView`` over a
``QPdfDocument``). ``print_document`` draws each page of the document onto a ``QPrinter``
(rasterised at up to 300 dpi), fitted to the printable page: the system print dialog chooses
the printer, the copies and the page range.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

# Pages are rasterised at most at this resolution (a 1200 dpi A4 page would be a 550 MB
# image); 300 dpi prints text sharply on office printers.
RENDER_DPI = 300


class PdfPreview(QPdfView):
    """A scrolling, page-by-page view of one PDF file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.pdf = QPdfDocument(self)
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.path: Path | None = None

    def show_file(self, path: Path) -> None:
        """Show ``path`` (the previous file is closed first, so it can be deleted)."""
        self.pdf.close()
        self.pdf.load(str(path))
        self.path = path

    def clear(self) -> None:
        self.pdf.close()
        self.path = None

    def page_count(self) -> int:
        return self.pdf.pageCount()


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of ``document`` (or the dialog's range); return the pages printed."""
    first, last = 1, document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(printer.toPage(), last)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), RENDER_DPI)
        area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(number - 1)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(number - 1, size)
            target = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed
