"""Every role × action cell of docs/permissions.md, run against the real services.

The table is read from the document itself, so the document and the program cannot drift
apart: an action in the table without a call here, or a call without a row, fails. A cell
marked ✔ must not raise any domain error: the prepared records make every action valid (the
draft SKP is complete, so submitting it really submits), so a ``PermissionDenied``, a hidden
record (``NotFoundError``) or a state or input error all mean the action was not exercised; a
cell marked ✘ must raise ``PermissionDenied`` (or, for a filtering list, show nothing).
Each test runs on its own copy of one prepared database.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import KinerjaError, PermissionDenied
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import JenisSesi, Rating, Role, SkpStatus
from kinerja_desktop.models.skp import Rhk
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, audit, backup
from kinerja_desktop.services.admin.audit import AuditFilter
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.evaluation import distribution, keberatan
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.harian import calendar as harian_calendar
from kinerja_desktop.services.harian import entries as harian
from kinerja_desktop.services.harian import replies as harian_replies
from kinerja_desktop.services.harian import templates as harian_templates
from kinerja_desktop.services.harian import timer as harian_timer
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.monitoring import sheet as monitoring_sheet
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people import master_import, penilai
from kinerja_desktop.services.siasn import handover, riwayat
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow
from tests.factories import Office, make_office
from tests.unit.eval_fixtures import SkpIds, make_skp

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ROLES = ["pegawai", "other pegawai", "pejabat penilai", "atasan", "pengelola", "hub operator"]
PRIVATE_NOTE = "Catatan pribadi pembimbing: perlu pendekatan yang lebih sabar."
HARI = dt.date(2026, 11, 23)
HUB = Actor(user_id="user-hub", pegawai_id=None, name="Operator Hub",
            roles=frozenset({Role.PEGAWAI, Role.HUB_OPERATOR}))  # fmt: skip


def read_table() -> dict[str, dict[str, bool]]:
    """{action: {role: allowed}} from the markdown table."""
    table: dict[str, dict[str, bool]] = {}
    lines = DOC.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| action |"))
    columns = [c.strip() for c in lines[header].strip("|").split("|")]
    assert columns[2:] == ROLES
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = {role: cell == "✔" for role, cell in zip(ROLES, cells[2:], strict=True)}
        assert set(cells[2:]) <= {"✔", "✘"}, line
    return table


@dataclass(frozen=True)
class World:
    home: DataHome
    db: Database
    office: Office
    skp_id: str
    rhk_id: str
    draft_skp_id: str
    submitted_skp_id: str
    sesi_id: str
    tmp: Path
    ids: dict[str, str]


@dataclass(frozen=True)
class Template:
    root: Path
    office: Office
    ids: dict[str, str]


def link_to_supervisor(db: Database, skp: SkpIds, supervisor: SkpIds) -> None:
    """Make ``skp`` complete: each RHK supports the supervisor's first RHK of the same year."""
    with db.unit_of_work(SYSTEM) as session:
        for rhk_id in skp.rhk_ids:
            session.get_one(Rhk, rhk_id).intervensi_rhk_id = supervisor.rhk_ids[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    home = DataHome(tmp_path_factory.mktemp("permissions") / "home").ensure()
    db, _result = open_home(home)
    saved = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        office = make_office(db)
        accounts.create_account(db, actor=SYSTEM, username="dewi", password="dewi-pass-1",
                                nip=office.staf.nip)  # fmt: skip
        approved = make_skp(db, office.staf, office.kabid)
        draft = make_skp(db, office.staf, office.kabid, tahun=2027, status=SkpStatus.DRAFT)
        link_to_supervisor(db, draft, make_skp(db, office.kabid, office.kepala, tahun=2027))
        submitted = make_skp(db, office.staf, office.kabid, tahun=2028, status=SkpStatus.DIAJUKAN)
        evaluation.save_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                   periode="2026-TW1", rating_hasil=Rating.SESUAI,
                                   rating_perilaku=Rating.SESUAI)  # fmt: skip
        sesi = coaching.schedule_session(
            db, actor=office.kabid.actor,
            data=coaching.SessionInput(jenis=JenisSesi.COACHING, tanggal=dt.date(2026, 3, 2),
                                       coach_id=office.kabid.id, pegawai_id=office.staf.id),
        )  # fmt: skip
        coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=sesi.id, teks=PRIVATE_NOTE,
                          privat=True)  # fmt: skip
        bimbingan = coaching.schedule_session(
            db, actor=office.kabid.actor,
            data=coaching.SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA,
                                       tanggal=dt.date(2026, 3, 3), coach_id=office.kabid.id,
                                       pegawai_id=office.staf.id),
        )  # fmt: skip
        coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=bimbingan.id,
                                answers={n: (True, "") for n in range(1, 10)})  # fmt: skip
        for periode in ("2026-TW2", "2026-TW3"):
            evaluation.save_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                       periode=periode, rating_hasil=Rating.SESUAI,
                                       rating_perilaku=Rating.SESUAI)  # fmt: skip
            evaluation.finalize_evaluation(db, actor=office.kabid.actor,
                                           pegawai_id=office.staf.id, periode=periode)  # fmt: skip
        objection = keberatan.file_keberatan(db, actor=office.staf.actor,
                                             pegawai_id=office.staf.id, periode="2026-TW3",
                                             alasan="Belum dihitung")  # fmt: skip
        harian.add_entry(db, actor=office.staf.actor, pegawai_id=office.staf.id, today=HARI,
                         data=harian.EntryInput(HARI, "08:00", "09:00", "Apel pagi"))  # fmt: skip
    finally:
        accounts._hasher = saved
    db.close()
    ids = {
        "skp": approved.skp_id, "rhk": approved.rhk_ids[0], "draft": draft.skp_id,
        "submitted": submitted.skp_id, "sesi": sesi.id, "bimbingan": bimbingan.id,
        "keberatan": objection.id,
    }  # fmt: skip
    return Template(home.root, office, ids)


