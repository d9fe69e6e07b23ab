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
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import exists, literal, select, union_all
from sqlalchemy.orm import Session

from kinerja_desktop.db.bulk import read_records
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import SyncBundleLog, SyncPeer
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
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


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
    bundle_id = str(uuid.uuid4())
    bundle_seq = peer.sent_seq + 1
    from_seq = 0 if peer.resend_all else peer.acked_seq
    to_seq = state.change_counter
    target = out / default_name(state.install_id, peer, bundle_seq) if out.is_dir() else out
    content_key = os.urandom(32)
    echo = select(SyncBundleLog.local_seq).where(
        SyncBundleLog.direction == "in",
        SyncBundleLog.peer_install_id == peer.install_id,
        SyncBundleLog.local_seq > 0,
    )
    counts: dict[str, int] = {}
    hashes: set[str] = set()
    total = len(tables.SYNCED)
    changed = _changed_tables(session, from_seq, to_seq)
    with BundleWriter(target) as writer:
        for done, spec in enumerate(tables.SYNCED.values()):
            check_cancel(progress)
            if spec.name not in changed:
                continue
            progress.update(done, total, _("Exporting {table}").format(table=spec.name))
            table = spec.table
            where = [
                table.c.change_seq > from_seq,
                table.c.change_seq <= to_seq,
                spec.exclusion(),
            ]
            if not peer.resend_all:
                where.append(table.c.change_seq.not_in(echo))
            if state.mode == "hub" and tables.relay_scope(spec) == "people":
                where.append(tables.relay_filter(spec, peer.install_id))
            rows = read_records(session, table, where, [table.c.change_seq, table.c.id])
            for start in range(0, len(rows), ROWS_PER_PART):
                chunk = rows[start : start + ROWS_PER_PART]
                if "sha256" in table.c:
                    hashes.update(r["sha256"] for r in chunk if isinstance(r.get("sha256"), str))
                data = "\n".join(map(_JSON.encode, chunk)).encode()
                name = writer.next_name()
                blob = encrypt_part(content_key, compress(data), f"{bundle_id}/{name}".encode())
                writer.add_part(blob, kind="records", table=spec.name, count=len(chunk))
            if rows:
                counts[spec.name] = len(rows)
        attached = missing = 0
        for sha in sorted(hashes):
            check_cancel(progress)
            content = _stored_file(attachment_content, sha)
            if content is None:
                missing += 1
                continue
            name = writer.next_name()
            blob = encrypt_part(content_key, compress(content), f"{bundle_id}/{name}".encode())
            writer.add_part(blob, kind="attachment", file_sha256=sha)
            attached += 1
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "bundle_id": bundle_id,
            "created_at": utcnow().isoformat(),
            "source": {
                "install_id": state.install_id,
                "name": state.nama,
                "mode": state.mode,
                "sign_public_key": keys.sign_public,
            },
            "target": {"install_id": peer.install_id, "name": peer.nama},
            "bundle_seq": bundle_seq,
            "prerequisite": (
                {"bundle_id": peer.acked_bundle_id, "bundle_seq": peer.acked_bundle_seq}
                if peer.acked_bundle_id and not peer.resend_all
                else None
            ),
            "change_seq": {"from": from_seq, "to": to_seq},
            "counts": counts,
            "attachments": attached,
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
                "recipient_key": wrap_key(content_key, peer.box_public_key, bundle_id.encode()),
            },
            "parts": writer.parts,
        }
        manifest["signature"] = keys.sign(signed_bytes(manifest))
        writer.finish(manifest)
    peer.sent_seq = bundle_seq
    session.add(
        SyncBundleLog(
            bundle_id=bundle_id,
            direction="out",
            peer_install_id=peer.install_id,
            bundle_seq=bundle_seq,
            from_seq=from_seq,
            to_seq=to_seq,
            file_name=target.name,
            status="sent",
            delivered=False,
            report={
                "counts": counts,
                "attachments": attached,
                "missing_attachments": missing,
                "complete": peer.resend_all,
            },
        )
    )
    progress.update(total, total, _("Bundle written"))
    return ExportResult(
        bundle_id=bundle_id,
        path=target,
        peer_install_id=peer.install_id,
        peer_name=peer.nama,
        bundle_seq=bundle_seq,
        from_seq=from_seq,
        to_seq=to_seq,
        counts=counts,
        attachments=attached,
        missing_attachments=missing,
    )
