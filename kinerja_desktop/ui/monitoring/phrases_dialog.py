"""The pengelola's editor of the standard feedback phrases (FrasaUmpanBalik): add, edit,
retire (untick) and fill an empty list with the standard set."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.monitoring.feedback import FrasaRow
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.messages import show_error


class PhrasesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Standard feedback phrases"))
        self.resize(620, 420)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_a: self._selected())
        self.list.itemChanged.connect(self._toggled)
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Phrase text"))
        self.perilaku = QCheckBox(_("for behaviour values"))
        self.add_button = QPushButton(_("&Add"))
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton(_("&Save changes"))
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton(_("Fill with the standard phrases"))
        self.defaults_button.clicked.connect(self.add_defaults)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.perilaku)
        row.addWidget(self.add_button)
        row.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.defaults_button)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        rows = feedback.list_frasa(self.ctx.db, actor=self.ctx.actor, include_inactive=True)
        for row in rows:
            kind = _("behaviour") if row.untuk_perilaku else _("work result")
            item = QListWidgetItem(f"{row.teks}  [{kind}]")
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.aktif else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.defaults_button.setVisible(not rows)

    def _current(self) -> FrasaRow | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selected(self) -> None:
        row = self._current()
        if row is not None:
            self.text.setText(row.teks)
            self.perilaku.setChecked(row.untuk_perilaku)

    def _call(self, **kwargs: object) -> None:
        try:
            feedback.save_frasa(self.ctx.db, actor=self.ctx.actor, **kwargs)  # type: ignore[arg-type]
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reload()

    def add(self) -> None:
        self._call(teks=self.text.text(), untuk_perilaku=self.perilaku.isChecked())
        self.text.clear()

    def save(self) -> None:
        row = self._current()
        if row is not None:
            self._call(
                teks=self.text.text(),
                untuk_perilaku=self.perilaku.isChecked(),
                aktif=row.aktif,
                frasa_id=row.id,
            )

    def _toggled(self, item: QListWidgetItem) -> None:
        row: FrasaRow = item.data(Qt.ItemDataRole.UserRole)
        self._call(
            teks=row.teks,
            untuk_perilaku=row.untuk_perilaku,
            aktif=item.checkState() == Qt.CheckState.Checked,
            frasa_id=row.id,
        )

    def add_defaults(self) -> None:
        try:
            feedback.add_default_frasa(self.ctx.db, actor=self.ctx.actor)
        except KinerjaError as error:
            show_error(self, error)
            return
        self.reload()
