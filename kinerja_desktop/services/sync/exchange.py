"""Sync bundles as use cases: enrolment, export, import (with preview), receipts, conflicts.

The GUI and ``kinerja sync`` call these. On an office only the pengelola kinerja may run
them; on a hub, a hub operator (or the pengelola). The install's keys are made lazily the
first time a sync use case needs them (``kinerja init`` also makes them). Everything below
is done by ``kinerja_desktop.sync``; this module adds permissions, sessions and plain rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.sync_state import SyncBundleLog, SyncConflict, SyncPeer
from kinerja_desktop.paths import DataHome
from kinerja_desktop.progress import Progress
from kinerja_desktop.services.core import access, attachments
from kinerja_desktop.sync import conflicts as conflict_queue
from kinerja_desktop.sync import peers as peer_registry
from kinerja_desktop.sync import receipts
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.export import ExportResult, export_bundle
from kinerja_desktop.sync.importer import ImportReport, import_bundle
from kinerja_desktop.sync.keys import InstallKeys, fingerprint, load_or_create

if TYPE_CHECKING:
    from kinerja_desktop.services.printing.service import VerifyResult

ConflictView = conflict_queue.ConflictView


@dataclass(frozen=True)
class PeerRow:
    install_id: str
    name: str
    mode: str
    fingerprint: str
    trusted: bool
    bundles_sent: int
    acked_seq: int
    bundles_received: int
    undelivered: int


@dataclass(frozen=True)
class SyncStatus:
    install_id: str
    name: str
    mode: str
    fingerprint: str
    change_counter: int
    peers: tuple[PeerRow, ...]
    open_conflicts: int


@dataclass(frozen=True)
class BundleRow:
    bundle_id: str
    direction: str
    peer_install_id: str
    peer_name: str
    bundle_seq: int
    at: dt.datetime
    status: str
    delivered: bool
    file_name: str
    report: dict[str, Any]


@dataclass(frozen=True)
class ReceiptResult:
    peer_install_id: str
    peer_name: str
    moved_on: bool
    message: str


def keys(home: DataHome) -> InstallKeys:
    """This install's keys (made on first use)."""
    return load_or_create(home.keys)


def own_fingerprint(home: DataHome) -> str:
    """The fingerprint of this install's signing key (made on first use), to read out."""
    return fingerprint(keys(home).sign_public)


def _require(db: Database, actor: Actor) -> str:
    with db.read(actor) as session:
        mode = peer_registry.install_state(session).mode
    if mode == "hub":
        access.require_hub_operator(actor)
    else:
        access.require_pengelola(actor)
    return mode


def _peer_row(session: Any, peer: SyncPeer) -> PeerRow:
    undelivered = session.scalar(
        select(func.count())
        .select_from(SyncBundleLog)
        .where(
            SyncBundleLog.direction == "out",
            SyncBundleLog.peer_install_id == peer.install_id,
            SyncBundleLog.delivered.is_(False),
        )
    )
    return PeerRow(
        install_id=peer.install_id,
        name=peer.nama,
        mode=peer.mode,
        fingerprint=fingerprint(peer.sign_public_key) if peer.sign_public_key else "",
        trusted=peer.trusted,
        bundles_sent=peer.sent_seq,
        acked_seq=peer.acked_seq,
        bundles_received=peer.last_bundle_in_seq,
        undelivered=int(undelivered or 0),
    )


def status(db: Database, home: DataHome, *, actor: Actor) -> SyncStatus:
    _require(db, actor)
    own = keys(home)
    with db.read(actor) as session:
        state = peer_registry.install_state(session)
        peers = session.scalars(select(SyncPeer).order_by(SyncPeer.nama)).all()
        conflicts = session.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        )
        return SyncStatus(
            install_id=state.install_id,
            name=state.nama,
            mode=state.mode,
            fingerprint=fingerprint(own.sign_public),
            change_counter=state.change_counter,
            peers=tuple(_peer_row(session, p) for p in peers),
            open_conflicts=int(conflicts or 0),
        )


def set_mode(db: Database, *, actor: Actor, mode: str, name: str = "") -> None:
    """Make this install a hub (``hub-init``) or an office, and/or name it."""
    if mode == "hub":
        access.require_hub_operator(actor)
    else:
        access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        peer_registry.set_mode(session, mode=mode, name=name)