@pytest.fixture
def world(template: Template, tmp_path: Path, harian_today: dt.date) -> World:
    """A copy of the template office; the daily log's "today" is after its November dates."""
    root = tmp_path / "home"
    shutil.copytree(template.root, root)
    home = DataHome(root)
    db = Database.open(home)
    ids = template.ids
    yield World(home, db, template.office, ids["skp"], ids["rhk"], ids["draft"],
                ids["submitted"], ids["sesi"], tmp_path, ids)  # fmt: skip
    db.close()


def actor_for(world: World, role: str) -> Actor:
    o = world.office
    return {
        "pegawai": o.staf.actor, "other pegawai": o.staf2.actor, "pejabat penilai": o.kabid.actor,
        "atasan": o.kepala.actor, "pengelola": o.admin.actor, "hub operator": HUB,
    }[role]  # fmt: skip


def _update_person(w: World, a: Actor) -> None:
    row = people.get_person(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id)
    data = people.PegawaiInput(nip=row.nip, nama="Dewi L.", golongan=row.golongan,
                               unit_kode=row.unit_kode, penilai_nip=row.penilai_nip,
                               jabatan_id=row.jabatan_id)  # fmt: skip
    people.update_person(w.db, actor=a, pegawai_id=w.office.staf.id, data=data)


def _import(w: World, a: Actor) -> None:
    units = w.tmp / "unit.csv"
    units.write_text("kode,nama,induk_kode\nBARU,Unit Baru,DINAS\n", encoding="utf-8")
    master_import.import_master(w.db, actor=a, units_csv=units)


def _riwayat(w: World, a: Actor) -> None:
    saved = w.tmp / "rw-skp22.json"
    saved.write_text(
        json.dumps({"nip": w.office.staf.nip, "data": [{"tahun": 2025, "kuadranKinerjaNilai": 2}]}),
        encoding="utf-8",
    )
    riwayat.import_riwayat(w.db, actor=a, path=saved)


def _audit(w: World, a: Actor) -> None:
    rows = audit.list_entries(w.db, actor=a, flt=AuditFilter(pegawai_id=w.office.staf.id))
    if not rows:
        raise PermissionDenied("nothing shown")


def _private_note(w: World, a: Actor) -> None:
    detail = coaching.get_session(w.db, actor=a, sesi_id=w.sesi_id)
    if not any(n.teks == PRIVATE_NOTE for n in detail.catatan):
        raise PermissionDenied("private note not shown")


def _entry_id(w: World) -> str:
    return harian.list_day(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tanggal=HARI)[0].id


