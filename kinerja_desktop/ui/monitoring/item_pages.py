"""What the period panel shows for the item chosen in its tree, one page per kind of item:
an RHK (rencana aksi, self-assessment, feedback) and a behaviour value (its guidance,
self-assessment, feedback); the IKI page is ``iki_page``. A page saves through services and
then says ``changed``; the panel reloads the period. The feedback of every page goes through
the panel's ``give`` and ``reply`` (they need the item chosen)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import Rating
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.monitoring.feedback import FrasaRow
from kinerja_desktop.services.monitoring.sheet import (
    FeedbackRow,
    NilaiItem,
    PeriodSheet,
    RhkItem,
    SelfRow,
)
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.monitoring.feedback_box import FeedbackBox

Give = Callable[[str | None, str], None]
Reply = Callable[[str, str], None]


@dataclass(frozen=True)
class Shown:
    """The period on screen, as the pages need it."""

    sheet: PeriodSheet
    periode: str
    phrases: list[FrasaRow]

    @property
    def editable(self) -> bool:
        """The pegawai's own entries may be changed: their own period, not locked."""
        return self.sheet.is_self and not self.sheet.locked

    def show_feedback(self, box: FeedbackBox, rows: list[FeedbackRow], perilaku: bool) -> None:
        sheet = self.sheet
        box.show_threads(
            rows,
            [p for p in self.phrases if p.untuk_perilaku is perilaku],
            can_give=sheet.is_penilai and not sheet.locked,
            can_reply=sheet.is_self or sheet.is_penilai,
        )


class ItemPage(QWidget):
    """A page that saves through services: ``run`` shows a refusal, or says ``changed``."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: Shown | None = None

    def run(self, action: Callable[..., object], **kwargs: object) -> bool:
        try:
            action(self.ctx.db, actor=self.ctx.actor, **kwargs)
        except KinerjaError as error:
            messages.show_error(self, error)
            return False
        self.changed.emit()
        return True


class SelfBox(QGroupBox):
    """The pegawai's own rating and comment for an RHK or a behaviour value."""

    def __init__(self, on_save: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(_("Self-assessment"), parent)
        self.rating = QComboBox()
        self.rating.addItem(_("— no rating —"), None)
        for rating in Rating:
            self.rating.addItem(label(rating), rating)
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("How did it go, in your own words?"))
        self.save_button = QPushButton(_("Save self-assessment"))
        self.save_button.clicked.connect(on_save)
        layout = QHBoxLayout(self)
        layout.addWidget(self.rating)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.save_button)

    def show_row(self, row: SelfRow | None, editable: bool) -> None:
        self.rating.setCurrentIndex(max(self.rating.findData(row.rating if row else None), 0))
        self.text.setText(row.teks if row else "")
        for widget in (self.rating, self.text, self.save_button):
            widget.setEnabled(editable)


class SelfAssessedPage(ItemPage):
    """A page with a self-assessment: an RHK or a behaviour value (``rhk_id``/``nilai_id``)."""

    kind = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.item_id = ""
        self.self_box = SelfBox(self.save_self)

    def save_self(self) -> None:
        shown = self.shown
        if shown is None or not self.item_id:
            return
        self.run(
            monitoring_entries.save_penilaian_diri,
            skp_id=shown.sheet.skp_id,
            periode=shown.periode,
            rating=self.self_box.rating.currentData(),
            teks=self.self_box.text.text(),
            **{f"{self.kind}_id": self.item_id},
        )


