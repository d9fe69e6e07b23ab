"""Sync bookkeeping of this install: identity and change counter, known peers, the bundles
in and out, and the conflict queue. Local: these describe this install, they never travel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Local, new_id, utcnow


class InstallState(Local, Base):
    """This install (one row): its id, mode and the monotonic change counter."""

    __tablename__ = "install_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    install_id: Mapped[str] = mapped_column(String(36), default=new_id)
    nama: Mapped[str] = mapped_column(String(200), default="")
    mode: Mapped[str] = mapped_column(String(16), default="office")
    change_counter: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncPeer(Local, Base):
    """Another install this one exchanges bundles with, and what each side has seen.

    ``acked_*``: the newest of our bundles the peer acknowledged (its ``to_seq`` is where the
    next export starts, its id is the next bundle's prerequisite). ``sent_seq``: how many
    bundles we made for the peer. ``received_*``: the newest of the peer's bundles we imported
    (what our receipts tell it). ``resend_all``: bundles for the peer hold everything, even
    what came from it, until it acknowledges one (after a restore on either side).
    """

    __tablename__ = "sync_peer"

    install_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), default="")
    mode: Mapped[str] = mapped_column(String(16), default="office")
    sign_public_key: Mapped[str] = mapped_column(Text, default="")
    box_public_key: Mapped[str] = mapped_column(Text, default="")
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_bundle_id: Mapped[str] = mapped_column(String(36), default="")
    acked_bundle_seq: Mapped[int] = mapped_column(Integer, default=0)
    sent_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_bundle_in_seq: Mapped[int] = mapped_column(Integer, default=0)
    received_seq: Mapped[int] = mapped_column(Integer, default=0)
    received_bundle_id: Mapped[str] = mapped_column(String(36), default="")
    received_bundle_seq: Mapped[int] = mapped_column(Integer, default=0)
    resend_all: Mapped[bool] = mapped_column(Boolean, default=False)
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncBundleLog(Local, Base):
    """A bundle exported or imported, with its report.

    ``from_seq``/``to_seq`` are the source's change range; ``local_seq`` is, for an import,
    the change counter value this install gave the records it applied (so they are not echoed
    back to the peer they came from).
    """

    __tablename__ = "sync_bundle_log"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    bundle_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(4))
    peer_install_id: Mapped[str] = mapped_column(String(36))
    bundle_seq: Mapped[int] = mapped_column(Integer, default=0)
    from_seq: Mapped[int] = mapped_column(Integer, default=0)
    to_seq: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    local_seq: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="")
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (Index("ix_bundle_log_bundle", "bundle_id", "direction", unique=True),)


class SyncConflict(Local, Base):
    """A record changed on both sides: both versions kept until a person decides."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36))
    local: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    remote: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    kind: Mapped[str] = mapped_column(String(16), default="edit")
    remote_install_id: Mapped[str] = mapped_column(String(36), default="")
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(36), default=None)
    resolution: Mapped[str] = mapped_column(String(16), default="")

    __table_args__ = (Index("ix_conflict_record", "table_name", "record_id"),)


class SyncPegawaiHome(Local, Base):
    """On a hub: the office install each pegawai belongs to (the first install that sent
    the hub that pegawai's record). The hub relays a pegawai's performance records there."""

    __tablename__ = "sync_pegawai_home"

    pegawai_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    install_id: Mapped[str] = mapped_column(String(36), index=True)
