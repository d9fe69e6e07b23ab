"""Declarative base, shared column types and the mixins every table uses.

``Synced`` tables travel in sync bundles: UUID keys made where the record was created,
authorship, a version vector for conflict detection, the local change sequence that orders
what to export, and a tombstone instead of a hard delete. ``Local`` tables stay on one
install (accounts, audit log, sync bookkeeping).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A new record identity: a random UUID made on this machine."""
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime stored without zone (SQLite has none)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def enum_column(enum_cls: type[enum.Enum], **kw: Any) -> SAEnum:
    """An enum stored as its string value, without a CHECK constraint (easy to extend)."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
        **kw,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Synced:
    """Columns of every record that travels in a sync bundle.

    ``vv`` is the version vector ``{install_id: counter}``: a receiver compares it with its
    own to tell a fast-forward from a concurrent change. ``change_seq`` is this install's
    change counter at the record's last change here (export picks records above what the
    recipient acknowledged). ``deleted`` makes a tombstone. The session hooks in
    ``db.tracking`` keep all of these; services never set them.
    """

    __sync__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(36), default=None)
    vv: Mapped[dict[str, Any]] = mapped_column(default=dict)
    change_seq: Mapped[int] = mapped_column(Integer, default=0, index=True)
    deleted: Mapped[bool] = mapped_column(default=False)


class Local:
    """Marker for tables that never leave this install."""

    __sync__ = False
