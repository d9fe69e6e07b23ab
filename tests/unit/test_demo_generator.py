"""The demo data generator: realistic, consistent, reproducible, all or nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.engine import CACHE_KIB
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models import (
    AksiDisepakati,
    EkspektasiKhusus,
    Evaluasi,
    Iki,
    InstallState,
    Instansi,
    Jabatan,
    LampiranItem,
    Pegawai,
    Realisasi,
    Rhk,
    RitmePeriode,
    SesiCoaching,
    Skp,
    UmpanBalik,
    UnitKerja,
)
from kinerja_desktop.models.enums import (
    JenisAsn,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    JenjangJabatan,
    Predikat,
    Ritme,
    SkpStatus,
    StatusAksi,
    StatusSesi,
)
from kinerja_desktop.paths import DataHome
from kinerja_desktop.progress import Cancelled
from kinerja_desktop.services.admin import office
from kinerja_desktop.services.core.nip import validate_nip
from kinerja_desktop.services.demo._data import STAFF_POSITIONS
from kinerja_desktop.services.demo.generator import DemoSummary, generate_demo
from kinerja_desktop.services.evaluation.evaluations import predikat_kinerja
from kinerja_desktop.services.people import directory as people
from tests.factories import Office

TODAY = dt.date(2026, 11, 27)
HEAD_GOLONGAN = {
    JenjangJabatan.JPT_PRATAMA: {"IV/c", "IV/d"},
    JenjangJabatan.ADMINISTRATOR: {"IV/a", "IV/b"},
    JenjangJabatan.PENGAWAS: {"III/c", "III/d"},
}
STAFF_GOLONGAN = {
    name: (set(pns), set(pppk)) for name, _j, _l, pns, pppk, _w, _d in STAFF_POSITIONS
}
PPPK_ALLOWED = {"V", "VI", "VII", "VIII", "IX", "X", "XI"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    home = DataHome(tmp_path_factory.mktemp("demo") / "home")
    database, _result = open_home(home)
    summary = generate_demo(database, employees=400, seed=7, year=2026, today=TODAY)
    yield database, summary
    database.close()


@pytest.fixture
def s(demo_db: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with demo_db[0].read(SYSTEM) as session:
        yield session


def test_summary_counts_match_the_database(demo_db: tuple[Database, DemoSummary]) -> None:
    db, summary = demo_db
    with db.read(SYSTEM) as s:
        assert s.scalar(select(func.count(Pegawai.id))) == summary.people == 400
        assert s.scalar(select(func.count(UnitKerja.id))) == summary.units
        assert s.scalar(select(func.count(Skp.id))) == summary.counts["skp"] == 400
        assert s.scalar(select(func.count(Instansi.id))) == 1
        assert s.scalar(select(Instansi.nama)).startswith("Pemerintah Kabupaten ")
    assert summary.rows == sum(summary.counts.values())


def _settings(db: Database) -> tuple[int, str, int]:
    with db.engine.connect() as conn:
        return (
            conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
            conn.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
            conn.exec_driver_sql("PRAGMA cache_size").scalar_one(),
        )


def test_the_load_leaves_a_sound_database_with_its_usual_settings(
    demo_db: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    db, summary = demo_db
    assert summary.counts["progres_harian"] > 0
    assert _settings(db) == (1, "wal", -CACHE_KIB)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA quick_check").scalar_one() == "ok"
        indexes = {
            row[1]: row[2]
            for row in conn.exec_driver_sql("PRAGMA index_list(progres_harian)").all()
        }
        columns = {
            name: [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({name})").all()]
            for name in indexes
        }
    migrated, _result = open_home(DataHome(tmp_path / "fresh"))
    try:
        with migrated.engine.connect() as conn:
            expected = {
                name: [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({name})").all()]
                for name in (
                    row[1]
                    for row in conn.exec_driver_sql("PRAGMA index_list(progres_harian)").all()
                )
            }
    finally:
        migrated.close()
    assert columns == expected and len(expected) == 3


def test_a_load_beside_another_open_connection_keeps_the_log(db: Database) -> None:
    other = sqlite3.connect(db.home.database)
    try:
        other.execute("SELECT count(*) FROM pegawai").fetchall()
        summary = generate_demo(db, employees=20, seed=4, year=2026, today=TODAY)
    finally:
        other.close()
    assert summary.counts["progres_harian"] > 0
    assert _settings(db) == (1, "wal", -CACHE_KIB)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert db.home.database.with_name(db.home.database.name + "-wal").stat().st_size == 0


def test_every_number_is_valid_and_unique(demo_db: tuple[Database, DemoSummary]) -> None:
    db, summary = demo_db
    with db.read(SYSTEM) as s:
        rows = s.execute(
            select(Pegawai.nip, Pegawai.jenis_asn, Pegawai.tanggal_lahir, Pegawai.jenis_kelamin)
        ).all()
    assert len({r.nip for r in rows}) == len(rows)
    for nip, jenis, born, gender in rows:
        info = validate_nip(nip, jenis)
        assert info.tanggal_lahir == born
        assert info.jenis_kelamin == gender
        if jenis is JenisAsn.PPPK:
            assert nip[12:14] == "21"
    pppk = sum(1 for r in rows if r.jenis_asn is JenisAsn.PPPK)
    assert pppk == summary.pppk
    assert 0.08 <= pppk / len(rows) <= 0.22


def test_golongan_fits_the_position(demo_db: tuple[Database, DemoSummary]) -> None:
    db, _summary = demo_db
    with db.read(SYSTEM) as s:
        rows = s.execute(
            select(Pegawai.golongan, Pegawai.jenis_asn, Jabatan.nama, Jabatan.jenjang,
                   Jabatan.memimpin_unit).join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        ).all()  # fmt: skip
    for golongan, jenis_asn, nama, jenjang, memimpin in rows:
        if memimpin:
            assert jenis_asn is JenisAsn.PNS
            assert golongan in HEAD_GOLONGAN[jenjang], (nama, golongan)
        else:
            pns, pppk = STAFF_GOLONGAN[nama]
            allowed = pppk if jenis_asn is JenisAsn.PPPK else pns
            assert golongan in allowed, (nama, golongan)
            if jenis_asn is JenisAsn.PPPK:
                assert golongan in PPPK_ALLOWED
            if jenjang is JenjangJabatan.AHLI_PERTAMA and jenis_asn is JenisAsn.PNS:
                assert golongan in {"III/a", "III/b"}


def test_unit_tree_and_supervisors(s: Session) -> None:
    units = {u.id: u for u in s.scalars(select(UnitKerja))}
    heads = {
        unit_id: pegawai_id
        for unit_id, pegawai_id in s.execute(
            select(Jabatan.unit_id, Pegawai.id)
            .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
            .where(Jabatan.memimpin_unit.is_(True))
        )
    }
    staff = s.execute(
        select(Pegawai.id, Pegawai.unit_id, Pegawai.penilai_id, Jabatan.memimpin_unit)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
    ).all()  # fmt: skip
    assert max(u.level for u in units.values()) == 2
    assert set(heads) == set(units), "every unit has exactly one head"
    for unit in units.values():
        if unit.parent_id is not None:
            assert units[unit.parent_id].level == unit.level - 1
    for pegawai_id, unit_id, penilai_id, memimpin in staff:
        unit = units[unit_id]
        if memimpin:
            expected = heads[unit.parent_id] if unit.parent_id else None
        else:
            expected = heads[unit_id]
        assert penilai_id == expected, pegawai_id
    assert sum(1 for u in units.values() if u.nama.startswith(("Seksi ", "Subbagian "))) > 3


def test_each_person_has_an_approved_cascading_skp(s: Session) -> None:
    skps = s.scalars(select(Skp)).all()
    rhk = s.scalars(select(Rhk)).all()
    iki = s.scalars(select(Iki)).all()
    ekspektasi = Counter(s.scalars(select(EkspektasiKhusus.skp_id)))
    lampiran = {(r.skp_id, r.jenis) for r in s.scalars(select(LampiranItem))}
    penilai_of = dict(s.execute(select(Pegawai.id, Pegawai.penilai_id)).all())
    rhk_owner = {r.id: r.skp_id for r in rhk}
    skp_owner = {k.id: k.pegawai_id for k in skps}
    by_skp: dict[str, list[Rhk]] = {}
    for r in rhk:
        by_skp.setdefault(r.skp_id, []).append(r)
    iki_by_rhk = Counter(i.rhk_id for i in iki)
    for skp in skps:
        assert skp.status is SkpStatus.DISETUJUI and skp.tahun == 2026
        assert skp.periode_mulai == dt.date(2026, 1, 1)
        assert skp.disetujui_at is not None and skp.disetujui_at.tzinfo is not None
        assert skp.penilai_id == penilai_of[skp.pegawai_id]
        assert skp.pegawai_snapshot["nip"] and skp.pegawai_snapshot["nama"]
        assert skp.penilai_snapshot["nama"]
        utama = [r for r in by_skp[skp.id] if r.jenis is JenisRhk.UTAMA]
        assert 2 <= len(utama) <= 4
        for r in by_skp[skp.id]:
            assert 1 <= iki_by_rhk[r.id] <= 2
            if r.jenis is JenisRhk.TAMBAHAN:
                assert r.penugasan_dari
        if skp.jenis_jabatan is not JenisJabatan.JPT and skp.penilai_id is not None:
            for r in utama:
                assert r.intervensi_rhk_id is not None
                # The RHK supported belongs to the supervisor's own SKP.
                assert skp_owner[rhk_owner[r.intervensi_rhk_id]] == skp.penilai_id
        assert ekspektasi[skp.id] == 7
        assert all((skp.id, jenis) in lampiran for jenis in JenisLampiran)
    jpt_rhk = {r.id for r in rhk if r.klasifikasi is not None}
    for i in iki:
        if i.rhk_id in jpt_rhk:
            assert i.perspektif is not None and i.aspek is None
        else:
            assert i.aspek is not None and i.perspektif is None
        assert (i.target_min is not None and i.satuan) or i.target_teks


def test_monitoring_and_evaluation_cover_the_ended_periods(s: Session) -> None:
    assert s.scalar(select(RitmePeriode.ritme)) is Ritme.TRIWULANAN
    periods = set(s.scalars(select(Realisasi.periode).distinct()))
    evaluations = s.scalars(select(Evaluasi)).all()
    feedback = s.scalars(select(UmpanBalik)).all()
    skp_owner = dict(s.execute(select(Skp.id, Skp.pegawai_id)).all())
    skp_penilai = dict(s.execute(select(Skp.id, Skp.penilai_id)).all())
    # The period under way (TW4 on 27 November) has some achievements entered already.
    assert periods == {"2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4"}
    assert {e.periode for e in evaluations} <= {"2026-TW1", "2026-TW2", "2026-TW3"}
    for e in evaluations:
        assert e.predikat is predikat_kinerja(e.rating_hasil, e.rating_perilaku)
    by_id = {f.id: f for f in feedback}
    replies = [f for f in feedback if f.balasan_untuk_id]
    assert replies and any(f.nilai_id for f in feedback) and any(f.rhk_id for f in feedback)
    for f in feedback:
        if f.balasan_untuk_id:
            assert f.penulis_id == skp_owner[f.skp_id]
            assert by_id[f.balasan_untuk_id].skp_id == f.skp_id
        else:
            assert f.penulis_id == skp_penilai[f.skp_id]


def test_coaching_sessions_and_actions(s: Session) -> None:
    sessions = s.scalars(select(SesiCoaching)).all()
    actions = s.scalars(select(AksiDisepakati)).all()
    penilai_of = dict(s.execute(select(Pegawai.id, Pegawai.penilai_id)).all())
    assert sessions and actions
    for sesi in sessions:
        assert sesi.coach_id == penilai_of[sesi.pegawai_id]
        assert (sesi.status is StatusSesi.SELESAI) == (sesi.tanggal < TODAY)
    statuses = {(a.status, a.tenggat is not None and a.tenggat < TODAY) for a in actions}
    assert (StatusAksi.DONE, True) in statuses
    assert (StatusAksi.OPEN, True) in statuses, "some actions are overdue"


def test_sync_bookkeeping_is_filled(demo_db: tuple[Database, DemoSummary]) -> None:
    db, _summary = demo_db
    with db.read(SYSTEM) as s:
        state = s.get(InstallState, 1)
        assert state is not None
        for model in (Pegawai, Rhk, Realisasi, UmpanBalik, AksiDisepakati):
            rows = s.execute(select(model.vv, model.change_seq, model.deleted)).all()
            assert {r.change_seq for r in rows} == {state.change_counter}
            assert all(r.vv == {state.install_id: state.change_counter} for r in rows)
            assert not any(r.deleted for r in rows)


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    def listing(name: str, seed: int) -> list[people.PegawaiRow]:
        database, _r = open_home(DataHome(tmp_path / name))
        try:
            generate_demo(database, employees=60, seed=seed, year=2025, today=TODAY)
            return people.list_people(database, actor=SYSTEM)
        finally:
            database.close()

    first, again, other = listing("a", 3), listing("b", 3), listing("c", 4)
    assert first == again
    assert [p.nip for p in first] != [p.nip for p in other]


def test_past_year_has_every_quarter(db: Database) -> None:
    generate_demo(db, employees=30, seed=2, year=2024, today=TODAY)
    with db.read(SYSTEM) as s:
        periods = set(s.scalars(select(Realisasi.periode).distinct()))
    assert periods == {f"2024-TW{n}" for n in range(1, 5)}


def test_refuses_a_database_with_people(db: Database, office: Office) -> None:
    set_language("en")
    with pytest.raises(ValidationError, match="already holds 5 people and 3 units"):
        generate_demo(db, employees=10, year=2026, today=TODAY)
    with db.read(SYSTEM) as s:
        assert s.scalar(select(func.count(Pegawai.id))) == 5
        assert s.scalar(select(func.count(Skp.id))) == 0


def test_uses_the_existing_instansi(db: Database) -> None:
    office.set_instansi(db, actor=SYSTEM, kode="PEMKAB-X", nama="Pemerintah Kabupaten X", kota="X")
    summary = generate_demo(db, employees=20, year=2026, today=TODAY)
    assert summary.instansi == "Pemerintah Kabupaten X"
    with db.read(SYSTEM) as s:
        assert s.scalar(select(func.count(Instansi.id))) == 1
        instansi_id = s.scalar(select(Instansi.id))
        assert set(s.scalars(select(UnitKerja.instansi_id))) == {instansi_id}


def test_small_office_keeps_a_head_for_every_unit(db: Database) -> None:
    summary = generate_demo(db, employees=3, year=2026, today=TODAY)
    assert summary.people == 3 and summary.units == 3


def test_rejects_bad_arguments(db: Database) -> None:
    with pytest.raises(ValidationError) as error:
        generate_demo(db, employees=0)
    assert error.value.field == "employees"
    with pytest.raises(ValidationError) as error:
        generate_demo(db, employees=5, year=1990)
    assert error.value.field == "year"


class CancelAfter:
    """Progress that records what it was told and asks to stop after ``n`` reports."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.updates: list[tuple[int, int]] = []

    def update(self, done: int, total: int, message: str = "") -> None:
        self.updates.append((done, total))

    def cancelled(self) -> bool:
        return len(self.updates) >= self.n


