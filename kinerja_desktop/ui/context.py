"""What every screen shares: the open database, the acting user, and application signals.

A mutation is followed by ``ctx.notify(area)``; each screen listens to ``data_changed`` and
refreshes only when the area concerns it. ``navigate`` asks the main window to show an area
and open an item in it (a pegawai id, an SKP id, a bundle path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kinerja_desktop.actor import Actor

if TYPE_CHECKING:
    from kinerja_desktop.paths import DataHome
    from kinerja_desktop.services.core.database import Database


class AppContext(QObject):
    data_changed = Signal(str)
    navigate = Signal(str, object)
    actor_changed = Signal()
    language_changed = Signal()

    def __init__(self, db: Database, home: DataHome, actor: Actor) -> None:
        super().__init__()
        self.db = db
        self.home = home
        self._actor = actor

    @property
    def actor(self) -> Actor:
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor
        self.actor_changed.emit()

    def notify(self, area: str) -> None:
        """Tell every screen that data of ``area`` changed."""
        self.data_changed.emit(area)
