"""A feedback thread box: the feedback items on one RHK, IKI or behaviour value with their
replies (who and when), the pejabat penilai's controls (standard phrase + free text) and the
reply field for the pegawai (and the penilai)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.i18n import _, format_datetime
from kinerja_desktop.services.monitoring.feedback import FrasaRow
from kinerja_desktop.services.monitoring.sheet import FeedbackRow


class FeedbackBox(QGroupBox):
    """Calls ``on_give(frasa_id, text)`` and ``on_reply(feedback_id, text)``."""

    def __init__(
        self,
        on_give: Callable[[str | None, str], None],
        on_reply: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Continuous feedback"), parent)
        self._on_give = on_give
        self._on_reply = on_reply
        self.threads = QTreeWidget()
        self.threads.setHeaderLabels([_("Feedback"), _("By"), _("When")])
        self.threads.setColumnWidth(0, 320)
        self.threads.setColumnWidth(1, 150)
        self.threads.setWordWrap(True)
        self.threads.setMinimumHeight(80)
        self.phrase = QComboBox()
        self.phrase.setMinimumWidth(160)
        self.phrase.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Your feedback (added after the phrase)"))
        self.give_button = QPushButton(_("&Give feedback"))
        self.give_button.clicked.connect(self.give)
        self.reply_text = QLineEdit()
        self.reply_text.setPlaceholderText(_("Reply to the selected feedback"))
        self.reply_button = QPushButton(_("&Reply"))
        self.reply_button.clicked.connect(self.reply)
        self.give_row = QWidget()
        give = QGridLayout(self.give_row)
        give.setContentsMargins(0, 0, 0, 0)
        give.addWidget(self.phrase, 0, 0, 1, 2)
        give.addWidget(self.text, 1, 0)
        give.addWidget(self.give_button, 1, 1)
        give.setColumnStretch(0, 1)
        self.reply_row = QWidget()
        reply = QHBoxLayout(self.reply_row)
        reply.setContentsMargins(0, 0, 0, 0)
        reply.addWidget(self.reply_text, 1)
        reply.addWidget(self.reply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.threads, 1)
        layout.addWidget(self.give_row)
        layout.addWidget(self.reply_row)

    def show_threads(
        self,
        rows: list[FeedbackRow],
        phrases: list[FrasaRow],
        *,
        can_give: bool,
        can_reply: bool,
    ) -> None:
        self.threads.clear()
        for row in rows:
            item = QTreeWidgetItem(
                [row.isi, row.penulis_nama, format_datetime(row.at.astimezone())]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(0, row.isi)
            for answer in row.balasan:
                child = QTreeWidgetItem(
                    [answer.teks, answer.penulis_nama, format_datetime(answer.at.astimezone())]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, row.id)
                child.setToolTip(0, answer.teks)
                item.addChild(child)
            self.threads.addTopLevelItem(item)
            item.setExpanded(True)
        if not rows:
            empty = QTreeWidgetItem([_("No feedback yet in this period.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.threads.addTopLevelItem(empty)
        else:
            last = self.threads.topLevelItem(len(rows) - 1)
            if last is not None:
                self.threads.setCurrentItem(last)
        self.phrase.clear()
        self.phrase.addItem(_("— standard phrase —"), None)
        for phrase in phrases:
            self.phrase.addItem(phrase.teks, phrase.id)
        self.text.clear()
        self.reply_text.clear()
        self.give_row.setVisible(can_give)
        self.reply_row.setVisible(can_reply and bool(rows))

    def give(self) -> None:
        self._on_give(self.phrase.currentData(), self.text.text())

    def reply(self) -> None:
        item = self.threads.currentItem()
        target = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if target:
            self._on_reply(str(target), self.reply_text.text())
