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
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import tracking
from kinerja_desktop.db.bulk import defer_foreign_keys
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.tracking import next_change_seq
from kinerja_desktop.i18n import _
from kinerja_desktop.models.sync_state import InstallState, SyncBundleLog, SyncPeer
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.applier import Applier, ImportReport
from kinerja_desktop.sync.authority import Authority
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
) -> Applier:
    """The applier of one import, with the write-authority checks of this install."""
    hub = state.mode == "hub"
    hub_ids = (
        []
        if hub
        else list(session.scalars(select(SyncPeer.install_id).where(SyncPeer.mode == "hub")))
    )
    applier = Applier(session, peer, seq, report, hub=hub)
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
    applier: Applier,
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