def test_cancel_rolls_everything_back(db: Database) -> None:
    with db.read(SYSTEM) as s:
        counter = s.scalar(select(InstallState.change_counter))
    progress = CancelAfter(3)
    with pytest.raises(Cancelled):
        generate_demo(db, employees=2000, year=2026, today=TODAY, progress=progress)
    assert len(progress.updates) == 3 and progress.updates[-1][1] == 2000
    with db.read(SYSTEM) as s:
        for model in (Instansi, UnitKerja, Pegawai, Skp, Rhk):
            assert s.scalar(select(func.count(model.id))) == 0
        assert s.scalar(select(InstallState.change_counter)) == counter
    assert _settings(db) == (1, "wal", -CACHE_KIB)


def test_progress_reaches_the_end(db: Database) -> None:
    progress = CancelAfter(10**9)
    generate_demo(db, employees=300, year=2026, today=TODAY, progress=progress)
    assert progress.updates[0] == (0, 300)
    assert progress.updates[-1] == (300, 300)
    done = [d for d, _t in progress.updates]
    assert done == sorted(done)


def test_wording_fits_and_the_running_period_is_under_way(s: Session) -> None:
    """Issue 16, problem 16: the evaluation note fits its predikat, no unit repeats a word
    ("Seksi Pembinaan Pembinaan …"), and the period under way has achievements entered."""
    for predikat, catatan in s.execute(select(Evaluasi.predikat, Evaluasi.catatan)):
        if predikat in (Predikat.KURANG, Predikat.SANGAT_KURANG):
            assert "sesuai ekspektasi" not in catatan and "di atas" not in catatan
    for nama in s.scalars(select(UnitKerja.nama)):
        words = nama.split()
        assert all(a != b for a, b in itertools.pairwise(words)), nama
    periods = set(s.scalars(select(Realisasi.periode).distinct()))
    assert {"2026-TW1", "2026-TW2", "2026-TW3", "2026-TW4"} <= periods
