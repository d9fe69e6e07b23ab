"""Development plans: needs (also suggested by weak B.1.9 scores), activities with JP, and the
yearly total against the 20 JP minimum, for the pegawai and their supervisor."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.development import ActivityInput
from kinerja_desktop.services.coaching.sessions import SessionInput
from tests.factories import Office


def test_empty_year_has_no_plan_and_misses_the_minimum(db: Database, office: Office) -> None:
    plan = development.get_plan(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026)
    assert (plan.id, plan.jp_realisasi, plan.memenuhi_minimum, plan.kekurangan) == (
        None, 0.0, False, 20.0,
    )  # fmt: skip


def test_activities_count_towards_twenty_jp(db: Database, office: Office) -> None:
    staf = office.staf.actor
    development.add_activity(
        db, actor=staf, pegawai_id=office.staf.id, tahun=2026,
        data=ActivityInput("Pelatihan analisis data", "pelatihan", 12, 12, dt.date(2026, 5, 4),
                           True),
    )  # fmt: skip
    act = development.add_activity(
        db, actor=office.kabid.actor, pegawai_id=office.staf.id, tahun=2026,
        data=ActivityInput("E-learning SPBE", "e-learning", 10),
    )  # fmt: skip
    plan = development.get_plan(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                                tahun=2026)  # fmt: skip
    assert (plan.jp_rencana, plan.jp_realisasi, plan.memenuhi_minimum) == (22.0, 12.0, False)
    development.update_activity(
        db, actor=staf, activity_id=act.id,
        data=ActivityInput("E-learning SPBE", "e-learning", 10, 8.5, dt.date(2026, 9, 1), True),
    )  # fmt: skip
    plan = development.get_plan(db, actor=staf, pegawai_id=office.staf.id, tahun=2026)
    assert (plan.jp_realisasi, plan.memenuhi_minimum, plan.kekurangan) == (20.5, True, 0.0)
    development.remove_activity(db, actor=staf, activity_id=act.id)
    plan = development.get_plan(db, actor=staf, pegawai_id=office.staf.id, tahun=2026)
    assert [a.nama for a in plan.activities] == ["Pelatihan analisis data"]
    other = development.get_plan(db, actor=staf, pegawai_id=office.staf.id, tahun=2027)
    assert other.activities == []


def test_bad_input_and_permissions(db: Database, office: Office) -> None:
    with pytest.raises(ValidationError):
        development.add_activity(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                                 tahun=2026, data=ActivityInput("  "))  # fmt: skip
    with pytest.raises(ValidationError):
        development.add_activity(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                                 tahun=2026, data=ActivityInput("X", jp_rencana=-1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        development.add_need(db, actor=office.staf2.actor, pegawai_id=office.staf.id, tahun=2026,
                             kompetensi="Komunikasi")  # fmt: skip
    with pytest.raises(PermissionDenied):
        development.get_plan(db, actor=office.staf2.actor, pegawai_id=office.staf.id, tahun=2026)


def test_weak_b19_scores_are_suggested_until_on_the_plan(db: Database, office: Office) -> None:
    sesi = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 4, 7),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    coaching_forms.save_b19(db, actor=office.kabid.actor, sesi_id=sesi.id,
                      items=[("Analisis data", 2, "belum lancar"), ("Komunikasi", 4, "baik")])  # fmt: skip
    plan = development.get_plan(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026)
    assert [(s.kompetensi, s.skor) for s in plan.suggestions] == [("Analisis data", 2)]
    need = development.add_need(
        db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026,
        kompetensi="Analisis data", sumber_sesi_id=sesi.id, keterangan="dari B.1.9",
    )  # fmt: skip
    assert need.sumber_tanggal == dt.date(2026, 4, 7)
    plan = development.get_plan(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026)
    assert plan.suggestions == [] and [n.kompetensi for n in plan.needs] == ["Analisis data"]
    with pytest.raises(ValidationError):
        development.add_need(db, actor=office.staf2.actor, pegawai_id=office.staf2.id,
                             tahun=2026, kompetensi="X", sumber_sesi_id=sesi.id)  # fmt: skip
