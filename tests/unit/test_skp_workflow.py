"""Every SKP workflow transition, allowed and refused, for each role: the owner (pegawai),
the pejabat penilai, another pegawai, and the pengelola kinerja."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import SkpStatus
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import RhkInput
from tests.factories import Office
from tests.unit.skp_helpers import draft, iki, kabid_approved

Action = Callable[[Database, Actor, str], object]

ACTIONS: dict[str, Action] = {
    "submit": lambda db, a, s: skp_workflow.submit(db, actor=a, skp_id=s),
    "withdraw": lambda db, a, s: skp_workflow.withdraw(db, actor=a, skp_id=s),
    "approve": lambda db, a, s: skp_workflow.approve(db, actor=a, skp_id=s),
    "return": lambda db, a, s: skp_workflow.return_skp(db, actor=a, skp_id=s, alasan="Perbaiki"),
    "revise": lambda db, a, s: skp_workflow.start_revision(db, actor=a, skp_id=s, alasan="Mutasi"),
    "edit": lambda db, a, s: skp_edit.add_rhk(
        db, actor=a, skp_id=s, data=RhkInput("Tambahan baru"), iki=[iki()]
    ),
    "ekspektasi": lambda db, a, s: skp_edit.set_ekspektasi(
        db, actor=a, skp_id=s, nilai_id="akuntabel", teks="Tepat waktu"
    ),
}

# (status the SKP is in, action) -> roles allowed; every other role is refused.
ALLOWED: dict[tuple[SkpStatus, str], set[str]] = {
    (SkpStatus.DRAFT, "submit"): {"owner"},
    (SkpStatus.DRAFT, "edit"): {"owner"},
    (SkpStatus.DRAFT, "ekspektasi"): {"penilai"},
    (SkpStatus.DIAJUKAN, "withdraw"): {"owner"},
    (SkpStatus.DIAJUKAN, "approve"): {"penilai"},
    (SkpStatus.DIAJUKAN, "return"): {"penilai"},
    (SkpStatus.DIAJUKAN, "ekspektasi"): {"penilai"},
    (SkpStatus.DIKEMBALIKAN, "submit"): {"owner"},
    (SkpStatus.DIKEMBALIKAN, "edit"): {"owner"},
    (SkpStatus.DIKEMBALIKAN, "ekspektasi"): {"penilai"},
    (SkpStatus.DISETUJUI, "revise"): {"owner", "penilai"},
}
EXPECTED_STATUS = {
    "submit": SkpStatus.DIAJUKAN,
    "withdraw": SkpStatus.DRAFT,
    "approve": SkpStatus.DISETUJUI,
    "return": SkpStatus.DIKEMBALIKAN,
    "revise": SkpStatus.DRAFT,
}


def _staf_skp_in(db: Database, office: Office, status: SkpStatus) -> str:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    skp_id = draft(db, office.staf, intervensi=kabid_rhk)
    if status is SkpStatus.DRAFT:
        return skp_id
    skp_workflow.submit(db, actor=office.staf.actor, skp_id=skp_id)
    if status is SkpStatus.DIKEMBALIKAN:
        skp_workflow.return_skp(db, actor=office.kabid.actor, skp_id=skp_id, alasan="Perbaiki")
    if status is SkpStatus.DISETUJUI:
        skp_workflow.approve(db, actor=office.kabid.actor, skp_id=skp_id)
    return skp_id


@pytest.mark.parametrize("status", list(SkpStatus))
def test_every_action_by_every_role(db: Database, office: Office, status: SkpStatus) -> None:
    skp_id = _staf_skp_in(db, office, status)
    roles = {
        "owner": office.staf.actor,
        "penilai": office.kabid.actor,
        "other": office.staf2.actor,
        "pengelola": office.admin.actor,
    }
    for action, run in ACTIONS.items():
        allowed = ALLOWED.get((status, action), set())
        for role, actor in roles.items():
            if role in allowed:
                continue
            before = skp_queries.get_skp(db, actor=office.admin.actor, skp_id=skp_id)
            with pytest.raises((PermissionDenied, WorkflowError)):
                run(db, actor, skp_id)
            after = skp_queries.get_skp(db, actor=office.admin.actor, skp_id=skp_id)
            assert (after.status, after.rhk, after.perilaku, len(after.events)) == (
                before.status,
                before.rhk,
                before.perilaku,
                len(before.events),
            ), (status, action, role)
    for action, run in ACTIONS.items():
        for role in sorted(ALLOWED.get((status, action), set())):
            # each allowed transition on a fresh copy of the state
            db_state = skp_queries.get_skp(db, actor=office.admin.actor, skp_id=skp_id)
            assert db_state.status is status
            run(db, roles[role], skp_id)
            after = skp_queries.get_skp(db, actor=office.admin.actor, skp_id=skp_id)
            if action in EXPECTED_STATUS:
                assert after.status is EXPECTED_STATUS[action]
                assert after.events[-1].ke_status == EXPECTED_STATUS[action].value
                _back_to(db, office, skp_id, status)
            break


def _back_to(db: Database, office: Office, skp_id: str, status: SkpStatus) -> None:
    """Bring the SKP back to ``status`` after a transition, through allowed steps."""
    owner, penilai = office.staf.actor, office.kabid.actor
    current = skp_queries.get_skp(db, actor=owner, skp_id=skp_id).status
    if current is SkpStatus.DRAFT and status is not SkpStatus.DRAFT:
        skp_workflow.submit(db, actor=owner, skp_id=skp_id)
        current = SkpStatus.DIAJUKAN
    if current is SkpStatus.DIAJUKAN and status is SkpStatus.DISETUJUI:
        skp_workflow.approve(db, actor=penilai, skp_id=skp_id)
    elif current is SkpStatus.DIAJUKAN and status is SkpStatus.DIKEMBALIKAN:
        skp_workflow.return_skp(db, actor=penilai, skp_id=skp_id, alasan="x")
    elif current is SkpStatus.DIAJUKAN and status is SkpStatus.DRAFT:
        skp_workflow.withdraw(db, actor=owner, skp_id=skp_id)
    elif current is SkpStatus.DIKEMBALIKAN and status is SkpStatus.DIAJUKAN:
        skp_workflow.submit(db, actor=owner, skp_id=skp_id)
    elif current is SkpStatus.DISETUJUI and status is SkpStatus.DIAJUKAN:
        skp_workflow.start_revision(db, actor=owner, skp_id=skp_id, alasan="x")
        skp_workflow.submit(db, actor=owner, skp_id=skp_id)
    elif current is SkpStatus.DRAFT and status is SkpStatus.DISETUJUI:
        pass
    assert skp_queries.get_skp(db, actor=owner, skp_id=skp_id).status is status


def test_full_cycle_return_reason_revision_and_snapshots(db: Database, office: Office) -> None:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    skp_id = draft(db, office.staf, intervensi=kabid_rhk)
    staf, kabid = office.staf.actor, office.kabid.actor
    assert [s.id for s in skp_queries.inbox(db, actor=kabid)] == []
    skp_workflow.submit(db, actor=staf, skp_id=skp_id)
    assert [s.id for s in skp_queries.inbox(db, actor=kabid)] == [skp_id]
    assert skp_queries.inbox(db, actor=office.kepala.actor) == []
    with pytest.raises(ValidationError):
        skp_workflow.return_skp(db, actor=kabid, skp_id=skp_id, alasan="  ")
    returned = skp_workflow.return_skp(
        db, actor=kabid, skp_id=skp_id, alasan="Target kuantitas terlalu rendah"
    )
    seen_by_owner = skp_queries.get_skp(db, actor=staf, skp_id=skp_id)
    assert seen_by_owner.status is SkpStatus.DIKEMBALIKAN
    assert seen_by_owner.alasan_dikembalikan == "Target kuantitas terlalu rendah"
    assert returned.events[-1].alasan == "Target kuantitas terlalu rendah"
    assert returned.events[-1].oleh == office.kabid.nama
    skp_workflow.submit(db, actor=staf, skp_id=skp_id)
    approved = skp_workflow.approve(db, actor=kabid, skp_id=skp_id)
    assert approved.alasan_dikembalikan == ""
    assert approved.pegawai.nama == "Dewi Lestari"
    assert approved.pegawai.pangkat == "Penata Muda Tk.I / III/b"
    assert approved.penilai is not None and approved.penilai.nip == office.kabid.nip
    assert approved.atasan_penilai is not None
    assert approved.atasan_penilai.nama == "Ir. Bambang Sutrisno"
    # a later transfer does not change the approved SKP
    from kinerja_desktop.services.people import directory as people
    from kinerja_desktop.services.people.directory import PegawaiInput

    person = people.get_person(db, actor=office.admin.actor, pegawai_id=office.staf.id)
    people.update_person(
        db,
        actor=office.admin.actor,
        pegawai_id=office.staf.id,
        data=PegawaiInput(
            nip=person.nip,
            nama="Dewi Lestari Putri",
            golongan="III/c",
            unit_kode="SEKRE",
            jabatan_id=person.jabatan_id,
            penilai_nip=office.kabid.nip,
        ),
    )
    later = skp_queries.get_skp(db, actor=staf, skp_id=skp_id)
    assert (later.pegawai.nama, later.pegawai.pangkat) == (
        "Dewi Lestari",
        "Penata Muda Tk.I / III/b",
    )
    revised = skp_workflow.start_revision(db, actor=staf, skp_id=skp_id, alasan="Pindah unit")
    assert (revised.status, revised.summary.revisi) == (SkpStatus.DRAFT, 1)
    assert revised.events[-1].jenis == "revise"
    assert revised.events[-1].alasan == "Pindah unit"
    assert revised.pegawai.nama == "Dewi Lestari Putri"
    skp_workflow.submit(db, actor=staf, skp_id=skp_id)
    again = skp_workflow.approve(db, actor=kabid, skp_id=skp_id)
    assert again.summary.revisi == 1
    assert again.pegawai.pangkat == "Penata / III/c"
    assert [e.jenis for e in again.events] == [
        "create",
        "submit",
        "return",
        "submit",
        "approve",
        "revise",
        "submit",
        "approve",
    ]


def test_head_of_instansi_is_approved_by_the_administrator(db: Database, office: Office) -> None:
    detail = skp_create.create_skp(
        db, actor=office.kepala.actor, pegawai_id=office.kepala.id, tahun=2026
    )
    assert detail.penilai is None
    from tests.unit.skp_helpers import jpt_iki

    skp_edit.add_rhk(
        db,
        actor=office.kepala.actor,
        skp_id=detail.id,
        data=RhkInput("Meningkatnya pelayanan"),
        iki=[jpt_iki()],
    )
    skp_workflow.submit(db, actor=office.kepala.actor, skp_id=detail.id)
    assert [s.id for s in skp_queries.inbox(db, actor=office.admin.actor)] == [detail.id]
    with pytest.raises(PermissionDenied):
        skp_workflow.approve(db, actor=office.kabid.actor, skp_id=detail.id)
    assert skp_workflow.approve(db, actor=office.admin.actor, skp_id=detail.id).penilai is None
