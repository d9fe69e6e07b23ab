"""Deciding sync conflicts (``sync.conflicts``) on queued conflicts of pegawai records: each
choice, the field-by-field merge and its refusals, duplicates of one natural key, and the
other queued conflicts a decision closes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.sync_state import SyncConflict, SyncPeer
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.conflicts import open_conflicts, resolve, view
from tests.factories import Office

SPEC = tables.SYNCED["pegawai"]
REMOTE = "0b6a1f7e-5a55-4a0e-9d53-0c8d1f2b3a4c"


@pytest.fixture
def session(db: Database, office: Office) -> Iterator[Session]:
    with db.unit_of_work(SYSTEM) as session:
        yield session


def stored(session: Session, pegawai_id: str) -> dict[str, Any]:
    row = session.execute(select(SPEC.table).where(SPEC.table.c.id == pegawai_id)).one()
    return tables.encode_row(row)


def queue(session: Session, record_id: str, remote: dict[str, Any], **fields: Any) -> SyncConflict:
    conflict = SyncConflict(
        table_name="pegawai",
        record_id=record_id,
        remote=remote,
        local=fields.pop("local", None),
        remote_install_id=REMOTE,
        **fields,
    )
    session.add(conflict)
    session.flush()
    return conflict


def theirs(session: Session, office: Office, vv: dict[str, int], **values: Any) -> dict[str, Any]:
    record = stored(session, office.staf.id)
    return record | {"vv": vv} | values


def test_the_view_shows_both_versions_field_by_field(session: Session, office: Office) -> None:
    conflict = queue(session, office.staf.id, theirs(session, office, {REMOTE: 3}, nama="Dewi L."))
    shown = view(session, conflict)
    fields = {f.name: f for f in shown.fields}
    assert (fields["nama"].mine, fields["nama"].theirs) == (office.staf.nama, "Dewi L.")
    assert fields["nama"].differs and fields["nama"].is_text
    assert not fields["nip"].differs
    assert "vv" not in fields and "id" not in fields
    assert shown.remote_name == ""  # the sender is not enrolled (any more)
    session.add(SyncPeer(install_id=REMOTE, nama="Hub BKPSDM"))
    session.flush()
    assert view(session, conflict).remote_name == "Hub BKPSDM"


def test_choosing_theirs_takes_every_field_and_a_version_covering_both(
    session: Session, office: Office
) -> None:
    conflict = queue(session, office.staf.id, theirs(session, office, {REMOTE: 3}, nama="Dewi L."))
    resolve(session, conflict.id, actor=SYSTEM, choice="theirs")
    person = session.get(Pegawai, office.staf.id)
    assert person is not None and person.nama == "Dewi L."
    assert person.vv[REMOTE] == 3
    assert (conflict.resolution, conflict.resolved_at is not None) == ("theirs", True)
    assert open_conflicts(session) == []


def test_choosing_mine_keeps_the_values_and_closes_what_the_decision_covers(
    session: Session, office: Office
) -> None:
    conflict = queue(session, office.staf.id, theirs(session, office, {REMOTE: 3}, nama="A"))
    covered = queue(session, office.staf.id, theirs(session, office, {REMOTE: 2}, nama="B"))
    newer = queue(session, office.staf.id, theirs(session, office, {REMOTE: 4}, nama="C"))
    elsewhere = queue(session, office.staf2.id, theirs(session, office, {REMOTE: 1}))
    resolve(session, conflict.id, actor=SYSTEM, choice="mine")
    assert session.get(Pegawai, office.staf.id).nama == office.staf.nama  # type: ignore[union-attr]
    assert covered.resolution == "superseded"
    assert {c.id for c in open_conflicts(session)} == {newer.id, elsewhere.id}
    with pytest.raises(WorkflowError):
        resolve(session, conflict.id, actor=SYSTEM, choice="theirs")


def test_a_merge_takes_the_fields_chosen_and_the_texts_written(
    session: Session, office: Office
) -> None:
    remote = theirs(session, office, {REMOTE: 3}, nama="Dewi L.", email="dewi@contoh.go.id")
    conflict = queue(session, office.staf.id, remote)
    resolve(
        session,
        conflict.id,
        actor=SYSTEM,
        choice="merge",
        take_theirs=("email",),
        texts={"gelar_belakang": "S.Kom."},
    )
    person = session.get(Pegawai, office.staf.id)
    assert person is not None
    assert (person.nama, person.email, person.gelar_belakang) == (
        office.staf.nama,
        "dewi@contoh.go.id",
        "S.Kom.",
    )


@pytest.mark.parametrize(
    ("take", "texts", "field"),
    [
        (("no_such_field",), {}, "no_such_field"),
        ((), {"jenis_asn": "pns"}, "jenis_asn"),  # a choice, not free text
        ((), {"gelar_depan": "x" * 51}, "gelar_depan"),  # past the column's length
    ],
)
def test_a_merge_refuses_what_cannot_be_merged(
    session: Session, office: Office, take: tuple[str, ...], texts: dict[str, str], field: str
) -> None:
    conflict = queue(session, office.staf.id, theirs(session, office, {REMOTE: 3}))
    with pytest.raises(ValidationError) as caught:
        resolve(session, conflict.id, actor=SYSTEM, choice="merge", take_theirs=take, texts=texts)
    assert caught.value.field == field
    assert conflict.resolved_at is None


def test_a_decision_needs_an_open_conflict_a_known_choice_and_the_record(
    session: Session, office: Office
) -> None:
    with pytest.raises(NotFoundError):
        resolve(session, "no-such-conflict", actor=SYSTEM, choice="mine")
    conflict = queue(session, office.staf.id, theirs(session, office, {REMOTE: 3}))
    with pytest.raises(ValidationError):
        resolve(session, conflict.id, actor=SYSTEM, choice="both")
    gone = queue(session, "0000-gone", theirs(session, office, {REMOTE: 3}, id="0000-gone"))
    with pytest.raises(NotFoundError):
        resolve(session, gone.id, actor=SYSTEM, choice="mine")


# --- duplicates: two records with one natural key -------------------------------------------


def duplicate(session: Session, office: Office, nip: str = "", **fields: Any) -> SyncConflict:
    """staf2's record stands for the incoming one, held with its key set aside; it claims
    staf's NIP (the local record of the same person) unless given another."""
    remote = stored(session, office.staf2.id) | {"nip": nip or office.staf.nip, "vv": {REMOTE: 5}}
    return queue(session, office.staf2.id, remote, kind="duplicate", **fields)


