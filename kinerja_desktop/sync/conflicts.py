"""The conflict queue: both versions side by side, and a person's decision.

A decision is a new local change: the record gets a version vector covering both versions
(plus this install's next counter value), so it follows both everywhere it travels and
closes the same conflict on any install that queued it too.

- ``mine``: the local values stay; ``theirs``: the incoming values replace them (a delete
  included); ``merge``: field by field, taking the incoming value for the fields named in
  ``take_theirs`` and free text for those in ``texts``.
- A ``duplicate`` (two records with one natural key): ``mine`` withdraws the incoming record
  (it travels back as a tombstone with its key set aside); ``theirs`` withdraws the local
  one the same way and puts the incoming record in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import Base, utcnow
from kinerja_desktop.models.sync_state import SyncConflict, SyncPeer
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.applier import free_key_values
from kinerja_desktop.sync.versions import Order, compare, merge

CHOICES = ("mine", "theirs", "merge")
_NOT_DATA = {"id", "vv", "change_seq", "created_at", "created_by", "updated_at", "updated_by"}


@dataclass(frozen=True)
class FieldDiff:
    name: str
    mine: Any
    theirs: Any
    differs: bool
    is_text: bool


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    record_id: str
    kind: str
    remote_install_id: str
    remote_name: str
    detected_at: Any
    resolved_at: Any
    resolution: str
    fields: tuple[FieldDiff, ...]


def _mapped_class(table_name: str) -> type[Any]:
    """The class of a synced table (every one in ``tables.SYNCED`` is mapped)."""
    return next(
        mapper.class_
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__tablename__", None) == table_name
    )


def _current(session: Session, conflict: SyncConflict) -> dict[str, Any] | None:
    spec = tables.SYNCED[conflict.table_name]
    if conflict.kind == "duplicate":
        local_id = (conflict.local or {}).get("id")
        if not local_id:
            return None
    else:
        local_id = conflict.record_id
    row = session.execute(select(spec.table).where(spec.table.c.id == local_id)).one_or_none()
    return tables.encode_row(row) if row is not None else None


def view(session: Session, conflict: SyncConflict) -> ConflictView:
    spec = tables.SYNCED[conflict.table_name]
    mine = _current(session, conflict) or conflict.local or {}
    theirs = conflict.remote or {}
    fields = tuple(
        FieldDiff(
            name=c.name,
            mine=mine.get(c.name),
            theirs=theirs.get(c.name),
            differs=mine.get(c.name) != theirs.get(c.name),
            is_text=c.name in spec.text_columns,
        )
        for c in spec.table.columns
        if c.name not in _NOT_DATA
    )
    peer = session.get(SyncPeer, conflict.remote_install_id)
    return ConflictView(
        id=conflict.id,
        table=conflict.table_name,
        record_id=conflict.record_id,
        kind=conflict.kind,
        remote_install_id=conflict.remote_install_id,
        remote_name=peer.nama if peer else "",
        detected_at=conflict.detected_at,
        resolved_at=conflict.resolved_at,
        resolution=conflict.resolution,
        fields=fields,
    )


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(
        session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None))
            .order_by(SyncConflict.detected_at, SyncConflict.id)
        )
    )


def resolve(
    session: Session,
    conflict_id: str,
    *,
    actor: Actor,
    choice: str,
    take_theirs: tuple[str, ...] = (),
    texts: dict[str, str] | None = None,
) -> SyncConflict:
    """Decide the conflict ``conflict_id`` (see the module docstring)."""
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFoundError(_("No conflict {id}.").format(id=conflict_id))
    if conflict.resolved_at is not None:
        raise WorkflowError(_("This conflict was already decided."))
    if choice not in CHOICES:
        raise ValidationError(_("Choose mine, theirs or merge."), field="choice")
    spec = tables.SYNCED[conflict.table_name]
    remote = tables.decode_record(spec, conflict.remote)
    cls = _mapped_class(conflict.table_name)
    if conflict.kind == "duplicate":
        merged_vv = _resolve_duplicate(session, conflict, spec, cls, remote, choice)
    else:
        obj = session.get(cls, conflict.record_id)
        if obj is None:
            raise NotFoundError(_("The record of this conflict no longer exists."))
        values = _chosen_values(spec, remote, choice, take_theirs, texts or {})
        for key, value in values.items():
            setattr(obj, key, value)
        merged_vv = merge(obj.vv or {}, remote["vv"])
        _set_version(obj, merged_vv)
        session.flush()
    conflict.resolved_at = utcnow()
    conflict.resolved_by = actor.user_id
    conflict.resolution = choice
    for other in open_conflicts(session):
        if other.id != conflict.id and other.record_id == conflict.record_id:
            other_vv = (other.remote or {}).get("vv") or {}
            if compare(merged_vv, other_vv) in (Order.AFTER, Order.EQUAL):
                other.resolved_at, other.resolution = utcnow(), "superseded"
    session.flush()
    return conflict


def _chosen_values(
    spec: tables.SyncedTable,
    remote: dict[str, Any],
    choice: str,
    take_theirs: tuple[str, ...],
    texts: dict[str, str],
) -> dict[str, Any]:
    data_columns = [c.name for c in spec.table.columns if c.name not in _NOT_DATA]
    if choice == "mine":
        return {}
    if choice == "theirs":
        return {name: remote[name] for name in data_columns}
    values: dict[str, Any] = {}
    for name in take_theirs:
        if name not in data_columns:
            raise ValidationError(_("Unknown field {field}.").format(field=name), field=name)
        values[name] = remote[name]
    for name, text in texts.items():
        if name not in spec.text_columns:
            raise ValidationError(
                _("Only text fields can be merged by hand; {field} is not one.").format(field=name),
                field=name,
            )
        decode, _nullable = spec.decoders[name]
        try:
            values[name] = decode(text)
        except ValueError as exc:
            raise ValidationError(str(exc), field=name) from exc
    return values


def _resolve_duplicate(
    session: Session,
    conflict: SyncConflict,
    spec: tables.SyncedTable,
    cls: type[Any],
    remote: dict[str, Any],
    choice: str,
) -> dict[str, int]:
    if choice == "merge":
        raise ValidationError(
            _("Two different records share one key: keep mine or keep theirs."), field="choice"
        )
    held = session.get(cls, conflict.record_id)
    if held is None:
        raise NotFoundError(_("The record of this conflict no longer exists."))
    data = {k: v for k, v in remote.items() if k not in _NOT_DATA}
    merged_vv = merge(held.vv or {}, remote["vv"])
    if choice == "mine":
        for key, value in (data | free_key_values(spec, remote) | {"deleted": True}).items():
            setattr(held, key, value)
        _set_version(held, merged_vv)
        session.flush()
        return merged_vv
    local_id = (conflict.local or {}).get("id")
    other = session.get(cls, local_id) if local_id else None
    if other is not None:
        freed = free_key_values(spec, {"id": other.id})
        for key, value in (freed | {"deleted": True}).items():
            setattr(other, key, value)
        session.flush()
    for key, value in data.items():
        setattr(held, key, value)
    _set_version(held, merged_vv)
    session.flush()
    return merged_vv


def _set_version(obj: Any, vv: dict[str, int]) -> None:
    """Give ``obj`` a version covering both sides; the flush adds this install's next counter
    value (the record counts as changed even when the kept values equal the stored ones)."""
    obj.vv = dict(vv)
    flag_modified(obj, "vv")
