"""Reading the audit log: who changed what, when, with the values before and after.

The log is written only by the session hooks in ``db.tracking`` (performance data, and the
events of ``tracking.record_event``: logins, failed logins, restores, sync imports) and by the
accounts service (account changes); nothing in the program edits or deletes its rows, and
this module only reads. Each row is chained to the one before it by a SHA-256 hash
(``db.audit_chain``); ``verify_chain`` names the first row where the chain does not hold. Who may read it: the pengelola kinerja reads all of it; anyone else
reads the entries about their own data and about the people they are penilai or atasan of
(the same rule as reading the performance data itself), except logins and failed logins,
which only the person and the pengelola read. Private coaching notes are already redacted in
the log when written.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import audit_chain, cipher, tracking
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.admin import audit_labels
from kinerja_desktop.services.core import access

MAX_ROWS = 5000

# Security events (``tracking.record_event``): their actions and subjects.
EVENT_LOGIN = tracking.EVENT_LOGIN
EVENT_LOGIN_FAILED = tracking.EVENT_LOGIN_FAILED
EVENT_RESTORE = tracking.EVENT_RESTORE
EVENT_SYNC_IMPORT = tracking.EVENT_SYNC_IMPORT
SUBJECT_SESSION = tracking.SUBJECT_SESSION
SUBJECT_DATABASE = tracking.SUBJECT_DATABASE
SUBJECT_SYNC = tracking.SUBJECT_SYNC


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user_id: str | None
    actor_name: str
    action: str
    table_name: str
    record_id: str
    pegawai_id: str | None
    pegawai_nama: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def changed_fields(self) -> list[str]:
        keys = set(self.before or {}) | set(self.after or {})
        return sorted(keys)


@dataclass(frozen=True)
class AuditFilter:
    """What to show; every field narrows the list (empty means all)."""

    pegawai_id: str | None = None
    table_name: str | None = None
    record_id: str | None = None
    user_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


def _visible_people(session: Session, actor: Actor) -> list[str] | None:
    """The pegawai whose entries ``actor`` may read; None for everyone."""
    if actor.is_system or actor.is_pengelola:
        return None
    if actor.pegawai_id is None:
        return []
    return [actor.pegawai_id, *access.people_below(session, actor.pegawai_id)]


def _query(session: Session, actor: Actor, flt: AuditFilter) -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = select(AuditLog, Pegawai.nama).outerjoin(
        Pegawai, Pegawai.id == AuditLog.pegawai_id
    )
    visible = _visible_people(session, actor)
    if visible is not None:
        query = query.where(
            AuditLog.pegawai_id.in_(visible),
            # logins are the person's own business: not shown to their penilai or atasan
            or_(AuditLog.table_name != SUBJECT_SESSION, AuditLog.pegawai_id == actor.pegawai_id),
        )
    if flt.pegawai_id:
        query = query.where(AuditLog.pegawai_id == flt.pegawai_id)
    if flt.table_name:
        query = query.where(AuditLog.table_name == flt.table_name)
    if flt.record_id:
        query = query.where(AuditLog.record_id == flt.record_id)
    if flt.user_id:
        query = query.where(AuditLog.user_id == flt.user_id)
    if flt.date_from:
        start = dt.datetime.combine(flt.date_from, dt.time(), tzinfo=dt.UTC)
        query = query.where(AuditLog.at >= start)
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        query = query.where(AuditLog.at < end)
    if flt.text.strip():
        term = f"%{flt.text.strip()}%"
        query = query.where(
            or_(
                AuditLog.actor_name.ilike(term),
                Pegawai.nama.ilike(term),
                AuditLog.record_id == flt.text.strip(),
            )
        )
    return query


def list_entries(
    db: Database, *, actor: Actor, flt: AuditFilter | None = None, limit: int = 1000
) -> list[AuditRow]:
    """Entries matching ``flt`` that ``actor`` may read, newest first (at most ``limit``)."""
    flt = flt or AuditFilter()
    limit = max(1, min(limit, MAX_ROWS))
    with db.read(actor) as session:
        rows = session.execute(
            _query(session, actor, flt)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(limit)
        ).all()
        return [_row(entry, nama) for entry, nama in rows]


def count_entries(db: Database, *, actor: Actor, flt: AuditFilter | None = None) -> int:
    with db.read(actor) as session:
        sub = _query(session, actor, flt or AuditFilter()).subquery()
        return int(session.execute(select(func.count()).select_from(sub)).scalar_one())


def tables(db: Database, *, actor: Actor) -> list[str]:
    """The record kinds (tables) present in the log, for a filter list."""
    with db.read(actor) as session:
        sub = _query(session, actor, AuditFilter()).subquery()
        return [
            str(t)
            for t in session.execute(
                select(sub.c.table_name).distinct().order_by(sub.c.table_name)
            ).scalars()
        ]


def _row(entry: AuditLog, nama: str | None) -> AuditRow:
    return AuditRow(
        id=entry.id,
        at=entry.at,
        user_id=entry.user_id,
        actor_name=entry.actor_name,
        action=entry.action,
        table_name=entry.table_name,
        record_id=entry.record_id,
        pegawai_id=entry.pegawai_id,
        pegawai_nama=nama or "",
        before=entry.before,
        after=entry.after,
    )


def action_label(action: str) -> str:
    """The action of an entry in words."""
    labels = {
        "insert": _("added"),
        "update": _("changed"),
        "delete": _("deleted"),
        "import": _("imported from a sheet"),
        "account_add": _("account added"),
        "account_update": _("account changed"),
        "password_change": _("password changed"),
        "password_reset": _("password reset"),
        EVENT_LOGIN: _("logged in"),
        EVENT_LOGIN_FAILED: _("login failed"),
        EVENT_RESTORE: _("database restored"),
        EVENT_SYNC_IMPORT: _("sync bundle imported"),
    }
    return labels.get(action, action)


def record_label(table_name: str) -> str:
    """The kind of record or event of an entry in words (never a table name)."""
    events = {
        SUBJECT_SESSION: _("Login"),
        SUBJECT_DATABASE: _("Database"),
        SUBJECT_SYNC: _("Sync"),
    }
    return events.get(table_name) or audit_labels.table_label(table_name)


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_chain`` found: ``ok``, how many rows it read, and a message."""

    ok: bool
    rows: int
    broken_id: int | None
    message: str


