"""The SKP area: my SKP, my team's SKPs, the SKPs waiting for my decision (and, for the
pengelola, the SKPs of a unit) on the left, the open SKP in the editor on the right; a second
tab shows the matriks peran hasil of a unit. ``open_item`` takes an SKP id (from the home
screen) or None (my own SKP)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp.plan import SkpSummary
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.roles import has_staff
from kinerja_desktop.ui.skp.dialogs import NewSkpDialog
from kinerja_desktop.ui.skp.editor import SkpEditor
from kinerja_desktop.ui.skp.matriks_view import MatriksView
from kinerja_desktop.ui.units import unit_choices

ROLE = Qt.ItemDataRole.UserRole


class SkpList(QTreeWidget):
    """SKP summaries: name, period, status, number of RHK."""

    def __init__(self, name: str, empty: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.empty_text = empty
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setHeaderLabels([_("Name"), _("Period"), _("Status"), _("RHK")])
        self.setColumnWidth(0, 170)
        self.setColumnWidth(1, 80)
        self.setColumnWidth(2, 80)

    def fill(self, rows: list[SkpSummary]) -> None:
        current = self.current_id()
        self.clear()
        for row in rows:
            period = (
                str(row.tahun)
                if (
                    row.periode_mulai.month,
                    row.periode_mulai.day,
                    row.periode_selesai.month,
                    row.periode_selesai.day,
                )
                == (1, 1, 12, 31)
                else f"{row.periode_mulai:%d/%m}–{row.periode_selesai:%d/%m/%Y}"
            )
            status = label(row.status) + (f" (r{row.revisi})" if row.revisi else "")
            item = QTreeWidgetItem([row.nama, period, status, str(row.jumlah_rhk)])
            item.setData(0, ROLE, row.id)
            item.setToolTip(0, f"{row.nip} · {row.jabatan} · {row.unit_nama}")
            self.addTopLevelItem(item)
        if not rows:
            placeholder = QTreeWidgetItem([self.empty_text])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            placeholder.setFirstColumnSpanned(True)
            self.addTopLevelItem(placeholder)
        self.select_id(current)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def select_id(self, skp_id: str | None) -> bool:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and skp_id is not None and item.data(0, ROLE) == skp_id:
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return True
        return False


class SkpScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.new_dialog: NewSkpDialog | None = None
        self.year = QSpinBox()
        self.year.setObjectName("skpYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self._year_changed())
        self.new_button = QPushButton(_("&New SKP…"))
        self.new_button.setObjectName("newSkp")
        self.new_button.clicked.connect(self.new_skp)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_skp)

        self.mine = SkpList("skpMine", _("You have no SKP for this year yet: “New SKP”."))
        self.team = SkpList("skpTeam", _("No SKP of your staff for this year."))
        self.inbox = SkpList("skpInbox", _("Nothing is waiting for your decision."))
        self.unit_list = SkpList("skpUnit", _("Choose a unit."))
        self.unit = QComboBox()
        self.unit.setObjectName("skpUnitFilter")
        self.unit.currentIndexChanged.connect(lambda _i: self.reload_lists())
        unit_page = QWidget()
        unit_layout = QVBoxLayout(unit_page)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.unit)
        unit_layout.addWidget(self.unit_list, 1)
        self.lists = QTabWidget()
        self.lists.setObjectName("skpLists")
        self.lists.addTab(self.mine, _("Mine"))
        self.lists.addTab(self.team, _("My team"))
        self.lists.addTab(self.inbox, _("Waiting for me"))
        self.unit_tab = self.lists.addTab(unit_page, _("By unit"))
        for widget in (self.mine, self.team, self.inbox, self.unit_list):
            widget.currentItemChanged.connect(self._picked)

        self.editor = SkpEditor(ctx)
        self.editor.changed.connect(lambda _id: self.reload_lists())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.lists, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 1000])

        self.matriks = MatriksView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("skpTabs")
        self.tabs.addTab(splitter, _("SKP"))
        self.tabs.addTab(self.matriks, _("Role-result matrix"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self._actor_changed)
        self._actor_changed()

    # ---------------------------------------------------------------- loading

    def _actor_changed(self) -> None:
        actor = self.ctx.actor
        pengelola = actor.is_pengelola or actor.is_system
        self.lists.setTabVisible(self.unit_tab, pengelola)
        staff = has_staff(self.ctx)
        self.lists.setTabVisible(1, staff)
        self.lists.setTabVisible(2, staff or pengelola)
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_("(choose a unit)"), None)
        for text, kode in unit_choices(self.ctx.db, actor=actor) if pengelola else []:
            self.unit.addItem(text, kode)
        self.unit.blockSignals(False)
        self.matriks.fill_units()
        if actor.pegawai_id:
            try:
                me = people.get_person(self.ctx.db, actor=actor, pegawai_id=actor.pegawai_id)
            except KinerjaError:
                me = None
            if me is not None and me.unit_kode:
                self.matriks.select_unit(me.unit_kode)
        self.editor.show_skp(None)
        self.reload_lists()

    def _year_changed(self) -> None:
        """Another year: its lists, and in the editor the user's own SKP of that year (or
        nothing), never the previous year's SKP."""
        self.reload_lists()
        own = self.mine.topLevelItem(0)
        own_id = own.data(0, ROLE) if own is not None else None
        self.editor.show_skp(own_id if isinstance(own_id, str) else None)
        if own is not None and isinstance(own_id, str):
            self.mine.select_id(own_id)

    def _data_changed(self, area: str) -> None:
        if area in ("skp", "people", "sync", "*"):
            self.reload_lists()

    def reload_lists(self) -> None:
        db, actor, year = self.ctx.db, self.ctx.actor, self.year.value()
        try:
            self.mine.fill(skp_queries.list_skp(db, actor=actor, tahun=year, scope="mine"))
            self.team.fill(skp_queries.list_skp(db, actor=actor, tahun=year, scope="team"))
            waiting = skp_queries.inbox(db, actor=actor)
            self.inbox.fill(waiting)
            kode = self.unit.currentData()
            self.unit_list.fill(
                skp_queries.list_skp(db, actor=actor, tahun=year, unit_kode=kode) if kode else []
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.lists.setTabText(2, _("Waiting for me ({n})").format(n=len(waiting)))

    def _picked(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        skp_id = current.data(0, ROLE)
        if skp_id and (self.editor.detail is None or self.editor.detail.id != skp_id):
            self.editor.show_skp(skp_id)

    # ---------------------------------------------------------------- actions

    def open_item(self, payload: object) -> None:
        """Show an SKP (by id), or my own SKP of the year when ``payload`` is None."""
        self.tabs.setCurrentIndex(0)
        if isinstance(payload, str) and payload:
            self.editor.show_skp(payload)
            for index, widget in enumerate((self.mine, self.team, self.inbox)):
                if widget.select_id(payload):
                    self.lists.setCurrentIndex(index)
                    break
            return
        self.lists.setCurrentIndex(0)
        first = self.mine.topLevelItem(0)
        if first is not None and first.data(0, ROLE):
            self.mine.setCurrentItem(first)

    def new_skp(self) -> NewSkpDialog | None:
        if not self.ctx.actor.pegawai_id:
            return None
        dialog = NewSkpDialog(self.ctx, self.year.value(), self)

        def done() -> None:
            created = dialog.created
            if created is None:
                return
            self.year.setValue(created.summary.tahun)
            self.reload_lists()
            self.open_item(created.id)

        dialog.accepted.connect(done)
        self.new_dialog = dialog
        dialog.open()
        return dialog
