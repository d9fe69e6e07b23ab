"""The PDF preview inside the program and sending its pages to a printer.

The pages are rasterised by PDFium (``pypdfium2``, a few MB) rather than Qt PDF, which only
PySide6-Addons (about 160 MB) ships for the Qt versions the program supports. ``PdfFile`` is
one open PDF file: its page sizes and page images. ``PdfPreview`` shows it as a scrolling,
zoomable column of pages (fitted to the width at first), rendering only the pages in view:
PgUp/PgDn go to the previous/next page, Home/End to the first/last, Ctrl+plus/minus (or
Ctrl+wheel) zoom and Ctrl+0 fits the width again. ``print_document`` draws each page onto a
``QPrinter`` (rasterised at up to 300 dpi), fitted to the printable page: the system print
dialog chooses the printer, the copies and the page range.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QPoint, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Pages are rasterised at most at this resolution (a 1200 dpi A4 page would be a 550 MB
# image); 300 dpi prints text sharply on office printers.
RENDER_DPI = 300
POINTS_PER_INCH = 72
MARGIN = 12  # pixels around and between the pages in the preview
ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.2, 6.0  # screen pixels per PDF point
CACHED_PAGES = 8  # page images kept (the pages in view and their neighbours)


class PdfFile:
    """One PDF file opened with PDFium; ``close`` releases the file (so it can be deleted)."""

    def __init__(self, path: Path) -> None:
        self._pdf = pdfium.PdfDocument(str(path))
        self._sizes: list[QSizeF] = []
        for index in range(len(self._pdf)):
            page = self._pdf[index]
            try:
                width, height = page.get_size()
            finally:
                page.close()
            self._sizes.append(QSizeF(width, height))

    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> QSizeF:
        """The size of page ``index`` (from 0) in PDF points (1/72 inch)."""
        return self._sizes[index]

    def render(self, index: int, size: QSize) -> QImage:
        """Page ``index`` as an opaque image of ``size`` pixels (on white)."""
        points = self._sizes[index]
        page = self._pdf[index]
        try:
            bitmap = page.render(scale=size.width() / points.width(), prefer_bgrx=True)
            try:
                # BGRx bytes are Qt's RGB32 on the little-endian machines PDFium ships for.
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB32,
                ).copy()
            finally:
                bitmap.close()
        finally:
            page.close()
        return image

    def close(self) -> None:
        self._pdf.close()


class _Pages(QWidget):
    """The column of pages; paints the ones in the exposed area from the preview's cache."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__()
        self._preview = preview

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#808080"))
        for index, rect in enumerate(self._preview.page_rects()):
            if rect.intersects(event.rect()):
                painter.drawImage(rect, self._preview.page_image(index, rect.size()))
        painter.end()


