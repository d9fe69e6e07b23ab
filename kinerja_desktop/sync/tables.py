"""Which tables travel, how their rows become JSON and back, and what a hub relays where.

Every mapped class that is ``Synced`` (``__sync__ = True``) travels; rows matching its
``__sync_exclude__`` column (``CatatanSesi.privat``: private coaching notes) never leave the
install. A record is one JSON object with every column. Decoding checks each value against
its column (type, length, enum values, required) so that a hostile bundle is refused with
the field named, never stored half-read.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Integer,
    Numeric,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    or_,
    select,
    true,
)
from sqlalchemy import Enum as SAEnum

import kinerja_desktop.models  # noqa: F401  (registers every table)
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import Base, UTCDateTime
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.sync_state import SyncPegawaiHome
from kinerja_desktop.sync.errors import BundleError

TEXT_LIMIT = 1_000_000
"""Longest text a field may hold in a bundle (characters)."""

Decoder = Callable[[Any], Any]
Check = Callable[[Any], str | None]
"""A check of one stored value beyond its type: None if fine, else the reason."""

YEARS = ("1900", "2100")
"""Dates and times in a bundle lie within these years (inclusive)."""


class TooLong(ValueError):
    """A value longer than its column allows."""


@dataclass(frozen=True)
class SyncedTable:
    """One table that travels, with what the importer needs to know about it."""

    name: str
    table: Table
    exclude_column: str | None
    decoders: dict[str, tuple[Decoder, bool]]
    fields: tuple[tuple[str, Decoder, bool], ...]
    store_fields: tuple[tuple[str, Decoder, bool], ...]
    unique_keys: tuple[tuple[str, ...], ...]
    text_columns: tuple[str, ...]
    kinds: tuple[tuple[str, str, Any, bool], ...]
    checks: tuple[tuple[str, Check], ...] = ()
    """Checks of values beyond their type (hashes, links, date ranges), by column."""

    def exclusion(self) -> ColumnElement[bool]:
        """The WHERE clause that keeps excluded rows (private notes) at home."""
        if self.exclude_column is None:
            return true()
        return self.table.c[self.exclude_column].is_not(True)


def _decoder(column: Any, *, storage: bool = False) -> Decoder:
    """A checking converter for ``column``; with ``storage`` dates and times come out as the
    text the database keeps (for bulk writes), otherwise as Python objects."""
    kind = column.type
    name = column.name
    if isinstance(kind, SAEnum):
        allowed = set(kind.enums)

        def dec_enum(value: Any) -> Any:
            if value not in allowed:
                raise ValueError(_("unknown value {value!r}").format(value=value))
            return value

        return dec_enum
    if isinstance(kind, UTCDateTime) and storage:

        def dec_dt_text(value: Any) -> Any:
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
            return parsed.isoformat(" ", "microseconds")

        return dec_dt_text
    if isinstance(kind, Date) and storage:
        return lambda value: dt.date.fromisoformat(value).isoformat()
    if isinstance(kind, UTCDateTime):

        def dec_dt(value: Any) -> Any:
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)

        return dec_dt
    if isinstance(kind, Date):
        return lambda value: dt.date.fromisoformat(value)
    if isinstance(kind, Boolean):

        def dec_bool(value: Any) -> Any:
            if not isinstance(value, bool):
                raise ValueError(_("a yes/no value was expected"))
            return value

        return dec_bool
    if isinstance(kind, Integer):

        def dec_int(value: Any) -> Any:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(_("a whole number was expected"))
            return value

        return dec_int
    if isinstance(kind, Numeric):

        def dec_num(value: Any) -> Any:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(_("a number was expected"))
            return float(value)

        return dec_num
    if isinstance(kind, JSON):

        def dec_json(value: Any) -> Any:
            if not isinstance(value, dict | list):
                raise ValueError(_("a JSON object was expected"))
            if len(json.dumps(value)) > TEXT_LIMIT:
                raise TooLong(_("too long (at most {limit} characters)").format(limit=TEXT_LIMIT))
            return value

        return dec_json
    if isinstance(kind, String | Text):
        limit = getattr(kind, "length", None) or TEXT_LIMIT

        def dec_str(value: Any) -> Any:
            if not isinstance(value, str):
                raise ValueError(_("text was expected"))
            if len(value) > limit:
                raise TooLong(
                    _("too long ({size} characters; at most {limit})").format(
                        size=len(value), limit=limit
                    )
                )
            return value

        return dec_str
    raise TypeError(f"no sync decoder for column {name} of type {kind!r}")


def _kind(column: Any) -> tuple[str, Any]:
    """The column's kind for the bulk checks, and its limit or allowed values."""
    kind = column.type
    if isinstance(kind, SAEnum):
        return "enum", frozenset(kind.enums)
    if isinstance(kind, UTCDateTime):
        return "datetime", None
    if isinstance(kind, Date):
        return "date", None
    if isinstance(kind, Boolean):
        return "bool", None
    if isinstance(kind, Integer):
        return "int", None
    if isinstance(kind, Numeric):
        return "number", None
    if isinstance(kind, JSON):
        return "json", None
    return "text", getattr(kind, "length", None) or TEXT_LIMIT


