"""Database support for bulk sync import: the SQLite-specific statements it needs.

The importer writes many rows through Core in one transaction. Rows of one table may refer
to each other in any order (a unit's parent, a pegawai's penilai), so foreign keys are checked
at commit rather than per statement (the importer refuses, record by record, those whose
parent this install does not have, before writing). The rows themselves are written with the driver's
``executemany`` in the storage format SQLAlchemy uses on SQLite (ISO text for dates and
times in UTC, JSON text), which is several times faster than per-row parameter processing.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Numeric,
    String,
    Table,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from kinerja_desktop.db.tracking import note_changed
from kinerja_desktop.models.base import UTCDateTime


def _executemany(session: Session, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """The driver's executemany on the session's connection, inside its transaction (rows are
    consumed as they are written, without SQLAlchemy's per-row parameter handling)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    driver.executemany(sql, rows)


def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys at commit instead of per statement (for this transaction)."""
    session.execute(text("PRAGMA defer_foreign_keys=ON"))


def datetime_text(value: dt.datetime) -> str:
    """An aware datetime as stored: UTC, ISO text with microseconds, no zone."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _storage(column: Any) -> Callable[[Any], Any] | None:
    """How a value of ``column`` is stored by SQLAlchemy on SQLite (None: as is); text
    already in the stored format passes through."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return lambda v: v if v is None or isinstance(v, str) else datetime_text(v)
    if isinstance(kind, DateTime):
        return lambda v: v if v is None or isinstance(v, str) else v.isoformat(" ", "microseconds")
    if isinstance(kind, Date):
        return lambda v: v if v is None or isinstance(v, str) else v.isoformat()
    if isinstance(kind, JSON):
        return lambda v: None if v is None else json.dumps(v)
    if isinstance(kind, Enum):
        return lambda v: v.value if isinstance(v, enum.Enum) else v
    return None


def _plan(table: Table, columns: list[str]) -> list[tuple[str, Callable[[Any], Any] | None]]:
    return [(name, _storage(table.c[name])) for name in columns]


def _tuples(
    plan: list[tuple[str, Callable[[Any], Any] | None]], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows as parameter tuples; conversions run column by column (fewer Python steps)."""
    if not rows:
        return []
    getter = itemgetter(*(name for name, _store in plan))
    tuples = [getter(row) for row in rows]
    if len(plan) == 1:
        tuples = [(value,) for value in tuples]
    if all(store is None for _name, store in plan):
        return tuples
    columns = list(zip(*tuples, strict=True))
    for index, (_name, store) in enumerate(plan):
        if store is not None:
            columns[index] = tuple(map(store, columns[index]))
    return list(zip(*columns, strict=True))


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (every column, Python values) with one executemany, no ORM work."""
    columns = [c.name for c in table.columns]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _c in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    _executemany(session, sql, _tuples(_plan(table, columns), rows))
    note_changed(session, table.name)


def insert_unless_present(session: Session, table: Any, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (every column, in order) except those whose key is present already
    (those rows stay as they are)."""
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    marks = ", ".join("?" for _c in table.columns)
    _executemany(session, f'INSERT OR IGNORE INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def existing_versions(
    session: Session, table: Table, ids: list[str]
) -> dict[str, tuple[dict[str, int], int]]:
    """(version vector, change_seq) of the rows of ``table`` among ``ids`` that exist."""
    found: dict[str, tuple[dict[str, int], int]] = {}
    connection = session.connection()
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ", ".join("?" for _id in chunk)
        sql = f'SELECT "id", "vv", "change_seq" FROM "{table.name}" WHERE "id" IN ({marks})'
        for rid, vv, seq in connection.exec_driver_sql(sql, tuple(chunk)):
            found[rid] = (json.loads(vv) if vv else {}, seq)
    return found


def existing_ids(session: Session, table: Table, ids: list[str]) -> set[str]:
    """Those of ``ids`` that are primary keys of rows of ``table``."""
    found: set[str] = set()
    connection = session.connection()
    key = next(iter(table.primary_key.columns)).name
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ", ".join("?" for _id in chunk)
        sql = f'SELECT "{key}" FROM "{table.name}" WHERE "{key}" IN ({marks})'
        found.update(row[0] for row in connection.exec_driver_sql(sql, tuple(chunk)))
    return found


def existing_keys(
    session: Session, table: Table, key: tuple[str, ...], values: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], str]:
    """Key value -> id of the rows of ``table`` whose ``key`` columns hold one of ``values``."""
    found: dict[tuple[Any, ...], str] = {}
    connection = session.connection()
    columns = ", ".join(f'"{c}"' for c in key)
    step = max(1, 900 // len(key))
    for start in range(0, len(values), step):
        chunk = values[start : start + step]
        group = "(" + ", ".join("?" for _c in key) + ")"
        rows = ", ".join(group for _v in chunk)
        sql = f'SELECT {columns}, "id" FROM "{table.name}" WHERE ({columns}) IN (VALUES {rows})'
        params = tuple(v for value in chunk for v in value)
        for row in connection.exec_driver_sql(sql, params):
            found[tuple(row[:-1])] = row[-1]
    return found


def insert_columns(
    session: Session,
    table: Table,
    columns: dict[str, list[Any]],
    *,
    as_text: frozenset[str] = frozenset(),
) -> None:
    """Insert rows given column by column (every column, equal lengths), dates and times
    already as stored text; JSON columns are serialised here, except those in ``as_text``
    (given as JSON text already)."""
    names = [c.name for c in table.columns]
    converted = []
    for column in table.columns:
        values = columns[column.name]
        if isinstance(column.type, JSON) and column.name not in as_text:
            values = [None if v is None else json.dumps(v) for v in values]
        converted.append(values)
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        table.name, ", ".join(f'"{c}"' for c in names), ", ".join("?" for _c in names)
    )
    _executemany(session, sql, zip(*converted, strict=True))
    note_changed(session, table.name)


