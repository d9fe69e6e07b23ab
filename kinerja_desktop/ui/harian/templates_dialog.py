"""My recurring templates: save the chosen entry as one (every working day or its day of
the week), delete one, apply them to the day or the week shown in the day view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_weekday
from kinerja_desktop.services.harian import templates
from kinerja_desktop.ui.context import AppContext


class TemplatesDialog(QDialog):
    """``apply(whole_week)`` is the day view's, so that the result shows there."""

    def __init__(
        self,
        ctx: AppContext,
        pegawai_id: str,
        entry: tuple[str, dt.date] | None,
        apply: Callable[[bool], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Recurring templates"))
        self.ctx = ctx
        self.pegawai_id = pegawai_id
        self.entry = entry
        self._apply = apply
        self.list = QListWidget()
        self.recur = QComboBox()
        self.recur.addItem(_("every working day"), templates.WORKING_DAYS)
        if entry is not None:
            day = entry[1]
            self.recur.addItem(_("every {day}").format(day=format_weekday(day)), day.weekday())
        self.save_button = QPushButton(_("Save the chosen entry as a template"))
        self.save_button.setEnabled(entry is not None)
        self.save_button.clicked.connect(self.save_entry)
        self.delete_button = QPushButton(_("Delete template"))
        self.delete_button.clicked.connect(self.delete)
        self.day_button = QPushButton(_("Apply to the day (Ctrl+R)"))
        self.day_button.clicked.connect(lambda: self.apply(False))
        self.week_button = QPushButton(_("Apply to the week (Ctrl+Shift+R)"))
        self.week_button.clicked.connect(lambda: self.apply(True))
        self.message = QLabel()
        self.message.setWordWrap(True)
        saving = QHBoxLayout()
        saving.addWidget(self.recur)
        saving.addWidget(self.save_button, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.day_button)
        actions.addWidget(self.week_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(saving)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        try:
            rows = templates.list_templates(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id
            )
        except KinerjaError as error:
            self.message.setText(error.message)
            return
        for template in rows:
            item = QListWidgetItem(template.label)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            self.list.addItem(item)
        if not rows:
            self.message.setText(_("No templates yet: choose an entry of the day, then save it."))
        self.list.setCurrentRow(0)
        self.delete_button.setEnabled(bool(rows))
        for button in (self.day_button, self.week_button):
            button.setEnabled(bool(rows))

    def save_entry(self) -> None:
        if self.entry is None:
            return
        try:
            saved = templates.template_from_entry(
                self.ctx.db, actor=self.ctx.actor, entry_id=self.entry[0],
                hari=int(self.recur.currentData()),
            )  # fmt: skip
        except KinerjaError as error:
            self.message.setText(error.message)
            return
        self.reload()
        self.message.setText(_("Saved: {template}").format(template=saved.label))

    def delete(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            templates.delete_template(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id,
                template_id=str(item.data(Qt.ItemDataRole.UserRole)),
            )  # fmt: skip
        except KinerjaError as error:
            self.message.setText(error.message)
            return
        self.reload()

    def apply(self, whole_week: bool) -> None:
        self._apply(whole_week)
        self.accept()
