"""A tab page built when first wanted: shown for the first time, or asked for by code. A
screen opens with its first tab alone; the modules, widgets and data of the other tabs cost
nothing until the user goes there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    """Holds the widget ``build`` makes, made on first show or first ``widget()``."""

    def __init__(self, build: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._widget: W | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> W | None:
        """The widget if it was made, else None (nothing is made)."""
        return self._widget

    def widget(self) -> W:
        """The widget, made now if it was not yet."""
        if self._widget is None:
            self._widget = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._widget)
            if self.isVisible():
                # Shown now, not when the event loop next runs: what it loads on show is there.
                self._widget.show()
        return self._widget

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.widget()
