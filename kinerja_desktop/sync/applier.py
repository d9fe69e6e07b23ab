"""Applying a verified bundle's records, one table's part at a time, inside the import's
transaction (see ``sync.importer`` for the rules: insert, fast-forward, merge of equal data,
conflict, held duplicate), and the report of what was done."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from kinerja_desktop.db.bulk import (
    datetime_text,
    existing_ids,
    existing_keys,
    existing_versions,
    insert_columns,
    insert_rows,
    insert_unless_present,
    update_rows,
    version_texts,
)
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import (
    InstallState,
    SyncConflict,
    SyncPeer,
    SyncPegawaiHome,
)
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.authority import Authority, Candidate
from kinerja_desktop.sync.versions import Order, compare, merge

_META = ("id", "vv", "change_seq", "created_at", "created_by", "updated_at", "updated_by")
_IN_CHUNK = 5000


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    bundle_id: str
    source_install_id: str
    source_name: str
    bundle_seq: int
    status: str
    message: str = ""
    applied: dict[str, int] = field(default_factory=dict)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)
    refused: list[dict[str, str]] = field(default_factory=list)
    attachments: int = 0
    receipt_applied: bool = False
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "source_install_id": self.source_install_id,
            "source_name": self.source_name,
            "bundle_seq": self.bundle_seq,
            "status": self.status,
            "message": self.message,
            "applied": self.applied,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "refused": self.refused,
            "attachments": self.attachments,
            "receipt_applied": self.receipt_applied,
            "dry_run": self.dry_run,
        }


def _chunks(items: list[Any], size: int = _IN_CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@functools.cache
def _references(table: Table) -> tuple[tuple[str, Table], ...]:
    """(column, parent table) of every foreign key of ``table``."""
    return tuple(
        (column.name, fk.column.table) for column in table.columns for fk in column.foreign_keys
    )


def free_key_values(spec: tables.SyncedTable, record: dict[str, Any]) -> dict[str, Any]:
    """Key columns set aside for a held or superseded duplicate, derived from its id."""
    out: dict[str, Any] = {}
    for key in spec.unique_keys:
        # the key's first own column (a key is never made of references only)
        column = next(spec.table.c[name] for name in key if not spec.table.c[name].foreign_keys)
        length = getattr(column.type, "length", None)
        if length:
            out[column.name] = ("#" + record["id"].replace("-", ""))[:length]
        else:
            out[column.name] = -1 - (zlib.crc32(record["id"].encode()) & 0x7FFFFFFF)
    return out


class Applier:
    """Applies one table's records at a time inside the import transaction."""

    def __init__(
        self, session: Session, peer: SyncPeer, seq: int, report: ImportReport, *, hub: bool
    ) -> None:
        self.session = session
        self.peer = peer
        self.seq = seq
        self.report = report
        self.hub = hub
        self.now = utcnow()
        self.merged_seq: int | None = None
        self.own_id = ""
        self.own_max = 0
        self.authority: Authority | None = None
        self._columns: dict[str, list[Any]] = {}
        self._position: dict[str, int] | None = None

    def apply(self, spec: tables.SyncedTable, raw_records: Iterable[Any]) -> None:
        """Apply one part's records of ``spec``'s table (see the module's docstring)."""
        raws = list(raw_records)
        records, columns = tables.decode_records(spec, raws)
        self.own_max = max(
            self.own_max, max(map(methodcaller("get", self.own_id, 0), columns["vv"]), default=0)
        )
        incoming = self._acceptable(spec, raws, records, columns)
        incoming = self._without_orphans(spec, incoming)
        if not incoming:
            return
        ids = [r["id"] for _raw, r in incoming]
        local = existing_versions(self.session, spec.table, ids)
        open_conflicts = self._open_conflicts(spec, ids)
        incoming = self._authorised(spec, incoming, local)
        inserts = self._compared(spec, incoming, local, open_conflicts)
        inserts = self._hold_duplicates(spec, inserts, open_conflicts)
        if inserts:
            self._insert(spec, inserts, len(records))

    def _acceptable(
        self,
        spec: tables.SyncedTable,
        raws: list[Any],
        records: list[dict[str, Any]],
        columns: dict[str, list[Any]],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The (raw, decoded) records fit to be stored; the others (a field that fails its
        check, a private record) refused one by one and reported."""
        ids = columns["id"]
        invalid = tables.invalid_values(spec, ids, columns)
        private = spec.exclude_column is not None and any(columns[spec.exclude_column])
        self._columns = columns
        if not invalid and not private:
            self._position = None  # made when first needed (not for a part all new here)
            return list(zip(raws, records, strict=True))
        incoming: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self._position = {}
        for index, (raw, record) in enumerate(zip(raws, records, strict=True)):
            if record["id"] in invalid:
                field_name, why = invalid[record["id"]]
                reason = _("the field {field} is not accepted: {why}").format(
                    field=field_name, why=why
                )
                self._refuse(spec, record["id"], reason, field=field_name)
            elif spec.exclude_column and record.get(spec.exclude_column):
                self._refuse(
                    spec,
                    record["id"],
                    _("private records are never accepted from another install"),
                )
            else:
                incoming.append((raw, record))
                self._position[record["id"]] = index
        return incoming

    def _refuse(self, spec: tables.SyncedTable, rid: str, reason: str, *, field: str = "") -> None:
        refusal = {"table": spec.name, "record_id": rid}
        if field:
            refusal["field"] = field
        self.report.refused.append(refusal | {"reason": reason})

    def _open_conflicts(
        self, spec: tables.SyncedTable, ids: list[str]
    ) -> dict[str, list[SyncConflict]]:
        """The unresolved conflicts of ``spec``'s table about ``ids``, by record id."""
        found: dict[str, list[SyncConflict]] = {}
        waiting = set(
            self.session.scalars(
                select(SyncConflict.record_id).where(
                    SyncConflict.table_name == spec.name, SyncConflict.resolved_at.is_(None)
                )
            )
        ).intersection(ids)
        for chunk in _chunks(sorted(waiting)):
            for conflict in self.session.scalars(
                select(SyncConflict).where(
                    SyncConflict.table_name == spec.name,
                    SyncConflict.resolved_at.is_(None),
                    SyncConflict.record_id.in_(chunk),
                )
            ):
                found.setdefault(conflict.record_id, []).append(conflict)
        return found

    def _compared(
        self,
        spec: tables.SyncedTable,
        incoming: list[tuple[dict[str, Any], dict[str, Any]]],
        local: dict[str, tuple[dict[str, int], int]],
        open_conflicts: dict[str, list[SyncConflict]],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Records held here compared by version vector and applied (fast-forward, merge
        of equal data, conflict); the records new here are returned, to be inserted."""
        if not local:
            return incoming
        inserts: list[tuple[dict[str, Any], dict[str, Any]]] = []
        updates: list[dict[str, Any]] = []
        merges: list[dict[str, Any]] = []
        for raw, record in incoming:
            rid = record["id"]
            if rid not in local:
                inserts.append((raw, record))
                continue
            local_vv, local_seq = local[rid]
            held = local_seq == 0 and any(
                c.kind == "duplicate" for c in open_conflicts.get(rid, [])
            )
            order = compare(record["vv"], local_vv)
            if held:
                self._queue(spec, raw, record, None, open_conflicts, kind="duplicate")
            elif order in (Order.EQUAL, Order.BEFORE):
                self.report.unchanged += 1
            elif order is Order.AFTER:
                updates.append(self._stored(rid))
                self._supersede(open_conflicts.get(rid, []), record["vv"])
            else:
                mine = self._local_row(spec, rid)
                if _same_data(mine, raw):
                    merged = merge(local_vv, record["vv"])
                    merges.append(_merged(mine, self._stored(rid)) | {"vv": merged})
                    self._supersede(open_conflicts.get(rid, []), merged)
                else:
                    kind = "delete" if (mine["deleted"] or record["deleted"]) else "edit"
                    self._queue(spec, raw, record, mine, open_conflicts, kind=kind)
        if updates:
            self._update(spec, updates, self.seq)
        if merges:
            # a merged version is new here: it must travel back to the sender too
            self._update(spec, merges, self._merge_seq())
        return inserts

    def _insert(
        self,
        spec: tables.SyncedTable,
        inserts: list[tuple[dict[str, Any], dict[str, Any]]],
        received: int,
    ) -> None:
        """Insert the new records (``received``: how many the part held) in one statement."""
        columns = self._columns
        if len(inserts) < received:
            position = self._positions()
            chosen = [position[r["id"]] for _raw, r in inserts]
            columns = {name: [col[i] for i in chosen] for name, col in columns.items()}
        columns = columns | {
            "change_seq": [self.seq] * len(inserts),
            "vv": version_texts(columns["vv"]),
        }
        insert_columns(self.session, spec.table, columns, as_text=frozenset({"vv"}))
        self.report.inserted += len(inserts)
        self.report.applied[spec.name] = self.report.applied.get(spec.name, 0) + len(inserts)
        if self.hub and spec.name == "pegawai":
            self._remember_homes([r["id"] for _raw, r in inserts])

    def _without_orphans(
        self, spec: tables.SyncedTable, incoming: list[tuple[dict[str, Any], dict[str, Any]]]
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """``incoming`` less the records that refer to a record this install does not have
        (refused one by one, so the rest of the bundle still arrives)."""
        orphans: dict[str, str] = {}
        records = list(map(itemgetter(1), incoming))
        while True:
            found = len(orphans)
            for name, parent in _references(spec.table):
                refs = set(map(itemgetter(name), records))
                refs.discard(None)
                if parent.name == spec.name:
                    refs.difference_update(map(itemgetter("id"), records))
                missing = refs - existing_ids(self.session, parent, sorted(refs)) if refs else refs
                for record in records if missing else ():
                    if record[name] in missing:
                        orphans.setdefault(record["id"], f"{parent.name} {record[name]}")
            if len(orphans) == found:  # a refused record may be another one's parent
                break
            records = [r for r in records if r["id"] not in orphans]
        if not orphans:
            return incoming
        for rid, what in orphans.items():
            self._refuse(
                spec,
                rid,
                _("it refers to {record}, which this install does not have").format(record=what),
            )
        return [(raw, record) for raw, record in incoming if record["id"] not in orphans]

    def _authorised(
        self,
        spec: tables.SyncedTable,
        incoming: list[tuple[dict[str, Any], dict[str, Any]]],
        local: dict[str, tuple[dict[str, int], int]],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """``incoming`` less the records written by an install without write authority
        (refused one by one and reported; see ``sync.authority``). Records that would change
        nothing here are not checked."""
        assert self.authority is not None
        if not local:  # all new here
            refused = self.authority.refusals_of_new(spec, [record for _raw, record in incoming])
        else:
            candidates = self._changing(incoming, local)
            refused = self.authority.refusals(spec, candidates) if candidates else {}
        if not refused:
            return incoming
        for rid, reason in refused.items():
            self.report.refused.append({"table": spec.name, "record_id": rid, "reason": reason})
        return [(raw, record) for raw, record in incoming if record["id"] not in refused]

    @staticmethod
    def _changing(
        incoming: list[tuple[dict[str, Any], dict[str, Any]]],
        local: dict[str, tuple[dict[str, int], int]],
    ) -> list[Candidate]:
        """The records that would change something here, with the version held here."""
        candidates = []
        for _raw, record in incoming:
            held = local.get(record["id"])
            if held is None:
                candidates.append(Candidate(record, None))
            elif compare(record["vv"], held[0]) not in (Order.EQUAL, Order.BEFORE):
                candidates.append(Candidate(record, held[0]))
        return candidates

    def _positions(self) -> dict[str, int]:
        """Record id -> its index in the columns of the part being applied."""
        if self._position is None:
            ids = self._columns["id"]
            self._position = dict(zip(ids, range(len(ids)), strict=True))
        return self._position

    def _stored(self, rid: str) -> dict[str, Any]:
        """Record ``rid`` of the table being applied, with values as the database stores them."""
        index = self._positions()[rid]
        return {name: values[index] for name, values in self._columns.items()}

    def _update(self, spec: tables.SyncedTable, records: list[dict[str, Any]], seq: int) -> None:
        rows = [r | {"change_seq": seq} for r in records]
        update_rows(self.session, spec.table, rows)
        self.report.updated += len(rows)
        self.report.applied[spec.name] = self.report.applied.get(spec.name, 0) + len(rows)

    def _merge_seq(self) -> int:
        """A second counter value for this import, not marked as received from the peer."""
        if self.merged_seq is None:
            self.merged_seq = self.session.execute(
                update(InstallState)
                .where(InstallState.id == 1)
                .values(change_counter=InstallState.change_counter + 1)
                .returning(InstallState.change_counter)
            ).scalar_one()
        return self.merged_seq

    def _local_row(self, spec: tables.SyncedTable, rid: str) -> dict[str, Any]:
        row = self.session.execute(select(spec.table).where(spec.table.c.id == rid)).one()
        return dict(row._mapping)

    def _supersede(self, conflicts: list[SyncConflict], vv: dict[str, int]) -> None:
        for conflict in conflicts:
            remote_vv = (conflict.remote or {}).get("vv") or {}
            if conflict.resolved_at is None and compare(vv, remote_vv) in (
                Order.AFTER,
                Order.EQUAL,
            ):
                conflict.resolved_at = self.now
                conflict.resolution = "superseded"

    def _queue(
        self,
        spec: tables.SyncedTable,
        raw: dict[str, Any],
        record: dict[str, Any],
        mine: dict[str, Any] | None,
        open_conflicts: dict[str, list[SyncConflict]],
        *,
        kind: str,
    ) -> None:
        rid = record["id"]
        existing = open_conflicts.get(rid, [])
        for conflict in existing:
            remote_vv = (conflict.remote or {}).get("vv") or {}
            order = compare(record["vv"], remote_vv)
            if order in (Order.EQUAL, Order.BEFORE):
                self.report.unchanged += 1
                return
            if order is Order.AFTER:
                conflict.remote = raw
                self._note_conflict(spec, rid, conflict.kind)
                return
        conflict = SyncConflict(
            table_name=spec.name,
            record_id=rid,
            kind=kind,
            local={k: tables.encode_value(v) for k, v in mine.items()} if mine else None,
            remote=raw,
            remote_install_id=self.peer.install_id,
            detected_at=self.now,
        )
        self.session.add(conflict)
        open_conflicts.setdefault(rid, []).append(conflict)
        self._note_conflict(spec, rid, kind)

    def _note_conflict(self, spec: tables.SyncedTable, rid: str, kind: str) -> None:
        self.report.conflicts.append({"table": spec.name, "record_id": rid, "kind": kind})

    def _hold_duplicates(
        self,
        spec: tables.SyncedTable,
        inserts: list[tuple[dict[str, Any], dict[str, Any]]],
        open_conflicts: dict[str, list[SyncConflict]],
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """``inserts`` less the records whose natural key is taken (here, or by an earlier
        record of this bundle): those are held as hidden tombstones with a ``duplicate``
        conflict (a second stored file with one content is simply the same file)."""
        if not spec.unique_keys or not inserts:
            return inserts
        clashes, here = self._key_clashes(spec, inserts)
        if not clashes:
            return inserts
        kept: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for raw, record in inserts:
            clash = clashes.get(record["id"])
            if clash is None:
                kept.append((raw, record))
            elif spec.name == "berkas":
                self.report.unchanged += 1
            else:
                mine = self._local_row(spec, clash) if clash in here else {"id": clash}
                held = self._stored(record["id"]) | free_key_values(spec, record)
                held |= {"deleted": True, "change_seq": 0}
                insert_rows(self.session, spec.table, [held])
                self._queue(spec, raw, record, mine, open_conflicts, kind="duplicate")
        return kept

    def _key_clashes(
        self, spec: tables.SyncedTable, inserts: list[tuple[dict[str, Any], dict[str, Any]]]
    ) -> tuple[dict[str, str], set[str]]:
        """Record id -> id of the record holding its natural key (the first key that clashes),
        and which of the holders are stored here (the others come earlier in the bundle)."""
        clashes: dict[str, str] = {}
        here: set[str] = set()
        for key in spec.unique_keys:
            getter = itemgetter(*key)
            wanted = [(getter(r), r["id"]) for _raw, r in inserts]
            values = [value if len(key) > 1 else (value,) for value, _rid in wanted]
            found = existing_keys(self.session, spec.table, key, list(set(values)))
            here.update(found.values())
            first: dict[tuple[Any, ...], str] = {}
            for value, (_v, rid) in zip(values, wanted, strict=True):
                if value in found:
                    clashes.setdefault(rid, found[value])
                elif value in first:  # two incoming records with one key
                    clashes.setdefault(rid, first[value])
                else:
                    first[value] = rid
        return clashes, here

    def _remember_homes(self, pegawai_ids: list[str]) -> None:
        """At a hub: the sender is the home office of the pegawai it sent first."""
        homes = [(pid, self.peer.install_id) for pid in pegawai_ids]
        insert_unless_present(self.session, SyncPegawaiHome.__table__, homes)


def _same_data(mine: dict[str, Any], raw: dict[str, Any]) -> bool:
    """Both versions hold the same data (authorship and versions aside)."""
    for key, value in raw.items():
        if key in _META:
            continue
        if tables.encode_value(mine.get(key)) != value:
            return False
    return True


def _merged(mine: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """One row for two versions with the same data: authorship of the later-stamped one.

    Every install that merges the same two versions picks the same row, so they agree.
    """
    ours = (datetime_text(mine["updated_at"]), mine["updated_by"] or "")
    theirs = (record["updated_at"], record["updated_by"] or "")
    return dict(mine) if ours >= theirs else dict(record)
