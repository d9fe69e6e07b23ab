"""The new-session dialog: type, date, time, place, coach, others present, what it is about,
and the talking points to start the agenda with (open actions are carried over)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.common import SesiRow
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import DATE_EDIT_FORMAT
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, choices


class SessionDialog(QDialog):
    """Schedule a session for ``pegawai_id``, or change ``existing``; ``created`` holds the
    new or changed session when accepted."""

    def __init__(
        self, ctx: AppContext, pegawai_id: str, parent: QWidget | None = None,
        existing: SesiRow | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id = pegawai_id
        self.existing = existing
        self.created: SesiRow | None = None
        self.setWindowTitle(_("Change session") if existing else _("New session"))
        self.jenis = QComboBox()
        for jenis in JenisSesi:
            self.jenis.addItem(label(jenis), jenis)
        self.tanggal = QDateEdit(QDate.currentDate())
        self.tanggal.setCalendarPopup(True)
        self.tanggal.setDisplayFormat(DATE_EDIT_FORMAT)
        self.waktu = QTimeEdit(QTime(9, 0))
        self.waktu.setDisplayFormat("HH:mm")
        self.tempat = QLineEdit()
        self.tempat.setPlaceholderText(_("e.g. the meeting room, or online"))
        self.coach = PersonPicker(name="sessionCoach")
        self.coach.set_people(
            p for p in choices(coaching.coach_options(ctx.db, actor=ctx.actor))
            if p.id != pegawai_id
        )  # fmt: skip
        default_coach = self._default_coach()
        if default_coach is not None:
            self.coach.select(default_coach)
        self.hadir_lain = QLineEdit()
        self.hadir_lain.setPlaceholderText(_("names of others present, if any"))
        self.about = QComboBox()
        self.about.addItem(_("(nothing in particular)"), None)
        for option in coaching.link_options(ctx.db, actor=ctx.actor, pegawai_id=pegawai_id):
            self.about.addItem(option.text, option)
        self.points = QPlainTextEdit()
        self.points.setPlaceholderText(_("One talking point per line"))
        self.points.setTabChangesFocus(True)
        self.carry = QCheckBox(_("Put the pegawai's open actions on the agenda"))
        self.carry.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("&Type"), self.jenis)
        form.addRow(_("&Date"), self.tanggal)
        form.addRow(_("T&ime"), self.waktu)
        form.addRow(_("&Place"), self.tempat)
        form.addRow(_("&Coach"), self.coach)
        form.addRow(_("&Others present"), self.hadir_lain)
        form.addRow(_("&About"), self.about)
        form.addRow(_("Talking &points"), self.points)
        form.addRow("", self.carry)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Schedule"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if existing is not None:
            self._load(existing)
            for widget in (self.points, self.carry, form.labelForField(self.points)):
                if widget is not None:
                    widget.hide()
            self.coach.setEnabled(False)
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _load(self, sesi: SesiRow) -> None:
        self.jenis.setCurrentIndex(max(self.jenis.findData(sesi.jenis), 0))
        self.tanggal.setDate(QDate(sesi.tanggal.year, sesi.tanggal.month, sesi.tanggal.day))
        if sesi.waktu:
            self.waktu.setTime(QTime.fromString(sesi.waktu, "HH:mm"))
        self.tempat.setText(sesi.tempat)
        self.coach.select(sesi.coach_id)
        self.hadir_lain.setText(sesi.hadir_lain)
        for index in range(self.about.count()):
            option = self.about.itemData(index)
            if isinstance(option, coaching.LinkOption) and option.id in (
                sesi.rhk_id,
                sesi.nilai_id,
            ):
                self.about.setCurrentIndex(index)
                return
        for index in range(self.about.count()):
            option = self.about.itemData(index)
            if (
                isinstance(option, coaching.LinkOption)
                and option.kind == "skp"
                and (option.id == sesi.skp_id)
            ):
                self.about.setCurrentIndex(index)

    def _default_coach(self) -> str | None:
        """The actor when they are not the pegawai, else the pegawai's supervisor."""
        if self.ctx.actor.pegawai_id and self.ctx.actor.pegawai_id != self.pegawai_id:
            return self.ctx.actor.pegawai_id
        person = next(
            (p for p in coaching.people_in_view(self.ctx.db, actor=self.ctx.actor)
             if p.id == self.pegawai_id),
            None,
        )  # fmt: skip
        return person.penilai_id if person else None

    def input(self) -> SessionInput:
        about = self.about.currentData()
        skp_id = rhk_id = nilai_id = None
        if isinstance(about, coaching.LinkOption):
            skp_id = about.skp_id
            rhk_id = about.id if about.kind == "rhk" else None
            nilai_id = about.id if about.kind == "nilai" else None
        qdate = self.tanggal.date()
        return SessionInput(
            jenis=self.jenis.currentData(),
            tanggal=dt.date(qdate.year(), qdate.month(), qdate.day()),
            coach_id=self.coach.currentData(),
            pegawai_id=self.pegawai_id,
            waktu=self.waktu.time().toString("HH:mm"),
            tempat=self.tempat.text(),
            hadir_lain=self.hadir_lain.text(),
            skp_id=skp_id,
            rhk_id=rhk_id,
            nilai_id=nilai_id,
        )

    def accept(self) -> None:
        try:
            if self.existing is not None:
                self.created = coaching.update_session(
                    self.ctx.db, actor=self.ctx.actor, sesi_id=self.existing.id,
                    data=self.input(),
                )  # fmt: skip
                super().accept()
                return
            self.created = coaching.schedule_session(
                self.ctx.db, actor=self.ctx.actor, data=self.input(),
                talking_points=self.points.toPlainText().splitlines(),
                carry_open_actions=self.carry.isChecked(),
            )  # fmt: skip
        except KinerjaError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()