def version_texts(vectors: list[dict[str, int]]) -> list[str]:
    """Version vectors (checked: install id -> whole number) as JSON text, made by one
    encoder call for all of them: a control character never stands raw in JSON text, so one
    separates the items and ``\\x00{`` marks where one vector ends and the next begins."""
    if not vectors:
        return []
    text = json.dumps(vectors, separators=("\x00", ":"))[1:-1]
    texts = text.replace("\x00{", "\n{").replace("\x00", ",").split("\n")
    if len(texts) != len(vectors):
        raise ValueError("not version vectors")
    return texts


def update_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Overwrite every column of the rows with ``rows``' ids in one executemany."""
    columns = [c.name for c in table.columns if c.name != "id"]
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    sql = f'UPDATE "{table.name}" SET {sets} WHERE "id" = ?'
    _executemany(session, sql, _tuples(_plan(table, [*columns, "id"]), rows))
    note_changed(session, table.name)


def record_lines(
    session: Session, table: Table, where: list[Any], order: list[Any], *, chunk: int
) -> Iterator[list[tuple[str, str | None]]]:
    """Rows of ``table`` as JSON lines, made by SQLite (``json_object``) in one statement
    and read ``chunk`` rows at a time, each with its ``sha256`` column if it has one.

    A record holds every column: dates and times as ISO text (times in UTC with
    ``+00:00``), booleans as booleans, JSON columns as JSON, real numbers with 17
    significant digits (read back exactly), everything else as stored.
    """
    members = ", ".join(map(_json_member, table.columns))
    line = literal_column(f"json_object({members})", String())
    sha = table.c.sha256 if "sha256" in table.c else literal_column("NULL", String())
    query = select(line, sha).select_from(table).where(*where).order_by(*order)
    connection = session.connection()
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    driver = connection.connection.driver_connection
    assert driver is not None
    # the driver's cursor: its rows are the (line, sha256) tuples wanted, without a result
    # row object made per record
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled), tuple(params[name] for name in compiled.positiontup or ()))
        while rows := cursor.fetchmany(chunk):
            yield rows
    finally:
        cursor.close()


def _json_member(column: Any) -> str:
    """``'name', value`` for ``json_object``: the column's value as a record holds it."""
    ref = f'"{column.table.name}"."{column.name}"'
    kind = column.type
    if isinstance(kind, UTCDateTime):
        # stored as "YYYY-MM-DD HH:MM:SS.ffffff" (UTC): the one space becomes the "T"
        value = f"replace({ref}, ' ', 'T') || '+00:00'"
    elif isinstance(kind, Boolean):
        value = (
            f"CASE WHEN {ref} IS NULL THEN NULL WHEN {ref} THEN json('true') ELSE json('false') END"
        )
    elif isinstance(kind, JSON):
        value = f"json({ref})"
    elif isinstance(kind, Numeric):
        value = f"CASE typeof({ref}) WHEN 'real' THEN json(printf('%!.17g', {ref})) ELSE {ref} END"
    else:
        value = ref
    return f"'{column.name}', {value}"
