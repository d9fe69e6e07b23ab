"""Failed logins at an encrypted data home's key slots, kept until they can be audited.

A wrong password at an encrypted data home is refused before the database can be opened, so
the audit log (inside the encrypted database) cannot take the attempt then. Each refusal is
appended to ``security.log`` in the data home, a plain text file holding one JSON line per
attempt with only: the time (UTC), the login name as typed (at most 100 characters) and the
kind of failure (``unknown_name``, ``wrong_password``, ``locked_slot``). No password, no hash,
nothing else about anyone. At the next successful login ``services.admin.vault`` writes the
lines into the chained audit log, with their own times, and removes the file.

The file is bounded (``MAX_LINES``): once full, one ``log_full`` line with the time of the
first attempt it could not take is written and later attempts are not kept (the slot's own
counter still locks it). Each line carries the SHA-256 of the line before it, so that a line
edited, removed or inserted in the middle, or one that is not a line of this program at all,
is read back as damaged (``Damaged``) instead of as an attempt; reading never fails. Nothing
secret is available before the key slot opens, so this cannot stop someone who may write in
the data folder from removing the whole file: it keeps honest records, it is not a seal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from kinerja_desktop.paths import DataHome

log = logging.getLogger(__name__)

FILE_NAME = "security.log"
MAX_LINES = 500
MAX_NAME = 100
UNKNOWN_NAME = "unknown_name"
WRONG_PASSWORD = "wrong_password"
LOCKED_SLOT = "locked_slot"
LOG_FULL = "log_full"
KINDS = frozenset({UNKNOWN_NAME, WRONG_PASSWORD, LOCKED_SLOT, LOG_FULL})
_FIELDS = {"at", "user", "kind", "prev"}
# A line longer than this is not one this program wrote (and is not read whole).
_MAX_LINE_BYTES = 2048


@dataclass(frozen=True)
class Attempt:
    """One failed attempt read back: when, the name typed, and the kind of failure."""

    line: int
    at: dt.datetime
    username: str
    kind: str


@dataclass(frozen=True)
class Damaged:
    """A line that is not what this program wrote (changed, inserted, cut or unreadable), or
    whose predecessor was removed; ``line`` None: the whole file (far too big to be one this
    program wrote)."""

    line: int | None


def path_of(home: DataHome) -> Path:
    return home.root / FILE_NAME


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _lines(path: Path) -> list[bytes]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return [line for line in data.split(b"\n") if line]


def record(home: DataHome, *, username: str, kind: str, at: dt.datetime) -> None:
    """Append one failed attempt (``kind`` one of ``KINDS`` but ``LOG_FULL``). A file that
    cannot be written is reported in the program's log: the login is refused all the same."""
    if kind not in KINDS or kind == LOG_FULL:
        raise ValueError(f"unknown failure kind {kind!r}")
    try:
        _append(path_of(home), username, kind, at)
    except OSError:
        log.warning("a failed login could not be kept in %s", path_of(home), exc_info=True)


def _append(path: Path, username: str, kind: str, at: dt.datetime) -> None:
    if _too_big(path):
        return
    lines = _lines(path)
    if len(lines) > MAX_LINES:
        return
    if len(lines) == MAX_LINES:
        kind, username = LOG_FULL, ""
    entry = {
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user": username.strip()[:MAX_NAME],
        "kind": kind,
        "prev": _digest(lines[-1]) if lines else "",
    }
    text = json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n"
    prefix = b"\n" if path.exists() and path.stat().st_size and not _ends_clean(path) else b""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as handle:
        handle.write(prefix + text.encode("ascii"))
        handle.flush()
        os.fsync(handle.fileno())


def _too_big(path: Path) -> bool:
    """More than a full file of this program's lines: not read (nor added to)."""
    try:
        return path.stat().st_size > (MAX_LINES + 1) * _MAX_LINE_BYTES
    except FileNotFoundError:
        return False


def _ends_clean(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _parse(raw: bytes, number: int, prev: bytes | None) -> Attempt | Damaged:
    if len(raw) > _MAX_LINE_BYTES:
        return Damaged(number)
    try:
        entry = json.loads(raw.decode("ascii"))
        if not isinstance(entry, dict) or set(entry) != _FIELDS:
            return Damaged(number)
        at = dt.datetime.fromisoformat(entry["at"])
    except (UnicodeDecodeError, ValueError, TypeError):
        return Damaged(number)
    user, kind = entry["user"], entry["kind"]
    expected = _digest(prev) if prev is not None else ""
    if (
        at.tzinfo is None
        or not isinstance(user, str)
        or len(user) > MAX_NAME
        or kind not in KINDS
        or entry["prev"] != expected
    ):
        return Damaged(number)
    return Attempt(number, at.astimezone(dt.UTC), user, kind)


def read(home: DataHome) -> list[Attempt | Damaged]:
    """Every line of the file, in order, as an attempt or as damaged; [] without a file."""
    path = path_of(home)
    try:
        if _too_big(path):
            return [Damaged(None)]
        lines = _lines(path)
    except OSError:
        log.warning("the security log %s cannot be read", path, exc_info=True)
        return [Damaged(None)]
    return [_parse(raw, n, lines[n - 2] if n > 1 else None) for n, raw in enumerate(lines, 1)]


def remove(home: DataHome) -> None:
    """Drop the file once its lines are in the audit log (a file that cannot be removed is
    reported in the program's log and read again at the next login)."""
    try:
        path_of(home).unlink(missing_ok=True)
    except OSError:
        log.warning("the security log %s cannot be removed", path_of(home), exc_info=True)
