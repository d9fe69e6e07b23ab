"""One pegawai's period: the tree of work results (RHK with their IKI) and behaviour values
on the left; on the right what belongs to the chosen item: rencana aksi and self-assessment
(RHK), realisasi with sumber data and bukti dukung (IKI), self-assessment (value), and the
feedback thread of each. Evidence files open with the system viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date, format_number
from kinerja_desktop.models.enums import JenisBukti, Rating
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.harian import rollup as harian_rollup
from kinerja_desktop.services.harian.rollup import BuktiHarianRow
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.monitoring import sheet as monitoring_sheet
from kinerja_desktop.services.monitoring.sheet import (
    FeedbackRow,
    IkiItem,
    NilaiItem,
    PeriodSheet,
    RhkItem,
    SelfRow,
)
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import nip_text
from kinerja_desktop.ui.layout import ColumnPriorities, FlowLayout, set_key_columns
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.monitoring.feedback_box import FeedbackBox

Key = tuple[str, str]


def _count_feedback(rows: list[FeedbackRow]) -> str:
    return str(len(rows)) if rows else ""


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


class PeriodPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.periode = ""
        self.sheet: PeriodSheet | None = None
        self.harian_bukti: dict[str, list[BuktiHarianRow]] = {}
        self.key: Key | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                _("Work result / indicator"),
                _("Target"),
                _("Achievement"),
                _("Evidence"),
                _("Feedback"),
            ]
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        self.tree.setMinimumWidth(300)
        self.tree.setWordWrap(True)
        set_key_columns(self.tree, 0, 2)
        self.columns = ColumnPriorities(self.tree, 0, [3, 4, 1], needed=220)
        self.tree.currentItemChanged.connect(lambda *_a: self._selection_changed())
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._rhk_page())
        self.stack.addWidget(self._iki_page())
        self.stack.addWidget(self._nilai_page())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 500])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    # ----------------------------------------------------------------------- pages

    def _rhk_page(self) -> QWidget:
        page = QWidget()
        self.rhk_title = QLabel()
        self.rhk_title.setWordWrap(True)
        self.plans = QListWidget()
        self.plans.setMaximumHeight(100)
        self.plan_text = QLineEdit()
        self.plan_text.setPlaceholderText(_("New action for this period"))
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
        self.plan_text.setMinimumWidth(220)
        row = FlowLayout()
        row.addWidget(self.plan_text)
        row.addWidget(self.plan_target)
        row.addWidget(self.plan_add)
        row.addWidget(self.plan_remove)
        plan_layout.addLayout(row)
        self.rhk_self = SelfBox(self.save_self)
        self.rhk_feedback = FeedbackBox(self.give_feedback, self.reply)
        layout = QVBoxLayout(page)
        layout.addWidget(self.rhk_title)
        layout.addWidget(plans)
        layout.addWidget(self.rhk_self)
        layout.addWidget(self.rhk_feedback, 1)
        return page

    def _iki_page(self) -> QWidget:
        page = QWidget()
        self.iki_title = QLabel()
        self.iki_title.setWordWrap(True)
        self.nilai = QDoubleSpinBox()
        self.nilai.setRange(0, 999_999_999_999)
        self.nilai.setDecimals(2)
        self.nilai.setGroupSeparatorShown(True)
        self.statement = QPlainTextEdit()
        self.statement.setMaximumHeight(70)
        self.sumber = QLineEdit()
        self.sumber.setPlaceholderText(_("Where the figure comes from (application, register…)"))
        self.realisasi_save = QPushButton(_("Save achievement"))
        self.realisasi_save.clicked.connect(self.save_realisasi)
        box = QGroupBox(_("Achievement (realisasi)"))
        self.realisasi_form = QFormLayout(box)
        self.realisasi_form.addRow(_("Achieved:"), self.nilai)
        self.realisasi_form.addRow(_("Statement:"), self.statement)
        self.realisasi_form.addRow(_("Data source:"), self.sumber)
        self.realisasi_form.addRow("", self.realisasi_save)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(90)
        self.evidence.itemDoubleClicked.connect(lambda _i: self.open_evidence())
        self.attach_button = QPushButton(_("Attach &file…"))
        self.attach_button.clicked.connect(self._choose_file)
        self.link_button = QPushButton(_("Add &link…"))
        self.link_button.clicked.connect(self._ask_link)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self.open_evidence)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_evidence)
        evidence = QGroupBox(_("Supporting evidence (bukti dukung)"))
        ev_layout = QVBoxLayout(evidence)
        ev_layout.addWidget(self.evidence)
        buttons = FlowLayout()
        for button in (self.attach_button, self.link_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        ev_layout.addLayout(buttons)
        self.daily_label = QLabel()
        self.daily_evidence = QListWidget()
        self.daily_evidence.setMaximumHeight(70)
        self.daily_evidence.itemActivated.connect(lambda _i: self.open_daily_evidence())
        ev_layout.addWidget(self.daily_label)
        ev_layout.addWidget(self.daily_evidence)
        self.iki_feedback = FeedbackBox(self.give_feedback, self.reply)
        self.iki_layout = QVBoxLayout(page)
        self.iki_layout.addWidget(self.iki_title)
        self.iki_layout.addWidget(box)
        self.iki_layout.addWidget(evidence)
        self.iki_layout.addWidget(self.iki_feedback, 1)
        return page

    def _nilai_page(self) -> QWidget:
        page = QWidget()
        self.nilai_title = QLabel()
        self.nilai_title.setWordWrap(True)
        self.nilai_title.setTextFormat(Qt.TextFormat.RichText)
        self.nilai_self = SelfBox(self.save_self)
        self.nilai_feedback = FeedbackBox(self.give_feedback, self.reply)
        layout = QVBoxLayout(page)
        layout.addWidget(self.nilai_title)
        layout.addWidget(self.nilai_self)
        layout.addWidget(self.nilai_feedback, 1)
        return page

    # ----------------------------------------------------------------------- loading

    def set_target(self, pegawai_id: str | None, periode: str) -> None:
        if (pegawai_id, periode) != (self.pegawai_id, self.periode):
            self.key = None
        self.pegawai_id, self.periode = pegawai_id, periode
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.sheet = None
        if self.pegawai_id is None or not self.periode:
            self.header.setText(_("Choose a person."))
            self._show_empty(_("Choose a person and a period."))
            return
        try:
            sheet = monitoring_sheet.period_sheet(
                self.ctx.db,
                actor=self.ctx.actor,
                pegawai_id=self.pegawai_id,
                periode=self.periode,
            )
            self.phrases = feedback.list_frasa(self.ctx.db, actor=self.ctx.actor)
            self.harian_bukti = harian_rollup.period_evidence(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id,
                periode=self.periode,
            )  # fmt: skip
        except KinerjaError as error:
            self.header.setText("")
            self._show_empty(error.message)
            return
        self.sheet = sheet
        state = _("locked: the evaluation of this period is final") if sheet.locked else ""
        self.header.setText(
            f"<b>{sheet.pegawai_nama}</b> — {nip_text(sheet.pegawai_nip)} · {sheet.periode_label} · "
            + _("Appraising official: {name}").format(name=sheet.penilai_nama or "—")
            + (f" · <i>{state}</i>" if state else "")
        )
        results = QTreeWidgetItem([_("Work results")])
        results.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(results)
        select: QTreeWidgetItem | None = None
        for rhk in sheet.rhk:
            item = QTreeWidgetItem([rhk.teks, "", "", "", _count_feedback(rhk.feedback)])
            item.setToolTip(0, rhk.teks)
            item.setData(0, Qt.ItemDataRole.UserRole, ("rhk", rhk.id))
            results.addChild(item)
            select = item if self.key == ("rhk", rhk.id) else select
            for iki in rhk.iki:
                real = iki.realisasi
                shown = ""
                if real is not None:
                    shown = format_number(real.nilai) if real.nilai is not None else "✓"
                child = QTreeWidgetItem(
                    [
                        iki.teks,
                        iki.target,
                        shown,
                        str(len(real.bukti)) if real and real.bukti else "",
                        _count_feedback(iki.feedback),
                    ]
                )
                child.setToolTip(0, iki.teks)
                child.setData(0, Qt.ItemDataRole.UserRole, ("iki", iki.id))
                item.addChild(child)
                select = child if self.key == ("iki", iki.id) else select
        if sheet.harian_feedback:
            other = QTreeWidgetItem(
                [_("Other duties (daily log)"), "", "", "", _count_feedback(sheet.harian_feedback)]
            )
            other.setData(0, Qt.ItemDataRole.UserRole, ("harian", ""))
            results.addChild(other)
            select = other if self.key == ("harian", "") else select
        values = QTreeWidgetItem([_("Work behaviour (BerAKHLAK)")])
        values.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(values)
        for nilai in sheet.nilai:
            own = "✓" if nilai.penilaian_diri else ""
            item = QTreeWidgetItem([nilai.nama, "", own, "", _count_feedback(nilai.feedback)])
            item.setData(0, Qt.ItemDataRole.UserRole, ("nilai", nilai.id))
            values.addChild(item)
            select = item if self.key == ("nilai", nilai.id) else select
        self.tree.expandAll()
        self.columns.apply()
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._show_empty(_("Choose a work result, an indicator or a behaviour value."))

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentIndex(0)

    def select(self, kind: str, item_id: str) -> None:
        """Select the tree item of ``kind`` ("rhk", "iki", "nilai") and ``item_id``."""
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == (kind, item_id):
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                found.append(item)
                stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if self.sheet is None or not data:
            return
        kind, item_id = data
        self.key = (kind, item_id)
        sheet = self.sheet
        if kind == "rhk":
            self._show_rhk(next(r for r in sheet.rhk if r.id == item_id))
        elif kind == "iki":
            self._show_iki(next(i for r in sheet.rhk for i in r.iki if i.id == item_id))
        elif kind == "harian":
            self._show_daily_feedback(sheet.harian_feedback)
        else:
            self._show_nilai(next(n for n in sheet.nilai if n.id == item_id))

    def _editable(self) -> bool:
        return self.sheet is not None and self.sheet.is_self and not self.sheet.locked

    def _feedback(self, box: FeedbackBox, rows: list[FeedbackRow], perilaku: bool) -> None:
        sheet = self.sheet
        assert sheet is not None
        phrases = [p for p in self.phrases if p.untuk_perilaku is perilaku]
        box.show_threads(
            rows,
            phrases,
            can_give=sheet.is_penilai and not sheet.locked,
            can_reply=sheet.is_self or sheet.is_penilai,
        )

    def _show_rhk(self, rhk: RhkItem) -> None:
        self.rhk_title.setText(f"<b>{label(rhk.jenis)}</b>: {rhk.teks}")
        self.plans.clear()
        for plan in rhk.rencana_aksi:
            text = f"{plan.teks} — {plan.target}" if plan.target else plan.teks
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.plans.addItem(entry)
        editable = self._editable()
        for widget in (self.plan_text, self.plan_target, self.plan_add, self.plan_remove):
            widget.setEnabled(editable)
        self.rhk_self.show_row(rhk.penilaian_diri, editable)
        self._feedback(self.rhk_feedback, rhk.feedback, perilaku=False)
        self.stack.setCurrentIndex(1)

    def _show_iki(self, iki: IkiItem) -> None:
        self.iki_title.setText(
            f"<b>{iki.teks}</b><br>" + _("Target: {target}").format(target=iki.target or "—")
        )
        real = iki.realisasi
        self.nilai.setValue(real.nilai if real and real.nilai is not None else 0)
        self.statement.setPlainText(real.teks if real else "")
        self.statement.setPlaceholderText(
            _("Note on the figure (optional)")
            if iki.kuantitatif
            else _("What was achieved against the expected quality")
        )
        self.sumber.setText(real.sumber_data if real else "")
        self.realisasi_form.setRowVisible(self.nilai, iki.kuantitatif)
        editable = self._editable()
        for widget in (self.nilai, self.statement, self.sumber, self.realisasi_save):
            widget.setEnabled(editable)
        self.evidence.clear()
        for bukti in real.bukti if real else []:
            if bukti.jenis is JenisBukti.FILE:
                size = bukti.ukuran or 0
                text = (
                    _("File: {name} ({size} KB)").format(
                        name=bukti.nama, size=format_number(size / 1024, 1)
                    )
                    if size >= 1024
                    else _("File: {name} ({size} bytes)").format(name=bukti.nama, size=size)
                )
            else:
                text = _("Link: {name}").format(name=bukti.nama)
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, bukti)
            entry.setToolTip(bukti.url or bukti.nama)
            self.evidence.addItem(entry)
        for widget in (self.attach_button, self.link_button, self.remove_button):
            widget.setEnabled(editable and real is not None)
        self._show_daily_evidence(self.harian_bukti.get(iki.id, []))
        self._feedback(self.iki_feedback, iki.feedback, perilaku=False)
        # The supervisor comes to give feedback: it comes first, above the fold of a 600-pixel
        # window; the pegawai's own achievement and evidence come first for them.
        sheet = self.sheet
        supervising = sheet is not None and sheet.is_penilai and not sheet.is_self
        self.iki_layout.removeWidget(self.iki_feedback)
        self.iki_layout.insertWidget(1 if supervising else 3, self.iki_feedback, 1)
        self.stack.setCurrentIndex(2)

    def _show_daily_evidence(self, rows: list[BuktiHarianRow]) -> None:
        """The evidence attached to the period's daily entries for this IKI (read here;
        it is attached and changed in the Harian area)."""
        self.daily_label.setText(
            _("From the daily log ({n}):").format(n=len(rows))
            if rows
            else _("From the daily log: no evidence attached to this IKI's entries.")
        )
        self.daily_evidence.clear()
        self.daily_evidence.setVisible(bool(rows))
        for row in rows:
            kind = _("File") if row.jenis is JenisBukti.FILE else _("Link")
            entry = QListWidgetItem(
                f"{format_date(row.tanggal)} — {row.kegiatan}: {kind} {row.nama}"
            )
            entry.setToolTip(row.url or row.nama)
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            self.daily_evidence.addItem(entry)

    def _show_nilai(self, nilai: NilaiItem) -> None:
        guides = "".join(f"<li>{text}</li>" for text in nilai.panduan)
        expectation = (
            "<br><i>"
            + _("Leader's specific expectation: {text}").format(text=nilai.ekspektasi)
            + "</i>"
            if nilai.ekspektasi
            else ""
        )
        self.nilai_title.setText(f"<b>{nilai.nama}</b><ol>{guides}</ol>{expectation}")
        self.nilai_self.setVisible(True)
        self.nilai_self.show_row(nilai.penilaian_diri, self._editable())
        self._feedback(self.nilai_feedback, nilai.feedback, perilaku=True)
        self.stack.setCurrentIndex(3)

    def _show_daily_feedback(self, rows: list[FeedbackRow]) -> None:
        """The replies on the period's daily entries without an IKI (other duties): answered
        here, given in the Harian area's day view."""
        sheet = self.sheet
        assert sheet is not None
        self.nilai_title.setText(
            "<b>" + _("Other duties (daily log)") + "</b><br>"
            + _("Feedback on the daily entries of this period that advance no indicator.")
        )  # fmt: skip
        self.nilai_self.setVisible(False)
        self.nilai_feedback.show_threads(
            rows, [], can_give=False, can_reply=sheet.is_self or sheet.is_penilai
        )
        self.stack.setCurrentIndex(3)

    # ----------------------------------------------------------------------- actions

    def _run(self, action: object, **kwargs: object) -> bool:
        try:
            action(self.ctx.db, actor=self.ctx.actor, **kwargs)  # type: ignore[operator]
        except KinerjaError as error:
            show_error(self, error)
            return False
        self.reload()
        return True

    def add_plan(self) -> None:
        if self.key is None or self.key[0] != "rhk":
            return
        if self._run(
            monitoring_entries.save_rencana_aksi,
            rhk_id=self.key[1],
            periode=self.periode,
            teks=self.plan_text.text(),
            target=self.plan_target.text(),
        ):
            self.plan_text.clear()
            self.plan_target.clear()

    def remove_plan(self) -> None:
        item = self.plans.currentItem()
        if item is not None:
            self._run(
                monitoring_entries.delete_rencana_aksi,
                rencana_aksi_id=item.data(Qt.ItemDataRole.UserRole),
            )

    def save_self(self) -> None:
        if self.sheet is None or self.key is None:
            return
        kind, item_id = self.key
        box = self.rhk_self if kind == "rhk" else self.nilai_self
        self._run(
            monitoring_entries.save_penilaian_diri,
            skp_id=self.sheet.skp_id,
            periode=self.periode,
            rating=box.rating.currentData(),
            teks=box.text.text(),
            rhk_id=item_id if kind == "rhk" else None,
            nilai_id=item_id if kind == "nilai" else None,
        )

    def save_realisasi(self) -> None:
        if self.sheet is None or self.key is None or self.key[0] != "iki":
            return
        kuantitatif = self.realisasi_form.isRowVisible(self.nilai)
        self._run(
            monitoring_entries.save_realisasi,
            iki_id=self.key[1],
            periode=self.periode,
            nilai=self.nilai.value() if kuantitatif else None,
            teks=self.statement.toPlainText(),
            sumber_data=self.sumber.text(),
        )

    def _realisasi_id(self) -> str | None:
        if self.sheet is None or self.key is None or self.key[0] != "iki":
            return None
        for rhk in self.sheet.rhk:
            for iki in rhk.iki:
                if iki.id == self.key[1] and iki.realisasi is not None:
                    return iki.realisasi.id
        return None

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Attach evidence"),
            str(Path.home()),
            _(
                "Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.doc *.docx *.xls "
                "*.xlsx *.ppt *.pptx *.odt *.ods *.txt *.csv *.zip);;All files (*)"
            ),
        )
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> None:
        realisasi_id = self._realisasi_id()
        if realisasi_id is not None:
            self._run(monitoring_entries.add_bukti_file, realisasi_id=realisasi_id, path=path)

    def _ask_link(self) -> None:
        url, ok = QInputDialog.getText(self, _("Add a link"), _("Web address of the evidence:"))
        if ok and url.strip():
            self.add_link(url)

    def add_link(self, url: str) -> None:
        realisasi_id = self._realisasi_id()
        if realisasi_id is not None:
            self._run(monitoring_entries.add_bukti_link, realisasi_id=realisasi_id, url=url)

    def open_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is None:
            return
        self._open(monitoring_entries.evidence_to_open, item.data(Qt.ItemDataRole.UserRole).id)

    def open_daily_evidence(self) -> None:
        """Open the chosen evidence of a daily entry (double-click or Enter), by the same
        policy as the realisasi's."""
        item = self.daily_evidence.currentItem()
        if item is not None:
            self._open(harian_rollup.evidence_to_open, item.data(Qt.ItemDataRole.UserRole))

    def _open(self, fetch: Callable[..., monitoring_entries.EvidenceToOpen], bukti_id: str) -> None:
        """A link after showing its address and asking; a file as a temporary copy."""
        try:
            target = fetch(self.ctx.db, actor=self.ctx.actor, bukti_id=bukti_id)
        except KinerjaError as error:
            show_error(self, error)
            return
        if target.kind == "link":
            answer = QMessageBox.question(
                self,
                _("Open a link"),
                _("Open this address in your web browser?\n\n{url}").format(url=target.address),
            )
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl(target.address, QUrl.ParsingMode.StrictMode))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(target.address))

    def remove_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            self._run(
                monitoring_entries.remove_bukti, bukti_id=item.data(Qt.ItemDataRole.UserRole).id
            )

    def give_feedback(self, frasa_id: str | None, text: str) -> None:
        if self.sheet is None or self.key is None:
            return
        kind, item_id = self.key
        self._run(
            feedback.give_feedback,
            skp_id=self.sheet.skp_id,
            periode=self.periode,
            frasa_id=frasa_id,
            teks=text,
            **{f"{kind}_id": item_id},
        )

    def reply(self, feedback_id: str, text: str) -> None:
        self._run(feedback.reply_feedback, umpan_balik_id=feedback_id, teks=text)
