"""Export: one bundle holding everything a peer has not acknowledged yet.

The records are those changed here after the change counter value the peer last
acknowledged (``SyncPeer.acked_seq``) up to the counter now, except rows that arrived from
that same peer and were not changed since (no echo) and private rows. A hub sends each
office only what concerns it (``tables.relay_filter``). Attachment files named by the
exported records travel with them. The manifest carries a receipt for the peer's newest
bundle imported here, so the peer learns what arrived without a separate file.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import exists, literal, select, union_all
from sqlalchemy.orm import Session

from kinerja_desktop.db.bulk import record_lines
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import InstallState, SyncBundleLog, SyncPeer
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.bundle_file import (
    FORMAT,
    FORMAT_VERSION,
    BundleWriter,
    compress,
    signed_bytes,
)
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import InstallKeys, encrypt_part, wrap_key
from kinerja_desktop.sync.peers import install_state

ROWS_PER_PART = 20_000


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str
    path: Path
    peer_install_id: str
    peer_name: str
    bundle_seq: int
    from_seq: int
    to_seq: int
    counts: dict[str, int] = field(default_factory=dict)
    attachments: int = 0
    missing_attachments: int = 0

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def default_name(source_id: str, peer: SyncPeer, bundle_seq: int) -> str:
    return f"kinerja-{source_id[:8]}-to-{peer.install_id[:8]}-{bundle_seq:05d}.kinerja"


def _stored_file(attachment_content: Callable[[str], bytes | None], sha: str) -> bytes | None:
    """The content of the stored file named by ``sha``, or None: only a valid hash leads to a
    file (never a path from record text), and only content that still has that hash."""
    if tables.check_sha256(sha) is not None:
        return None
    data = attachment_content(sha)
    if data is None:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha else None


def _changed_tables(session: Session, from_seq: int, to_seq: int) -> set[str]:
    """The synced tables with any change in (from_seq, to_seq], asked in one statement."""
    probes = [
        select(literal(spec.name)).where(
            exists().where(spec.table.c.change_seq > from_seq, spec.table.c.change_seq <= to_seq)
        )
        for spec in tables.SYNCED.values()
    ]
    return set(session.scalars(union_all(*probes)))


@dataclass(frozen=True)
class _Bundle:
    """What one export is: its identity, the range of changes it carries, its content key."""

    bundle_id: str
    bundle_seq: int
    from_seq: int
    to_seq: int
    target: Path
    content_key: bytes

    def seal(self, writer: BundleWriter, data: bytes, **info: Any) -> None:
        """Add ``data`` compressed and encrypted (bound to its part name) as the next part."""
        aad = f"{self.bundle_id}/{writer.next_name()}".encode()
        writer.add_part(encrypt_part(self.content_key, compress(data), aad), **info)


@dataclass
class _Written:
    """What went into the bundle so far."""

    counts: dict[str, int] = field(default_factory=dict)
    hashes: set[str] = field(default_factory=set)
    attached: int = 0
    missing: int = 0


def export_bundle(
    session: Session,
    keys: InstallKeys,
    *,
    peer: SyncPeer,
    out: Path,
    attachment_content: Callable[[str], bytes | None],
    progress: Progress | None = None,
) -> ExportResult:
    """Write a bundle for ``peer`` to ``out`` (a file, or a folder to put it in).

    ``attachment_content(sha)``: the plaintext of the stored file with that content hash
    (decrypted in an encrypted data home), or None if the store has no such regular file."""
    progress = progress or NullProgress()
    state = install_state(session)
    if not peer.trusted or not peer.box_public_key:
        raise BundleError(
            "untrusted", _("Install {name} is not trusted here.").format(name=peer.nama)
        )
    bundle_seq = peer.sent_seq + 1
    bundle = _Bundle(
        bundle_id=str(uuid.uuid4()),
        bundle_seq=bundle_seq,
        from_seq=0 if peer.resend_all else peer.acked_seq,
        to_seq=state.change_counter,
        target=out / default_name(state.install_id, peer, bundle_seq) if out.is_dir() else out,
        content_key=os.urandom(32),
    )
    written = _Written()
    total = len(tables.SYNCED)
    with BundleWriter(bundle.target) as writer:
        _write_records(session, writer, bundle, peer, state, written, progress)
        _write_attachments(writer, bundle, attachment_content, written, progress)
        manifest = _manifest(bundle, keys, peer, state, written, writer.parts)
        manifest["signature"] = keys.sign(signed_bytes(manifest))
        writer.finish(manifest)
    peer.sent_seq = bundle_seq
    session.add(_log(bundle, peer, written))
    progress.update(total, total, _("Bundle written"))
    return ExportResult(
        bundle_id=bundle.bundle_id,
        path=bundle.target,
        peer_install_id=peer.install_id,
        peer_name=peer.nama,
        bundle_seq=bundle_seq,
        from_seq=bundle.from_seq,
        to_seq=bundle.to_seq,
        counts=written.counts,
        attachments=written.attached,
        missing_attachments=written.missing,
    )


def _write_records(
    session: Session,
    writer: BundleWriter,
    bundle: _Bundle,
    peer: SyncPeer,
    state: InstallState,
    written: _Written,
    progress: Progress,
) -> None:
    """The changed records of every synced table, ``ROWS_PER_PART`` JSON lines a part."""
    echo = select(SyncBundleLog.local_seq).where(
        SyncBundleLog.direction == "in",
        SyncBundleLog.peer_install_id == peer.install_id,
        SyncBundleLog.local_seq > 0,
    )
    relay = state.mode == "hub"
    total = len(tables.SYNCED)
    changed = _changed_tables(session, bundle.from_seq, bundle.to_seq)
    for done, spec in enumerate(tables.SYNCED.values()):
        check_cancel(progress)
        if spec.name not in changed:
            continue
        progress.update(done, total, _("Exporting {table}").format(table=spec.name))
        table = spec.table
        where = [
            table.c.change_seq > bundle.from_seq,
            table.c.change_seq <= bundle.to_seq,
            spec.exclusion(),
        ]
        if not peer.resend_all:
            where.append(table.c.change_seq.not_in(echo))
        if relay and tables.relay_scope(spec) == "people":
            where.append(tables.relay_filter(spec, peer.install_id))
        order = [table.c.change_seq, table.c.id]
        for chunk in record_lines(session, table, where, order, chunk=ROWS_PER_PART):
            check_cancel(progress)
            written.hashes.update(sha for _line, sha in chunk if isinstance(sha, str))
            data = "\n".join([line for line, _sha in chunk]).encode()
            bundle.seal(writer, data, kind="records", table=spec.name, count=len(chunk))
            written.counts[spec.name] = written.counts.get(spec.name, 0) + len(chunk)


def _write_attachments(
    writer: BundleWriter,
    bundle: _Bundle,
    attachment_content: Callable[[str], bytes | None],
    written: _Written,
    progress: Progress,
) -> None:
    """The stored files named by the exported records (those missing here are counted)."""
    for sha in sorted(written.hashes):
        check_cancel(progress)
        content = _stored_file(attachment_content, sha)
        if content is None:
            written.missing += 1
            continue
        bundle.seal(writer, content, kind="attachment", file_sha256=sha)
        written.attached += 1


def _manifest(
    bundle: _Bundle,
    keys: InstallKeys,
    peer: SyncPeer,
    state: InstallState,
    written: _Written,
    parts: list[dict[str, Any]],
) -> dict[str, Any]:
    """The bundle's manifest, to be signed."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": bundle.bundle_id,
        "created_at": utcnow().isoformat(),
        "source": {
            "install_id": state.install_id,
            "name": state.nama,
            "mode": state.mode,
            "sign_public_key": keys.sign_public,
        },
        "target": {"install_id": peer.install_id, "name": peer.nama},
        "bundle_seq": bundle.bundle_seq,
        "prerequisite": (
            {"bundle_id": peer.acked_bundle_id, "bundle_seq": peer.acked_bundle_seq}
            if peer.acked_bundle_id and not peer.resend_all
            else None
        ),
        "change_seq": {"from": bundle.from_seq, "to": bundle.to_seq},
        "counts": written.counts,
        "attachments": written.attached,
        "receipt": (
            {
                "bundle_id": peer.received_bundle_id,
                "bundle_seq": peer.received_bundle_seq,
                "to_seq": peer.received_seq,
            }
            if peer.received_bundle_id
            else None
        ),
        "encryption": {
            "part_cipher": "AES-256-GCM",
            "part_compression": "zlib",
            "recipient_key": wrap_key(
                bundle.content_key, peer.box_public_key, bundle.bundle_id.encode()
            ),
        },
        "parts": parts,
    }


def _log(bundle: _Bundle, peer: SyncPeer, written: _Written) -> SyncBundleLog:
    """The log row of the bundle sent (its receipt will mark it delivered)."""
    return SyncBundleLog(
        bundle_id=bundle.bundle_id,
        direction="out",
        peer_install_id=peer.install_id,
        bundle_seq=bundle.bundle_seq,
        from_seq=bundle.from_seq,
        to_seq=bundle.to_seq,
        file_name=bundle.target.name,
        status="sent",
        delivered=False,
        report={
            "counts": written.counts,
            "attachments": written.attached,
            "missing_attachments": written.missing,
            "complete": peer.resend_all,
        },
    )