def _entry_text(conn: sqlite3.Connection, row_id: int) -> str:
    found = conn.execute(
        "SELECT at, action, table_name FROM audit_log WHERE id = ?", (row_id,)
    ).fetchone()
    if found is None:
        return ""
    return f" ({found[0]}, {action_label(str(found[1]))}, {record_label(str(found[2]))})"


def verify_chain(database: Path, key: bytes | None = None) -> ChainCheck:
    """Walk the audit log of a database file (encrypted with ``key``, if given) and check
    every row's hash and link."""
    try:
        with closing(cipher.connect(f"file:{database}?mode=ro", key, uri=True)) as conn:
            columns = {str(r[1]) for r in conn.execute("PRAGMA table_info(audit_log)")}
            if "row_hash" not in columns:
                return ChainCheck(
                    True,
                    0,
                    None,
                    _("The audit log has no hash chain yet: it is added when the program next "
                      "opens this database."),
                )  # fmt: skip
            report = audit_chain.verify_rows(audit_chain.iter_rows(conn.execute))
            broken = report.broken
            if broken is None:
                return ChainCheck(
                    True,
                    report.rows,
                    None,
                    _("The audit log's {count} entries are intact.").format(count=report.rows),
                )
            where = _entry_text(conn, broken.row_id)
    except cipher.database_error_types() as exc:
        return ChainCheck(
            False,
            0,
            None,
            _("The audit log cannot be checked: {error}.").format(error=exc),
        )
    if broken.reason == "link":
        why = _("an entry before it was removed, or this one was added afterwards")
    else:
        why = _("the entry was changed after it was written")
    return ChainCheck(
        False,
        report.rows,
        broken.row_id,
        _("The audit log was tampered with: the first broken entry is number {id}{where}; {why}.")
        .format(id=broken.row_id, where=where, why=why),
    )  # fmt: skip
