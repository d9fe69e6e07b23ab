"""Import: verify a bundle completely, then apply it in one transaction, and report.

Before anything is written: the file's structure, format version, addressee, the sender's
trust and signature, the prerequisite bundle and the SHA-256 of every part. Then, in one
transaction (rolled back on any error, or at the end of a dry run), each record is compared
with the local one by version vector:

- new here: inserted as it came (authorship and version vector kept);
- the incoming version dominates: fast-forward;
- the local version dominates or equals it: nothing to do;
- concurrent (changed on both sides, a delete included): the local version stays and the
  incoming one waits in the conflict queue (``SyncConflict``), unless both are the same
  data (then the version vectors merge);
- a new record whose natural key (a NIP, an SKP's evaluation period...) is taken by another
  local record: a ``duplicate`` conflict; the incoming record is held as a hidden tombstone
  with its key set aside (it never travels on) until a person decides.

Records get this install's change counter value (so a hub relays them) and the import is
logged in ``SyncBundleLog`` with its report. Importing the same bundle again changes nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import tracking
from kinerja_desktop.db.bulk import (
    datetime_text,
    defer_foreign_keys,
    existing_ids,
    existing_keys,
    existing_versions,
    insert_columns,
    insert_rows,
    insert_unless_present,
    update_rows,
    version_texts,
)
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.tracking import next_change_seq
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import (
    InstallState,
    SyncBundleLog,
    SyncConflict,
    SyncPeer,
    SyncPegawaiHome,
)
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.authority import Authority, Candidate
from kinerja_desktop.sync.bundle_file import BundleReader, decompress, records_of, signed_bytes
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import (
    InstallKeys,
    decrypt_part,
    fingerprint,
    unwrap_key,
    verify_signature,
)
from kinerja_desktop.sync.peers import install_state
from kinerja_desktop.sync.receipts import acknowledge
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


class _DryRun(Exception):
    pass


def _manifest_fields(manifest: dict[str, Any]) -> None:
    def bad(what: str) -> BundleError:
        return BundleError(
            "malformed", _("The bundle's manifest is not valid ({what}).").format(what=what)
        )

    for key in ("bundle_id", "created_at", "signature"):
        if not isinstance(manifest.get(key), str) or len(manifest[key]) > 200:
            raise bad(key)
    for key in ("source", "target", "change_seq", "encryption"):
        if not isinstance(manifest.get(key), dict):
            raise bad(key)
    if not isinstance(manifest["source"].get("install_id"), str):
        raise bad("source")
    if not isinstance(manifest["target"].get("install_id"), str):
        raise bad("target")
    if not isinstance(manifest.get("bundle_seq"), int):
        raise bad("bundle_seq")
    seqs = manifest["change_seq"]
    if not isinstance(seqs.get("from"), int) or not isinstance(seqs.get("to"), int):
        raise bad("change_seq")
    prerequisite = manifest.get("prerequisite")
    if prerequisite is not None and (
        not isinstance(prerequisite, dict) or not isinstance(prerequisite.get("bundle_id"), str)
    ):
        raise bad("prerequisite")


@dataclass
class _Verified:
    reader: BundleReader
    manifest: dict[str, Any]
    peer_id: str
    content_key: bytes


def verify(session: Session, reader: BundleReader, keys: InstallKeys) -> _Verified | ImportReport:
    """Every check before writing; an ``ImportReport`` if the bundle was imported already."""
    manifest = reader.manifest
    _manifest_fields(manifest)
    state = install_state(session)
    source = manifest["source"]
    if manifest["target"]["install_id"] != state.install_id:
        raise BundleError(
            "not_for_us",
            _("This bundle is addressed to install {target}, not to this one ({me}).").format(
                target=manifest["target"]["install_id"], me=state.install_id
            ),
        )
    peer = session.get(SyncPeer, source["install_id"])
    if peer is None or not peer.trusted:
        raise BundleError(
            "untrusted",
            _(
                "The bundle was signed by install {name} ({id}, key fingerprint {fp}), which "
                "this install does not trust. Enrol it first (kinerja sync trust)."
            ).format(
                name=source.get("name", ""),
                id=source["install_id"],
                fp=fingerprint(str(source.get("sign_public_key", ""))),
            ),
        )
    if not verify_signature(peer.sign_public_key, signed_bytes(manifest), manifest["signature"]):
        raise BundleError(
            "tampered",
            _(
                "The bundle's signature does not match the key of {name}: it was altered after "
                "it was made, or made by someone else. It is refused."
            ).format(name=peer.nama or peer.install_id),
        )
    done = (
        session.query(SyncBundleLog)
        .filter_by(bundle_id=manifest["bundle_id"], direction="in")
        .one_or_none()
    )
    if done is not None:
        return ImportReport(
            bundle_id=manifest["bundle_id"],
            source_install_id=peer.install_id,
            source_name=peer.nama,
            bundle_seq=manifest["bundle_seq"],
            status="already",
            message=_("This bundle was already imported on {date}; nothing was changed.").format(
                date=done.at.strftime("%Y-%m-%d %H:%M")
            ),
        )
    prerequisite = manifest.get("prerequisite")
    if prerequisite is not None:
        have = (
            session.query(SyncBundleLog.id)
            .filter_by(bundle_id=prerequisite["bundle_id"], direction="in")
            .first()
        )
        if have is None:
            raise BundleError(
                "missing_prerequisite",
                _(
                    "This bundle builds on bundle no. {seq} from {name} ({id}), which was not "
                    "imported here. Import that bundle first; if it is lost, the sender can make "
                    "a complete bundle (kinerja sync resend)."
                ).format(
                    seq=prerequisite.get("bundle_seq", "?"),
                    name=peer.nama or peer.install_id,
                    id=prerequisite["bundle_id"],
                ),
            )
    reader.check_parts()
    content_key = unwrap_key(
        manifest["encryption"].get("recipient_key") or {}, keys, manifest["bundle_id"].encode()
    )
    return _Verified(reader, manifest, peer.install_id, content_key)


def import_bundle(
    db: Database,
    keys: InstallKeys,
    path: Path,
    *,
    actor: Actor,
    attachment_store: Callable[[str, bytes], Path | None],
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Verify and apply the bundle at ``path`` (or only report, with ``dry_run``)."""
    progress = progress or NullProgress()
    with BundleReader(path) as reader:
        with db.read(actor) as session:
            checked = verify(session, reader, keys)
        if isinstance(checked, ImportReport):
            return checked
        created: list[Path] = []
        try:
            with db.unit_of_work(actor) as session:
                report = _apply(session, checked, attachment_store, created, dry_run, progress)
                report.message = _summary(report)
                if dry_run:
                    raise _DryRun()
                _audit_import(session, report)
        except _DryRun:
            return report
        except BaseException:
            for file in created:
                with contextlib.suppress(OSError):
                    file.unlink()
            raise
        report.status = "applied"
        return report


