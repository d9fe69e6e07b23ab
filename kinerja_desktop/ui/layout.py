"""Layout helpers that keep screens within a 1024×600 window: a row of buttons that wraps
onto the next line instead of widening the window, a label that elides its text and shows
the whole in a tooltip, and the key columns of a table (those that must stay readable)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QListWidget,
    QSizePolicy,
    QStyle,
    QTableView,
    QTreeView,
    QWidget,
)


class FlowLayout(QLayout):
    """Lays its widgets out left to right and wraps to a new line when the row is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        # Only what changed is set again: each call of a Qt method returning nothing costs
        # PySide6 6.12 a reference to None (see bench/RESULTS.md), and layouts run often.
        if rect != self.geometry():
            super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() + self._spacing for i in self._visible())
        return QSize(width, self.minimumSize().height())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            target = QRect(QPoint(x, y), hint)
            if move and item.geometry() != target:
                item.setGeometry(target)
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class ElidedLabel(QLabel):
    """One line of text, cut with “…” when narrow; the whole text is in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())


def set_key_columns(view: QAbstractItemView, *columns: int) -> None:
    """Name the columns of ``view`` that must stay readable at 1024×600 (the fit test checks
    them); the others may be narrowed or scrolled to."""
    view.setProperty("key_columns", list(columns))


def scrollbar_extent(widget: QWidget) -> int:
    return widget.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)


def group(*widgets: QWidget | str) -> QWidget:
    """Widgets (a text becomes a label) kept together on one line of a ``FlowLayout``."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    return box


def compact_combos(root: QWidget, characters: int = 18) -> None:
    """Let the drop-down lists under ``root`` that size themselves to their longest entry
    shrink to ``characters`` characters instead (the list that opens still shows entries
    whole), so that a long unit or person name does not widen the window."""
    default = QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow
    for combo in root.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() == default:
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(characters)
            combo.view().setMinimumWidth(0)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)


class ColumnPriorities(QObject):
    """Keeps the stretching key column of ``view`` readable: while it would be narrower than
    ``needed`` pixels, the ``optional`` columns step aside (the first named goes first) and
    come back when there is room."""

    def __init__(
        self, view: QTreeView | QTableView, stretch: int, optional: list[int], needed: int
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.optional = optional
        self.needed = needed
        view.viewport().installEventFilter(self)

    def header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        header = self.header()
        if header.count() <= self.stretch:
            return
        for column in self.optional:
            header.setSectionHidden(column, False)
        width = self.view.viewport().width()
        for column in self.optional:
            others = sum(
                header.sectionSize(c)
                for c in range(header.count())
                if c != self.stretch and not header.isSectionHidden(c)
            )
            if width - others >= self.needed:
                break
            header.setSectionHidden(column, True)


def separated_items(view: QListWidget) -> None:
    """Items of several lines in ``view``: wrapped rather than cut, a line between items."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setStyleSheet(
        "QListWidget::item { border-bottom: 1px solid palette(midlight); padding: 3px 2px; }"
    )
