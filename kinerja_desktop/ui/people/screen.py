"""People: the unit tree, the people of the chosen unit filtered as you type, and the
selected person's details with New / Edit / Deactivate."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.services.core.nip import format_nip
from kinerja_desktop.services.core.reference import label, pangkat_label
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people.directory import PegawaiRow
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import set_key_columns
from kinerja_desktop.ui.messages import confirm, show_error
from kinerja_desktop.ui.people.people_table_model import PeopleTableModel
from kinerja_desktop.ui.people.person_dialog import PersonDialog


class PeopleScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_kode: str | None = None
        self.units = QTreeWidget()
        self.units.setHeaderHidden(True)
        self.units.setUniformRowHeights(True)
        self.units.setMinimumWidth(160)
        self.units.currentItemChanged.connect(self._unit_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter by name, NIP, unit or position…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel()
        self.model = PeopleTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 240)
        self.table.setColumnWidth(2, 70)
        self.table.setColumnWidth(3, 220)
        self.table.setColumnWidth(4, 200)
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(1), 0)
        set_key_columns(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.new_button = QPushButton(_("&New person"))
        self.new_button.clicked.connect(self.new_person)
        self.edit_button = QPushButton(_("&Edit"))
        self.edit_button.clicked.connect(self.edit_person)
        self.deactivate_button = QPushButton(_("&Deactivate"))
        self.deactivate_button.clicked.connect(self.deactivate_person)
        self.detail = QGroupBox(_("Details"))
        self.detail_form = QFormLayout(self.detail)
        self.detail_labels: dict[str, QLabel] = {}
        for key, title in (
            ("nama", _("Name")),
            ("nip", _("NIP / NI PPPK")),
            ("jenis", _("Employee type")),
            ("pangkat", _("Rank / grade")),
            ("jabatan", _("Position")),
            ("unit", _("Unit")),
            ("penilai", _("Appraising official")),
            ("status", _("Status")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = value
            self.detail_form.addRow(title, value)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.deactivate_button)
        buttons.addStretch(1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        middle_layout.addLayout(top)
        middle_layout.addWidget(self.table, 1)
        middle_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.detail)
        right_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.units)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 600, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(
            self.filter.setFocus
        )
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(
            self.new_person
        )
        self._pending_filter = QTimer(self)
        self._pending_filter.setSingleShot(True)
        self._pending_filter.setInterval(0)
        self._pending_filter.timeout.connect(lambda: self._apply_filter())
        ctx.data_changed.connect(self._data_changed)
        ctx.actor_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read units and people again (after a change or a login)."""
        self._load_units()
        self._load_people()
        self._update_buttons()

    def _load_units(self) -> None:
        self.units.blockSignals(True)
        self.units.clear()
        root = QTreeWidgetItem([_("All units")])
        root.setData(0, Qt.ItemDataRole.UserRole, None)
        self.units.addTopLevelItem(root)
        items: dict[str, QTreeWidgetItem] = {}
        for unit in people.list_units(self.ctx.db, actor=self.ctx.actor):
            item = QTreeWidgetItem([f"{unit.nama} ({unit.kode})"])
            item.setData(0, Qt.ItemDataRole.UserRole, unit.kode)
            parent = items.get(unit.parent_id or "", root)
            parent.addChild(item)
            items[unit.id] = item
            if unit.kode == self.unit_kode:
                self.units.setCurrentItem(item)
        self.units.expandToDepth(1)
        if self.units.currentItem() is None:
            self.units.setCurrentItem(root)
        self.units.blockSignals(False)

    def _load_people(self) -> None:
        rows = people.list_people(self.ctx.db, actor=self.ctx.actor, unit_kode=self.unit_kode)
        self.model.set_people(rows)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text())
        self.count.setText(
            _("{shown} of {total}").format(
                shown=format_number(self.model.rowCount()), total=format_number(self.model.total())
            )
        )
        self._show_detail(self.current_person())

    def _filter_changed(self, _text: str) -> None:
        self._pending_filter.start()

    def _unit_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        self.unit_kode = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self._load_people()

    def _data_changed(self, area: str) -> None:
        if area in ("people", "*"):
            self.reload()

    def current_person(self) -> PegawaiRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.person(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.current_person())
        self._update_buttons()

    def _show_detail(self, person: PegawaiRow | None) -> None:
        values = dict.fromkeys(self.detail_labels, "")
        if person is not None:
            values.update(
                nama=person.nama_lengkap,
                nip=format_nip(person.nip),
                jenis=label(person.jenis_asn),
                pangkat=pangkat_label(person.golongan) if person.golongan else "",
                jabatan=person.jabatan,
                unit=f"{person.unit_nama} ({person.unit_kode})" if person.unit_kode else "",
                penilai=f"{person.penilai_nama} ({format_nip(person.penilai_nip)})"
                if person.penilai_id
                else _("(none)"),
                status=_("Active") if person.aktif else _("Inactive"),
            )
        for key, value in values.items():
            self.detail_labels[key].setText(value)

    def _update_buttons(self) -> None:
        admin = self.ctx.actor.is_pengelola or self.ctx.actor.is_system
        selected = self.current_person() is not None
        self.new_button.setVisible(admin)
        self.edit_button.setVisible(admin)
        self.deactivate_button.setVisible(admin)
        self.edit_button.setEnabled(selected)
        self.deactivate_button.setEnabled(selected)

    def open_item(self, payload: object) -> None:
        """Select the person whose id is ``payload``."""
        if not isinstance(payload, str):
            return
        if self.model.row_of(payload) < 0:
            self.filter.clear()
            self.unit_kode = None
            self.reload()
        row = self.model.row_of(payload)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def new_person(self) -> None:
        dialog = PersonDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.open_item(dialog.saved.id)

    def edit_person(self) -> None:
        person = self.current_person()
        if person is None or not (self.ctx.actor.is_pengelola or self.ctx.actor.is_system):
            return
        dialog = PersonDialog(self.ctx, person, self)
        if dialog.exec() and dialog.saved is not None:
            self.open_item(dialog.saved.id)

    def deactivate_person(self) -> None:
        person = self.current_person()
        if person is None:
            return
        if not confirm(
            self, _("Deactivate {name}? Their records are kept.").format(name=person.nama_lengkap)
        ):
            return
        try:
            people.set_active(self.ctx.db, actor=self.ctx.actor, pegawai_id=person.id, aktif=False)
        except Exception as error:
            show_error(self, error)
            return