class PdfPreview(QScrollArea):
    """A scrolling, zoomable, page-by-page view of one PDF file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf: PdfFile | None = None
        self.path: Path | None = None
        self.fit_width = True
        self.scale = 1.0  # screen pixels per PDF point
        self._rects: list[QRect] = []
        self._cache: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._pages = _Pages(self)
        self.setWidget(self._pages)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # always there, so fitting the width never makes it appear and change the width
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._layout()

    # --- the document ------------------------------------------------------------------------

    def show_file(self, path: Path) -> None:
        """Show ``path`` from its first page (the previous file is closed first)."""
        self.clear()
        self.pdf = PdfFile(path)
        self.path = path
        self._layout()
        self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
        self.pdf = None
        self.path = None
        self._cache.clear()
        self._layout()

    def page_count(self) -> int:
        return 0 if self.pdf is None else self.pdf.page_count()

    def print_pages(self, printer: QPrinter) -> int:
        """Print the file shown (see ``print_document``); nothing when none is shown."""
        return 0 if self.pdf is None else print_document(self.pdf, printer)

    # --- geometry ----------------------------------------------------------------------------

    def page_rects(self) -> list[QRect]:
        """Where each page is drawn, in the coordinates of the scrolled column."""
        return self._rects

    def _layout(self) -> None:
        """Place the pages at the current scale (fitting the width when asked) and resize."""
        sizes = (
            [] if self.pdf is None else [self.pdf.page_size(i) for i in range(self.page_count())]
        )
        widest = max((size.width() for size in sizes), default=0.0)
        if self.fit_width and widest:
            available = self.viewport().width() - 2 * MARGIN
            self.scale = min(MAX_SCALE, max(MIN_SCALE, available / widest))
        column = round(widest * self.scale)
        self._rects = []
        top = MARGIN
        for size in sizes:
            width, height = round(size.width() * self.scale), round(size.height() * self.scale)
            self._rects.append(QRect(MARGIN + (column - width) // 2, top, width, height))
            top += height + MARGIN
        self._pages.resize(column + 2 * MARGIN, top)
        self._pages.setVisible(bool(sizes))  # no empty grey column before a preview
        self._pages.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_width:
            self._relayout_keeping_place()

    def page_image(self, index: int, size: QSize) -> QImage:
        """Page ``index`` rendered for ``size`` logical pixels (sharp on high-dpi screens)."""
        if self.pdf is None:  # nothing is laid out without a file, so nothing asks
            return QImage()
        ratio = self.devicePixelRatioF()
        key = (index, round(size.width() * ratio), round(size.height() * ratio))
        image = self._cache.get(key)
        if image is None:
            image = self.pdf.render(index, QSize(key[1], key[2]))
            image.setDevicePixelRatio(ratio)
            self._cache[key] = image
            while len(self._cache) > CACHED_PAGES:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return image

    # --- moving and zooming ------------------------------------------------------------------

    def current_page(self) -> int:
        """The page (from 0) at the top of the view: the last one whose top is not below it."""
        top = self.verticalScrollBar().value() + MARGIN
        current = 0
        for index, rect in enumerate(self._rects):
            if rect.top() <= top:
                current = index
        return current

    def go_to_page(self, index: int) -> None:
        if self._rects:
            index = max(0, min(index, len(self._rects) - 1))
            self.verticalScrollBar().setValue(self._rects[index].top() - MARGIN)

    def zoom_in(self) -> None:
        self.set_scale(self.scale * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_scale(self.scale / ZOOM_STEP)

    def set_scale(self, scale: float) -> None:
        """Show the pages at ``scale`` pixels per point (no longer fitted to the width)."""
        self.fit_width = False
        self.scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self._relayout_keeping_place()

    def fit_to_width(self) -> None:
        self.fit_width = True
        self._relayout_keeping_place()

    def _relayout_keeping_place(self) -> None:
        """Relayout keeping the same part of the same page at the top of the view."""
        if not self._rects:
            self._layout()
            return
        page = self.current_page()
        rect = self._rects[page]
        offset = (self.verticalScrollBar().value() + MARGIN - rect.top()) / max(1, rect.height())
        self._layout()
        rect = self._rects[page]
        self.verticalScrollBar().setValue(round(rect.top() - MARGIN + offset * rect.height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_PageDown:
            self.go_to_page(self.current_page() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go_to_page(self._previous_page())
        elif key == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End:
            self.go_to_page(len(self._rects) - 1)
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (
            control and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
        ):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (
            control and key == Qt.Key.Key_Minus
        ):
            self.zoom_out()
        elif control and key == Qt.Key.Key_0:
            self.fit_to_width()
        else:
            super().keyPressEvent(event)

    def _previous_page(self) -> int:
        """The page PgUp goes to: the start of the current page when scrolled into it."""
        page = self.current_page()
        if self._rects and self.verticalScrollBar().value() + MARGIN > self._rects[page].top():
            return page
        return page - 1

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
        else:
            super().wheelEvent(event)


def print_document(document: PdfFile, printer: QPrinter) -> int:
    """Print every page of ``document`` (or the dialog's range); return the pages printed."""
    first, last = 1, document.page_count()
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
            points = document.page_size(number - 1)
            size = QSize(
                round(points.width() / POINTS_PER_INCH * dpi),
                round(points.height() / POINTS_PER_INCH * dpi),
            )
            image = document.render(number - 1, size)
            target = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(0, 0), target), image)
            printed += 1
    finally:
        painter.end()
    return printed
