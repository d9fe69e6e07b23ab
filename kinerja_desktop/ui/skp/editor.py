"""The SKP editor: the header (both parties, period, approach, status), the reason when
returned, what is still missing, the tabs (hasil kerja, perilaku, lampiran, history) and the
workflow bar (Submit, Withdraw, Approve, Return, Start revision)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import SkpStatus
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import plan as skp_service
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import Party, SkpDetail
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import nip_text, one_line
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.messages import confirm, show_error
from kinerja_desktop.ui.skp.dialogs import ERROR_STYLE, HeaderDialog, ReasonDialog
from kinerja_desktop.ui.skp.hasil_kerja import HasilKerjaPanel
from kinerja_desktop.ui.skp.panels import HistoryPanel, LampiranPanel, PerilakuPanel

STATUS_COLOURS = {
    SkpStatus.DRAFT: "#5f6368",
    SkpStatus.DIAJUKAN: "#1a73e8",
    SkpStatus.DISETUJUI: "#188038",
    SkpStatus.DIKEMBALIKAN: "#b00020",
}


def _party_text(party: Party | None) -> str:
    if party is None:
        return _("— (none: approved by the administrator)")
    lines = [f"<b>{party.nama}</b>", f"NIP {nip_text(party.nip)}" if party.nip else ""]
    lines += [party.pangkat, party.jabatan, party.unit]
    return "<br>".join(line for line in lines if line)


class SkpEditor(QWidget):
    """Shows one SKP and everything the acting user may do with it."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SkpDetail | None = None
        self.dialog: QWidget | None = None
        grid = self._facts_grid()
        self._build_tabs()
        self._build_workflow_bar()
        self.empty = QLabel(
            _(
                "Choose an SKP on the left, or create one with “New SKP”. An SKP lists your "
                "work results (RHK) for the year, each with indicators (IKI) and targets."
            )
        )
        self.empty.setWordWrap(True)
        self._build_content(grid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.content, 1)
        self.show_skp(None)

    def _facts_grid(self) -> QGridLayout:
        """The title and state, the two parties and the plan, the reason for a return and what is missing."""
        self.title = QLabel()
        self.title.setObjectName("skpTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("skpStatus")
        self.pegawai = QLabel()
        self.penilai = QLabel()
        self.meta = QLabel()
        for widget in (self.pegawai, self.penilai, self.meta):
            widget.setWordWrap(True)
        for widget in (self.pegawai, self.penilai, self.meta):
            widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("<i>Appraised employee</i>")), 0, 0)
        grid.addWidget(QLabel(_("<i>Appraising official</i>")), 0, 1)
        grid.addWidget(QLabel(_("<i>Plan</i>")), 0, 2)
        grid.addWidget(self.pegawai, 1, 0)
        grid.addWidget(self.penilai, 1, 1)
        grid.addWidget(self.meta, 1, 2)
        self.returned = QLabel()
        self.returned.setObjectName("skpReturned")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet(
            "background: #fdecea; color: #7f1d1d; padding: 6px; border-radius: 4px;"
        )
        self.problems = QLabel()
        self.problems.setObjectName("skpProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        return grid

    def _build_tabs(self) -> None:
        """The SKP's parts, one tab each."""
        self.hasil_kerja = HasilKerjaPanel(self.ctx)
        self.perilaku = PerilakuPanel(self.ctx)
        self.lampiran = LampiranPanel(self.ctx)
        self.history = HistoryPanel()
        for panel in (self.hasil_kerja, self.perilaku, self.lampiran):
            panel.changed.connect(self.reload)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.hasil_kerja, _("&Work results"))
        self.tabs.addTab(self.perilaku, _("&Behaviour (BerAKHLAK)"))
        self.tabs.addTab(self.lampiran, _("Appe&ndix"))
        self.tabs.addTab(self.history, _("&History"))

    def _build_workflow_bar(self) -> None:
        """The workflow buttons (the ones the user may press are shown by _show)."""
        self.actions_bar = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("header", _("Period && approach…"), self.edit_header),
            ("submit", _("&Submit to supervisor"), self.submit),
            ("withdraw", _("&Withdraw"), self.withdraw),
            ("approve", _("&Approve"), self.approve),
            ("return", _("Re&turn…"), self.return_skp),
            ("revise", _("Start re&vision…"), self.start_revision),
            ("delete", _("Delete draft"), self.delete),
        ):
            button = QPushButton(text)
            button.setObjectName(f"wf_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            self.actions_bar.addWidget(button)
        self.workflow_bar = QWidget()
        self.workflow_bar.setObjectName("workflowBar")
        self.workflow_bar.setLayout(self.actions_bar)

    def _build_content(self, grid: QGridLayout) -> None:
        """The shown SKP: head, the facts pane and, below the splitter, the buttons and tabs."""
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.status)
        content.addLayout(head)
        # The parties, the reason and what is missing scroll in a pane the user can resize,
        # so that the hasil kerja keep most of a 600-pixel-high window.
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.setContentsMargins(0, 0, 0, 0)
        facts_layout.addLayout(grid)
        facts_layout.addWidget(self.returned)
        facts_layout.addWidget(self.problems)
        facts_layout.addStretch(1)
        facts_scroll = QScrollArea()
        facts_scroll.setObjectName("skpFacts")
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        facts_scroll.setWidget(facts)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.workflow_bar)
        lower_layout.addWidget(self.tabs, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(facts_scroll)
        self.split.addWidget(lower)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([110, 500])
        content.addWidget(self.split, 1)

    # ------------------------------------------------------------------ showing

    def show_skp(self, skp_id: str | None) -> None:
        if skp_id is None:
            self._show(None, new_skp=True)
            return
        try:
            detail = skp_queries.get_skp(self.ctx.db, actor=self.ctx.actor, skp_id=skp_id)
        except KinerjaError as error:
            show_error(self, error)
            detail = None
        self._show(
            detail, new_skp=self.detail is None or detail is None or detail.id != self.detail.id
        )

    def reload(self) -> None:
        if self.detail is not None:
            self.show_skp(self.detail.id)
            self.changed.emit(self.detail.id if self.detail else "")

    def _show(self, detail: SkpDetail | None, *, new_skp: bool) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.content.setVisible(detail is not None)
        self.hasil_kerja.set_detail(detail, new_skp=new_skp)
        self.perilaku.set_detail(detail)
        self.lampiran.set_detail(detail)
        self.history.set_detail(detail)
        if detail is None:
            return
        s = detail.summary
        self.title.setText(_("SKP {year} — {name}").format(year=s.tahun, name=s.nama))
        status = label(s.status) + (_(" · revision {n}").format(n=s.revisi) if s.revisi else "")
        self.status.setText(status)
        self.status.setStyleSheet(
            f"color: white; background: {STATUS_COLOURS[s.status]}; padding: 3px 8px;"
            " border-radius: 8px;"
        )
        self.pegawai.setText(_party_text(detail.pegawai))
        self.penilai.setText(_party_text(detail.penilai))
        self.meta.setText(
            "<br>".join(
                [
                    _("Period: {start} – {end}").format(
                        start=one_line(format_date(s.periode_mulai)),
                        end=one_line(format_date(s.periode_selesai)),
                    ),
                    _("Approach: {value}").format(value=label(s.pendekatan)),
                    _("Layout: {value}").format(value=label(s.jenis_jabatan)),
                ]
            )
        )
        self.returned.setVisible(s.status is SkpStatus.DIKEMBALIKAN)
        self.returned.setText(
            _("Returned by the supervisor: {reason}").format(reason=detail.alasan_dikembalikan)
        )
        show_problems = bool(detail.problems) and s.status in skp_service.EDITABLE
        self.problems.setVisible(show_problems)
        self.problems.setText(
            _("Still needed before submitting:")
            + "".join(f"<br>• {p.message}" for p in detail.problems[:8])
            + ("<br>…" if len(detail.problems) > 8 else "")
        )
        can = detail.can
        visible = {
            "header": can.edit,
            "submit": can.submit,
            "withdraw": can.withdraw,
            "approve": can.approve,
            "return": can.return_,
            "revise": can.revise,
            "delete": can.delete,
        }
        for key, button in self.buttons.items():
            button.setVisible(visible[key])
        # No empty bar when the acting user may do nothing with this SKP.
        self.workflow_bar.setVisible(any(visible.values()))
        self.buttons["submit"].setEnabled(not detail.problems)
        self.buttons["submit"].setToolTip(
            _("Complete the items listed in red first.") if detail.problems else ""
        )

    # ------------------------------------------------------------------ workflow

    def _run(self, call: object) -> None:
        assert callable(call)
        try:
            call()
        except KinerjaError as error:
            show_error(self, error)
        self.reload()

    def submit(self) -> None:
        d = self.detail
        if d is not None:
            self._run(lambda: skp_workflow.submit(self.ctx.db, actor=self.ctx.actor, skp_id=d.id))

    def withdraw(self) -> None:
        d = self.detail
        if d is not None:
            self._run(lambda: skp_workflow.withdraw(self.ctx.db, actor=self.ctx.actor, skp_id=d.id))

    def approve(self) -> None:
        d = self.detail
        if d is not None:
            self._run(lambda: skp_workflow.approve(self.ctx.db, actor=self.ctx.actor, skp_id=d.id))

    def _reason(self, title: str, prompt: str, action: object) -> ReasonDialog | None:
        if self.detail is None:
            return None
        assert callable(action)
        dialog = ReasonDialog(title, prompt, action, self)

        def done() -> None:
            self.reload()

        dialog.accepted.connect(done)
        self.dialog = dialog
        dialog.open()
        return dialog

    def return_skp(self) -> ReasonDialog | None:
        d = self.detail
        if d is None:
            return None
        return self._reason(
            _("Return the SKP"),
            _("Tell {name} what to change. They will see this reason.").format(name=d.summary.nama),
            lambda reason: skp_workflow.return_skp(
                self.ctx.db, actor=self.ctx.actor, skp_id=d.id, alasan=reason
            ),
        )

    def start_revision(self) -> ReasonDialog | None:
        d = self.detail
        if d is None:
            return None
        return self._reason(
            _("Start a revision"),
            _(
                "The approved SKP goes back to draft and must be approved again. Why is it "
                "being revised? (The reason, who and when are kept in its history.)"
            ),
            lambda reason: skp_workflow.start_revision(
                self.ctx.db, actor=self.ctx.actor, skp_id=d.id, alasan=reason
            ),
        )

    def edit_header(self) -> HeaderDialog | None:
        if self.detail is None:
            return None
        dialog = HeaderDialog(self.ctx, self.detail, self)
        dialog.accepted.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete(self) -> None:
        d = self.detail
        if d is None or not confirm(self, _("Delete this draft SKP?")):
            return
        try:
            skp_create.delete_skp(self.ctx.db, actor=self.ctx.actor, skp_id=d.id)
        except KinerjaError as error:
            show_error(self, error)
            return
        self.show_skp(None)