def save_identity(db: Database, home: DataHome, *, actor: Actor, out: Path) -> Path:
    """Write this install's identity card (for enrolment) to ``out`` (file or folder)."""
    _require(db, actor)
    own = keys(home)
    with db.read(actor) as session:
        card = peer_registry.identity_card(session, own)
    if out.is_dir():
        out = out / f"kinerja-{card['install_id'][:8]}{peer_registry.CARD_EXTENSION}"
    return peer_registry.write_card(card, out)


@dataclass(frozen=True)
class CardInfo:
    """An identity card read before trusting it: what the operator compares by phone."""

    install_id: str
    name: str
    mode: str
    fingerprint: str
    """The card's key fingerprint (the other side reads theirs aloud: it must be this)."""
    own_fingerprint: str
    """This install's key fingerprint (to read aloud to the other side)."""


def read_card(db: Database, home: DataHome, *, actor: Actor, card_path: Path) -> CardInfo:
    """The identity card at ``card_path`` checked, with both fingerprints; trusts nothing."""
    _require(db, actor)
    card = peer_registry.read_card(card_path)
    return CardInfo(
        install_id=card["install_id"],
        name=card["name"],
        mode=card["mode"],
        fingerprint=fingerprint(card["sign_public_key"]),
        own_fingerprint=fingerprint(keys(home).sign_public),
    )