def _audit_import(session: Session, report: ImportReport) -> None:
    """One audit row per applied bundle: who sent it and how many records it brought."""
    tracking.record_event(
        session,
        action=tracking.EVENT_SYNC_IMPORT,
        subject=tracking.SUBJECT_SYNC,
        record_id=report.bundle_id,
        details={
            "sender": report.source_name,
            "sender_install": report.source_install_id,
            "bundle_seq": report.bundle_seq,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "conflicts": len(report.conflicts),
            "refused": len(report.refused),
            "files": report.attachments,
            "records": dict(report.applied),
        },
    )


def _summary(report: ImportReport) -> str:
    text = _(
        "{applied} records applied ({inserted} new, {updated} updated), {unchanged} already "
        "up to date, {conflicts} waiting for a decision, {refused} refused, {files} files."
    ).format(
        applied=report.inserted + report.updated,
        inserted=report.inserted,
        updated=report.updated,
        unchanged=report.unchanged,
        conflicts=len(report.conflicts),
        refused=len(report.refused),
        files=report.attachments,
    )
    if report.dry_run:
        return _("Preview (nothing written): {text}").format(text=text)
    return text


def _apply(
    session: Session,
    checked: _Verified,
    attachment_store: Callable[[str, bytes], Path | None],
    created: list[Path],
    dry_run: bool,
    progress: Progress,
) -> ImportReport:
    """Apply a verified bundle inside the import's transaction (see the module's docstring)."""
    manifest = checked.manifest
    peer = session.get(SyncPeer, checked.peer_id)
    assert peer is not None
    state = install_state(session)
    session.info["sync_import"] = True
    _install_id, seq = next_change_seq(session)
    defer_foreign_keys(session)
    report = ImportReport(
        bundle_id=manifest["bundle_id"],
        source_install_id=peer.install_id,
        source_name=peer.nama,
        bundle_seq=manifest["bundle_seq"],
        status="dry_run" if dry_run else "applied",
        dry_run=dry_run,
    )
    total = len(manifest["parts"])
    applier = _applier(session, peer, state, seq, report)
    for done, part in enumerate(_record_parts(manifest["parts"])):
        check_cancel(progress)
        progress.update(done, total, _("Importing {table}").format(table=part["table"]))
        data = _open_part(checked, part)
        applier.apply(tables.SYNCED[part["table"]], records_of(data, part=part["name"]))
    _apply_attachments(checked, report, attachment_store, created, dry_run, progress)
    _note_bundle(session, checked, peer, state, applier, report)
    progress.update(total, total, _("Import finished"))
    return report


