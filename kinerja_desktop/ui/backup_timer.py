"""Automatic backups while the program runs and when it closes.

``BackupTimer`` checks every ``backup.AUTO_INTERVAL`` whether the database files changed
since the last backup and, if so, makes one on a background thread (the SQLite online
backup API reads while the program keeps writing). ``backup_on_exit`` makes the last one,
in the foreground, when the program closes. A failed automatic backup is logged, not shown:
it must never interrupt work; ``kinerja check`` and the settings screen report it.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import backup

log = logging.getLogger(__name__)


def fingerprint(home: DataHome) -> tuple[int, ...]:
    """Sizes and modification times of the database and its write-ahead log."""
    values: list[int] = []
    for path in (home.database, Path(f"{home.database}-wal")):
        try:
            stat = path.stat()
            values += [stat.st_size, stat.st_mtime_ns]
        except FileNotFoundError:
            values += [0, 0]
    return tuple(values)


class BackupTimer(QObject):
    def __init__(self, home: DataHome, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.last: tuple[int, ...] | None = None
        self.last_path: Path | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(int(backup.AUTO_INTERVAL.total_seconds() * 1000))
        self.timer.timeout.connect(self.backup_in_background)

    def start(self) -> None:
        self.last = fingerprint(self.home)
        self.timer.start()

    def _backup(self) -> None:
        with self._lock:
            current = fingerprint(self.home)
            if current == self.last:
                return
            try:
                self.last_path = backup.make_backup(self.home)
                self.last = current
                log.info("automatic backup %s", self.last_path)
            except (KinerjaError, OSError) as error:
                log.error("automatic backup failed: %s", error)

    def backup_in_background(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._backup, name="auto-backup", daemon=True)
        self._thread.start()

    def backup_on_exit(self) -> None:
        self.timer.stop()
        if self._thread is not None:
            self._thread.join()
        self._backup()