class RhkPage(SelfAssessedPage):
    """An RHK: its rencana aksi for the period, the self-assessment and the feedback."""

    kind = "rhk"

    def __init__(
        self, ctx: AppContext, give: Give, reply: Reply, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.plans = QListWidget()
        self.plans.setMaximumHeight(100)
        self.plan_text = QLineEdit()
        self.plan_text.setPlaceholderText(_("New action for this period"))
        self.plan_text.setMinimumWidth(220)
        self.plan_target = QLineEdit()
        self.plan_target.setPlaceholderText(_("Target (optional)"))
        self.plan_target.setMaximumWidth(160)
        self.plan_add = QPushButton(_("Add action"))
        self.plan_add.clicked.connect(self.add_plan)
        self.plan_remove = QPushButton(_("Remove"))
        self.plan_remove.clicked.connect(self.remove_plan)
        plans = QGroupBox(_("Action plan (rencana aksi)"))
        plan_layout = QVBoxLayout(plans)
        plan_layout.addWidget(self.plans)
        row = FlowLayout()
        for widget in (self.plan_text, self.plan_target, self.plan_add, self.plan_remove):
            row.addWidget(widget)
        plan_layout.addLayout(row)
        self.feedback = FeedbackBox(give, reply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(plans)
        layout.addWidget(self.self_box)
        layout.addWidget(self.feedback, 1)

    def show_item(self, shown: Shown, rhk: RhkItem) -> None:
        self.shown, self.item_id = shown, rhk.id
        self.title.setText(f"<b>{label(rhk.jenis)}</b>: {rhk.teks}")
        self.plans.clear()
        for plan in rhk.rencana_aksi:
            entry = QListWidgetItem(f"{plan.teks} — {plan.target}" if plan.target else plan.teks)
            entry.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.plans.addItem(entry)
        for widget in (self.plan_text, self.plan_target, self.plan_add, self.plan_remove):
            widget.setEnabled(shown.editable)
        self.self_box.show_row(rhk.penilaian_diri, shown.editable)
        shown.show_feedback(self.feedback, rhk.feedback, perilaku=False)

    def add_plan(self) -> None:
        if self.shown is None or not self.item_id:
            return
        if self.run(
            monitoring_entries.save_rencana_aksi,
            rhk_id=self.item_id,
            periode=self.shown.periode,
            teks=self.plan_text.text(),
            target=self.plan_target.text(),
        ):
            self.plan_text.clear()
            self.plan_target.clear()

    def remove_plan(self) -> None:
        item = self.plans.currentItem()
        if item is not None:
            self.run(
                monitoring_entries.delete_rencana_aksi,
                rencana_aksi_id=item.data(Qt.ItemDataRole.UserRole),
            )


class NilaiPage(SelfAssessedPage):
    """A BerAKHLAK value: its guidance and the leader's expectation, the self-assessment and
    the feedback."""

    kind = "nilai"

    def __init__(
        self, ctx: AppContext, give: Give, reply: Reply, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.feedback = FeedbackBox(give, reply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.self_box)
        layout.addWidget(self.feedback, 1)

    def show_item(self, shown: Shown, nilai: NilaiItem) -> None:
        self.shown, self.item_id = shown, nilai.id
        guides = "".join(f"<li>{text}</li>" for text in nilai.panduan)
        expectation = (
            "<br><i>"
            + _("Leader's specific expectation: {text}").format(text=nilai.ekspektasi)
            + "</i>"
            if nilai.ekspektasi
            else ""
        )
        self.title.setText(f"<b>{nilai.nama}</b><ol>{guides}</ol>{expectation}")
        self.self_box.setVisible(True)
        self.self_box.show_row(nilai.penilaian_diri, shown.editable)
        shown.show_feedback(self.feedback, nilai.feedback, perilaku=True)

    def show_daily_feedback(self, shown: Shown, rows: list[FeedbackRow]) -> None:
        """The replies on the period's daily entries without an IKI (other duties): answered
        here, given in the Harian area's day view."""
        self.shown, self.item_id = shown, ""
        self.title.setText(
            "<b>" + _("Other duties (daily log)") + "</b><br>"
            + _("Feedback on the daily entries of this period that advance no indicator.")
        )  # fmt: skip
        self.self_box.setVisible(False)
        sheet = shown.sheet
        self.feedback.show_threads(
            rows, [], can_give=False, can_reply=sheet.is_self or sheet.is_penilai
        )
