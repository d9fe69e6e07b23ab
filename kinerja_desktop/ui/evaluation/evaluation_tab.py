"""The evaluation tab: people I evaluate on the left, the chosen person's evaluation on the
right. The predikat shown follows the two ratings at once (``predikat_kinerja``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import N_, _, format_date, format_datetime, format_number
from kinerja_desktop.models.enums import Predikat, Rating
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation import keberatan
from kinerja_desktop.services.evaluation.angka_kredit import for_period
from kinerja_desktop.services.evaluation.evaluations import EvaluasiRow, predikat_kinerja
from kinerja_desktop.services.siasn import handover
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import nip_text
from kinerja_desktop.ui.layout import FlowLayout, separated_items
from kinerja_desktop.ui.messages import show_error

PREDIKAT_STYLE = {
    Predikat.SANGAT_BAIK: "background:#2e7d32;color:white;",
    Predikat.BAIK: "background:#66bb6a;color:black;",
    Predikat.BUTUH_PERBAIKAN: "background:#fbc02d;color:black;",
    Predikat.KURANG: "background:#fb8c00;color:black;",
    Predikat.SANGAT_KURANG: "background:#c62828;color:white;",
}


CHOOSE = N_("Choose a person on the left. People appear here once their SKP is approved.")
NO_RECORD = N_(
    "Your account is not linked to a pegawai record, so nobody is evaluated by you here. "
    "Each person is evaluated by their pejabat penilai; Monitoring > Who is late shows who "
    "still has no evaluation."
)


def handover_note(ctx: AppContext, evaluasi_id: str | None) -> str:
    """ " · handed over to SIASN on …" / " · changed since handed over …" for an evaluation."""
    if not evaluasi_id:
        return ""
    state = handover.evaluation_state(ctx.db, actor=ctx.actor, evaluasi_id=evaluasi_id)
    if state is None:
        return ""
    when = format_datetime(state.at.astimezone())
    if state.changed_since:
        return " · " + _("changed since handed over to SIASN on {at}").format(at=when)
    return " · " + _("handed over to SIASN on {at}").format(at=when)


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
        self.objection_row: keberatan.KeberatanRow | None = None
        self.people = QListWidget()
        self.people.setMinimumWidth(200)
        separated_items(self.people)
        self.people.currentItemChanged.connect(lambda *_a: self._load_current())
        self._build_fields()
        self._build_form_box()
        self.empty = QLabel(_(CHOOSE))
        self.empty.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.form_box)
        right_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        splitter = QSplitter()
        splitter.addWidget(self.people)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.form_box.hide()

    def _build_fields(self) -> None:
        """The evaluation's fields, its buttons, the objection line and the amendments list."""
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
        self.objection = QLabel()
        self.objection.setWordWrap(True)
        self.object_button = QPushButton(_("Object (keberatan)…"))
        self.object_button.clicked.connect(self._ask_object)
        self.decide_button = QPushButton(_("Decide the objection…"))
        self.decide_button.clicked.connect(self._ask_decide)
        self.history = QListWidget()
        self.history.setMaximumHeight(110)

    def _build_form_box(self) -> None:
        """The chosen person's evaluation: title, ratings and notes, buttons, objection, amendments."""
        form = QFormLayout()
        form.addRow(_("Work result rating:"), self.rating_hasil)
        form.addRow(_("Work behaviour rating:"), self.rating_perilaku)
        form.addRow(_("Predikat:"), self.predikat)
        form.addRow(_("Credit points (JF):"), self.angka_kredit)
        form.addRow(_("Notes:"), self.catatan)
        form.addRow(_("Recommendation:"), self.rekomendasi)
        form.addRow(_("Status:"), self.status)
        buttons = FlowLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.final_button)
        buttons.addWidget(self.amend_button)
        buttons.addWidget(self.object_button)
        buttons.addWidget(self.decide_button)
        self.form_box = QGroupBox(_("Evaluation"))
        box = QVBoxLayout(self.form_box)
        box.addWidget(self.title)
        box.addWidget(self.info)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.objection)
        box.addWidget(QLabel(_("Amendments:")))
        box.addWidget(self.history)

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
            item.setToolTip(item.text())
            self.people.addItem(item)
        self.people.blockSignals(False)
        self.people.setVisible(bool(rows))
        if self.ctx.actor.pegawai_id is None:
            self.empty.setText(_(NO_RECORD))
        elif not rows:
            self.empty.setText(_("Nobody to evaluate in this period: you appraise no one yet."))
        else:
            self.empty.setText(_(CHOOSE))
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
            f"<b>{row.pegawai_nama}</b> — {nip_text(row.pegawai_nip)}<br>{row.jabatan} · {row.periode_label}"
        )
        capaian = label(row.capaian_organisasi) if row.capaian_organisasi else _("not set")
        # A name may end in a title's full stop ("M.Si."): no sentence ends right after it.
        info = _("Appraising official: {penilai} · Organisational achievement of the unit: {c}")
        text = info.format(penilai=row.penilai_nama or "—", c=capaian)
        if row.memimpin_unit:
            text += "<br>" + _(
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
            (
                _("Final since {at}").format(at=format_datetime(row.final_at.astimezone()))
                if row.is_final and row.final_at
                else _("Draft")
            )
            + handover_note(self.ctx, row.id)
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
        self._show_objection(row)
        self._show_predikat()

    def _show_objection(self, row: EvaluasiRow) -> None:
        """The keberatan of a final evaluation (PP 30/2019 Pasal 59): the pegawai may object;
        the atasan pejabat penilai decides, finally."""
        me = self.ctx.actor.pegawai_id
        self.objection_row = (
            keberatan.keberatan_of(self.ctx.db, actor=self.ctx.actor, evaluasi_id=row.id)
            if row.id and row.is_final
            else None
        )
        k = self.objection_row
        if k is None:
            self.objection.setText("")
        elif k.diputuskan and k.keputusan_tanggal:
            self.objection.setText(
                _("Objection decided on {date} by {name} (final): {reason}").format(
                    date=format_date(k.keputusan_tanggal), name=k.atasan_nama,
                    reason=k.keputusan_alasan)
            )  # fmt: skip
        else:
            self.objection.setText(
                _("Objection filed on {date}, waiting for the decision of {name}: {reason}")
                .format(date=format_date(k.tanggal), name=k.atasan_nama, reason=k.alasan)
            )  # fmt: skip
        self.object_button.setVisible(row.is_final and k is None and me == row.pegawai_id)
        deciding = k is not None and not k.diputuskan and me == k.atasan_id
        self.decide_button.setVisible(deciding)
        self.amend_button.setVisible(self.amend_button.isVisible() and k is None)
        if deciding:
            for widget in (self.rating_hasil, self.rating_perilaku):
                widget.setEnabled(True)

    def _ask_object(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self,
            _("Object to the evaluation"),
            _("Your reasons, and the evidence you offer. The atasan pejabat penilai decides; "
              "the decision is final."),
        )  # fmt: skip
        if ok:
            self.file_objection(reason)

    def file_objection(self, reason: str, evidence: str = "") -> None:
        row = self.row
        if row is None:
            return
        try:
            keberatan.file_keberatan(self.ctx.db, actor=self.ctx.actor, pegawai_id=row.pegawai_id,
                                     periode=row.periode, alasan=reason, bukti=evidence)  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self._load(row.pegawai_id)

    def _ask_decide(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self,
            _("Decide the objection"),
            _("The reasons of your decision. The ratings chosen above are set; the decision "
              "is final."),
        )  # fmt: skip
        if ok:
            self.decide_objection(reason)

    def decide_objection(self, reason: str) -> None:
        row, k = self.row, self.objection_row
        if row is None or k is None:
            return
        hasil, perilaku = self._ratings()
        try:
            keberatan.decide_keberatan(self.ctx.db, actor=self.ctx.actor, keberatan_id=k.id,
                                       alasan=reason, rating_hasil=hasil,
                                       rating_perilaku=perilaku)  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self._load(row.pegawai_id)

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
