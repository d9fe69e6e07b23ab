"""Checks that a window fits its screen: no visible widget cut off by the window or by its
parent, a minimum size within the screen, and no table hiding its key columns.

A table names its key columns in the dynamic property ``key_columns`` (a list of column
numbers, see ``ui.layout.set_key_columns``); without it, the first column is key. A key
column is hidden when it is hidden, narrower than its header text, or lies (partly) right of
the visible part of the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QMainWindow,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

# A widget may stick out of its parent by this much (frames drawn on the parent's border).
SLACK = 2


def _inside_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """True when ``widget`` sits in a scroll area's viewport: it may be scrolled out of view."""
    parent = widget.parentWidget()
    child = widget
    while parent is not None and child is not window:
        if isinstance(parent, QAbstractScrollArea) and child is parent.viewport():
            return True
        child = parent
        parent = parent.parentWidget()
    return False


def visible_widgets(window: QWidget) -> Iterator[QWidget]:
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and not widget.isWindow() and widget.window() is window:
            yield widget


def _label(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "title", "windowTitle"):
        getter = getattr(widget, attr, None)
        if callable(getter):
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                text = value
                break
    path = []
    node: QWidget | None = widget
    while node is not None and len(path) < 4:
        path.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return f"{type(widget).__name__} {text[:40]!r} in {'/'.join(reversed(path))}"


def clipped_widgets(window: QWidget) -> list[str]:
    """Visible widgets that lie (partly) outside the window or outside their parent."""
    problems = []
    frame = window.rect()
    for widget in visible_widgets(window):
        if _inside_scrolled_content(widget, window) or widget.width() <= 0:
            continue
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not frame.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            problems.append(f"outside the window: {_label(widget)} at {rect}")
            continue
        parent = widget.parentWidget()
        if parent is not None and parent is not window:
            own = widget.geometry()
            if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(own):
                problems.append(f"cut off by its parent: {_label(widget)} at {own}")
    return problems


def key_columns(view: QAbstractItemView) -> list[int]:
    declared = view.property("key_columns")
    if declared:
        return [int(c) for c in declared]
    return [0]


def hidden_key_columns(window: QWidget) -> list[str]:
    """Key columns of visible tables and trees that cannot be read without scrolling."""
    problems = []
    for view in visible_widgets(window):
        if not isinstance(view, (QTableView, QTreeView)) or view.model() is None:
            continue
        header: QHeaderView = (
            view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        )
        width = view.viewport().width()
        columns = view.model().columnCount(QModelIndex())
        for column in key_columns(view):
            if column >= columns:
                continue
            name = view.model().headerData(column, Qt.Orientation.Horizontal)
            where = f"column {column} ({name}) of {_label(view)}"
            if header.isSectionHidden(column):
                problems.append(f"hidden: {where}")
                continue
            left = header.sectionViewportPosition(column)
            size = header.sectionSize(column)
            if left < 0 or left + size > width + SLACK:
                problems.append(f"outside the visible part ({left}+{size} > {width}): {where}")
            elif not header.isHidden() and isinstance(name, str) and name:
                needed = header.fontMetrics().horizontalAdvance(name) + 8
                if size < needed and not header.stretchLastSection():
                    problems.append(f"header cut ({size} < {needed}): {where}")
    return problems


def size_problems(window: QMainWindow, screen: QSize) -> list[str]:
    problems = []
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        problems.append(f"minimum size {minimum.width()}×{minimum.height()} exceeds the screen")
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append(f"window grew to {window.width()}×{window.height()}")
    return problems


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def visit_everything(screen: QWidget, check: Callable[[str], None], rounds: int = 2) -> None:
    """Select the first row of every visible list and show every tab, so that detail panes
    fill; ``check(step)`` runs after each change."""
    for _ in range(rounds):
        for view in screen.findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisible() and model is not None and not view.currentIndex().isValid():
                first = model.index(0, key_columns(view)[0])
                if first.isValid():
                    view.setCurrentIndex(first)
                    settle()
                    check(f"first row of {_label(view)}")
                # In a tree, the first leaf too (an indicator under its work result).
                leaf = first
                while isinstance(view, QTreeView) and model.index(0, 0, leaf).isValid():
                    leaf = model.index(0, leaf.column(), leaf)
                if leaf.isValid() and leaf != first:
                    view.setCurrentIndex(leaf)
                    settle()
                    check(f"first leaf of {_label(view)}")
        for tabs in screen.findChildren(QTabWidget):
            if tabs.isVisible():
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    settle()
                    check(f"tab {tabs.tabText(index)!r}")
                tabs.setCurrentIndex(0)
                settle()