def _plain(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def trust(db: Database, *, actor: Actor, card_path: Path, confirmed: str) -> PeerRow:
    """Trust the install whose identity card is at ``card_path``, once a person confirmed
    its key fingerprint: ``confirmed`` must be that fingerprint (spaces, dashes and case do
    not matter), as compared with the other side by phone."""
    _require(db, actor)
    card = peer_registry.read_card(card_path)
    expected = fingerprint(card["sign_public_key"])
    if not confirmed.strip() or _plain(confirmed) != _plain(expected):
        raise ValidationError(
            _(
                "The fingerprint {given} does not match this identity card ({expected}): it "
                "is not trusted. Compare the fingerprints with the other side again; if they "
                "differ, the card is not theirs."
            ).format(given=confirmed.strip() or "-", expected=expected),
            field="fingerprint",
        )
    with db.unit_of_work(actor) as session:
        peer = peer_registry.trust(session, card)
        return _peer_row(session, peer)


def untrust(db: Database, *, actor: Actor, peer: str) -> None:
    """Remove the peer ``peer`` (install id, prefix or name) and its keys: its bundles are
    refused from now on; trusting its (new) identity card enrols it again."""
    _require(db, actor)
    with db.unit_of_work(actor) as session:
        peer_registry.untrust(
            session, peer_registry.resolve_peer(session, peer, any_state=True).install_id
        )


def resend_everything(db: Database, *, actor: Actor, peer: str) -> None:
    """Make the next bundle for ``peer`` hold everything again (see ``sync.peers``)."""
    _require(db, actor)
    with db.unit_of_work(actor) as session:
        peer_registry.resend_everything(peer_registry.resolve_peer(session, peer))


def peers(db: Database, *, actor: Actor) -> list[PeerRow]:
    _require(db, actor)
    with db.read(actor) as session:
        rows = session.scalars(select(SyncPeer).order_by(SyncPeer.nama)).all()
        return [_peer_row(session, p) for p in rows]


def export(
    db: Database,
    home: DataHome,
    *,
    actor: Actor,
    to: str,
    out: Path,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a bundle for the peer ``to`` (install id, prefix or name) into ``out``."""
    _require(db, actor)
    own = keys(home)
    with db.unit_of_work(actor) as session:
        peer = peer_registry.resolve_peer(session, to)
        result = export_bundle(
            session,
            own,
            peer=peer,
            out=out,
            attachment_content=lambda sha: attachments.read_stored(home, sha),
            progress=progress,
        )
    return result


def import_file(
    db: Database,
    home: DataHome,
    *,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport | ReceiptResult:
    """Import a bundle (or a receipt file); ``dry_run`` reports without writing."""
    _require(db, actor)
    if _looks_like_json(path):
        return _import_receipt(db, actor=actor, path=path, dry_run=dry_run)
    return import_bundle(
        db,
        keys(home),
        path,
        actor=actor,
        attachment_store=lambda sha, data: attachments.store_content(home, sha, data),
        dry_run=dry_run,
        progress=progress,
    )


def _looks_like_json(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(1)
    except OSError as exc:
        raise BundleError(
            "missing", _("The file {path} cannot be read.").format(path=path)
        ) from exc
    return head == b"{"


def _import_receipt(db: Database, *, actor: Actor, path: Path, dry_run: bool) -> ReceiptResult:
    receipt = receipts.read_receipt(path)
    with db.unit_of_work(actor) as session:
        peer = receipts.verify_receipt(session, receipt)
        moved = receipts.acknowledge(session, peer, receipt)
        name, peer_id = peer.nama or peer.install_id, peer.install_id
        if dry_run:
            session.rollback()
    message = (
        _("{name} confirmed receiving bundles up to no. {seq}.").format(
            name=name, seq=receipt.get("bundle_seq")
        )
        if moved
        else _("This receipt brings nothing new; nothing was changed.")
    )
    return ReceiptResult(peer_id, name, moved, message)


def write_receipt(db: Database, home: DataHome, *, actor: Actor, to: str, out: Path) -> Path:
    """A receipt file for peer ``to`` naming its newest bundle imported here."""
    _require(db, actor)
    own = keys(home)
    with db.read(actor) as session:
        peer = peer_registry.resolve_peer(session, to)
        receipt = receipts.make_receipt(session, own, peer)
    if out.is_dir():
        out = out / f"kinerja-receipt-{receipt['target'][:8]}{receipts.RECEIPT_EXTENSION}"
    return receipts.write_receipt(receipt, out)


def list_conflicts(
    db: Database, *, actor: Actor, include_resolved: bool = False
) -> list[ConflictView]:
    _require(db, actor)
    with db.read(actor) as session:
        query = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
        if not include_resolved:
            query = query.where(SyncConflict.resolved_at.is_(None))
        return [conflict_queue.view(session, c) for c in session.scalars(query)]


def show_conflict(db: Database, *, actor: Actor, conflict_id: str) -> ConflictView:
    _require(db, actor)
    with db.read(actor) as session:
        conflict = _find_conflict(session, conflict_id)
        return conflict_queue.view(session, conflict)


def _find_conflict(session: Any, ref: str) -> SyncConflict:
    found = session.scalars(select(SyncConflict).where(SyncConflict.id.startswith(ref))).all()
    if len(found) != 1:
        raise ValidationError(
            _("No single conflict matches {ref}; see `kinerja sync conflicts`.").format(ref=ref),
            field="conflict",
        )
    return found[0]


def resolve_conflict(
    db: Database,
    *,
    actor: Actor,
    conflict_id: str,
    choice: str,
    take_theirs: tuple[str, ...] = (),
    texts: dict[str, str] | None = None,
) -> ConflictView:
    """Decide a conflict; the decision is a local change that travels like any other."""
    _require(db, actor)
    with db.unit_of_work(actor) as session:
        conflict = _find_conflict(session, conflict_id)
        conflict_queue.resolve(
            session, conflict.id, actor=actor, choice=choice, take_theirs=take_theirs, texts=texts
        )
        return conflict_queue.view(session, conflict)


def history(db: Database, *, actor: Actor, limit: int = 200) -> list[BundleRow]:
    _require(db, actor)
    with db.read(actor) as session:
        names = {p.install_id: p.nama for p in session.scalars(select(SyncPeer))}
        logs = session.scalars(
            select(SyncBundleLog).order_by(SyncBundleLog.at.desc()).limit(limit)
        ).all()
        return [
            BundleRow(
                bundle_id=log.bundle_id,
                direction=log.direction,
                peer_install_id=log.peer_install_id,
                peer_name=names.get(log.peer_install_id, ""),
                bundle_seq=log.bundle_seq,
                at=log.at,
                status=log.status,
                delivered=log.delivered,
                file_name=log.file_name,
                report=dict(log.report or {}),
            )
            for log in logs
        ]


def verify_code(db: Database, *, actor: Actor, code: str) -> VerifyResult:
    """Check a printed form's verification code against the data this install holds."""
    # Imported here: printing loads reportlab, which the home screen's sync items never need.
    from kinerja_desktop.services.printing import service as printing

    _require(db, actor)
    return printing.verify(db, code, actor=actor)
