"""The demo generator's shared plumbing: the seeded draws and the bulk inserts.

``Rows`` is one run's state that every part of the generator shares: the ``random.Random``
all draws come from (in a fixed order, so that a seed gives the same records), the
UUIDv7-style ids, the stored forms of values, and per table a buffer of parameter tuples that
``flush`` writes with the table's Core ``INSERT``, compiled once, as an ``executemany``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, insert

from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import Base, utcnow
from kinerja_desktop.progress import Cancelled, Progress

_T = TypeVar("_T")
_R = TypeVar("_R", bound=tuple[Any, ...])
_BATCH_ROWS = 20_000
# The version nibble 7 and the variant bits 10; the other 74 low bits are random.
_V7_FIXED = (0x7 << 76) | (1 << 63)
_V7_RANDOM = (0xFFF << 64) | ((1 << 62) - 1)

# Insertion order: every table after the tables it refers to.
TABLES = [
    "instansi", "unit_kerja", "jabatan", "pegawai", "ritme_periode", "frasa_umpan_balik",
    "skp", "skp_event", "rhk", "iki", "ekspektasi_khusus", "lampiran_item", "rencana_aksi",
    "realisasi", "umpan_balik", "capaian_organisasi", "evaluasi", "sesi_coaching",
    "agenda_sesi", "catatan_sesi", "aksi_disepakati", "rencana_pengembangan",
    "kebutuhan_pengembangan", "kegiatan_pengembangan", "cuti_pegawai", "progres_harian",
]  # fmt: skip


class Storage:
    """Storage forms of values (made by the real column types' bind processors, once per
    value) and, per table, the compiled Core ``INSERT`` with the order of its parameters."""

    def __init__(self, conn: Connection) -> None:
        dialect = conn.dialect
        tables = Base.metadata.tables
        self.datetime: Callable[[Any], Any] = _processor(tables["skp"].c.created_at, dialect)
        self.date_processor = _processor(tables["skp"].c.periode_mulai, dialect)
        self.json: Callable[[Any], Any] = _processor(tables["skp"].c.vv, dialect)
        self._dates: dict[dt.date, Any] = {}
        self.sql: dict[str, str] = {}
        self.order: dict[str, list[str]] = {}
        self.params: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {}
        self.defaults: dict[str, dict[str, Any]] = {}
        for name in TABLES:
            compiled = insert(tables[name]).compile(dialect=dialect)
            self.sql[name] = str(compiled)
            self.params[name] = itemgetter(*(compiled.positiontup or []))
            self.order[name] = list(compiled.positiontup or [])
            self.defaults[name] = _defaults(tables[name], dialect)

    def date(self, value: dt.date) -> Any:
        stored = self._dates.get(value)
        if stored is None:
            stored = self._dates[value] = self.date_processor(value)
        return stored


def _processor(column: Column[Any], dialect: Any) -> Callable[[Any], Any]:
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    return proc if proc is not None else (lambda value: value)


def _defaults(table: Table, dialect: Any) -> dict[str, Any]:
    """Every column's stored default (None where the default is made per row)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            arg = default.arg  # type: ignore[attr-defined]
            values[column.name] = _processor(column, dialect)(arg)
        else:
            values[column.name] = None
    return values


class Rows:
    """One run of the generator: draws from ``rng`` in a fixed order and buffers rows."""

    def __init__(
        self,
        *,
        conn: Connection,
        rng: random.Random,
        tahun: int,
        today: dt.date,
        install_id: str,
        seq: int,
        progress: Progress,
    ) -> None:
        self.conn = conn
        self.rng = rng
        self.tahun = tahun
        self.today = today
        self.ref_year = min(tahun, today.year)
        self.progress = progress
        self.store = Storage(conn)
        now = utcnow()
        self.now = now
        stamp = self.store.datetime(now)
        self.base = {
            "created_at": stamp, "created_by": None, "updated_at": stamp, "updated_by": None,
            "vv": self.store.json({install_id: seq}), "change_seq": seq, "deleted": False,
        }  # fmt: skip
        self.templates = {name: {**self.store.defaults[name], **self.base} for name in TABLES}
        self._clock = int(dt.datetime(tahun, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
        self._moments: dict[tuple[dt.date, int], Any] = {}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.buffered = 0

    def uid(self) -> str:
        """A UUIDv7-style id: a counter where v7 keeps its millisecond clock, then seeded
        random bits. Ordered ids keep SQLite's indexes appending instead of scattering."""
        self._clock += 1
        bits = (self._clock << 80) | _V7_FIXED | (self.rng.getrandbits(76) & _V7_RANDOM)
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def pick(self, seq: Sequence[_T]) -> _T:
        """A random element (``Random.choice`` is three times slower)."""
        return seq[int(self.rng.random() * len(seq))]

    def fresh(self, templates: Sequence[_R], used: set[str]) -> _R:
        """A template whose wording (its first item) is not in ``used`` yet, if one is left."""
        left = [t for t in templates if t[0] not in used] or list(templates)
        chosen = self.pick(left)
        used.add(chosen[0])
        return chosen

    def between(self, low: int, high: int) -> int:
        """A random integer in ``low..high``, both included."""
        return low + int(self.rng.random() * (high - low + 1))

    def add(self, table: str, **values: Any) -> str:
        row = {**self.templates[table], **values}
        if "id" not in values:
            row["id"] = self.uid()
        self.buffers[table].append(self.store.params[table](row))
        self.buffered += 1
        return str(row["id"])

    def flush(self) -> None:
        for name in TABLES:
            rows = self.buffers[name]
            if rows:
                self.conn.exec_driver_sql(self.store.sql[name], rows)
                self.counts[name] += len(rows)
                self.buffers[name] = []
        self.buffered = 0

    def maybe_flush(self, done: int, total: int) -> None:
        if self.buffered >= _BATCH_ROWS:
            self.flush()
            self.report(done, total)

    def report(self, done: int, total: int) -> None:
        if self.progress.cancelled():
            raise Cancelled()
        self.progress.update(done, total, _("Creating demo data…"))

    def dt_on(self, day: dt.date, hour: int = 9) -> Any:
        """A stored timestamp on ``day`` at ``hour`` (never later than now)."""
        key = (day, hour)
        stored = self._moments.get(key)
        if stored is None:
            moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)
            stored = self._moments[key] = self.store.datetime(min(moment, self.now))
        return stored

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
