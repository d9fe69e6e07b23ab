"""The "Serah ke SIASN" tab (pengelola kinerja): for the chosen period and unit, who can be
handed over and who cannot (with every reason), each person's hand-over status (handed
over, changed since), and the export of the files an operator uploads to SIASN / e-Kinerja
(payloads, Dokumen Evaluasi PDFs, workbook, manifest), run in the background with progress.
Nothing here calls the SIASN web service."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_datetime
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.siasn import handover
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.tasks import run_task
from kinerja_desktop.ui.widgets.unit_period import UnitChooser

if TYPE_CHECKING:
    from kinerja_desktop.services.siasn.export import ExportResult


class SiasnTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode = ""
        self.report: handover.HandoverReport | None = None
        self.stale = True
        self.unit = UnitChooser(ctx)
        self.unit.unit_changed.connect(lambda _u: self.reload())
        self.strict = QCheckBox(_("Only when everyone is ready"))
        self.export_button = QPushButton(_("&Export for SIASN…"))
        self.export_button.clicked.connect(self.export)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.people = QTreeWidget()
        self.people.setHeaderLabels([_("NIP"), _("Name"), _("Unit"), _("Predikat"), _("Status")])
        self.people.setRootIsDecorated(False)
        self.people.setWordWrap(True)
        header = self.people.header()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.people.setColumnWidth(0, 150)
        self.people.setColumnWidth(1, 180)
        self.people.setColumnWidth(2, 70)
        self.people.setColumnWidth(3, 100)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Unit:")))
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.strict)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.people, 1)
        # The units are listed when the tab is first shown (a whole office's units are not
        # worth reading for every visit of the Evaluation area).
        self.units_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        if self.units_stale:
            self.units_stale = False
            self.unit.blockSignals(True)
            self.unit.fill(leading=[(_("Whole office"), "")])
            self.unit.blockSignals(False)
        if self.stale:
            self.reload()

    def fill_units(self) -> None:
        """List the units again (another user logged in): now if shown, else when shown."""
        self.units_stale = True
        if self.isVisible():
            self._catch_up()

    def set_period(self, periode: str) -> None:
        self.periode = periode
        self.reload()

    def reload(self) -> None:
        """Refresh the report; while the tab is hidden only remember to (a whole office's
        report is not worth building on every change elsewhere on the screen)."""
        if not self.periode or not self.ctx.actor.is_pengelola:
            return
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        try:
            self.report = handover.prepare(
                self.ctx.db,
                actor=self.ctx.actor,
                periode=self.periode,
                unit_kode=str(self.unit.currentData() or ""),
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self._show(self.report)

    def _show(self, report: handover.HandoverReport) -> None:
        self.summary.setText(
            _("{period}: {ready} ready, {blocked} cannot be handed over ({endpoint}/save).").format(
                period=report.periode_label,
                ready=len(report.ready),
                blocked=len(report.blocked),
                endpoint=report.jenis.value,
            )
        )
        self.note.setText(report.ritme_note)
        self.note.setVisible(bool(report.ritme_note))
        self.people.clear()
        for blocked in report.blocked:
            self._add(blocked.person, "\n".join(blocked.messages()))
        for ready in report.ready:
            if ready.handed_over_at is None:
                status = _("Ready")
            else:
                when = format_datetime(ready.handed_over_at.astimezone())
                status = (
                    _("Changed since handed over on {at}")
                    if ready.changed_since
                    else _("Handed over on {at}")
                ).format(at=when)
            self._add(ready.person, status)
        self.export_button.setEnabled(bool(report.ready))

    def _add(self, person: handover.Person, status: str) -> None:
        predikat = label(person.predikat) if person.predikat else "—"
        item = QTreeWidgetItem([person.nip, person.nama, person.unit_kode, predikat, status])
        item.setToolTip(4, status)
        self.people.addTopLevelItem(item)

    def export(self) -> None:
        parent = QFileDialog.getExistingDirectory(self, _("Folder for the SIASN files"))
        if parent:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
            self.export_to(Path(parent) / f"SIASN-{self.periode}-{stamp}")

    def export_to(self, out: Path) -> None:
        """Write the hand-over of the shown period and unit into the new folder ``out``."""
        # The export (reportlab, openpyxl) loads when used: the Evaluation area opens fast.
        from kinerja_desktop.services.siasn import export as siasn_export

        periode, unit = self.periode, str(self.unit.currentData() or "")
        strict = self.strict.isChecked()
        run_task(
            self,
            lambda progress: siasn_export.export_handover(
                self.ctx.db,
                actor=self.ctx.actor,
                periode=periode,
                unit_kode=unit,
                out=out,
                strict=strict,
                progress=progress,
            ),
            title=_("Writing the SIASN files…"),
            on_done=self._exported,
        )

    def _exported(self, result: ExportResult) -> None:
        self.reload()
        self.summary.setText(
            self.summary.text()
            + " "
            + _("Written: {files} files in {folder} (see manifest.json).").format(
                files=result.files, folder=result.folder
            )
        )