_UTC_MICRO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00").fullmatch
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d").fullmatch


def _datetime_text(value: str) -> str:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.isoformat(" ", "microseconds")


def _types_in(values: list[Any], allowed: set[type]) -> bool:
    """Every value is exactly of one of the ``allowed`` types (looked at in one C pass)."""
    return set(map(type, values)) <= allowed


def _column_ok(kind: str, extra: Any, values: list[Any]) -> list[Any] | None:
    """``values`` checked (and dates and times made storage text) at once; None if any is
    not acceptable (the caller then finds and names it record by record)."""
    try:
        if kind == "text":
            if not _types_in(values, {str}):
                return None
            return values if max(map(len, values), default=0) <= extra else None
        if kind == "enum":
            return values if set(values) <= extra else None
        if kind == "bool":
            return values if _types_in(values, {bool}) else None
        if kind == "int":
            return values if _types_in(values, {int}) else None
        if kind == "number":
            return values if _types_in(values, {int, float}) else None
        if kind == "datetime":
            if all(map(_UTC_MICRO, values)):
                # exactly how this program writes UTC: valid dates checked, then the text
                # made storage text in one pass (each value has one "T" and one "+00:00")
                list(map(dt.datetime.fromisoformat, values))
                joined = "\n".join(values).replace("T", " ").replace("+00:00", "")
                return joined.split("\n") if values else []
            return [_datetime_text(v) for v in values]
        if kind == "date":
            if all(map(_ISO_DATE, values)):
                list(map(dt.date.fromisoformat, values))
                return values
            return [dt.date.fromisoformat(v).isoformat() for v in values]
        return values if _types_in(values, {dict, list}) else None
    except (TypeError, ValueError):
        return None


_HEX64 = re.compile(r"[0-9a-f]{64}").fullmatch
_MIME = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*").fullmatch
_URL = re.compile(r"https?://[^\s\\]+", re.IGNORECASE).fullmatch


def check_sha256(value: str) -> str | None:
    if _HEX64(value):
        return None
    return _("not a SHA-256 hash (exactly 64 lowercase hexadecimal digits)")


def check_link(value: str) -> str | None:
    """Links are empty (file evidence) or web addresses (http or https) with a host and
    without a user name, spaces, backslashes or control characters."""
    if value == "":
        return None
    if _URL(value) and value.isprintable():
        host = urlsplit(value).netloc
        if host and "@" not in host:
            return None
    return _("only web links (http:// or https://) are accepted")


def _check_mime(value: str) -> str | None:
    return None if _MIME(value) else _("not a file type (such as application/pdf)")


def _check_year(value: str) -> str | None:
    if YEARS[0] <= value[:4] <= YEARS[1]:
        return None
    return _("the date lies outside the years {first} to {last}").format(
        first=YEARS[0], last=YEARS[1]
    )


def _checks(table: Table) -> tuple[tuple[str, Check], ...]:
    found: list[tuple[str, Check]] = []
    for column in table.columns:
        if isinstance(column.type, Date | UTCDateTime):
            found.append((column.name, _check_year))
        elif column.name == "sha256":
            found.append((column.name, check_sha256))
        elif column.name == "url":
            found.append((column.name, check_link))
        elif column.name == "mime":
            found.append((column.name, _check_mime))
    return tuple(found)


