"""Receipts: the receiving side tells the sender which of its bundles arrived.

A receipt names the newest bundle from the sender that was imported here, and the sender's
change counter value it covered. It travels inside the next bundle's manifest and, for a
sender that waits, as a small signed file (``*.kinerja-receipt``). The sender then starts
its next export after that value, names that bundle as the prerequisite, and marks its
bundles up to it as delivered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import SyncBundleLog, SyncPeer
from kinerja_desktop.sync.bundle_file import canonical, signed_bytes
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import InstallKeys, verify_signature
from kinerja_desktop.sync.peers import install_state

RECEIPT_FORMAT = "kinerja-receipt"
RECEIPT_EXTENSION = ".kinerja-receipt"
_MAX_RECEIPT_BYTES = 64 * 1024


def make_receipt(session: Session, keys: InstallKeys, peer: SyncPeer) -> dict[str, Any]:
    """A signed receipt for ``peer``'s newest bundle imported here."""
    if not peer.received_bundle_id:
        raise BundleError(
            "nothing_received",
            _("No bundle from {name} was imported yet; there is nothing to acknowledge.").format(
                name=peer.nama or peer.install_id
            ),
        )
    state = install_state(session)
    receipt: dict[str, Any] = {
        "format": RECEIPT_FORMAT,
        "format_version": 1,
        "source": state.install_id,
        "target": peer.install_id,
        "bundle_id": peer.received_bundle_id,
        "bundle_seq": peer.received_bundle_seq,
        "to_seq": peer.received_seq,
        "created_at": utcnow().isoformat(),
    }
    receipt["signature"] = keys.sign(signed_bytes(receipt))
    return receipt


def write_receipt(receipt: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(canonical(receipt))
    tmp.replace(path)
    return path


def read_receipt(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    if len(raw) > _MAX_RECEIPT_BYTES:
        raise BundleError("malformed", _("The file is too large to be a receipt."))
    try:
        receipt = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError("malformed", _("The file is not a receipt.")) from exc
    if isinstance(receipt, dict) and receipt.get("format") == "kinerja-identity":
        raise BundleError(
            "identity_card",
            _("This is an identity card: trust it with `kinerja sync trust FILE` instead."),
        )
    if not isinstance(receipt, dict) or receipt.get("format") != RECEIPT_FORMAT:
        raise BundleError("malformed", _("The file is not a receipt."))
    return receipt


def verify_receipt(session: Session, receipt: dict[str, Any]) -> SyncPeer:
    """The trusted peer that signed ``receipt`` for this install."""
    state = install_state(session)
    if receipt.get("target") != state.install_id:
        raise BundleError("not_for_us", _("This receipt is for another install."))
    peer = session.get(SyncPeer, str(receipt.get("source")))
    if peer is None or not peer.trusted:
        raise BundleError(
            "untrusted", _("The receipt comes from an install this install does not trust.")
        )
    if not verify_signature(
        peer.sign_public_key, signed_bytes(receipt), str(receipt.get("signature"))
    ):
        raise BundleError("tampered", _("The receipt's signature does not match: it was altered."))
    return peer


def acknowledge(
    session: Session, peer: SyncPeer, ack: dict[str, Any], *, strict: bool = True
) -> bool:
    """Apply an acknowledgement (from a receipt file or a manifest); True if it moved on.

    An acknowledgement of a bundle this install has no record of (it was restored from a
    backup since) is an error for a receipt file (``strict``) and ignored inside a bundle,
    whose records are still good.
    """
    bundle_id, to_seq = ack.get("bundle_id"), ack.get("to_seq")
    if not isinstance(bundle_id, str) or not isinstance(to_seq, int):
        raise BundleError("malformed", _("The acknowledgement is not valid."))
    sent = (
        session.query(SyncBundleLog)
        .filter_by(bundle_id=bundle_id, direction="out", peer_install_id=peer.install_id)
        .one_or_none()
    )
    if sent is None and not strict:
        return False
    if sent is None:
        raise BundleError(
            "unknown_bundle",
            _("The receipt acknowledges a bundle this install did not send ({id}).").format(
                id=bundle_id
            ),
        )
    if sent.to_seq <= peer.acked_seq and sent.delivered:
        return False
    if (sent.report or {}).get("complete"):
        peer.resend_all = False
    if sent.to_seq > peer.acked_seq:
        peer.acked_seq = sent.to_seq
        peer.acked_bundle_id = sent.bundle_id
        peer.acked_bundle_seq = sent.bundle_seq
    session.execute(
        update(SyncBundleLog)
        .where(
            SyncBundleLog.direction == "out",
            SyncBundleLog.peer_install_id == peer.install_id,
            SyncBundleLog.to_seq <= peer.acked_seq,
            SyncBundleLog.delivered.is_(False),
        )
        .values(delivered=True, status="delivered")
    )
    return True
