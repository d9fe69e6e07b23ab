"""The other tabs of the SKP editor: perilaku kerja (the BerAKHLAK values as reference,
with the supervisor's ekspektasi khusus), lampiran (three lists), and the history of the
workflow."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_datetime
from kinerja_desktop.models.enums import JenisLampiran, SkpStatus
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp.plan import SkpDetail
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


class PerilakuPanel(QWidget):
    """Seven values, three behaviours each; the ekspektasi is editable by the supervisor."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SkpDetail | None = None
        self.edits: dict[str, QPlainTextEdit] = {}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton(_("&Save expectations"))
        self.save_button.setObjectName("saveEkspektasi")
        self.save_button.clicked.connect(self.save)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def set_detail(self, detail: SkpDetail | None) -> None:
        self.detail = detail
        if detail is None:
            return
        if not self.edits:
            for n, row in enumerate(detail.perilaku, start=1):
                box = QGroupBox(f"{n}. {row.nama}")
                inner = QVBoxLayout(box)
                behaviours = QLabel(
                    "\n".join(f"{i}. {text}" for i, text in enumerate(row.panduan, start=1))
                )
                behaviours.setWordWrap(True)
                inner.addWidget(behaviours)
                inner.addWidget(QLabel(_("Leader's specific expectation:")))
                edit = QPlainTextEdit()
                edit.setObjectName(f"ekspektasi_{row.nilai_id}")
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(48)
                inner.addWidget(edit)
                self.edits[row.nilai_id] = edit
                self.body_layout.addWidget(box)
            self.body_layout.addStretch(1)
        may = detail.can.ekspektasi
        for row in detail.perilaku:
            edit = self.edits[row.nilai_id]
            edit.setPlainText(row.ekspektasi)
            edit.setReadOnly(not may)
        self.save_button.setVisible(may)
        self.note.setText(
            _("As the supervisor, write what you specifically expect for each value.")
            if may
            else _("The supervisor writes the specific expectations.")
        )

    def save(self) -> None:
        detail = self.detail
        if detail is None:
            return
        try:
            for row in detail.perilaku:
                text = self.edits[row.nilai_id].toPlainText()
                if text.strip() != row.ekspektasi:
                    skp_edit.set_ekspektasi(
                        self.ctx.db,
                        actor=self.ctx.actor,
                        skp_id=detail.id,
                        nilai_id=row.nilai_id,
                        teks=text,
                    )
        except KinerjaError as error:
            show_error(self, error)
        self.changed.emit()


class LampiranPanel(QWidget):
    """The three lists of the lampiran, one line per item."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SkpDetail | None = None
        self.edits: dict[JenisLampiran, QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(_("One item per line."))
        layout.addWidget(hint)
        for jenis in JenisLampiran:
            box = QGroupBox(label(jenis))
            inner = QVBoxLayout(box)
            edit = QPlainTextEdit()
            edit.setObjectName(f"lampiran_{jenis.value}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(40)
            inner.addWidget(edit)
            self.edits[jenis] = edit
            layout.addWidget(box, 1)
        self.save_button = QPushButton(_("&Save appendix"))
        self.save_button.setObjectName("saveLampiran")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def set_detail(self, detail: SkpDetail | None) -> None:
        self.detail = detail
        if detail is None:
            return
        for jenis, edit in self.edits.items():
            edit.setPlainText("\n".join(r.teks for r in detail.lampiran[jenis]))
            edit.setReadOnly(not detail.can.edit)
        self.save_button.setVisible(detail.can.edit)

    def save(self) -> None:
        detail = self.detail
        if detail is None:
            return
        try:
            for jenis, edit in self.edits.items():
                lines = edit.toPlainText().splitlines()
                if [t.strip() for t in lines if t.strip()] != [
                    r.teks for r in detail.lampiran[jenis]
                ]:
                    skp_edit.set_lampiran(
                        self.ctx.db,
                        actor=self.ctx.actor,
                        skp_id=detail.id,
                        jenis=jenis,
                        items=lines,
                    )
        except KinerjaError as error:
            show_error(self, error)
        self.changed.emit()


class HistoryPanel(QTreeWidget):
    """Each workflow step: when, who, what, from which state to which, why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skpHistory")
        self.setRootIsDecorated(False)
        self.setHeaderLabels([_("When"), _("Who"), _("What"), _("Status"), _("Reason")])

    def set_detail(self, detail: SkpDetail | None) -> None:
        self.clear()
        if detail is None:
            return
        for event in reversed(detail.events):
            status = label(SkpStatus(event.ke_status)) if event.ke_status else ""
            self.addTopLevelItem(
                QTreeWidgetItem(
                    [format_datetime(event.at), event.oleh, event.label, status, event.alasan]
                )
            )
        for column, width in enumerate((150, 180, 200, 110)):
            self.setColumnWidth(column, width)