def test_keeping_mine_withdraws_the_incoming_duplicate(session: Session, office: Office) -> None:
    conflict = duplicate(session, office, local={"id": office.staf.id})
    assert view(session, conflict).fields  # the local side is the stored staf record
    resolve(session, conflict.id, actor=SYSTEM, choice="mine")
    held = session.get(Pegawai, office.staf2.id)
    assert held is not None and held.deleted
    assert held.nip.startswith("#")  # set aside, so the key stays free for staf
    assert held.vv[REMOTE] == 5
    assert session.get(Pegawai, office.staf.id).nip == office.staf.nip  # type: ignore[union-attr]


def test_keeping_theirs_withdraws_the_local_duplicate_and_puts_theirs_in_its_place(
    session: Session, office: Office
) -> None:
    conflict = duplicate(session, office, local={"id": office.staf.id})
    resolve(session, conflict.id, actor=SYSTEM, choice="theirs")
    local = session.get(Pegawai, office.staf.id)
    held = session.get(Pegawai, office.staf2.id)
    assert local is not None and local.deleted and local.nip.startswith("#")
    assert held is not None and held.nip == office.staf.nip


def test_keeping_theirs_when_the_local_duplicate_is_unknown(
    session: Session, office: Office
) -> None:
    conflict = duplicate(session, office, nip="199105252023211099", local={"nama": "no id kept"})
    mine = {f.name: f.mine for f in view(session, conflict).fields}
    assert mine["nama"] == "no id kept"  # no local record to read: the queued copy is shown
    resolve(session, conflict.id, actor=SYSTEM, choice="theirs")
    held = session.get(Pegawai, office.staf2.id)
    assert held is not None and held.vv[REMOTE] == 5
    assert (held.nip, held.deleted) == ("199105252023211099", False)


def test_a_duplicate_cannot_be_merged_and_needs_its_held_record(
    session: Session, office: Office
) -> None:
    conflict = duplicate(session, office, local={"id": office.staf.id})
    with pytest.raises(ValidationError) as caught:
        resolve(session, conflict.id, actor=SYSTEM, choice="merge")
    assert caught.value.field == "choice"
    remote = stored(session, office.staf2.id) | {"id": "0000-gone", "vv": {REMOTE: 5}}
    gone = queue(session, "0000-gone", remote, kind="duplicate")
    with pytest.raises(NotFoundError):
        resolve(session, gone.id, actor=SYSTEM, choice="mine")
