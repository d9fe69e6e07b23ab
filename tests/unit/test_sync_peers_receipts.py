"""Trust and receipts on one install's database (``sync.peers``, ``sync.receipts``): who may be
trusted, what a receipt must be to move the sender on, and how far an acknowledgement moves it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.sync_state import InstallState, SyncBundleLog, SyncPeer
from kinerja_desktop.sync.bundle_file import signed_bytes
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.keys import InstallKeys, load_or_create
from kinerja_desktop.sync.peers import (
    identity_card,
    install_state,
    resend_everything,
    resolve_peer,
    set_mode,
    trust,
    untrust,
)
from kinerja_desktop.sync.receipts import (
    RECEIPT_FORMAT,
    acknowledge,
    make_receipt,
    read_receipt,
    verify_receipt,
    write_receipt,
)

HUB_ID = "0b6a1f7e-5a55-4a0e-9d53-0c8d1f2b3a4c"


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the messages below are matched in English


@pytest.fixture(scope="module")
def hub_keys(tmp_path_factory: pytest.TempPathFactory) -> InstallKeys:
    return load_or_create(tmp_path_factory.mktemp("hub-keys"))


@pytest.fixture(scope="module")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> InstallKeys:
    return load_or_create(tmp_path_factory.mktemp("other-keys"))


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.unit_of_work(SYSTEM) as session:
        set_mode(session, mode="office", name="  Dinas   Contoh ")
        yield session


def card_of(keys: InstallKeys, **fields: Any) -> dict[str, Any]:
    card: dict[str, Any] = {
        "format": "kinerja-identity",
        "install_id": HUB_ID,
        "name": "Hub BKPSDM",
        "mode": "hub",
        "sign_public_key": keys.sign_public,
        "box_public_key": keys.box_public,
    } | fields
    card["signature"] = keys.sign(signed_bytes(card))
    return card


def refused(call: Any, *args: Any, **kwargs: Any) -> BundleError:
    with pytest.raises(BundleError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- the install and its mode ----------------------------------------------------------------


def test_the_install_is_named_with_single_spaces_and_a_blank_name_keeps_it(
    session: Session,
) -> None:
    assert install_state(session).nama == "Dinas Contoh"
    assert set_mode(session, mode="office", name="   ").nama == "Dinas Contoh"


def test_a_mode_other_than_office_or_hub_is_a_programming_error(session: Session) -> None:
    with pytest.raises(ValueError, match="relay"):
        set_mode(session, mode="relay", name="")


def test_the_mode_is_fixed_once_a_peer_is_trusted(session: Session, hub_keys: InstallKeys) -> None:
    assert set_mode(session, mode="hub", name="").mode == "hub"  # no peer yet: free to change
    set_mode(session, mode="office", name="")
    trust(session, card_of(hub_keys))
    assert refused(set_mode, session, mode="hub", name="").code == "has_peers"
    assert set_mode(session, mode="office", name="Dinas").mode == "office"  # same mode: fine


def test_a_database_without_its_install_row_is_not_migrated(db: Database) -> None:
    with db.unit_of_work(SYSTEM) as session:
        session.execute(delete(InstallState))
        with pytest.raises(RuntimeError, match="migrations"):
            install_state(session)
        session.rollback()


# --- trust -----------------------------------------------------------------------------------


def test_an_office_trusts_a_hub_and_trusting_it_again_updates_its_name(
    session: Session, hub_keys: InstallKeys
) -> None:
    first = trust(session, card_of(hub_keys))
    again = trust(session, card_of(hub_keys, name="Hub BKPSDM Provinsi"))
    assert again is first
    assert (again.nama, again.trusted, again.mode) == ("Hub BKPSDM Provinsi", True, "hub")


def test_an_install_does_not_trust_its_own_card(session: Session, hub_keys: InstallKeys) -> None:
    own = identity_card(session, hub_keys)
    assert refused(trust, session, own).code == "own_card"


def test_an_office_trusts_only_hubs_and_a_hub_only_offices(
    session: Session, hub_keys: InstallKeys
) -> None:
    error = refused(trust, session, card_of(hub_keys, mode="office"))
    assert (error.code, str(error)) == (
        "wrong_mode",
        "An office exchanges bundles only with a hub.",
    )
    set_mode(session, mode="hub", name="")
    error = refused(trust, session, card_of(hub_keys))
    assert str(error) == "A hub exchanges bundles only with offices."


def test_a_known_install_with_a_new_key_must_be_removed_first(
    session: Session, hub_keys: InstallKeys, other_keys: InstallKeys
) -> None:
    trust(session, card_of(hub_keys))
    error = refused(trust, session, card_of(other_keys))
    assert error.code == "key_changed"
    assert f"kinerja sync untrust {HUB_ID}" in str(error)
    untrust(session, HUB_ID)
    assert trust(session, card_of(other_keys)).sign_public_key == other_keys.sign_public


def test_removing_an_install_that_is_not_enrolled_is_refused(session: Session) -> None:
    assert refused(untrust, session, HUB_ID).code == "unknown_peer"


def test_a_peer_is_found_by_id_prefix_or_name_and_only_when_unique(
    session: Session, hub_keys: InstallKeys
) -> None:
    trust(session, card_of(hub_keys))
    session.add(SyncPeer(install_id=HUB_ID[:8] + "-0000-0000-0000-000000000000", nama="Lama"))
    session.flush()
    assert resolve_peer(session, "Hub BKPSDM").install_id == HUB_ID
    assert resolve_peer(session, HUB_ID).install_id == HUB_ID
    assert resolve_peer(session, HUB_ID[:8]).install_id == HUB_ID  # the other is not trusted
    assert refused(resolve_peer, session, HUB_ID[:8], any_state=True).code == "unknown_peer"
    assert resolve_peer(session, "Lama", any_state=True).nama == "Lama"
    assert refused(resolve_peer, session, "nobody").code == "unknown_peer"


# --- receipts --------------------------------------------------------------------------------


def hub_receipt(session: Session, keys: InstallKeys, **fields: Any) -> dict[str, Any]:
    receipt: dict[str, Any] = {
        "format": RECEIPT_FORMAT,
        "source": HUB_ID,
        "target": install_state(session).install_id,
        "bundle_id": "bundle-3",
        "to_seq": 30,
    } | fields
    receipt["signature"] = keys.sign(signed_bytes(receipt))
    return receipt


def test_a_receipt_names_the_newest_bundle_imported_and_is_checked_on_return(
    session: Session, hub_keys: InstallKeys, tmp_path: Path
) -> None:
    office_keys = load_or_create(tmp_path / "office-keys")
    peer = trust(session, card_of(hub_keys))
    assert refused(make_receipt, session, office_keys, peer).code == "nothing_received"
    peer.received_bundle_id, peer.received_bundle_seq, peer.received_seq = "hub-b7", 7, 70
    path = write_receipt(
        make_receipt(session, office_keys, peer), tmp_path / "r" / "a.kinerja-receipt"
    )
    receipt = read_receipt(path)
    assert (receipt["target"], receipt["bundle_id"], receipt["to_seq"]) == (HUB_ID, "hub-b7", 70)
    assert refused(verify_receipt, session, receipt).code == "not_for_us"  # it is for the hub


def test_only_a_receipt_file_is_read_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.kinerja-receipt"
    cases = [
        (b"not json", "malformed"),
        (b"\xff\xfe", "malformed"),
        (b"[]", "malformed"),
        (json.dumps({"format": "kinerja-bundle"}).encode(), "malformed"),
        (json.dumps({"format": "kinerja-identity"}).encode(), "identity_card"),
    ]
    for content, code in cases:
        path.write_bytes(content)
        assert refused(read_receipt, path).code == code, content
    path.write_bytes(b" " * (64 * 1024 + 1))
    assert "too large" in str(refused(read_receipt, path))


def test_a_receipt_is_accepted_only_from_a_trusted_peer_unaltered(
    session: Session, hub_keys: InstallKeys, other_keys: InstallKeys
) -> None:
    receipt = hub_receipt(session, hub_keys)
    assert refused(verify_receipt, session, receipt).code == "untrusted"  # not enrolled yet
    session.add(SyncPeer(install_id=HUB_ID, trusted=False, sign_public_key=hub_keys.sign_public))
    session.flush()
    assert refused(verify_receipt, session, receipt).code == "untrusted"  # enrolled, untrusted
    session.get(SyncPeer, HUB_ID).trusted = True  # type: ignore[union-attr]
    assert verify_receipt(session, receipt).install_id == HUB_ID
    assert refused(verify_receipt, session, receipt | {"to_seq": 99}).code == "tampered"
    forged = hub_receipt(session, other_keys)
    assert refused(verify_receipt, session, forged).code == "tampered"


def sent(session: Session, bundle_id: str, to_seq: int, **fields: Any) -> SyncBundleLog:
    row = SyncBundleLog(
        bundle_id=bundle_id, direction="out", peer_install_id=HUB_ID, to_seq=to_seq, **fields
    )
    session.add(row)
    session.flush()
    return row


def test_an_acknowledgement_moves_the_sender_on_and_marks_bundles_delivered(
    session: Session, hub_keys: InstallKeys
) -> None:
    peer = trust(session, card_of(hub_keys))
    peer.resend_all = True
    one, two = sent(session, "b1", 10, bundle_seq=1), sent(session, "b2", 20, bundle_seq=2)
    three = sent(session, "b3", 30, bundle_seq=3, report={"complete": True})
    assert acknowledge(session, peer, {"bundle_id": "b2", "to_seq": 20})
    assert (peer.acked_seq, peer.acked_bundle_id, peer.acked_bundle_seq) == (20, "b2", 2)
    session.refresh(one)
    session.refresh(two)
    assert [one.delivered, two.delivered, three.delivered] == [True, True, False]
    assert peer.resend_all  # b2 did not hold everything
    assert not acknowledge(session, peer, {"bundle_id": "b1", "to_seq": 10})  # old news
    assert acknowledge(session, peer, {"bundle_id": "b3", "to_seq": 30})
    assert (peer.acked_seq, peer.resend_all) == (30, False)  # b3 held everything


def test_an_older_bundle_not_yet_marked_is_marked_without_moving_back(
    session: Session, hub_keys: InstallKeys
) -> None:
    peer = trust(session, card_of(hub_keys))
    peer.acked_seq, peer.acked_bundle_id = 30, "b3"
    old = sent(session, "b1", 10)
    assert acknowledge(session, peer, {"bundle_id": "b1", "to_seq": 10})
    session.refresh(old)
    assert (old.delivered, old.status, peer.acked_seq, peer.acked_bundle_id) == (
        True,
        "delivered",
        30,
        "b3",
    )


@pytest.mark.parametrize("ack", [{}, {"bundle_id": "b1"}, {"bundle_id": 1, "to_seq": 10}])
def test_an_acknowledgement_without_bundle_and_counter_is_malformed(
    session: Session, hub_keys: InstallKeys, ack: dict[str, Any]
) -> None:
    peer = trust(session, card_of(hub_keys))
    assert refused(acknowledge, session, peer, ack).code == "malformed"


def test_an_unknown_bundle_fails_a_receipt_file_but_not_a_bundles_manifest(
    session: Session, hub_keys: InstallKeys
) -> None:
    peer = trust(session, card_of(hub_keys))
    ack = {"bundle_id": "restored-away", "to_seq": 40}
    assert not acknowledge(session, peer, ack, strict=False)
    assert refused(acknowledge, session, peer, ack).code == "unknown_bundle"
    assert peer.acked_seq == 0
    assert session.scalars(select(SyncBundleLog)).all() == []


def test_resending_everything_forgets_what_the_peer_acknowledged(
    session: Session, hub_keys: InstallKeys
) -> None:
    peer = trust(session, card_of(hub_keys))
    sent(session, "b1", 10, bundle_seq=1)
    acknowledge(session, peer, {"bundle_id": "b1", "to_seq": 10})
    resend_everything(peer)
    assert (peer.acked_seq, peer.acked_bundle_id, peer.acked_bundle_seq, peer.resend_all) == (
        0,
        "",
        0,
        True,
    )
