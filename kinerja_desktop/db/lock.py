"""One writer per data home: a lock file held by the running program.

The GUI holds ``DataHome.lock_file`` for as long as it runs, and ``kinerja restore`` holds it
while it replaces the database, so a second program on the same data home is refused with a
message naming the holder (process, computer, since when) instead of writing beside it.
The operating system releases the lock when the holder exits, even after a crash or a power
loss, so a stale lock file never blocks anyone: only a live holder does. A clean release empties
the note; a note found on acquiring means the previous holder did not end cleanly (a crash,
a kill, a power loss): ``after_crash`` says so, and start-up then checks the database.

The locking call is the one platform-specific piece: ``msvcrt.locking`` on Windows,
``fcntl.flock`` elsewhere, behind ``_try_lock``. A byte far past the holder's note is locked,
so that others can still read the note on Windows (where a locked range cannot be read).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.i18n import _

_LOCK_OFFSET = 4096


def _try_lock(handle: IO[Any]) -> bool:
    """Lock one byte of ``handle`` without waiting; False if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[Any]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class InstanceLock:
    """The data home's lock; ``acquire`` raises ``DatabaseError`` naming the holder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[Any] | None = None
        self.after_crash = False

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, purpose: str = "gui") -> InstanceLock:
        if self._handle is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b")
        if not _try_lock(handle):
            handle.close()
            raise DatabaseError(_holder_message(read_holder(self.path)))
        handle.seek(0)
        self.after_crash = bool(handle.read(_LOCK_OFFSET).strip())
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "purpose": purpose,
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        handle.seek(0)
        handle.truncate(0)
        handle.write(json.dumps(note).encode("utf-8"))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate(0)
            handle.flush()
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_holder(path: Path) -> dict[str, Any]:
    """The note the current holder wrote (empty if unreadable)."""
    try:
        data = json.loads(path.read_bytes()[:_LOCK_OFFSET].decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _holder_message(holder: dict[str, Any]) -> str:
    if holder.get("pid"):
        who = _("process {pid} on {host}, since {since}").format(
            pid=holder.get("pid"), host=holder.get("host", "?"), since=holder.get("since", "?")
        )
    else:
        who = _("another program")
    return _(
        "Kinerja Desktop is already open on this data folder ({who}). Only one program may "
        "write to it at a time: switch to the open window, or close it and try again."
    ).format(who=who)