ACTIONS: dict[str, Callable[[World, Actor], object]] = {
    "people.directory": lambda w, a: people.list_people(w.db, actor=a),
    "people.edit": _update_person,
    "people.add_unit": lambda w, a: people.create_unit(
        w.db, actor=a, kode="NEW", nama="Baru", parent_kode="DINAS"
    ),
    "accounts.list": lambda w, a: accounts.list_accounts(w.db, actor=a),
    "accounts.reset": lambda w, a: accounts.reset_password(w.db, actor=a, username="dewi"),
    "accounts.import": _import,
    "siasn.report": lambda w, a: handover.prepare(w.db, actor=a, periode="2026"),
    "siasn.riwayat": _riwayat,
    "backup.export": lambda w, a: backup.export_backup(w.home, actor=a, out=w.tmp / "b.sqlite3"),
    "audit.person": _audit,
    "skp.read": lambda w, a: skp_queries.get_skp(w.db, actor=a, skp_id=w.skp_id),
    "skp.submit": lambda w, a: skp_workflow.submit(w.db, actor=a, skp_id=w.draft_skp_id),
    "skp.approve": lambda w, a: skp_workflow.approve(w.db, actor=a, skp_id=w.submitted_skp_id),
    "monitoring.read": lambda w, a: monitoring_sheet.period_sheet(
        w.db, actor=a, pegawai_id=w.office.staf.id, periode="2026-TW1"
    ),
    "monitoring.feedback": lambda w, a: feedback.give_feedback(
        w.db, actor=a, skp_id=w.skp_id, periode="2026-TW1", rhk_id=w.rhk_id, teks="Bagus"
    ),
    "evaluation.read": lambda w, a: evaluation.get_evaluation(
        w.db, actor=a, pegawai_id=w.office.staf.id, periode="2026-TW1"
    ),
    "evaluation.save": lambda w, a: evaluation.save_evaluation(
        w.db,
        actor=a,
        pegawai_id=w.office.staf.id,
        periode="2026-TW1",
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.SESUAI,
    ),
    "coaching.list": lambda w, a: coaching.list_sessions(
        w.db, actor=a, pegawai_id=w.office.staf.id
    ),
    "coaching.read": lambda w, a: coaching.get_session(w.db, actor=a, sesi_id=w.sesi_id),
    "coaching.private_note": _private_note,
    "coaching.add_note": lambda w, a: coaching_notes.add_note(
        w.db, actor=a, sesi_id=w.sesi_id, teks="Catatan bersama"
    ),
    "development.read": lambda w, a: development.get_plan(
        w.db, actor=a, pegawai_id=w.office.staf.id, tahun=2026
    ),
    "people.add": lambda w, a: people.create_person(
        w.db, actor=a, data=people.PegawaiInput(nip="199202102018011004", nama="Budi")
    ),
    "skp.return": lambda w, a: skp_workflow.return_skp(
        w.db, actor=a, skp_id=w.submitted_skp_id, alasan="Target kurang jelas"
    ),
    "evaluation.finalize": lambda w, a: evaluation.finalize_evaluation(
        w.db, actor=a, pegawai_id=w.office.staf.id, periode="2026-TW1"
    ),
    "evaluation.pembulatan": lambda w, a: distribution.set_pembulatan(w.db, actor=a, rule="ceil"),
    "keberatan.file": lambda w, a: keberatan.file_keberatan(
        w.db, actor=a, pegawai_id=w.office.staf.id, periode="2026-TW2", alasan="Keberatan"
    ),
    "keberatan.read": lambda w, a: keberatan.get_keberatan(
        w.db, actor=a, keberatan_id=w.ids["keberatan"]
    ),
    "keberatan.decide": lambda w, a: keberatan.decide_keberatan(
        w.db, actor=a, keberatan_id=w.ids["keberatan"], alasan="Tetap"
    ),
    "coaching.b18_handover": lambda w, a: coaching_forms.hand_over_b18(
        w.db, actor=a, sesi_id=w.ids["bimbingan"], tanggal=dt.date(2026, 3, 4)
    ),
    "development.rule": lambda w, a: development.set_weak_score(w.db, actor=a, skor=2),
    "people.penilai_non_asn": lambda w, a: penilai.set_penilai_non_asn(
        w.db, actor=a, pegawai_id=w.office.kepala.id, nama="H. Ahmad", jabatan="Bupati Contoh"
    ),
    "harian.read": lambda w, a: harian.list_day(
        w.db, actor=a, pegawai_id=w.office.staf.id, tanggal=HARI
    ),
    "harian.write": lambda w, a: harian.add_entry(
        w.db,
        actor=a,
        pegawai_id=w.office.staf.id,
        today=HARI,
        data=harian.EntryInput(HARI, "10:00", "11:00", "Rapat"),
    ),
    "harian.acknowledge": lambda w, a: harian.acknowledge(w.db, actor=a, entry_ids=[_entry_id(w)]),
    "harian.reply": lambda w, a: harian_replies.reply(
        w.db, actor=a, entry_id=_entry_id(w), teks="Baik"
    ),
    "harian.timer": lambda w, a: harian_timer.running(w.db, actor=a, pegawai_id=w.office.staf.id),
    "harian.templates": lambda w, a: harian_templates.save_template(
        w.db, actor=a, pegawai_id=w.office.staf.id, kegiatan="Apel", mulai="07:00", selesai="07:30"
    ),
    "harian.leave": lambda w, a: harian_calendar.add_leave(
        w.db, actor=a, pegawai_id=w.office.staf.id, mulai=dt.date(2026, 11, 24)
    ),
    "harian.calendar": lambda w, a: harian_calendar.set_rules(
        w.db, actor=a, hari_kerja=6, terlambat_setelah=2
    ),
}

TABLE = read_table()
CELLS = [(action, role, allowed) for action, row in TABLE.items() for role, allowed in row.items()]


def test_table_and_calls_cover_each_other() -> None:
    assert set(TABLE) == set(ACTIONS)
    assert len(CELLS) == len(TABLE) * len(ROLES)


@pytest.mark.parametrize(
    ("action", "role", "allowed"),
    CELLS,
    ids=[f"{a}-{r.replace(' ', '_')}-{'allowed' if ok else 'refused'}" for a, r, ok in CELLS],
)
def test_permission_cell(world: World, action: str, role: str, allowed: bool) -> None:
    call = ACTIONS[action]
    actor = actor_for(world, role)
    if allowed:
        try:
            call(world, actor)
        except KinerjaError as error:
            # Any refusal fails an allowed cell: the cell's setup makes the action valid, so a
            # state or input error would mean the action was never really exercised.
            pytest.fail(
                f"{role} should be allowed to {action}: {type(error).__name__}: {error.message}"
            )
    else:
        with pytest.raises(PermissionDenied):
            call(world, actor)