def _record_parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records parts in the order of the synced tables (parents first); a table this
    program does not know refuses the bundle."""
    order = {name: index for index, name in enumerate(tables.SYNCED)}
    record_parts = [p for p in parts if p.get("kind") == "records"]
    for part in record_parts:
        if part.get("table") not in tables.SYNCED:
            raise BundleError(
                "newer_schema",
                _(
                    "The bundle holds table {table}, which this program does not know: it was "
                    "made by a newer version. Update the program, then import again."
                ).format(table=part.get("table")),
            )
    return sorted(record_parts, key=lambda p: (order[p["table"]], p["name"]))


def _applier(
    session: Session, peer: SyncPeer, state: InstallState, seq: int, report: ImportReport
) -> _Applier:
    """The applier of one import, with the write-authority checks of this install."""
    hub = state.mode == "hub"
    hub_ids = (
        []
        if hub
        else list(session.scalars(select(SyncPeer.install_id).where(SyncPeer.mode == "hub")))
    )
    applier = _Applier(session, peer, seq, report, hub=hub)
    applier.own_id = state.install_id
    names = {p.install_id: p.nama for p in session.scalars(select(SyncPeer))}
    applier.authority = Authority(
        session,
        own_id=state.install_id,
        sender=peer.install_id,
        hub_ids=hub_ids,
        hub=hub,
        names=names,
    )
    return applier


def _apply_attachments(
    checked: _Verified,
    report: ImportReport,
    attachment_store: Callable[[str, bytes], Path | None],
    created: list[Path],
    dry_run: bool,
    progress: Progress,
) -> None:
    """The attached files, each checked against its hash; written into the store unless
    there already (or in a dry run), and listed in ``created`` to be removed on failure."""
    for part in (p for p in checked.manifest["parts"] if p.get("kind") == "attachment"):
        check_cancel(progress)
        sha = str(part.get("file_sha256", ""))
        data = _open_part(checked, part)
        if hashlib.sha256(data).hexdigest() != sha:
            raise BundleError(
                "damaged",
                _("An attached file in the bundle does not match its hash; refused."),
            )
        report.attachments += 1
        if not dry_run and (written := attachment_store(sha, data)) is not None:
            created.append(written)


def _note_bundle(
    session: Session,
    checked: _Verified,
    peer: SyncPeer,
    state: InstallState,
    applier: _Applier,
    report: ImportReport,
) -> None:
    """What the import leaves besides records: the receipt it carried applied, the counters
    moved on, and the bundle logged with its report (so importing it again changes nothing)."""
    manifest = checked.manifest
    receipt = manifest.get("receipt")
    if isinstance(receipt, dict):
        report.receipt_applied = acknowledge(session, peer, receipt, strict=False)
    if applier.own_max > state.change_counter:
        # our own changes came back with higher counter values than we hold: this database
        # was restored from a backup since; continue above them so no version is reused
        state.change_counter = applier.own_max
    peer.last_bundle_in_seq = max(peer.last_bundle_in_seq, manifest["bundle_seq"])
    to_seq = manifest["change_seq"]["to"]
    if to_seq >= peer.received_seq:
        peer.received_seq = to_seq
        peer.received_bundle_id = manifest["bundle_id"]
        peer.received_bundle_seq = manifest["bundle_seq"]
    session.add(
        SyncBundleLog(
            bundle_id=manifest["bundle_id"],
            direction="in",
            peer_install_id=peer.install_id,
            bundle_seq=manifest["bundle_seq"],
            from_seq=manifest["change_seq"]["from"],
            to_seq=to_seq,
            local_seq=applier.seq,
            file_name=checked.reader.path.name[:300],
            status="applied" if not report.conflicts else "conflicts",
            delivered=True,
            report=report.as_dict() | {"message": _summary(report)},
        )
    )
    session.flush()


def _open_part(checked: _Verified, part: dict[str, Any]) -> bytes:
    blob = checked.reader.part(part)
    aad = f"{checked.manifest['bundle_id']}/{part['name']}".encode()
    return decompress(decrypt_part(checked.content_key, blob, aad), part=part["name"])


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


class _Applier:
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
