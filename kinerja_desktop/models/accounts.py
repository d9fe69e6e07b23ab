"""Local accounts, the audit log and the program's local settings. None of these travel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Local, new_id, utcnow


class UserAccount(Local, Base):
    """A login on this install, tied to a pegawai; ``roles`` is a comma-separated list."""

    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    pegawai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200), default="pegawai")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    harus_ganti_password: Mapped[bool] = mapped_column(Boolean, default=False)
    gagal_login: Mapped[int] = mapped_column(Integer, default=0)
    terkunci_sampai: Mapped[dt.datetime | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class AuditLog(Local, Base):
    """Who changed what, when, with the values before and after; also security events
    (logins, restores, sync imports). Append-only, each row chained to the one before it by
    ``row_hash`` (``db.audit_chain``)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36))
    pegawai_id: Mapped[str | None] = mapped_column(String(36), default=None)
    before: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    after: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    row_hash: Mapped[str | None] = mapped_column(String(64), default=None)

    __table_args__ = (
        Index("ix_audit_record", "table_name", "record_id"),
        Index("ix_audit_at", "at"),
        Index("ix_audit_pegawai", "pegawai_id"),
    )


class Setting(Local, Base):
    """A program setting stored in the database (office identity, paper size, rules)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
