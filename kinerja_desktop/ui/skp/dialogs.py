"""Dialogs of the SKP area: an RHK (with its first IKI when new), an IKI, a reason (return,
revision), a new SKP, the period/approach of a draft, and handing an RHK to staff.

Each dialog calls the service itself when OK is pressed and stays open with the message
next to the field concerned when the service refuses, so nothing half-done reaches the SKP.
Dialogs open window-modal with ``open()``; callers act on ``accepted``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from babel.numbers import NumberFormatError, parse_decimal
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError, ValidationError
from kinerja_desktop.i18n import _, current_locale, format_number
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
)
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.skp import cascade
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import IkiInput, IkiRow, RhkInput, RhkRow, SkpDetail
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import DATE_EDIT_FORMAT
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, team_people

ERROR_STYLE = "color: #b00020;"
_E = TypeVar("_E", bound=Enum)


def parse_number(text: str, field: str) -> float | None:
    """A target typed with the language's separators (``1.200`` or ``12,5`` in Indonesian);
    empty means not yet set."""
    value = text.strip()
    if not value:
        return None
    try:
        number = parse_decimal(value, locale=current_locale(), strict=True)
    except NumberFormatError:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(
            _("The target must be a number, such as {a} or {b}.").format(
                a=format_number(1200), b=format_number(12.5)
            ),
            field=field,
        )
    return float(number)


def _plain(value: float | None) -> str:
    return "" if value is None else format_number(value)


def enum_combo(values: list[Enum], *, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for value in values:
        combo.addItem(label(value), value)
    return combo


def enum_value(combo: QComboBox, cls: type[_E]) -> _E | None:
    """The enum member chosen in a combo made by ``enum_combo`` (Qt hands back its value)."""
    data = combo.currentData()
    return None if data is None else cls(data)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ServiceDialog(QDialog):
    """A dialog whose OK runs ``self.save()``; a refusal is shown in ``self.error`` and the
    field named by the error gets the focus."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.fields: dict[str, QWidget] = {}

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def _ok(self) -> None:
        try:
            self.save()
        except KinerjaError as error:
            self.show_problem(error)
            return
        self.accept()

    def show_problem(self, error: KinerjaError) -> None:
        self.error.setText(error.message)
        self.error.show()
        for widget in self.fields.values():
            widget.setStyleSheet("")
        target = self.fields.get(error.field or "")
        if target is not None:
            target.setStyleSheet("border: 1px solid #b00020;")
            widget.setFocus()


class IkiFields(QGroupBox):
    """The fields of one IKI, laid out for the SKP's approach and position type."""

    def __init__(self, detail: SkpDetail, title: str, row: IkiRow | None = None) -> None:
        super().__init__(title)
        s = detail.summary
        self.jpt = s.jenis_jabatan is JenisJabatan.JPT
        self.kuantitatif = s.pendekatan is Pendekatan.KUANTITATIF
        form = QFormLayout(self)
        self.teks = QLineEdit(row.teks if row else "")
        self.teks.setObjectName("ikiTeks")
        self.teks.setPlaceholderText(_("e.g. Number of service reports completed"))
        form.addRow(_("&Indicator (IKI):"), self.teks)
        if self.jpt:
            self.kind = enum_combo(list(Perspektif), empty=_("(choose)"))
            select_data(self.kind, row.perspektif if row else None)
            form.addRow(_("&Perspective:"), self.kind)
        else:
            self.kind = enum_combo(list(Aspek), empty=_("(choose)"))
            select_data(self.kind, row.aspek if row else Aspek.KUANTITAS)
            form.addRow(_("&Aspect:"), self.kind)
        self.kind.setObjectName("ikiKind")
        self.target_min = QLineEdit(_plain(row.target_min) if row else "")
        self.target_min.setObjectName("ikiTargetMin")
        self.target_max = QLineEdit(
            _plain(row.target_max) if row and row.target_max != row.target_min else ""
        )
        self.target_max.setObjectName("ikiTargetMax")
        self.target_max.setPlaceholderText(_("only for a range"))
        self.satuan = QLineEdit(row.satuan if row else "")
        self.satuan.setObjectName("ikiSatuan")
        self.satuan.setPlaceholderText(_("e.g. laporan, dokumen, %"))
        self.target_teks = QLineEdit(row.target_teks if row else "")
        self.target_teks.setObjectName("ikiTargetTeks")
        if self.kuantitatif:
            form.addRow(_("&Target:"), self.target_min)
            form.addRow(_("Upper target:"), self.target_max)
            form.addRow(_("&Unit (satuan):"), self.satuan)
        else:
            self.target_teks.setPlaceholderText(_("the expected quality, in one sentence"))
            form.addRow(_("&Target:"), self.target_teks)

    def fields(self) -> dict[str, QWidget]:
        return {
            "iki.teks": self.teks,
            "iki.aspek": self.kind,
            "iki.perspektif": self.kind,
            "iki.target_min": self.target_min,
            "iki.target_max": self.target_max,
            "iki.satuan": self.satuan,
            "iki.target_teks": self.target_teks,
        }

    def value(self) -> IkiInput:
        return IkiInput(
            teks=self.teks.text(),
            aspek=None if self.jpt else enum_value(self.kind, Aspek),
            perspektif=enum_value(self.kind, Perspektif) if self.jpt else None,
            target_min=parse_number(self.target_min.text(), "iki.target_min")
            if self.kuantitatif
            else None,
            target_max=parse_number(self.target_max.text(), "iki.target_max")
            if self.kuantitatif
            else None,
            satuan=self.satuan.text() if self.kuantitatif else "",
            target_teks="" if self.kuantitatif else self.target_teks.text(),
        )


