"""The start/stop timer of the day view: the activity being done now.

Starting records the current time (``clock.now``) as the start of a running activity;
stopping gives its start and end (now), which the day view puts into the new row for the
pegawai to describe and add like any entry. The running timer is stored in this install's
settings (one per pegawai, never synced: it is the activity under way at this computer), so
it survives closing the program. Starting while another runs stops that one first. A start
inside an existing entry of the day, or a stop whose span would overlap one, is refused with
the row named, as entries are. A timer still running after midnight stops at 24:00 of its
day. Only the pegawai runs their own timer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.services.core import access
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.entries import check_free, format_time

_KEY = "harian.timer."
DAY_END = 24 * 60


@dataclass(frozen=True)
class RunningTimer:
    """A timer under way: its day, its start (minutes after midnight), the text typed."""

    tanggal: dt.date
    mulai: int
    kegiatan: str

    def menit(self, now: dt.datetime) -> int:
        """Minutes run until ``now`` (until the end of its day once that day is over)."""
        if now.date() > self.tanggal:
            return DAY_END - self.mulai
        return max(now.hour * 60 + now.minute - self.mulai, 0)


@dataclass(frozen=True)
class StoppedTimer:
    """A stopped timer: the span to describe and add as an entry."""

    tanggal: dt.date
    mulai: int
    selesai: int
    kegiatan: str

    @property
    def jam_mulai(self) -> str:
        return format_time(self.mulai)

    @property
    def jam_selesai(self) -> str:
        return format_time(self.selesai)


def _require_self(actor: Actor, pegawai_id: str) -> None:
    if not access.is_self(actor, pegawai_id):
        raise access.deny(_("Only the pegawai runs their own timer."))


def _stored(session: Session, pegawai_id: str) -> RunningTimer | None:
    setting = session.get(Setting, _KEY + pegawai_id)
    value = setting.value if setting is not None else None
    if not isinstance(value, dict):
        return None
    try:
        return RunningTimer(
            dt.date.fromisoformat(str(value["tanggal"])),
            int(value["mulai"]),
            str(value.get("kegiatan", "")),
        )
    except (KeyError, ValueError, TypeError):
        return None


def running(db: Database, *, actor: Actor, pegawai_id: str) -> RunningTimer | None:
    """The pegawai's running timer on this install, if any."""
    _require_self(actor, pegawai_id)
    with db.read(actor) as session:
        return _stored(session, pegawai_id)


def _stop_in(session: Session, pegawai_id: str, timer: RunningTimer) -> StoppedTimer:
    now = clock.now()
    end = DAY_END if now.date() > timer.tanggal else now.hour * 60 + now.minute
    end = min(max(end, timer.mulai + 1), DAY_END)
    check_free(session, pegawai_id, timer.tanggal, timer.mulai, end)
    setting = session.get(Setting, _KEY + pegawai_id)
    if setting is not None:
        session.delete(setting)
    return StoppedTimer(timer.tanggal, timer.mulai, end, timer.kegiatan)


def start(
    db: Database, *, actor: Actor, pegawai_id: str, kegiatan: str = ""
) -> tuple[RunningTimer, StoppedTimer | None]:
    """Start the timer now; a timer already running is stopped first (returned second, its
    span to add). All or nothing: a refused start leaves the running timer as it was."""
    _require_self(actor, pegawai_id)
    now = clock.now()
    minute = now.hour * 60 + now.minute
    if minute >= DAY_END - 1:
        raise ValidationError(_("The day is over; start the timer after midnight."))
    with db.unit_of_work(actor) as session:
        earlier = _stored(session, pegawai_id)
        stopped = _stop_in(session, pegawai_id, earlier) if earlier is not None else None
        session.flush()
        check_free(session, pegawai_id, now.date(), minute, minute + 1)
        if stopped is not None and stopped.tanggal == now.date():
            minute = max(minute, stopped.selesai)  # the first ran less than a minute
        timer = RunningTimer(now.date(), minute, " ".join(kegiatan.split()))
        value = {"tanggal": timer.tanggal.isoformat(), "mulai": timer.mulai,
                 "kegiatan": timer.kegiatan}  # fmt: skip
        setting = session.get(Setting, _KEY + pegawai_id)
        if setting is None:
            session.add(Setting(key=_KEY + pegawai_id, value=value))
        else:
            setting.value = value
        return timer, stopped


def stop(db: Database, *, actor: Actor, pegawai_id: str) -> StoppedTimer:
    """Stop the running timer now: its span, for the new row. Refused (the timer keeps
    running) when no timer runs or when the span would overlap an entry of its day."""
    _require_self(actor, pegawai_id)
    with db.unit_of_work(actor) as session:
        timer = _stored(session, pegawai_id)
        if timer is None:
            raise ValidationError(_("No timer is running."))
        return _stop_in(session, pegawai_id, timer)


def discard(db: Database, *, actor: Actor, pegawai_id: str) -> bool:
    """Throw the running timer away (nothing recorded); False when none ran."""
    _require_self(actor, pegawai_id)
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, _KEY + pegawai_id)
        if setting is None:
            return False
        session.delete(setting)
        return True
