"""Enrolment and trust: identity cards exchanged by file, and the list of trusted peers.

An identity card (``*.kinerja-id``) is a small signed JSON file with an install's id, name,
mode and public keys. An office and its hub each save their card and trust the other's
once the operators compared both key fingerprints by phone (the services ask for the
confirmed fingerprint). Removing a peer deletes it with its keys; re-enrolling with new keys
is removing, then trusting the new card. Offices exchange bundles only with a hub;
a hub with offices.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import utcnow
from kinerja_desktop.models.sync_state import InstallState, SyncPeer
from kinerja_desktop.sync.bundle_file import canonical, signed_bytes
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import InstallKeys, fingerprint, verify_signature

CARD_FORMAT = "kinerja-identity"
CARD_EXTENSION = ".kinerja-id"
MODES = ("office", "hub")
_MAX_CARD_BYTES = 64 * 1024


def install_state(session: Session) -> InstallState:
    state = session.get(InstallState, 1)
    if state is None:
        raise RuntimeError("install_state is missing: run the migrations first")
    return state


def identity_card(session: Session, keys: InstallKeys) -> dict[str, Any]:
    """This install's signed identity card."""
    state = install_state(session)
    card: dict[str, Any] = {
        "format": CARD_FORMAT,
        "format_version": 1,
        "install_id": state.install_id,
        "name": state.nama,
        "mode": state.mode,
        "sign_public_key": keys.sign_public,
        "box_public_key": keys.box_public,
        "created_at": utcnow().isoformat(),
    }
    card["signature"] = keys.sign(signed_bytes(card))
    return card


def write_card(card: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(canonical(card))
    return path


def read_card(path: Path) -> dict[str, Any]:
    """A card read from ``path`` and checked (shape and self-signature)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleError(
            "missing", _("The file {path} cannot be read.").format(path=path)
        ) from exc
    if len(raw) > _MAX_CARD_BYTES:
        raise BundleError("malformed", _("The file is too large to be an identity card."))
    try:
        card = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError("malformed", _("The file is not an identity card.")) from exc
    return check_card(card)


def check_card(card: Any) -> dict[str, Any]:
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise BundleError("malformed", _("The file is not an identity card."))
    for key in ("install_id", "name", "mode", "sign_public_key", "box_public_key", "signature"):
        if not isinstance(card.get(key), str):
            raise BundleError("malformed", _("The identity card lacks {field}.").format(field=key))
    if card["mode"] not in MODES or len(card["install_id"]) > 36 or len(card["name"]) > 200:
        raise BundleError("malformed", _("The identity card is not valid."))
    if not verify_signature(card["sign_public_key"], signed_bytes(card), card["signature"]):
        raise BundleError(
            "tampered", _("The identity card's signature does not match: it was altered.")
        )
    return card


def trust(session: Session, card: dict[str, Any]) -> SyncPeer:
    """Record ``card``'s install as a trusted peer (an office trusts hubs, a hub offices)."""
    state = install_state(session)
    if card["install_id"] == state.install_id:
        raise BundleError("own_card", _("This is this install's own identity card."))
    wanted = "office" if state.mode == "hub" else "hub"
    if card["mode"] != wanted:
        raise BundleError(
            "wrong_mode",
            _("An office exchanges bundles only with a hub.")
            if state.mode == "office"
            else _("A hub exchanges bundles only with offices."),
        )
    peer = session.get(SyncPeer, card["install_id"])
    if (
        peer is not None
        and peer.sign_public_key
        and peer.sign_public_key != card["sign_public_key"]
    ):
        raise BundleError(
            "key_changed",
            _(
                "Install {name} is already enrolled with another key (fingerprint {old}). "
                "If its keys really changed (confirm it with the other side), remove it first "
                "(kinerja sync untrust {id}), then trust the new card."
            ).format(
                name=peer.nama or peer.install_id,
                old=fingerprint(peer.sign_public_key),
                id=peer.install_id,
            ),
        )
    if peer is None:
        peer = SyncPeer(install_id=card["install_id"], enrolled_at=utcnow())
        session.add(peer)
    peer.nama = card["name"]
    peer.mode = card["mode"]
    peer.sign_public_key = card["sign_public_key"]
    peer.box_public_key = card["box_public_key"]
    peer.trusted = True
    session.flush()
    return peer


def untrust(session: Session, install_id: str) -> None:
    """Remove the peer and its keys. Its bundles are refused from now on; its identity card
    (with the same or new keys) can be trusted again, which starts the exchange afresh."""
    peer = session.get(SyncPeer, install_id)
    if peer is None:
        raise BundleError("unknown_peer", _("No install {id} is enrolled.").format(id=install_id))
    session.delete(peer)
    session.flush()


def resend_everything(peer: SyncPeer) -> None:
    """Forget what ``peer`` acknowledged: bundles hold everything for it again (records that
    came from it too) until it acknowledges one.

    Safe at any time (the receiver skips what it has); needed when records start to concern
    an office after they were sent (a new supervisor elsewhere), and after a restore from a
    backup on either side (the restored side gets back the changes it lost).
    """
    peer.acked_seq = 0
    peer.acked_bundle_id = ""
    peer.acked_bundle_seq = 0
    peer.resend_all = True


def set_mode(session: Session, *, mode: str, name: str) -> InstallState:
    """Make this install an office or a hub (and name it)."""
    if mode not in MODES:
        raise ValueError(mode)
    state = install_state(session)
    peers = session.query(SyncPeer).filter(SyncPeer.trusted.is_(True)).count()
    if state.mode != mode and peers:
        raise BundleError(
            "has_peers",
            _("This install already trusts other installs; it cannot change its mode now."),
        )
    state.mode = mode
    if name.strip():
        state.nama = " ".join(name.split())
    return state


def resolve_peer(session: Session, ref: str, *, any_state: bool = False) -> SyncPeer:
    """A trusted peer (with ``any_state``, any enrolled one) named by its install id, a
    unique prefix of it, or its name."""
    query = session.query(SyncPeer)
    peers = (query if any_state else query.filter(SyncPeer.trusted.is_(True))).all()
    exact = [p for p in peers if ref in (p.install_id, p.nama)]
    matches = exact or [p for p in peers if p.install_id.startswith(ref)]
    if len(matches) != 1:
        raise BundleError(
            "unknown_peer",
            _("No single trusted install matches {ref}; see `kinerja sync peers`.").format(ref=ref),
        )
    return matches[0]
