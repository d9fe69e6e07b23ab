"""Home: what needs *me* now. Items from every area, most urgent first; Enter or a
double-click opens the item where it is handled. The items are gathered right after the
screen is first shown, so the main window appears before that work."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.home import items as home
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import separated_items

_COLOURS = {
    Urgency.OVERDUE: "#c0392b",
    Urgency.ACTION: "#1f4e79",
    Urgency.SOON: "#7d6608",
    Urgency.INFO: "#555555",
}


class HomeScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.greeting = QLabel()
        font = QFont(self.greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.greeting.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        separated_items(self.list)
        self.list.setObjectName("homeItems")
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._open)
        self.empty = QLabel(
            _(
                "Nothing needs you right now. Use the areas on the left to plan, record a conversation or give feedback."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self._loaded = False
        ctx.any_changed.connect(self.reload)
        ctx.actor_changed.connect(self.reload)

    def showEvent(self, event: QShowEvent) -> None:
        """Gather the items just after the first paint, so the window appears at once."""
        super().showEvent(event)
        if not self._loaded:
            QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if not self._loaded:
            self.reload()

    def items(self) -> list[HomeItem]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def reload(self, today: dt.date | None = None) -> None:
        self._loaded = True
        day = today or dt.date.today()
        self.greeting.setText(_("Hello, {name}").format(name=self.ctx.actor.name))
        items = home.items_for(self.ctx.db, actor=self.ctx.actor, today=day)
        self.summary.setText(
            _("Today is {date}. {count} things need you.").format(
                date=format_date(day), count=len(items)
            )
            if items
            else _("Today is {date}.").format(date=format_date(day))
        )
        self.list.clear()
        for item in items:
            second = [item.detail] if item.detail else []
            if item.due is not None:
                second.append(_("Due {date}").format(date=format_date(item.due)))
            text = "\n".join([item.title, " · ".join(second)]) if second else item.title
            widget_item = QListWidgetItem(text)
            widget_item.setData(Qt.ItemDataRole.UserRole, item)
            widget_item.setForeground(QBrush(QColor(_COLOURS[item.urgency])))
            self.list.addItem(widget_item)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)

    def _open(self, widget_item: QListWidgetItem) -> None:
        item: HomeItem = widget_item.data(Qt.ItemDataRole.UserRole)
        self.ctx.navigate.emit(item.area, item.payload)