class RhkDialog(ServiceDialog):
    """Add an RHK with its first IKI, or edit an RHK (its IKI are edited on their own)."""

    def __init__(
        self,
        ctx: AppContext,
        detail: SkpDetail,
        parent: QWidget | None = None,
        *,
        row: RhkRow | None = None,
        jenis: JenisRhk = JenisRhk.UTAMA,
    ) -> None:
        super().__init__(_("Edit work result (RHK)") if row else _("New work result (RHK)"), parent)
        self.ctx, self.detail, self.row = ctx, detail, row
        self.old: RhkInput | None = row.input() if row else None
        self.new_input: RhkInput | None = None
        self.created_id: str | None = None
        jpt = detail.summary.jenis_jabatan is JenisJabatan.JPT
        form = QFormLayout()
        self.jenis = enum_combo(list(JenisRhk))
        self.jenis.setObjectName("rhkJenis")
        select_data(self.jenis, row.jenis if row else jenis)
        form.addRow(_("&Kind:"), self.jenis)
        self.teks = QPlainTextEdit(row.teks if row else "")
        self.teks.setObjectName("rhkTeks")
        self.teks.setTabChangesFocus(True)
        self.teks.setFixedHeight(70)
        form.addRow(_("&Work result:"), self.teks)
        self.intervensi = QComboBox()
        self.intervensi.setObjectName("rhkIntervensi")
        self.intervensi.addItem(_("(none)"), None)
        candidates = cascade.intervensi_candidates(ctx.db, actor=ctx.actor, skp_id=detail.id)
        for c in candidates:
            self.intervensi.addItem(f"{c.nomor}. {c.teks}", c.rhk_id)
            self.intervensi.setItemData(
                self.intervensi.count() - 1,
                "\n".join(c.iki) or c.teks,
                Qt.ItemDataRole.ToolTipRole,
            )
        if row and row.intervensi_rhk_id and self.intervensi.findData(row.intervensi_rhk_id) < 0:
            self.intervensi.addItem(
                row.intervensi_teks or _("(not available)"), row.intervensi_rhk_id
            )
        select_data(self.intervensi, row.intervensi_rhk_id if row else None)
        self.klasifikasi = enum_combo(list(KlasifikasiRhk), empty=_("(none)"))
        self.klasifikasi.setObjectName("rhkKlasifikasi")
        select_data(self.klasifikasi, row.klasifikasi if row else None)
        if jpt:
            form.addRow(_("&Classification:"), self.klasifikasi)
        else:
            hint = (
                _("Supports the supervisor's:")
                if candidates or self.intervensi.count() > 1
                else _("Supports (the supervisor has no approved SKP yet):")
            )
            form.addRow(hint, self.intervensi)
        self.penugasan = QLineEdit(row.penugasan_dari if row else "")
        self.penugasan.setObjectName("rhkPenugasan")
        self.penugasan.setPlaceholderText(_("who gave this assignment"))
        form.addRow(_("Assigned &by:"), self.penugasan)
        self.jenis.currentIndexChanged.connect(self._jenis_changed)
        self._jenis_changed()
        self.layout_.addLayout(form)
        self.fields = {
            "rhk.teks": self.teks,
            "rhk.intervensi": self.intervensi,
            "rhk.klasifikasi": self.klasifikasi,
            "rhk.penugasan_dari": self.penugasan,
        }
        self.first_iki: IkiFields | None = None
        if row is None:
            self.first_iki = IkiFields(detail, _("First indicator (IKI) and target"))
            self.layout_.addWidget(self.first_iki)
            self.fields.update(self.first_iki.fields())
        self.finish_layout()

    def _jenis_changed(self) -> None:
        tambahan = enum_value(self.jenis, JenisRhk) is JenisRhk.TAMBAHAN
        self.penugasan.setEnabled(tambahan)
        if not tambahan:
            self.penugasan.clear()

    def value(self) -> RhkInput:
        return RhkInput(
            teks=self.teks.toPlainText(),
            jenis=enum_value(self.jenis, JenisRhk) or JenisRhk.UTAMA,
            intervensi_rhk_id=self.intervensi.currentData()
            if self.detail.summary.jenis_jabatan is not JenisJabatan.JPT
            else None,
            klasifikasi=enum_value(self.klasifikasi, KlasifikasiRhk),
            penugasan_dari=self.penugasan.text(),
        )

    def save(self) -> None:
        data = self.value()
        db, actor = self.ctx.db, self.ctx.actor
        if self.row is None:
            assert self.first_iki is not None
            first = self.first_iki.value()
            iki = [first] if first.teks.strip() else []
            self.created_id = skp_edit.add_rhk(
                db, actor=actor, skp_id=self.detail.id, data=data, iki=iki
            )
        else:
            skp_edit.update_rhk(db, actor=actor, rhk_id=self.row.id, data=data)
        self.new_input = data


