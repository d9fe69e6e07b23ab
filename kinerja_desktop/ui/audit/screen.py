"""Audit log screen: who changed what, when, with the values before and after.

Filters by person, kind of record, record id or text, and dates; the list shows the newest
entries first and the selected entry's changes field by field. The screen is read-only (the
service offers no way to change the log). ``open_item`` accepts a pegawai id, or a dict
``{"table": ..., "record_id": ...}`` to show one record's history.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_datetime, format_number
from kinerja_desktop.services.admin import audit
from kinerja_desktop.services.admin import audit_labels as labels
from kinerja_desktop.services.admin.audit import AuditFilter, AuditRow
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.labels import DATE_EDIT_FORMAT
from kinerja_desktop.ui.layout import FlowLayout, group
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, choices

LIMIT = 2000
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _local(moment: dt.datetime) -> str:
    return format_datetime(moment.astimezone())


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _who(row: AuditRow) -> str:
    """Who made the change: the program itself is not called "system"."""
    if not row.actor_name or row.actor_name == SYSTEM.name:
        return _("(program)")
    return row.actor_name


def changes_text(row: AuditRow) -> str:
    """The entry's fields as ``field: before → after`` lines."""
    before, after = row.before or {}, row.after or {}
    lines = []
    for key in labels.shown_fields(row.changed_fields()):
        name = labels.field_label(key)
        if key == "password_hash":
            lines.append(f"{name}: {_('changed')}")
        elif row.action == "insert" or key not in before:
            lines.append(f"{name}: {_value(after.get(key))}")
        else:
            lines.append(f"{name}: {_value(before.get(key))} → {_value(after.get(key))}")
    return "\n".join(lines)


class AuditTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []

    def headers(self) -> list[str]:
        return [_("Time"), _("By"), _("Action"), _("Record"), _("Person"), _("Changed fields")]

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        return (
            _local(row.at),
            _who(row),
            audit.action_label(row.action),
            audit.record_label(row.table_name),
            row.pegawai_nama,
            ", ".join(labels.field_label(f) for f in labels.shown_fields(row.changed_fields())),
        )[index.column()]


class AuditScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        layout = QVBoxLayout(self)
        title = QLabel(_("Audit log"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        filters = FlowLayout()
        self.person = PersonPicker(name="person")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.text = QLineEdit()
        self.text.setObjectName("text")
        self.text.setPlaceholderText(_("Name or record id"))
        self.use_dates = QCheckBox(_("From"))
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-1))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.apply = QPushButton(_("Show"))
        self.apply.setObjectName("apply")
        self.text.setMinimumWidth(180)
        filters.addWidget(group(_("Person:"), self.person))
        filters.addWidget(group(_("Record:"), self.kind))
        filters.addWidget(self.text)
        filters.addWidget(group(self.use_dates, self.date_from, _("to"), self.date_to))
        filters.addWidget(self.apply)
        layout.addLayout(filters)
        self.count = QLabel()
        self.count.setObjectName("count")
        layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = AuditTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.setReadOnly(True)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([400, 160])
        layout.addWidget(splitter, 1)
        self.apply.clicked.connect(self.reload)
        self.text.returnPressed.connect(self.reload)
        self.person.activated.connect(self.reload)
        self.kind.activated.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        ctx.any_changed.connect(self._mark_stale)
        ctx.actor_changed.connect(self._reset)

    def _fill_choices(self) -> None:
        actor = self.ctx.actor
        current_kind = self.kind.currentData()
        self.person.set_people(
            choices(people.list_people(self.ctx.db, actor=actor, include_inactive=True)),
            leading=[(_("All people"), None)],
        )  # fmt: skip
        self.kind.clear()
        self.kind.addItem(_("All records"), None)
        for table in audit.tables(self.ctx.db, actor=actor):
            self.kind.addItem(audit.record_label(table), table)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current_kind)))

    def current_filter(self) -> AuditFilter:
        text = self.text.text().strip()
        dates: dict[str, dt.date] = {}
        if self.use_dates.isChecked():
            dates = {
                "date_from": self.date_from.date().toPython(),  # type: ignore[dict-item]
                "date_to": self.date_to.date().toPython(),  # type: ignore[dict-item]
            }
        return AuditFilter(
            pegawai_id=self.person.currentData(), table_name=self.kind.currentData(), text=text,
            **dates,  # type: ignore[arg-type]
        )  # fmt: skip

    def reload(self) -> None:
        try:
            flt = self.current_filter()
            rows = audit.list_entries(self.ctx.db, actor=self.ctx.actor, flt=flt, limit=LIMIT)
            total = audit.count_entries(self.ctx.db, actor=self.ctx.actor, flt=flt)
        except KinerjaError as error:
            show_error(self, error)
            return
        self.model.set_rows(rows)
        self.detail.clear()
        if total > len(rows):
            self.count.setText(
                _("Showing the newest {shown} of {total} entries; narrow the filter to see older ones.")
                .format(shown=format_number(len(rows)), total=format_number(total))
            )  # fmt: skip
        else:
            self.count.setText(_("{count} entries").format(count=format_number(total)))
        self._stale = False

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.rows[current.row()]
        header = _("{when}: {who} {action} {table} {record}").format(
            when=_local(row.at), who=_who(row), action=audit.action_label(row.action),
            table=audit.record_label(row.table_name), record=row.record_id,
        )  # fmt: skip
        self.detail.setPlainText(header + "\n\n" + changes_text(row))

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._fill_choices()
            self.reload()

    def _reset(self) -> None:
        self.person.clear()
        self.model.set_rows([])
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._fill_choices()
            self.reload()

    def open_item(self, payload: object) -> None:
        """Show a person's entries (a pegawai id) or one record's ({"table", "record_id"})."""
        self._fill_choices()
        self.use_dates.setChecked(False)
        if isinstance(payload, dict):
            self.person.setCurrentIndex(0)
            self.kind.setCurrentIndex(max(0, self.kind.findData(payload.get("table"))))
            self.text.setText(str(payload.get("record_id", "")))
        elif isinstance(payload, str):
            self.person.setCurrentIndex(max(0, self.person.findData(payload)))
            self.kind.setCurrentIndex(0)
            self.text.clear()
        self.reload()
