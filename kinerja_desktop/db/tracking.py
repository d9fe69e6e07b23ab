"""Session hooks that keep the sync bookkeeping and the audit log.

Before each flush, every new, changed or tombstoned ``Synced`` record gets this install's
next change counter value (one per transaction), its version vector advanced for this
install, and its authorship stamped from the acting user; each change is written to the
audit log with the values before and after; every new audit row (these, account changes and
the events of ``record_event``) is chained to the one before it (``db.audit_chain``). Hard
deletes of synced records are refused: services set ``deleted`` instead, so deletes travel
as tombstones.

Sync import sets ``session.info["sync_import"] = True``: records then keep the version
vector and authorship they arrived with, and only ``change_seq`` is set here (so a hub
relays what it received).

Each session also collects the names of the tables it changed: the ORM's flushes (after each
flush), the INSERT/UPDATE/DELETE statements run through it, and the sync importer's bulk
writes (``note_changed``). What a commit made final is kept until ``committed_tables`` takes
it; a rollback drops what was not committed. ``Database.unit_of_work`` publishes it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from itertools import chain
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.audit_chain import COLUMNS, GENESIS, row_hash
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.base import Base, Synced, new_id, utcnow
from kinerja_desktop.models.sync_state import InstallState

# Security events written with ``record_event``: the action, and the subject (kept in the
# row's ``table_name``) of each.
EVENT_LOGIN = "login"
EVENT_LOGIN_FAILED = "login_failed"
EVENT_RESTORE = "restore"
EVENT_SYNC_IMPORT = "sync_import"
SUBJECT_SESSION = "session"
SUBJECT_DATABASE = "database"
SUBJECT_SYNC = "sync"

_SKIP_AUDIT = {"vv", "change_seq", "updated_at", "updated_by", "created_at", "created_by"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def next_change_seq(session: Session) -> tuple[str, int]:
    """This install's id and the change counter value for the current transaction."""
    cached = session.info.get("_change_seq")
    if cached is not None:
        return (str(cached[0]), int(cached[1]))
    state = session.execute(
        update(InstallState)
        .where(InstallState.id == 1)
        .values(change_counter=InstallState.change_counter + 1)
        .returning(InstallState.install_id, InstallState.change_counter)
    ).one_or_none()
    if state is None:
        raise RuntimeError("install_state is missing: run the migrations first")
    result = (state[0], state[1])
    session.info["_change_seq"] = result
    return result


# A child record's owner is found through its parent: (foreign key attribute, parent table).
_PARENT_LINK = {
    "rhk": ("skp_id", "skp"),
    "iki": ("rhk_id", "rhk"),
    "rencana_aksi": ("rhk_id", "rhk"),
    "realisasi": ("iki_id", "iki"),
    "bukti_dukung": ("realisasi_id", "realisasi"),
    "penilaian_diri": ("skp_id", "skp"),
    "umpan_balik": ("skp_id", "skp"),
    "skp_event": ("skp_id", "skp"),
    "lampiran_item": ("skp_id", "skp"),
    "ekspektasi_khusus": ("skp_id", "skp"),
    "evaluasi": ("skp_id", "skp"),
    "amandemen_evaluasi": ("evaluasi_id", "evaluasi"),
    "agenda_sesi": ("sesi_id", "sesi_coaching"),
    "catatan_sesi": ("sesi_id", "sesi_coaching"),
    "aksi_disepakati": ("sesi_id", "sesi_coaching"),
    "umpan_balik_bimbingan": ("sesi_id", "sesi_coaching"),
    "evaluasi_kompetensi": ("sesi_id", "sesi_coaching"),
    "kebutuhan_pengembangan": ("rencana_id", "rencana_pengembangan"),
    "kegiatan_pengembangan": ("rencana_id", "rencana_pengembangan"),
}


_MODELS: dict[str, Any] = {}


def _find(session: Session, pending: dict[tuple[str, str], Any], table: str, key: str) -> Any:
    """The record of ``table`` with id ``key``: pending in this flush, or stored."""
    if (table, key) in pending:
        return pending[(table, key)]
    if not _MODELS:
        _MODELS.update({m.persist_selectable.description: m.class_ for m in Base.registry.mappers})
    model = _MODELS.get(table)
    if model is None:
        return None
    with session.no_autoflush:
        return session.get(model, key)


def _owner_pegawai(session: Session, pending: dict[tuple[str, str], Any], obj: Any) -> str | None:
    """The pegawai whose performance data ``obj`` is (for the audit log's person filter)."""
    for _depth in range(6):
        table = inspect(obj).mapper.local_table.name
        if table == "pegawai":
            return str(obj.id)
        value = getattr(obj, "pegawai_id", None)
        if isinstance(value, str):
            return value
        link = _PARENT_LINK.get(table)
        parent_id = getattr(obj, link[0], None) if link else None
        if link is None or not isinstance(parent_id, str):
            return None
        obj = _find(session, pending, link[1], parent_id)
        if obj is None:
            return None
    return None


_PRIVATE_KEEP = {"id", "deleted", "sesi_id", "penulis_id", "jenis", "privat"}


def _is_private(obj: Any, state: Any) -> bool:
    """The record is private now or was before this change (its ``__sync_exclude__`` flag)."""
    flag = getattr(type(obj), "__sync_exclude__", None)
    if not flag:
        return False
    return bool(getattr(obj, flag, False)) or any(state.attrs[flag].history.deleted)


