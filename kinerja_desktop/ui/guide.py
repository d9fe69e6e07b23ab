"""The user guide, Panduan Pengguna: simple HTML under ``resources/guide`` (Indonesian first,
English second) with screenshots made by ``make screenshots``; shown in a window from the Help
menu and by F1, which opens the section of the area in use (each section's anchor is the area's
key), and written to a PDF for printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _, current_language
from kinerja_desktop.paths import resources_dir


def guide_file(language: str | None = None) -> Path:
    """The guide's HTML in ``language`` (default: the program's), Indonesian if missing."""
    folder = resources_dir() / "guide"
    wanted = folder / f"{language or current_language()}.html"
    return wanted if wanted.exists() else folder / "id.html"


def write_pdf(out: Path, language: str | None = None) -> int:
    """Write the guide to ``out`` as an A4 PDF with its pictures; return the page count."""
    source = guide_file(language)
    document = QTextDocument()
    document.setBaseUrl(QUrl.fromLocalFile(str(source.parent) + "/"))
    document.setHtml(source.read_text(encoding="utf-8"))
    writer = QPdfWriter(str(out))
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
    pages = document.pageCount()
    document.print_(writer)
    return pages


class GuideWindow(QDialog):
    """The guide in a browser of its own; ``show_section`` scrolls to an area's part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        self.resize(760, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def show_section(self, anchor: str) -> None:
        """Open the guide in the program's language at ``anchor`` (an area's key)."""
        url = QUrl.fromLocalFile(str(guide_file()))
        if self.browser.source().path() != url.path():
            self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self.show()
        self.activateWindow()

    def save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / _("user-guide.pdf")), _("PDF files (*.pdf)")
        )
        if path:
            write_pdf(Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf"))
