"""The Print area: choose a form, whose (a person or a whole unit) and the period; preview it
inside the program, print it through the system print dialog or save it as PDF.

Everything heavy (loading the data and rendering the PDF) runs in the background through
``ui.tasks.run_task`` with progress and Cancel; a unit batch becomes one PDF. The paper size
chosen here is the program's setting (``services.printing.set_paper_size``). Another area can
open a coaching session's forms with ``ctx.navigate("print", {"sesi_id": ID})``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTemporaryDir
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import LANGUAGES as LANGUAGE_NAMES
from kinerja_desktop.i18n import N_, _, ngettext
from kinerja_desktop.progress import Progress
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind, PrintRequest, PrintResult
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.print.preview import PdfPreview
from kinerja_desktop.ui.tasks import run_task
from kinerja_desktop.ui.units import unit_choices
from kinerja_desktop.ui.widgets.person_picker import PersonChoice, PersonPicker, choices

FORM_NAMES: dict[FormKind, str] = {
    FormKind.SKP: N_("SKP (Sasaran Kinerja Pegawai)"),
    FormKind.EVALUASI: N_("Evaluation worksheet (Evaluasi Kinerja Pegawai)"),
    FormKind.DOKUMEN_EVALUASI: N_("Dokumen Evaluasi Kinerja Pegawai (one page)"),
    FormKind.COACHING: N_("Coaching forms (B.1.8, B.1.9, session record)"),
    FormKind.PREDIKAT: N_("Penetapan Predikat Kinerja of a unit"),
    FormKind.LKH: N_("Laporan Kinerja Harian (LKH; period: a month, e.g. 2026-B11)"),
}
PERSON, UNIT = "person", "unit"


def _forms(count: int) -> str:
    return ngettext("{n} form", "{n} forms", count).format(n=count)


def _pages(count: int) -> str:
    return ngettext("{n} page", "{n} pages", count).format(n=count)


class PrintScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._tmp = QTemporaryDir()
        self._previews = 0
        self._sesi_id = ""
        self._previewed: tuple[Any, ...] | None = None

        self.kind = QComboBox()
        self.scope = QComboBox()
        self.person = PersonPicker(name="printPerson")
        self._people: dict[str, PersonChoice] = {}
        self.unit = QComboBox()
        self.period = QComboBox()
        self.period.setEditable(True)
        self.language = QComboBox()
        self.paper = QComboBox()
        self.preview_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview = PdfPreview()

        form = QFormLayout()
        self._labels = [QLabel() for _ in range(7)]
        for label, field in zip(
            self._labels,
            (self.kind, self.scope, self.person, self.unit, self.period, self.language,
             self.paper),
            strict=True,
        ):  # fmt: skip
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)
        left_layout.addStretch(1)
        for combo in (self.kind, self.unit):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(28)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.preview_button.setShortcut(QKeySequence("F5"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.preview_button.clicked.connect(lambda: self.make_preview())
        self.print_button.clicked.connect(self.print_forms)
        self.save_button.clicked.connect(self.save_pdf)
        self.kind.currentIndexChanged.connect(self._update_fields)
        self.scope.currentIndexChanged.connect(self._update_fields)
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        ctx.language_changed.connect(self.retranslate)
        ctx.data_changed.connect(self._data_changed)
        self.retranslate()
        self.reload()

    # --- filling the choices ---------------------------------------------------------------

    def retranslate(self) -> None:
        captions = (_("Form"), _("For"), _("Person"), _("Unit"), _("Period"),
                    _("Language of the form"), _("Paper"))  # fmt: skip
        for label, caption in zip(self._labels, captions, strict=True):
            label.setText(caption)
        self._refill(self.kind, [(_(FORM_NAMES[k]), k) for k in FormKind])
        self._refill(self.scope, [(_("One person"), PERSON),
                                  (_("A whole unit, in one PDF"), UNIT)])  # fmt: skip
        self._refill(self.language, [(LANGUAGE_NAMES[code], code) for code in printing.LANGUAGES])
        self.preview_button.setText(_("Preview (F5)"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        if self.preview.path is None:
            self.status.setText(_("Choose a form, a person or unit and a period, then Preview."))

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def reload(self) -> None:
        """(Re)load people, units, periods and the paper setting."""
        actor = self.ctx.actor
        listed = choices(people.list_people(self.ctx.db, actor=actor))
        self._people = {person.id: person for person in listed}
        self.person.set_people(listed, keep=self.person.current_person() or actor.pegawai_id)
        self._refill(self.unit, unit_choices(self.ctx.db, actor=actor))
        year = dt.date.today().year
        codes = [str(year), f"{year}-S1", f"{year}-S2"] + [f"{year}-TW{n}" for n in range(1, 5)]
        codes += [str(year - 1), f"{year - 1}-S2"]
        self._refill(self.period, [(code, code) for code in codes])
        paper = printing.paper_size(self.ctx.db, actor=actor)
        self._refill(self.paper, [(_("A4 (210 × 297 mm)"), "A4"),
                                  (_("F4 (215 × 330 mm)"), "F4")])  # fmt: skip
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(self.paper.findData(paper))
        self.paper.blockSignals(False)
        self._update_fields()

    def _data_changed(self, area: str) -> None:
        if area in ("people", "settings"):
            self.reload()

    def _update_fields(self) -> None:
        kind = self._kind()
        if kind is FormKind.PREDIKAT:
            self.scope.setCurrentIndex(self.scope.findData(UNIT))
        self.scope.setEnabled(kind is not FormKind.PREDIKAT)
        unit = self.scope.currentData() == UNIT
        self.person.setEnabled(not unit and self.person.count() > 0)
        self.unit.setEnabled(unit)
        self._sesi_id = "" if self.sender() is self.kind else self._sesi_id

    def _paper_chosen(self) -> None:
        try:
            printing.set_paper_size(
                self.ctx.db, actor=self.ctx.actor, paper=self.paper.currentData()
            )
        except Exception as error:  # a refused setting is shown, the screen stays usable
            show_error(self, error)

    def open_item(self, payload: object) -> None:
        """Open from another area: ``{"sesi_id": ID}`` for a session's coaching forms, or a
        pegawai id to preselect that person."""
        if isinstance(payload, dict) and payload.get("sesi_id"):
            self.kind.setCurrentIndex(self.kind.findData(FormKind.COACHING))
            self._sesi_id = str(payload["sesi_id"])
            self.make_preview()
        elif isinstance(payload, str):
            self.scope.setCurrentIndex(self.scope.findData(PERSON))
            self.person.select(payload)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the previewed document before the widget goes (its file is temporary)."""
        self.preview.clear()
        super().closeEvent(event)

    # --- the request and its PDF -----------------------------------------------------------

    def request(self) -> PrintRequest:
        kind = self._kind()
        unit = self.scope.currentData() == UNIT
        return PrintRequest(
            kind=kind,
            periode=self.period.currentText().strip(),
            nip="" if unit else self._person_nip(),
            unit_kode=self.unit.currentData() if unit else "",
            sesi_id=self._sesi_id if kind is FormKind.COACHING else "",
        )

    def _kind(self) -> FormKind:
        return FormKind(self.kind.currentData() or FormKind.SKP)

    def _person_nip(self) -> str:
        """The NIP of the person chosen (the forms are looked up by NIP), or "" for nobody."""
        person = self._people.get(self.person.current_person() or "")
        return person.nip or "" if person is not None else ""

    def _choice(self) -> tuple[Any, ...]:
        return (self.request(), self.language.currentData(), self.paper.currentData())

    def _render(self, out: Path, title: str, then: Callable[[PrintResult], None]) -> None:
        request, language, paper = self._choice()
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: Progress) -> PrintResult:
            return printing.print_to_file(db, actor=actor, request=request, out=out,
                                          language=language, paper=paper, progress=progress)  # fmt: skip

        run_task(self, work, title=title, on_done=then)

    def make_preview(self, after: Callable[[], None] | None = None) -> None:
        """Render the chosen forms and show them; then call ``after`` (e.g. print)."""
        self._previews += 1
        out = Path(self._tmp.path()) / f"preview-{self._previews}.pdf"
        choice = self._choice()

        def shown(result: PrintResult) -> None:
            old = self.preview.path
            self.preview.show_file(result.path)
            if old is not None and old != result.path:
                old.unlink(missing_ok=True)
            self._previewed = choice
            self.status.setText(
                _("{forms}, {pages}.").format(
                    forms=_forms(result.forms), pages=_pages(self.preview.page_count())
                )
            )
            if after is not None:
                after()

        self._render(out, _("Preparing the forms…"), shown)

    def print_forms(self) -> None:
        if self.preview.path is None or self._previewed != self._choice():
            self.make_preview(after=self._open_print_dialog)
        else:
            self._open_print_dialog()

    def _open_print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.preview.page_count()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = self.preview.print_pages(printer)
        self.status.setText(_("Sent to the printer: {pages}.").format(pages=_pages(pages)))

    def save_pdf(self) -> None:
        request = self.request()
        name = f"{request.kind.value}-{request.unit_kode or request.nip}-{request.periode}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / name), _("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")

        def saved(result: PrintResult) -> None:
            self.status.setText(
                _("Saved {forms} to {path}.").format(forms=_forms(result.forms), path=result.path)
            )

        self._render(target, _("Saving the forms…"), saved)
