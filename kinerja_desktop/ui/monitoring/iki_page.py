"""The IKI page of the period panel: the realisasi (figure, statement, data source), the
bukti dukung (files and links; they open with the system viewer or the browser), the evidence
of the period's daily entries for this IKI (read only here), and the feedback.

Laid out to be filled in without scrolling in a 1024×600 window: the figure and its source
share a line, the statement takes two lines with the save button beside it, the evidence
buttons are one short row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, format_number
from kinerja_desktop.models.enums import JenisBukti
from kinerja_desktop.services.harian import rollup as harian_rollup
from kinerja_desktop.services.harian.rollup import BuktiHarianRow
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.monitoring.sheet import IkiItem
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import ElidedLabel
from kinerja_desktop.ui.monitoring.feedback_box import FeedbackBox
from kinerja_desktop.ui.monitoring.item_pages import Give, ItemPage, Reply, Shown

# Lines of text the statement and the evidence lists show.
STATEMENT_LINES = 2
EVIDENCE_LINES = 3
DAILY_LINES = 2


def _lines_height(widget: QFrame, lines: int) -> int:
    """The height of ``widget`` showing ``lines`` lines of text."""
    return widget.fontMetrics().lineSpacing() * lines + 2 * widget.frameWidth() + 10


class IkiPage(ItemPage):
    def __init__(
        self, ctx: AppContext, give: Give, reply: Reply, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.iki: IkiItem | None = None
        self.title = ElidedLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.target = QLabel()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.target)
        self.feedback = FeedbackBox(give, reply)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(title_row)
        self.layout_.addWidget(self._realisasi_box())
        self.layout_.addWidget(self._evidence_box())
        self.layout_.addWidget(self.feedback, 1)

    def _realisasi_box(self) -> QGroupBox:
        self.nilai = QDoubleSpinBox()
        self.nilai.setRange(0, 999_999_999_999)
        self.nilai.setDecimals(2)
        self.nilai.setGroupSeparatorShown(True)
        self.nilai.setMaximumWidth(150)
        self.nilai_label = QLabel(_("Achieved:"))
        self.nilai_label.setBuddy(self.nilai)
        self.sumber = QLineEdit()
        self.sumber.setPlaceholderText(_("Where the figure comes from (application, register…)"))
        sumber_label = QLabel(_("Data source:"))
        sumber_label.setBuddy(self.sumber)
        self.statement = QPlainTextEdit()
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(_lines_height(self.statement, STATEMENT_LINES))
        statement_label = QLabel(_("Statement:"))
        statement_label.setBuddy(self.statement)
        self.realisasi_save = QPushButton(_("Save achievement"))
        self.realisasi_save.clicked.connect(self.save_realisasi)
        box = QGroupBox(_("Achievement (realisasi)"))
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.nilai_label, 0, 0)
        grid.addWidget(self.nilai, 0, 1)
        grid.addWidget(sumber_label, 0, 2)
        grid.addWidget(self.sumber, 0, 3)
        grid.addWidget(statement_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.statement, 1, 1, 1, 3)
        grid.addWidget(self.realisasi_save, 2, 0, 1, 4, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(3, 1)
        return box

    def _evidence_box(self) -> QGroupBox:
        self.evidence = QListWidget()
        self.evidence.setFixedHeight(_lines_height(self.evidence, EVIDENCE_LINES))
        self.evidence.itemDoubleClicked.connect(lambda _i: self.open_evidence())
        self.attach_button = QPushButton(_("&File…"))
        self.attach_button.setToolTip(_("Attach a file as evidence"))
        self.attach_button.clicked.connect(self._choose_file)
        self.link_button = QPushButton(_("&Link…"))
        self.link_button.setToolTip(_("Add a web address as evidence"))
        self.link_button.clicked.connect(self._ask_link)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self.open_evidence)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_evidence)
        buttons = QGridLayout()
        buttons.setSpacing(2)
        for index, button in enumerate(
            (self.attach_button, self.link_button, self.open_button, self.remove_button)
        ):
            buttons.addWidget(button, index // 2, index % 2)
        buttons.setRowStretch(2, 1)
        self.daily_label = ElidedLabel()
        self.daily_evidence = QListWidget()
        self.daily_evidence.setFixedHeight(_lines_height(self.daily_evidence, DAILY_LINES))
        self.daily_evidence.itemActivated.connect(lambda _i: self.open_daily_evidence())
        box = QGroupBox(_("Supporting evidence (bukti dukung)"))
        layout = QGridLayout(box)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.evidence, 0, 0)
        layout.addLayout(buttons, 0, 1)
        layout.addWidget(self.daily_label, 1, 0, 1, 2)
        layout.addWidget(self.daily_evidence, 2, 0, 1, 2)
        # Long entries end in "…"; the whole is in their tooltip.
        for listing in (self.evidence, self.daily_evidence):
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.setColumnStretch(0, 1)
        return box

    def show_item(self, shown: Shown, iki: IkiItem, daily: list[BuktiHarianRow]) -> None:
        self.shown, self.iki = shown, iki
        self.title.setText(iki.teks)
        self.target.setText(_("Target: {target}").format(target=iki.target or "—"))
        real = iki.realisasi
        self.nilai.setValue(real.nilai if real and real.nilai is not None else 0)
        self.statement.setPlainText(real.teks if real else "")
        self.statement.setPlaceholderText(
            _("Note on the figure (optional)")
            if iki.kuantitatif
            else _("What was achieved against the expected quality")
        )
        self.sumber.setText(real.sumber_data if real else "")
        self.sumber.setCursorPosition(0)
        self.nilai.setVisible(iki.kuantitatif)
        self.nilai_label.setVisible(iki.kuantitatif)
        editable = shown.editable
        for widget in (self.nilai, self.statement, self.sumber, self.realisasi_save):
            widget.setEnabled(editable)
        self.evidence.clear()
        for bukti in real.bukti if real else []:
            if bukti.jenis is JenisBukti.FILE:
                size = bukti.ukuran or 0
                text = (
                    _("File: {name} ({size} KB)").format(
                        name=bukti.nama, size=format_number(size / 1024, 1)
                    )
                    if size >= 1024
                    else _("File: {name} ({size} bytes)").format(name=bukti.nama, size=size)
                )
            else:
                text = _("Link: {name}").format(name=bukti.nama)
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, bukti)
            entry.setToolTip(bukti.url or bukti.nama)
            self.evidence.addItem(entry)
        for widget in (self.attach_button, self.link_button, self.remove_button):
            widget.setEnabled(editable and real is not None)
        self._show_daily_evidence(daily)
        shown.show_feedback(self.feedback, iki.feedback, perilaku=False)
        # The supervisor comes to give feedback: it comes first, above the fold of a 600-pixel
        # window; the pegawai's own achievement and evidence come first for them.
        supervising = shown.sheet.is_penilai and not shown.sheet.is_self
        self.layout_.removeWidget(self.feedback)
        self.layout_.insertWidget(1 if supervising else 3, self.feedback, 1)

    def _show_daily_evidence(self, rows: list[BuktiHarianRow]) -> None:
        """The evidence attached to the period's daily entries for this IKI (read here;
        it is attached and changed in the Harian area)."""
        self.daily_label.setText(
            _("From the daily log ({n}):").format(n=len(rows))
            if rows
            else _("From the daily log: no evidence attached to this IKI's entries.")
        )
        self.daily_evidence.clear()
        self.daily_evidence.setVisible(bool(rows))
        for row in rows:
            kind = _("File") if row.jenis is JenisBukti.FILE else _("Link")
            entry = QListWidgetItem(
                f"{format_date(row.tanggal)} — {row.kegiatan}: {kind} {row.nama}"
            )
            entry.setToolTip(row.url or row.nama)
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            self.daily_evidence.addItem(entry)

    # ----------------------------------------------------------------------- actions

    def save_realisasi(self) -> None:
        shown, iki = self.shown, self.iki
        if shown is None or iki is None:
            return
        self.run(
            monitoring_entries.save_realisasi,
            iki_id=iki.id,
            periode=shown.periode,
            nilai=self.nilai.value() if iki.kuantitatif else None,
            teks=self.statement.toPlainText(),
            sumber_data=self.sumber.text(),
        )

    def _realisasi_id(self) -> str | None:
        iki = self.iki
        return iki.realisasi.id if iki is not None and iki.realisasi is not None else None

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Attach evidence"),
            str(Path.home()),
            _(
                "Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.doc *.docx *.xls "
                "*.xlsx *.ppt *.pptx *.odt *.ods *.txt *.csv *.zip);;All files (*)"
            ),
        )
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        realisasi_id = self._realisasi_id()
        if realisasi_id is not None:
            self.run(monitoring_entries.add_bukti_file, realisasi_id=realisasi_id, path=path)

    def _ask_link(self) -> None:
        url, ok = QInputDialog.getText(self, _("Add a link"), _("Web address of the evidence:"))
        if ok and url.strip():
            self.add_link(url)

    def add_link(self, url: str) -> None:
        realisasi_id = self._realisasi_id()
        if realisasi_id is not None:
            self.run(monitoring_entries.add_bukti_link, realisasi_id=realisasi_id, url=url)

    def open_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is None:
            return
        self._open(monitoring_entries.evidence_to_open, item.data(Qt.ItemDataRole.UserRole).id)

    def open_daily_evidence(self) -> None:
        """Open the chosen evidence of a daily entry (double-click or Enter), by the same
        policy as the realisasi's."""
        item = self.daily_evidence.currentItem()
        if item is not None:
            self._open(harian_rollup.evidence_to_open, item.data(Qt.ItemDataRole.UserRole))

    def _open(self, fetch: Callable[..., monitoring_entries.EvidenceToOpen], bukti_id: str) -> None:
        """A link after showing its address and asking; a file as a temporary copy."""
        try:
            target = fetch(self.ctx.db, actor=self.ctx.actor, bukti_id=bukti_id)
        except KinerjaError as error:
            messages.show_error(self, error)
            return
        if target.kind == "link":
            answer = QMessageBox.question(
                self,
                _("Open a link"),
                _("Open this address in your web browser?\n\n{url}").format(url=target.address),
            )
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl(target.address, QUrl.ParsingMode.StrictMode))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(target.address))

    def remove_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            self.run(
                monitoring_entries.remove_bukti, bukti_id=item.data(Qt.ItemDataRole.UserRole).id
            )