class IkiDialog(ServiceDialog):
    """Add an IKI to an RHK, or edit one."""

    def __init__(
        self,
        ctx: AppContext,
        detail: SkpDetail,
        rhk: RhkRow,
        parent: QWidget | None = None,
        *,
        row: IkiRow | None = None,
    ) -> None:
        super().__init__(_("Edit indicator (IKI)") if row else _("New indicator (IKI)"), parent)
        self.ctx, self.rhk, self.row = ctx, rhk, row
        self.old: IkiInput | None = row.input() if row else None
        self.new_input: IkiInput | None = None
        self.created_id: str | None = None
        intro = QLabel(_("Work result: {text}").format(text=rhk.teks))
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.iki = IkiFields(detail, _("Indicator and target"), row)
        self.layout_.addWidget(self.iki)
        self.fields = self.iki.fields()
        self.finish_layout()

    def save(self) -> None:
        data = self.iki.value()
        if self.row is None:
            self.created_id = skp_edit.add_iki(
                self.ctx.db, actor=self.ctx.actor, rhk_id=self.rhk.id, data=data
            )
        else:
            skp_edit.update_iki(self.ctx.db, actor=self.ctx.actor, iki_id=self.row.id, data=data)
        self.new_input = data


class ReasonDialog(ServiceDialog):
    """Ask for a reason, then run ``action(reason)`` (return an SKP, start a revision)."""

    def __init__(
        self, title: str, prompt: str, action: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.action = action
        self.result_value: Any = None
        text = QLabel(prompt)
        text.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.layout_.addWidget(text)
        self.layout_.addWidget(self.reason)
        self.fields = {"alasan": self.reason}
        self.finish_layout()

    def save(self) -> None:
        self.result_value = self.action(self.reason.toPlainText())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class NewSkpDialog(ServiceDialog):
    """A new SKP: for whom (myself, or one of my staff), which year and period, which
    approach; optionally a copy of that person's previous SKP."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(_("New SKP"), parent)
        self.ctx = ctx
        self.created: SkpDetail | None = None
        form = QFormLayout()
        self.person = PersonPicker(name="newSkpPerson")
        me = ctx.actor.pegawai_id
        self.person.set_people(
            team_people(ctx),
            leading=[(_("Myself ({name})").format(name=ctx.actor.name), me)] if me else [],
        )  # fmt: skip
        form.addRow(_("&For:"), self.person)
        self.year = QSpinBox()
        self.year.setObjectName("newSkpYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        form.addRow(_("&Year:"), self.year)
        self.mulai = QDateEdit(_qdate(dt.date(year, 1, 1)))
        self.selesai = QDateEdit(_qdate(dt.date(year, 12, 31)))
        for edit in (self.mulai, self.selesai):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.year.valueChanged.connect(self._year_changed)
        form.addRow(_("Period &from:"), self.mulai)
        form.addRow(_("Period &to:"), self.selesai)
        self.pendekatan = enum_combo(list(Pendekatan))
        self.pendekatan.setObjectName("newSkpPendekatan")
        form.addRow(_("&Approach:"), self.pendekatan)
        self.copy = QCheckBox(_("&Copy work results from the previous SKP"))
        self.copy.setObjectName("newSkpCopy")
        form.addRow("", self.copy)
        hint = QLabel(
            _(
                "An SKP covers the whole year unless the person changes post during it; "
                "then make one SKP for each part of the year."
            )
        )
        hint.setWordWrap(True)
        self.layout_.addLayout(form)
        self.layout_.addWidget(hint)
        self.fields = {"periode": self.mulai, "tahun": self.year, "jabatan": self.person}
        self.person.currentIndexChanged.connect(self._refresh_copy)
        self._refresh_copy()
        self.finish_layout()

    def _year_changed(self, year: int) -> None:
        self.mulai.setDate(_qdate(dt.date(year, 1, 1)))
        self.selesai.setDate(_qdate(dt.date(year, 12, 31)))
        self._refresh_copy()

    def _previous(self) -> str | None:
        pegawai_id = self.person.currentData()
        if not pegawai_id:
            return None
        return skp_workflow.previous_skp(
            self.ctx.db, actor=self.ctx.actor, pegawai_id=pegawai_id, before=self.year.value()
        )

    def _refresh_copy(self) -> None:
        available = self._previous() is not None
        self.copy.setEnabled(available)
        self.copy.setChecked(available)

    def save(self) -> None:
        pegawai_id = self.person.currentData()
        if not pegawai_id:
            raise ValidationError(_("This account is not linked to a person."), field="jabatan")
        mulai, selesai = _pydate(self.mulai.date()), _pydate(self.selesai.date())
        source = self._previous() if self.copy.isChecked() else None
        db, actor = self.ctx.db, self.ctx.actor
        if source:
            self.created = skp_workflow.copy_skp(
                db,
                actor=actor,
                source_skp_id=source,
                tahun=self.year.value(),
                periode_mulai=mulai,
                periode_selesai=selesai,
            )
        else:
            self.created = skp_create.create_skp(
                db,
                actor=actor,
                pegawai_id=pegawai_id,
                tahun=self.year.value(),
                periode_mulai=mulai,
                periode_selesai=selesai,
                pendekatan=enum_value(self.pendekatan, Pendekatan) or Pendekatan.KUANTITATIF,
            )


class HeaderDialog(ServiceDialog):
    """The period and the approach of a draft."""

    def __init__(self, ctx: AppContext, detail: SkpDetail, parent: QWidget | None = None) -> None:
        super().__init__(_("Period and approach"), parent)
        self.ctx, self.detail = ctx, detail
        s = detail.summary
        form = QFormLayout()
        self.mulai = QDateEdit(_qdate(s.periode_mulai))
        self.selesai = QDateEdit(_qdate(s.periode_selesai))
        for edit in (self.mulai, self.selesai):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.pendekatan = enum_combo(list(Pendekatan))
        select_data(self.pendekatan, s.pendekatan)
        form.addRow(_("Period &from:"), self.mulai)
        form.addRow(_("Period &to:"), self.selesai)
        form.addRow(_("&Approach:"), self.pendekatan)
        self.layout_.addLayout(form)
        self.fields = {"periode": self.mulai, "pendekatan": self.pendekatan}
        self.finish_layout()

    def save(self) -> None:
        skp_create.update_header(
            self.ctx.db,
            actor=self.ctx.actor,
            skp_id=self.detail.id,
            periode_mulai=_pydate(self.mulai.date()),
            periode_selesai=_pydate(self.selesai.date()),
            pendekatan=enum_value(self.pendekatan, Pendekatan) or Pendekatan.KUANTITATIF,
        )


class HandOutDialog(ServiceDialog):
    """Give one of my RHK (with its IKI) to several of my staff at once."""

    def __init__(self, ctx: AppContext, rhk: RhkRow, parent: QWidget | None = None) -> None:
        super().__init__(_("Hand out to staff"), parent)
        self.ctx, self.rhk = ctx, rhk
        self.results: list[cascade.HandOut] = []
        intro = QLabel(
            _(
                "Each person ticked gets this work result, with its indicators, in their draft "
                "SKP, supporting yours; each can then adjust their own copy.\n\n{text}"
            ).format(text=rhk.teks)
        )
        intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("handOutPeople")
        for person in team_people(ctx):
            item = QListWidgetItem(person.label)
            item.setToolTip(person.tooltip)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setCheckState(Qt.CheckState.Checked)
            self.people.addItem(item)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(self.people)
        self.fields = {"people": self.people}
        self.finish_layout()

    def chosen(self) -> list[str]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        ids = self.chosen()
        if not ids:
            raise ValidationError(_("Tick at least one person."), field="people")
        self.results = cascade.distribute_rhk(
            self.ctx.db, actor=self.ctx.actor, source_rhk_id=self.rhk.id, pegawai_ids=ids
        )