def _audit_row(
    session: Session,
    pending: dict[tuple[str, str], Any],
    obj: Any,
    action: str,
    actor: Actor | None,
) -> AuditLog | None:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP_AUDIT:
            continue
        history = state.attrs[key].history
        if action == "insert":
            after[key] = _jsonable(getattr(obj, key))
        elif history.has_changes():
            before[key] = _jsonable(history.deleted[0]) if history.deleted else None
            after[key] = _jsonable(history.added[0]) if history.added else None
    if action == "update" and not after:
        return None
    if _is_private(obj, state):
        # A private record (e.g. a private coaching note) is its author's alone: the audit
        # log, which administrators read, keeps that it changed but not what it says.
        before = {k: v for k, v in before.items() if k in _PRIVATE_KEEP}
        after = {k: v for k, v in after.items() if k in _PRIVATE_KEEP}
        after["redacted"] = True
    return AuditLog(
        at=utcnow(),
        user_id=actor.user_id if actor else None,
        actor_name=actor.name if actor else "",
        action=action,
        table_name=state.mapper.local_table.name,
        record_id=str(obj.id),
        pegawai_id=_owner_pegawai(session, pending, obj),
        before=before or None,
        after=after or None,
    )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    importing = bool(session.info.get("sync_import"))
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise RuntimeError(
                f"hard delete of synced record {type(obj).__name__}; set deleted=True instead"
            )
    changed: list[tuple[Any, str]] = []
    for obj in session.new:
        if isinstance(obj, Synced):
            changed.append((obj, "insert"))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            changed.append((obj, "delete" if obj.deleted else "update"))
    if changed:
        _stamp_changes(session, changed, actor, importing)
    _chain_audit_rows(session)


def _stamp_changes(
    session: Session, changed: list[tuple[Any, str]], actor: Actor | None, importing: bool
) -> None:
    install_id, seq = next_change_seq(session)
    now = utcnow()
    pending: dict[tuple[str, str], Any] = {}
    for obj, action in changed:
        if action == "insert":
            if obj.id is None:
                obj.id = new_id()
            pending[(inspect(obj).mapper.local_table.name, obj.id)] = obj
    for obj, action in changed:
        if not importing:
            audit = _audit_row(session, pending, obj, action, actor)
            if audit is not None:
                session.add(audit)
            vv = dict(obj.vv or {})
            vv[install_id] = seq
            obj.vv = vv
            obj.updated_at = now
            obj.updated_by = actor.user_id if actor else None
            if action == "insert":
                obj.created_at = now
                obj.created_by = actor.user_id if actor else None
        obj.change_seq = seq


def _chain_audit_rows(session: Session) -> None:
    """Give each new audit row its id and its place in the hash chain (``db.audit_chain``)."""
    fresh = [obj for obj in session.new if isinstance(obj, AuditLog) and obj.row_hash is None]
    if not fresh:
        return
    tail = session.info.get("_audit_tail")
    if tail is None:
        with session.no_autoflush:
            last = session.execute(
                select(AuditLog.id, AuditLog.row_hash).order_by(AuditLog.id.desc()).limit(1)
            ).one_or_none()
        tail = (int(last[0]), str(last[1] or GENESIS)) if last else (0, GENESIS)
    last_id, last_hash = tail
    for entry in fresh:
        last_id += 1
        entry.id = last_id
        entry.at = entry.at or utcnow()
        entry.prev_hash = last_hash
        entry.row_hash = last_hash = row_hash(
            {key: getattr(entry, key) for key in COLUMNS}, last_hash
        )
    session.info["_audit_tail"] = (last_id, last_hash)


def record_event(
    session: Session,
    *,
    action: str,
    subject: str,
    record_id: str = "",
    pegawai_id: str | None = None,
    details: dict[str, Any] | None = None,
    actor: Actor | None = None,
) -> AuditLog:
    """Write an audit row for something that is not a change of a record: a login, a failed
    login, a restore, a sync import. ``subject`` names the kind of event (see
    ``services.admin.audit.record_label``); ``details`` are shown as the values after."""
    who = actor if actor is not None else session.info.get("actor")
    entry = AuditLog(
        at=utcnow(),
        user_id=who.user_id if who else None,
        actor_name=who.name if who else "",
        action=action,
        table_name=subject,
        record_id=record_id[:36],
        pegawai_id=pegawai_id,
        before=None,
        after=details or None,
    )
    session.add(entry)
    return entry


_CHANGED = "_changed_tables"
_COMMITTED = "_committed_tables"


def note_changed(session: Session, *tables: str) -> None:
    """Record that ``tables`` were written in ``session``'s transaction."""
    session.info.setdefault(_CHANGED, set()).update(tables)


def committed_tables(session: Session) -> frozenset[str]:
    """The tables that ``session``'s commits changed since the last call (then forgotten)."""
    return frozenset(session.info.pop(_COMMITTED, ()))


def _after_flush(session: Session, _context: Any) -> None:
    # The new, dirty and deleted collections still hold what this flush wrote.
    for obj in chain(session.new, session.dirty, session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        note_changed(session, inspect(obj).mapper.local_table.name)


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if isinstance(name, str):
            note_changed(state.session, name)


def _after_commit(session: Session) -> None:
    session.info.pop("_change_seq", None)
    session.info.pop("_audit_tail", None)
    session.info.setdefault(_COMMITTED, set()).update(session.info.pop(_CHANGED, ()))


def _after_rollback(session: Session) -> None:
    session.info.pop("_change_seq", None)
    session.info.pop("_audit_tail", None)
    session.info.pop(_CHANGED, None)


def install(factory: sessionmaker[Session]) -> None:
    """Attach the hooks to sessions made by ``factory``."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_rollback", _after_rollback)