def invalid_values(
    spec: SyncedTable, ids: list[str], columns: dict[str, list[Any]]
) -> dict[str, tuple[str, str]]:
    """Record id -> (field, reason) for values that fail their column's check (the first
    failing field of each record). ``columns`` holds the values in storage format."""
    bad: dict[str, tuple[str, str]] = {}
    for name, check in spec.checks:
        values = columns[name]
        if check is _check_year:
            present = [v for v in values if v is not None]
            if not present or (
                YEARS[0] <= min(present)[:4] and max(present)[:4] <= YEARS[1]
            ):  # all in range: only the extremes are compared
                continue
        for index, value in enumerate(values):
            if value is not None and (reason := check(value)) and ids[index] not in bad:
                bad[ids[index]] = (name, reason)
    return bad


def _discover() -> dict[str, SyncedTable]:
    found: dict[str, SyncedTable] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not getattr(cls, "__sync__", False):
            continue
        table = mapper.local_table
        assert isinstance(table, Table)
        decoders = {c.name: (_decoder(c), bool(c.nullable)) for c in table.columns}
        store_fields = tuple(
            (c.name, _decoder(c, storage=True), bool(c.nullable)) for c in table.columns
        )
        uniques: list[tuple[str, ...]] = []
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                uniques.append(tuple(c.name for c in constraint.columns))
        for column in table.columns:
            if column.unique:
                uniques.append((column.name,))
        texts = tuple(
            c.name
            for c in table.columns
            if isinstance(c.type, String | Text)
            and not isinstance(c.type, SAEnum)
            and not c.foreign_keys
            and c.name != "id"
        )
        kinds = tuple((c.name, *_kind(c), bool(c.nullable)) for c in table.columns)
        found[table.name] = SyncedTable(
            name=table.name,
            table=table,
            exclude_column=getattr(cls, "__sync_exclude__", None),
            decoders=decoders,
            fields=tuple((name, dec, nullable) for name, (dec, nullable) in decoders.items()),
            store_fields=store_fields,
            unique_keys=tuple(dict.fromkeys(uniques)),
            text_columns=texts,
            kinds=kinds,
            checks=_checks(table),
        )
    order = [t.name for t in Base.metadata.sorted_tables if t.name in found]
    return {name: found[name] for name in order}


SYNCED: dict[str, SyncedTable] = _discover()
"""The synced tables, parents before children."""


def encode_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def encode_row(row: Any) -> dict[str, Any]:
    return {key: encode_value(value) for key, value in row._mapping.items()}


