"""Create or edit a person. The service checks everything; its message is shown next to the
field it concerns and nothing is written until it passes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import ConfirmationRequired, KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.services.core.reference import GOLONGAN_PNS, GOLONGAN_PPPK, label
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people.directory import PegawaiInput, PegawaiRow
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import confirm
from kinerja_desktop.ui.units import unit_choices

_ERROR_STYLE = "border: 1px solid #c0392b;"


class PersonDialog(QDialog):
    """``person`` None creates; otherwise edits that person."""

    def __init__(
        self, ctx: AppContext, person: PegawaiRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.saved: PegawaiRow | None = None
        self.setWindowTitle(_("Edit person") if person else _("New person"))
        self.setMinimumWidth(520)
        self.jenis = QComboBox()
        for jenis in JenisAsn:
            self.jenis.addItem(label(jenis), jenis.value)
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(_("18 digits, e.g. 19900315 201503 2 002"))
        self.nama = QLineEdit()
        self.gelar_depan = QLineEdit()
        self.gelar_belakang = QLineEdit()
        self.golongan = QComboBox()
        self.golongan.setEditable(False)
        self.unit = QComboBox()
        self.unit.addItem(_("(none)"), "")
        for text, kode in unit_choices(ctx.db, actor=ctx.actor):
            self.unit.addItem(text, kode)
        self.jabatan = QComboBox()
        self.jabatan.addItem(_("(none)"), None)
        for jab in people.list_jabatan(ctx.db, actor=ctx.actor):
            self.jabatan.addItem(f"{jab.nama} ({label(jab.jenjang)})", jab.id)
        self.penilai = QLineEdit()
        self.penilai.setPlaceholderText(_("NIP of the appraising official"))
        self.email = QLineEdit()
        self.telepon = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("Employee type"), self.jenis)
        form.addRow(_("NIP / NI PPPK"), self.nip)
        form.addRow(_("Name"), self.nama)
        form.addRow(_("Title before name"), self.gelar_depan)
        form.addRow(_("Title after name"), self.gelar_belakang)
        form.addRow(_("Grade (golongan)"), self.golongan)
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Position"), self.jabatan)
        form.addRow(_("Appraising official"), self.penilai)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Telephone"), self.telepon)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fields: dict[str, QWidget] = {
            "nip": self.nip,
            "nama": self.nama,
            "golongan": self.golongan,
            "unit": self.unit,
            "jabatan": self.jabatan,
            "penilai": self.penilai,
        }
        self.jenis.currentIndexChanged.connect(self._fill_golongan)
        self._fill_golongan()
        if person is not None:
            self._load(person)

    def _fill_golongan(self) -> None:
        current = self.golongan.currentData()
        self.golongan.clear()
        self.golongan.addItem(_("(none)"), "")
        jenis = JenisAsn(self.jenis.currentData())
        options = list(GOLONGAN_PNS) if jenis is JenisAsn.PNS else GOLONGAN_PPPK
        for gol in options:
            self.golongan.addItem(gol, gol)
        index = self.golongan.findData(current)
        self.golongan.setCurrentIndex(max(index, 0))

    def _load(self, p: PegawaiRow) -> None:
        self.jenis.setCurrentIndex(self.jenis.findData(p.jenis_asn.value))
        self.nip.setText(p.nip)
        self.nama.setText(p.nama)
        self.golongan.setCurrentIndex(max(self.golongan.findData(p.golongan), 0))
        self.unit.setCurrentIndex(max(self.unit.findData(p.unit_kode), 0))
        self.jabatan.setCurrentIndex(max(self.jabatan.findData(p.jabatan_id), 0))
        self.penilai.setText(p.penilai_nip)
        self.gelar_depan.setText(p.gelar_depan)
        self.gelar_belakang.setText(p.gelar_belakang)
        self.email.setText(p.email)
        self.telepon.setText(p.telepon)

    def input(self) -> PegawaiInput:
        return PegawaiInput(
            nip=self.nip.text(),
            nama=self.nama.text(),
            jenis_asn=JenisAsn(self.jenis.currentData()),
            gelar_depan=self.gelar_depan.text(),
            gelar_belakang=self.gelar_belakang.text(),
            golongan=self.golongan.currentData() or "",
            unit_kode=self.unit.currentData() or "",
            jabatan_id=self.jabatan.currentData(),
            penilai_nip=self.penilai.text(),
            email=self.email.text(),
            telepon=self.telepon.text(),
        )

    def _store(self, confirm_tmt: bool) -> PegawaiRow:
        if self.person is None:
            return people.create_person(
                self.ctx.db, actor=self.ctx.actor, data=self.input(), confirm_tmt=confirm_tmt
            )
        return people.update_person(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=self.person.id, data=self.input(),
            confirm_tmt=confirm_tmt,
        )  # fmt: skip

    def save(self) -> None:
        for widget in self._fields.values():
            widget.setStyleSheet("")
        try:
            try:
                self.saved = self._store(confirm_tmt=False)
            except ConfirmationRequired as unusual:
                if not confirm(self, unusual.message, _("Unusual NIP")):
                    raise
                self.saved = self._store(confirm_tmt=True)
        except KinerjaError as error:
            self.error.setText(error.message)
            self.error.show()
            field_widget = self._fields.get(error.field or "")
            if field_widget is not None:
                field_widget.setStyleSheet(_ERROR_STYLE)
                field_widget.setFocus()
            return
        self.accept()
