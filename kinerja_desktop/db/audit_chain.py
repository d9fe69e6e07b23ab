"""The audit log's hash chain: each row carries the hash of the row before it.

``row_hash`` is SHA-256 over a canonical serialisation of the row (its id, time, actor,
action, record, person, values before and after) together with ``prev_hash``, the previous
row's ``row_hash``; the first row's ``prev_hash`` is ``GENESIS``. Editing a row changes its
hash; deleting or inserting one breaks the link of the row after it. ``verify`` walks the log
in id order and names the first row whose hash or link does not hold.

The chain has no secret: it shows changes made without recomputing every later hash, and
a log cut off after its last rows looks complete. ``db.tracking`` fills both columns when a
row is written; nothing else writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
COLUMNS = (
    "id",
    "at",
    "user_id",
    "actor_name",
    "action",
    "table_name",
    "record_id",
    "pegawai_id",
    "before",
    "after",
)
SELECT_SQL = (
    "SELECT " + ", ".join(COLUMNS) + ", prev_hash, row_hash FROM audit_log "
    "WHERE id > ? ORDER BY id LIMIT ?"
)


def _moment(value: Any) -> str | None:
    """A time as stored (naive UTC, microseconds), from a datetime or the stored text."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def _json(value: Any) -> Any:
    """A JSON value as it reads back from the database (stored text is parsed)."""
    if value is None:
        return None
    if isinstance(value, str | bytes):
        return json.loads(value)
    return json.loads(json.dumps(value))


def row_hash(values: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of one row (``values`` holds ``COLUMNS``) chained to ``prev_hash``."""
    canonical = {
        **{key: values[key] for key in COLUMNS},
        "id": int(values["id"]),
        "at": _moment(values["at"]),
        "before": _json(values["before"]),
        "after": _json(values["after"]),
        "prev_hash": prev_hash,
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why (``reason`` is a code)."""

    row_id: int
    reason: str  # "hash": the row was changed; "link": a row before it is missing or added


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_rows(rows: Iterable[tuple[Any, ...]]) -> ChainReport:
    """Walk rows of ``SELECT_SQL`` (in id order) and report the first break."""
    previous = GENESIS
    count = 0
    for row in rows:
        count += 1
        values = dict(zip(COLUMNS, row[: len(COLUMNS)], strict=True))
        stored_prev, stored_hash = row[len(COLUMNS)], row[len(COLUMNS) + 1]
        if stored_prev != previous:
            return ChainReport(count, ChainBreak(int(values["id"]), "link"))
        try:
            expected = row_hash(values, previous)
        except (ValueError, TypeError):
            return ChainReport(count, ChainBreak(int(values["id"]), "hash"))
        if stored_hash != expected:
            return ChainReport(count, ChainBreak(int(values["id"]), "hash"))
        previous = stored_hash
    return ChainReport(count, None)


def iter_rows(execute: Any, batch: int = 2000) -> Iterable[tuple[Any, ...]]:
    """Every audit row in id order, fetched in batches through ``execute(sql, params)``
    (a DB-API ``execute`` returning a cursor)."""
    last = -1
    while True:
        rows = execute(SELECT_SQL, (last, batch)).fetchall()
        yield from rows
        if len(rows) < batch:
            return
        last = int(rows[-1][0])
