"""The timer line of the day view: start/stop (Ctrl+T) the activity under way, the time it
has run, and discarding it. Stopping hands the span to the day view's new row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.harian import clock, timer
from kinerja_desktop.services.harian.entries import format_time
from kinerja_desktop.services.harian.timer import RunningTimer, StoppedTimer
from kinerja_desktop.ui.context import AppContext


class TimerBar(QWidget):
    """Calls ``on_stopped(span)`` when a timer stops, ``on_message(text)`` to explain."""

    def __init__(
        self,
        ctx: AppContext,
        on_stopped: Callable[[StoppedTimer], None],
        on_message: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.current: RunningTimer | None = None
        self._on_stopped = on_stopped
        self._on_message = on_message
        self.button = QPushButton(_("Start timer (Ctrl+T)"))
        self.button.clicked.connect(lambda: self.toggle(""))
        self.discard_button = QPushButton(_("Discard timer"))
        self.discard_button.clicked.connect(self.discard)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.label, 1)
        self.setVisible(False)
        self.ticker = QTimer(self)
        self.ticker.setInterval(15_000)
        self.ticker.timeout.connect(self.show_state)

    def set_pegawai(self, pegawai_id: str | None) -> None:
        """The pegawai whose own timer this is (None: not one's own log, no timer)."""
        self.pegawai_id = pegawai_id
        self.setVisible(pegawai_id is not None)
        self.load()

    def load(self) -> None:
        self.current = None
        if self.pegawai_id is not None:
            try:
                self.current = timer.running(
                    self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id
                )
            except KinerjaError as error:
                self._on_message(error.message)
        self.show_state()

    def show_state(self) -> None:
        running = self.current
        self.discard_button.setVisible(running is not None)
        if running is None:
            self.ticker.stop()
            self.button.setText(_("Start timer (Ctrl+T)"))
            self.label.clear()
            return
        self.ticker.start()
        self.button.setText(_("Stop timer (Ctrl+T)"))
        minutes = running.menit(clock.now())
        since = format_time(running.mulai)
        if running.tanggal != clock.now().date():
            since = f"{format_date(running.tanggal)} {since}"
        self.label.setText(
            _("Running since {since}: {hours}:{minutes:02d}{text}").format(
                since=since,
                hours=minutes // 60,
                minutes=minutes % 60,
                text=f" — {running.kegiatan}" if running.kegiatan else "",
            )
        )

    def toggle(self, kegiatan: str) -> None:
        """Stop the running timer, or start one now (with ``kegiatan`` typed so far)."""
        if self.pegawai_id is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        try:
            if self.current is not None:
                stopped: StoppedTimer | None = timer.stop(
                    db, actor=actor, pegawai_id=self.pegawai_id
                )
                self.current = None
            else:
                self.current, stopped = timer.start(
                    db, actor=actor, pegawai_id=self.pegawai_id, kegiatan=kegiatan
                )
        except KinerjaError as error:
            self._on_message(error.message)
            return
        self.show_state()
        if stopped is not None:
            self._on_stopped(stopped)

    def discard(self) -> None:
        if self.pegawai_id is None:
            return
        try:
            timer.discard(self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id)
        except KinerjaError as error:
            self._on_message(error.message)
            return
        self.current = None
        self.show_state()