def decode_record(spec: SyncedTable, raw: Any, *, storage: bool = False) -> dict[str, Any]:
    """A bundle record checked and converted for ``spec``'s table; BundleError if not fit.

    With ``storage`` dates and times stay text in the database's format (for bulk writes).
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise BundleError(
            "malformed",
            _("A record of table {table} has no id; the bundle is refused.").format(
                table=spec.name
            ),
        )
    fields = spec.store_fields if storage else spec.fields
    _unknown_fields(spec, raw)
    out: dict[str, Any] = {}
    for column, decode, nullable in fields:
        if column not in raw and nullable:
            # Sent by an older program, which did not have this (optional) field yet.
            out[column] = None
            continue
        try:
            value = raw[column]
        except KeyError:
            raise BundleError(
                "malformed",
                _("Record {id} of table {table} lacks the field {field}.").format(
                    id=raw["id"], table=spec.name, field=column
                ),
            ) from None
        if value is None:
            if not nullable:
                raise BundleError(
                    "malformed",
                    _("Record {id} of table {table}: the field {field} is empty.").format(
                        id=raw["id"], table=spec.name, field=column
                    ),
                )
            out[column] = None
            continue
        try:
            out[column] = decode(value)
        except (ValueError, TypeError) as exc:
            code = "oversized" if isinstance(exc, TooLong) else "malformed"
            raise BundleError(
                code,
                _("Record {id} of table {table}: the field {field} is not accepted: {why}.").format(
                    id=raw["id"], table=spec.name, field=column, why=exc
                ),
            ) from exc
    vv = out["vv"]
    if not isinstance(vv, dict) or not all(
        type(v) is int and isinstance(k, str) for k, v in vv.items()
    ):
        raise BundleError(
            "malformed",
            _("Record {id} of table {table} has no valid version vector.").format(
                id=raw["id"], table=spec.name
            ),
        )
    return out


def decode_records(
    spec: SyncedTable, raws: list[Any]
) -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
    """Many records checked column by column: the records (to compare; dates and times may
    still be ISO text), and the values as columns in the database's storage format (to write).

    The fast path for imports; on any problem the records are checked one by one so that
    the refusal names the record and field (``decode_record``).
    """
    keys = [name for name, *_rest in spec.kinds]
    columns = _decode_columns(spec, raws)
    if columns is None:
        records = [decode_record(spec, raw, storage=True) for raw in raws]
        return records, {name: [r[name] for r in records] for name in keys}
    return raws, columns


def _decode_columns(spec: SyncedTable, raws: list[Any]) -> dict[str, list[Any]] | None:
    names = [name for name, *_rest in spec.kinds]
    if not raws:
        return {name: [] for name in names}
    # every record an object with exactly the table's fields: as many, and each one there
    if not _types_in(raws, {dict}) or set(map(len, raws)) != {len(names)}:
        return None
    try:
        values_of = {name: list(map(operator.itemgetter(name), raws)) for name in names}
    except KeyError:  # a field this program does not know in place of one it expects
        return None
    columns: dict[str, list[Any]] = {}
    for name, kind, extra, nullable in spec.kinds:
        values = values_of[name]
        present = list(filter(partial(operator.is_not, None), values)) if nullable else values
        checked = _column_ok(kind, extra, present)
        if checked is None or (name == "vv" and not _versions_ok(checked)):
            return None
        if name == "id" and not all(checked):
            return None
        if (
            kind == "json"
            and name != "vv"
            and any(len(json.dumps(v)) > TEXT_LIMIT for v in checked)
        ):
            return None
        if checked is present and nullable:
            checked = values  # checked as they are: the empty ones stay where they were
        elif len(checked) < len(values):
            filled = iter(checked)
            checked = [None if v is None else next(filled) for v in values]
        columns[name] = checked
    return columns


def _versions_ok(values: list[Any]) -> bool:
    """Every value is a version vector: install id (text) -> counter (whole number)."""
    return (
        _types_in(values, {dict})
        and _types_in(list(chain.from_iterable(values)), {str})
        and _types_in(list(chain.from_iterable(map(dict.values, values))), {int})
    )


def _unknown_fields(spec: SyncedTable, raw: dict[str, Any]) -> None:
    unknown = set(raw) - set(spec.decoders)
    if unknown:
        raise BundleError(
            "newer_schema",
            _(
                "Table {table} in the bundle has fields this program does not know ({fields}): "
                "it was made by a newer version. Update the program, then import again."
            ).format(table=spec.name, fields=", ".join(sorted(unknown))),
        )


# --- what a hub relays to whom -------------------------------------------------------------

_PEGAWAI_COLUMNS: dict[str, tuple[str, ...]] = {
    "skp": ("pegawai_id", "penilai_id"),
    "sesi_coaching": ("pegawai_id", "coach_id"),
    "rencana_pengembangan": ("pegawai_id",),
    "keberatan_evaluasi": ("pegawai_id", "atasan_id"),
    "progres_harian": ("pegawai_id",),
    "cuti_pegawai": ("pegawai_id",),
}
"""Root performance records and the columns naming the people they concern."""

_SUPERVISED = {"progres_harian", "cuti_pegawai"}
"""Root records that also go to the office of the pegawai's pejabat penilai (who
acknowledges the daily log), wherever that office is."""


def parent_link(spec: SyncedTable) -> tuple[str, str] | None:
    """The (column, parent table) through which a performance record belongs to a root."""
    for column in spec.table.columns:
        if column.name in {"id"}:
            continue
        for fk in column.foreign_keys:
            parent = fk.column.table.name
            if parent == spec.name or parent not in SYNCED:
                continue
            belongs = parent in _PEGAWAI_COLUMNS or parent_link(SYNCED[parent]) is not None
            if belongs and not column.nullable:
                return column.name, parent
    return None


def relay_scope(spec: SyncedTable) -> str:
    """``"all"`` for master data, ``"people"`` for performance records."""
    if spec.name in _PEGAWAI_COLUMNS or parent_link(spec) is not None:
        return "people"
    return "all"


def relay_filter(spec: SyncedTable, office_install_id: str) -> ColumnElement[bool]:
    """Rows of ``spec`` that concern the staff of the office ``office_install_id``.

    Master data goes to every office. A performance record concerns the people named by its
    root record (the SKP's pegawai and penilai, the session's pegawai and coach, the plan's
    pegawai); a person belongs to the office that first sent the hub their record. The plan
    itself (SKP, RHK, IKI) also goes to the offices of the pegawai's staff, who choose the
    supervisor's work result their own RHK supports, and of the coaches of sessions about it,
    and so does every plan on the chain up from the RHK those plans support (the supervisor's
    boss's, and higher), so that a relayed RHK never refers to one the office lacks.
    """
    return _concerns(spec, office_install_id, plan=spec.name in _PLAN_TABLES)


_PLAN_TABLES = {"skp", "rhk", "iki"}


def _chain_up(staff: Select[Any], supervisors: Select[Any]) -> Select[Any]:
    """The SKPs holding every RHK on the chain up from what the office's people (and their
    supervisors) refer to: an RHK's ``intervensi_rhk_id``, that RHK's own, and so on. Without
    them an office cannot store a relayed plan whose RHK supports one it has never seen."""
    rhk, skp = SYNCED["rhk"].table, SYNCED["skp"].table
    start = (
        select(rhk.c.intervensi_rhk_id.label("id"))
        .join(skp, skp.c.id == rhk.c.skp_id)
        .where(
            rhk.c.intervensi_rhk_id.is_not(None),
            or_(skp.c.pegawai_id.in_(staff), skp.c.pegawai_id.in_(supervisors)),
        )
        .cte("chain_up", recursive=True)
    )
    above = rhk.alias("above")
    chain = start.union(
        select(above.c.intervensi_rhk_id).where(
            above.c.id == start.c.id, above.c.intervensi_rhk_id.is_not(None)
        )
    )
    return select(rhk.c.skp_id).where(rhk.c.id.in_(select(chain.c.id)))


def _concerns(spec: SyncedTable, office_install_id: str, *, plan: bool) -> ColumnElement[bool]:
    staff = select(SyncPegawaiHome.pegawai_id).where(
        SyncPegawaiHome.install_id == office_install_id
    )
    if spec.name in _PEGAWAI_COLUMNS:
        clauses = [spec.table.c[c].in_(staff) for c in _PEGAWAI_COLUMNS[spec.name]]
        if spec.name in _SUPERVISED:
            supervised = select(Pegawai.id).where(Pegawai.penilai_id.in_(staff))
            clauses.append(spec.table.c.pegawai_id.in_(supervised))
        if plan and spec.name == "skp":
            supervisors = select(Pegawai.penilai_id).where(
                Pegawai.id.in_(staff), Pegawai.penilai_id.is_not(None)
            )
            clauses.append(spec.table.c.pegawai_id.in_(supervisors))
            sesi = SYNCED["sesi_coaching"].table
            coached = select(sesi.c.skp_id).where(
                sesi.c.coach_id.in_(staff), sesi.c.skp_id.is_not(None)
            )
            clauses.append(spec.table.c.id.in_(coached))
            clauses.append(spec.table.c.id.in_(_chain_up(staff, supervisors)))
        return or_(*clauses)
    link = parent_link(spec)
    if link is None:
        return true()
    column, parent = link
    parent_spec = SYNCED[parent]
    parent_ids = select(parent_spec.table.c.id).where(
        _concerns(parent_spec, office_install_id, plan=plan)
    )
    return and_(spec.table.c[column].is_not(None), spec.table.c[column].in_(parent_ids))
