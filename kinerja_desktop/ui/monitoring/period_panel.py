"""One pegawai's period: the tree of work results (RHK with their IKI) and behaviour values
on the left; on the right the page of the chosen item (``item_pages``: RHK and behaviour
value; ``iki_page``: realisasi and evidence), each with its feedback thread. The panel loads
the period, keeps the item chosen across reloads and gives or answers feedback on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.services.harian import rollup as harian_rollup
from kinerja_desktop.services.harian.rollup import BuktiHarianRow
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.monitoring import sheet as monitoring_sheet
from kinerja_desktop.services.monitoring.sheet import FeedbackRow, PeriodSheet
from kinerja_desktop.ui import messages
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import nip_text
from kinerja_desktop.ui.layout import ColumnPriorities, set_key_columns
from kinerja_desktop.ui.monitoring.iki_page import IkiPage
from kinerja_desktop.ui.monitoring.item_pages import NilaiPage, RhkPage, Shown

Key = tuple[str, str]


def _count_feedback(rows: list[FeedbackRow]) -> str:
    return str(len(rows)) if rows else ""


class PageStack(QWidget):
    """One page shown at a time, like ``QStackedWidget``, but sized by the page shown alone
    (a stacked widget asks for the room of its tallest page, and its scroll area scrolls)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> None:
        page.setVisible(not self.pages)
        self.pages.append(page)
        self._layout.addWidget(page)

    def currentIndex(self) -> int:
        return next((i for i, page in enumerate(self.pages) if not page.isHidden()), -1)

    def currentWidget(self) -> QWidget | None:
        index = self.currentIndex()
        return self.pages[index] if index >= 0 else None

    def setCurrentIndex(self, index: int) -> None:
        self.setCurrentWidget(self.pages[index])

    def setCurrentWidget(self, shown: QWidget) -> None:
        for page in self.pages:
            if page is not shown:
                page.hide()
        shown.show()


class PeriodPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.periode = ""
        self.sheet: PeriodSheet | None = None
        self.shown: Shown | None = None
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
        self.stack = PageStack()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty)
        self.rhk_page = RhkPage(ctx, self.give_feedback, self.reply)
        self.iki_page = IkiPage(ctx, self.give_feedback, self.reply)
        self.nilai_page = NilaiPage(ctx, self.give_feedback, self.reply)
        for page in (self.rhk_page, self.iki_page, self.nilai_page):
            self.stack.addWidget(page)
            page.changed.connect(self.reload)
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

    # ----------------------------------------------------------------------- loading

    def set_target(self, pegawai_id: str | None, periode: str) -> None:
        if (pegawai_id, periode) != (self.pegawai_id, self.periode):
            self.key = None
        self.pegawai_id, self.periode = pegawai_id, periode
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.sheet = self.shown = None
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
            phrases = feedback.list_frasa(self.ctx.db, actor=self.ctx.actor)
            self.harian_bukti = harian_rollup.period_evidence(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id,
                periode=self.periode,
            )  # fmt: skip
        except KinerjaError as error:
            self.header.setText("")
            self._show_empty(error.message)
            return
        self.sheet = sheet
        self.shown = Shown(sheet, self.periode, phrases)
        state = _("locked: the evaluation of this period is final") if sheet.locked else ""
        self.header.setText(
            f"<b>{sheet.pegawai_nama}</b> — {nip_text(sheet.pegawai_nip)} · {sheet.periode_label} · "
            + _("Appraising official: {name}").format(name=sheet.penilai_nama or "—")
            + (f" · <i>{state}</i>" if state else "")
        )
        select = self._fill_tree(sheet)
        self.tree.expandAll()
        self.columns.apply()
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._show_empty(_("Choose a work result, an indicator or a behaviour value."))

    def _fill_tree(self, sheet: PeriodSheet) -> QTreeWidgetItem | None:
        """The sheet's work results (each RHK with its IKI, then the daily log's other duties)
        and behaviour values, with their feedback counts; the item shown before, if still there.
        """
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
        return select

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
        sheet, shown = self.sheet, self.shown
        assert shown is not None
        if kind == "rhk":
            self.rhk_page.show_item(shown, next(r for r in sheet.rhk if r.id == item_id))
            self.stack.setCurrentWidget(self.rhk_page)
        elif kind == "iki":
            iki = next(i for r in sheet.rhk for i in r.iki if i.id == item_id)
            self.iki_page.show_item(shown, iki, self.harian_bukti.get(iki.id, []))
            self.stack.setCurrentWidget(self.iki_page)
        elif kind == "harian":
            self.nilai_page.show_daily_feedback(shown, sheet.harian_feedback)
            self.stack.setCurrentWidget(self.nilai_page)
        else:
            self.nilai_page.show_item(shown, next(n for n in sheet.nilai if n.id == item_id))
            self.stack.setCurrentWidget(self.nilai_page)

    # ----------------------------------------------------------------------- feedback

    def _run(self, action: object, **kwargs: object) -> bool:
        try:
            action(self.ctx.db, actor=self.ctx.actor, **kwargs)  # type: ignore[operator]
        except KinerjaError as error:
            messages.show_error(self, error)
            return False
        self.reload()
        return True

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
