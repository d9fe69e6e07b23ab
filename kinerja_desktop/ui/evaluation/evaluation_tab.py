"""The evaluation tab: people I evaluate on the left, the chosen person's evaluation on the
right. The predikat shown follows the two ratings at once (``predikat_kinerja``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_datetime, format_number
from kinerja_desktop.models.enums import Predikat, Rating
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation.angka_kredit import for_period
from kinerja_desktop.services.evaluation.evaluations import EvaluasiRow, predikat_kinerja
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error

PREDIKAT_STYLE = {
    Predikat.SANGAT_BAIK: "background:#2e7d32;color:white;",
    Predikat.BAIK: "background:#66bb6a;color:black;",
    Predikat.BUTUH_PERBAIKAN: "background:#fbc02d;color:black;",
    Predikat.KURANG: "background:#fb8c00;color:black;",
    Predikat.SANGAT_KURANG: "background:#c62828;color:white;",
}


def rating_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("— not rated —"), None)
    for rating in Rating:
        combo.addItem(label(rating), rating)
    return combo


class EvaluationTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.periode = ""
        self.row: EvaluasiRow | None = None
        self.people = QListWidget()
        self.people.setMinimumWidth(300)
        self.people.currentItemChanged.connect(lambda *_a: self._load_current())
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.rating_hasil = rating_combo()
        self.rating_perilaku = rating_combo()
        self.rating_hasil.currentIndexChanged.connect(self._show_predikat)
        self.rating_perilaku.currentIndexChanged.connect(self._show_predikat)
        self.predikat = QLabel()
        self.predikat.setObjectName("predikat")
        self.angka_kredit = QLabel()
        self.catatan = QPlainTextEdit()
        self.catatan.setPlaceholderText(_("Notes on the performance in this period"))
        self.catatan.setMaximumHeight(80)
        self.rekomendasi = QPlainTextEdit()
        self.rekomendasi.setPlaceholderText(_("Recommendation (development, training, …)"))
        self.rekomendasi.setMaximumHeight(60)
        self.status = QLabel()
        self.save_button = QPushButton(_("&Save draft"))
        self.save_button.clicked.connect(self.save)
        self.final_button = QPushButton(_("&Finalize"))
        self.final_button.clicked.connect(self.finalize)
        self.amend_button = QPushButton(_("&Amend…"))
        self.amend_button.clicked.connect(self._ask_amend)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow(_("Work result rating:"), self.rating_hasil)
        form.addRow(_("Work behaviour rating:"), self.rating_perilaku)
        form.addRow(_("Predikat:"), self.predikat)
        form.addRow(_("Credit points (JF):"), self.angka_kredit)
        form.addRow(_("Notes:"), self.catatan)
        form.addRow(_("Recommendation:"), self.rekomendasi)
        form.addRow(_("Status:"), self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.final_button)
        buttons.addWidget(self.amend_button)
        buttons.addStretch(1)
        self.form_box = QGroupBox(_("Evaluation"))
        box = QVBoxLayout(self.form_box)
        box.addWidget(self.title)
        box.addWidget(self.info)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(QLabel(_("Amendments:")))
        box.addWidget(self.history)
        self.empty = QLabel(
            _("Choose a person on the left. People appear here once their SKP is approved.")
        )
        self.empty.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.form_box)
        right_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.people)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.form_box.hide()

    def set_period(self, periode: str) -> None:
        self.periode = periode
        self.reload()

    def reload(self) -> None:
        if not self.periode:
            return
        selected = self.current_pegawai()
        self.people.blockSignals(True)
        self.people.clear()
        try:
            rows = evaluation.evaluatees(self.ctx.db, actor=self.ctx.actor, periode=self.periode)
        except KinerjaError as error:
            show_error(self, error)
            rows = []
        for row in rows:
            state = (
                label(row.predikat)
                if row.predikat
                else _("not evaluated")
                if row.has_skp
                else _("no approved SKP")
            )
            if row.status is not None and row.status.value == "final":
                state += " ✓"
            item = QListWidgetItem(f"{row.nama}\n{row.jabatan} — {state}")
            item.setData(Qt.ItemDataRole.UserRole, row.pegawai_id)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self.open_person(selected) if selected else self._load_current()

    def current_pegawai(self) -> str | None:
        item = self.people.currentItem()
        if item is not None:
            return str(item.data(Qt.ItemDataRole.UserRole))
        return self.row.pegawai_id if self.row is not None else None

    def open_person(self, pegawai_id: str) -> None:
        for index in range(self.people.count()):
            item = self.people.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == pegawai_id:
                self.people.setCurrentItem(item)
                self._load(pegawai_id)
                return
        self.people.setCurrentRow(-1)
        self._load(pegawai_id)

    def _load_current(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.row = None
            self.form_box.hide()
            self.empty.show()
            return
        self._load(str(item.data(Qt.ItemDataRole.UserRole)))

    def _load(self, pegawai_id: str) -> None:
        try:
            row = evaluation.get_evaluation(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=pegawai_id, periode=self.periode
            )
        except KinerjaError as error:
            self.row = None
            self.form_box.hide()
            self.empty.setText(error.message)
            self.empty.show()
            return
        self.show_row(row)

    def show_row(self, row: EvaluasiRow) -> None:
        self.row = row
        self.empty.hide()
        self.form_box.show()
        self.title.setText(
            f"<b>{row.pegawai_nama}</b> — {row.pegawai_nip}<br>{row.jabatan} · {row.periode_label}"
        )
        capaian = label(row.capaian_organisasi) if row.capaian_organisasi else _("not set")
        info = _("Appraising official: {penilai}. Organisational achievement of the unit: {c}.")
        text = info.format(penilai=row.penilai_nama or "—", c=capaian)
        if row.memimpin_unit:
            text += " " + _(
                "This person leads a unit: the work result rating follows the unit's "
                "organisational achievement."
            )
        self.info.setText(text)
        for combo, value in (
            (self.rating_hasil, row.rating_hasil),
            (self.rating_perilaku, row.rating_perilaku),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.catatan.setPlainText(row.catatan)
        self.rekomendasi.setPlainText(row.rekomendasi)
        self.status.setText(
            _("Final since {at}").format(at=format_datetime(row.final_at.astimezone()))
            if row.is_final and row.final_at
            else _("Draft")
        )
        editable = row.can_edit and not row.is_final
        for widget in (self.rating_hasil, self.rating_perilaku):
            widget.setEnabled(row.can_edit)
        self.catatan.setReadOnly(not row.can_edit)
        self.rekomendasi.setReadOnly(not row.can_edit)
        self.save_button.setVisible(editable)
        self.final_button.setVisible(editable)
        self.amend_button.setVisible(row.can_edit and row.is_final)
        self.history.clear()
        for change in row.amandemen:
            before = change.sebelum.get("predikat")
            after = change.sesudah.get("predikat")
            self.history.addItem(
                _("{at} by {who}: {reason} ({before} → {after})").format(
                    at=format_datetime(change.at.astimezone()),
                    who=change.oleh_nama or "—",
                    reason=change.alasan,
                    before=label(Predikat(before)) if before else "—",
                    after=label(Predikat(after)) if after else "—",
                )
            )
        if not row.amandemen:
            self.history.addItem(_("No amendments."))
        self._show_predikat()

    def _ratings(self) -> tuple[Rating | None, Rating | None]:
        return self.rating_hasil.currentData(), self.rating_perilaku.currentData()

    def _show_predikat(self) -> None:
        hasil, perilaku = self._ratings()
        if hasil is None or perilaku is None:
            self.predikat.setText(_("— give both ratings —"))
            self.predikat.setStyleSheet("")
            self.angka_kredit.setText("—")
            return
        value = predikat_kinerja(hasil, perilaku)
        self.predikat.setText(f" {label(value)} ")
        self.predikat.setStyleSheet(PREDIKAT_STYLE[value] + "font-weight:bold;padding:2px;")
        row = self.row
        if row is not None and row.predikat is value and row.angka_kredit is not None:
            self.angka_kredit.setText(format_number(row.angka_kredit, 3))
        elif row is not None and row.jenjang is not None:
            ak = for_period(value, row.jenjang, row.periode)
            self.angka_kredit.setText(format_number(ak, 3) if ak is not None else _("not a JF"))
        else:
            self.angka_kredit.setText(_("not a JF"))

    def _call(self, action: str, **kwargs: object) -> None:
        row = self.row
        if row is None:
            return
        function = getattr(evaluation, action)
        try:
            updated = function(
                self.ctx.db,
                actor=self.ctx.actor,
                pegawai_id=row.pegawai_id,
                periode=row.periode,
                **kwargs,
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.show_row(updated)

    def _values(self) -> dict[str, object]:
        hasil, perilaku = self._ratings()
        return {
            "rating_hasil": hasil,
            "rating_perilaku": perilaku,
            "catatan": self.catatan.toPlainText(),
            "rekomendasi": self.rekomendasi.toPlainText(),
        }

    def save(self) -> None:
        self._call("save_evaluation", **self._values())

    def finalize(self) -> None:
        self._call("save_evaluation", **self._values())
        if self.row is not None and self.row.predikat is not None:
            self._call("finalize_evaluation")

    def _ask_amend(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self,
            _("Amend a final evaluation"),
            _("Why is this final evaluation changed? The reason is kept in its history."),
        )
        if ok:
            self.amend(reason)

    def amend(self, reason: str) -> None:
        self._call("amend_evaluation", alasan=reason, **self._values())
