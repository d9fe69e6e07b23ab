"""Evaluations: who may evaluate and read, finalize locks, amendments keep history;
the capaian kinerja organisasi and the unit distribution from the database."""

from __future__ import annotations

import pytest

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import (
    CapaianOrganisasi,
    EvaluasiStatus,
    JenisJabatan,
    Predikat,
    Rating,
)
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation.distribution import Pembulatan
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.fixture
def skps(db: Database, office: Office) -> Office:
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    make_skp(db, office.kabid, office.kepala)
    return office


def test_penilai_evaluates_and_predikat_and_angka_kredit_follow(db: Database, skps: Office) -> None:
    kabid = skps.kabid.actor
    row = evaluation.save_evaluation(
        db, actor=kabid, pegawai_id=skps.staf.id, periode="2026-TW2",
        rating_hasil=A, rating_perilaku=A, catatan="Kerja sangat baik",
    )  # fmt: skip
    assert row.predikat is Predikat.SANGAT_BAIK
    assert row.status is EvaluasiStatus.DRAFT and row.can_edit
    assert str(row.angka_kredit) == "4.688"  # 150% x 12.5 x 3/12, Ahli Pertama
    assert row.penilai_id == skps.kabid.id
    half = evaluation.save_evaluation(
        db, actor=kabid, pegawai_id=skps.staf.id, periode="2026-TW2",
        rating_hasil=A, rating_perilaku=None,
    )  # fmt: skip
    assert half.predikat is None and half.angka_kredit is None
    own = evaluation.get_evaluation(db, actor=skps.staf.actor, pegawai_id=skps.staf.id,
                                    periode="2026-TW2")  # fmt: skip
    assert own.rating_hasil is A and not own.can_edit


def test_only_the_penilai_evaluates_and_others_cannot_read(db: Database, skps: Office) -> None:
    for actor in (skps.staf.actor, skps.kepala.actor, skps.admin.actor, skps.staf2.actor):
        with pytest.raises(PermissionDenied):
            evaluation.save_evaluation(db, actor=actor, pegawai_id=skps.staf.id,
                                       periode="2026-TW1", rating_hasil=S, rating_perilaku=S)  # fmt: skip
    with pytest.raises(PermissionDenied):
        evaluation.get_evaluation(db, actor=skps.staf2.actor, pegawai_id=skps.staf.id,
                                  periode="2026-TW1")  # fmt: skip
    # Above in the chain and the pengelola may read.
    for actor in (skps.kepala.actor, skps.admin.actor):
        assert evaluation.get_evaluation(db, actor=actor, pegawai_id=skps.staf.id,
                                         periode="2026-TW1").id is None  # fmt: skip


def test_no_approved_skp_is_a_clear_not_found(db: Database, office: Office) -> None:
    with pytest.raises(NotFoundError, match="SKP"):
        evaluation.get_evaluation(db, actor=office.admin.actor, pegawai_id=office.staf.id,
                                  periode="2026")  # fmt: skip


def test_finalize_locks_and_amendment_keeps_reason_and_history(db: Database, skps: Office) -> None:
    kabid = skps.kabid.actor
    args = {"actor": kabid, "pegawai_id": skps.staf2.id, "periode": "2026"}
    with pytest.raises(ValidationError):
        evaluation.finalize_evaluation(db, **args)
    evaluation.save_evaluation(db, **args, rating_hasil=S, rating_perilaku=S, catatan="ok")
    final = evaluation.finalize_evaluation(db, **args)
    assert final.is_final and final.final_at is not None and final.predikat is Predikat.BAIK
    with pytest.raises(WorkflowError):
        evaluation.save_evaluation(db, **args, rating_hasil=A, rating_perilaku=A)
    with pytest.raises(ValidationError) as no_reason:
        evaluation.amend_evaluation(db, **args, alasan="  ", rating_hasil=A, rating_perilaku=A)
    assert no_reason.value.field == "alasan"
    with pytest.raises(ValidationError):
        evaluation.amend_evaluation(db, **args, alasan="x", rating_hasil=S, rating_perilaku=S,
                                    catatan="ok")  # fmt: skip
    amended = evaluation.amend_evaluation(
        db, **args, alasan="Bukti tambahan diterima", rating_hasil=A, rating_perilaku=A,
        catatan="ok",
    )  # fmt: skip
    assert amended.predikat is Predikat.SANGAT_BAIK and amended.is_final
    (change,) = amended.amandemen
    assert change.alasan == "Bukti tambahan diterima"
    assert change.oleh_nama == skps.kabid.nama
    assert change.sebelum["predikat"] == "baik" and change.sesudah["predikat"] == "sangat_baik"
    with pytest.raises(WorkflowError):
        evaluation.amend_evaluation(
            db, actor=kabid, pegawai_id=skps.staf.id, periode="2026", alasan="x",
            rating_hasil=A, rating_perilaku=A,
        )  # fmt: skip


def test_capaian_is_set_by_the_leader_one_level_up_or_the_pengelola(
    db: Database, office: Office
) -> None:
    # BID1's parent is DINAS, headed by kepala.
    row = evaluation.set_capaian(db, actor=office.kepala.actor, unit_kode="BID1",
                                 periode="2026-TW1", capaian=CapaianOrganisasi.BAIK)  # fmt: skip
    assert row.capaian is CapaianOrganisasi.BAIK and row.can_set
    with pytest.raises(PermissionDenied):
        evaluation.set_capaian(db, actor=office.kabid.actor, unit_kode="BID1",
                               periode="2026-TW1", capaian=CapaianOrganisasi.ISTIMEWA)  # fmt: skip
    with pytest.raises(PermissionDenied):  # DINAS is a root: only the pengelola
        evaluation.set_capaian(db, actor=office.kepala.actor, unit_kode="DINAS",
                               periode="2026", capaian=CapaianOrganisasi.BAIK)  # fmt: skip
    again = evaluation.set_capaian(db, actor=office.admin.actor, unit_kode="BID1",
                                   periode="2026-TW1", capaian=CapaianOrganisasi.KURANG)  # fmt: skip
    assert again.capaian is CapaianOrganisasi.KURANG
    assert not evaluation.get_capaian(db, actor=office.kabid.actor, unit_kode="BID1",
                                      periode="2026-TW1").can_set  # fmt: skip


def test_unit_distribution_from_evaluations(db: Database, skps: Office) -> None:
    kabid, kepala = skps.kabid.actor, skps.kepala.actor
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=skps.staf.id, periode="2026-TW1",
                               rating_hasil=A, rating_perilaku=A)  # fmt: skip
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=skps.staf2.id, periode="2026-TW1",
                               rating_hasil=S, rating_perilaku=S)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=skps.staf2.id, periode="2026-TW1")
    evaluation.save_evaluation(db, actor=kepala, pegawai_id=skps.kabid.id, periode="2026-TW1",
                               rating_hasil=S, rating_perilaku=A)  # fmt: skip
    unit = distribution.unit_distribution(db, actor=kabid, unit_kode="BID1", periode="2026-TW1")
    assert unit.jumlah_pegawai == 3 and unit.jumlah_final == 1
    assert unit.check.jumlah[Predikat.BAIK] == 2 and unit.check.jumlah[Predikat.SANGAT_BAIK] == 1
    assert unit.check.capaian is None and unit.check.ok
    evaluation.set_capaian(db, actor=kepala, unit_kode="BID1", periode="2026-TW1",
                           capaian=CapaianOrganisasi.BAIK)  # fmt: skip
    checked = distribution.unit_distribution(db, actor=kabid, unit_kode="BID1",
                                             periode="2026-TW1").check  # fmt: skip
    # Baik: at most 70% of 3 = 2.1 -> 2 Baik is fine; but no one is BP or K/M.
    assert [r.terpenuhi for r in checked.aturan] == [True, False]
    assert len(checked.peringatan) == 1
    distribution.set_pembulatan(db, actor=skps.admin.actor, rule="floor")
    assert distribution.get_pembulatan(db, actor=kabid) is Pembulatan.FLOOR
    with pytest.raises(PermissionDenied):
        distribution.set_pembulatan(db, actor=kabid, rule="ceil")
    with pytest.raises(ValidationError):
        distribution.set_pembulatan(db, actor=skps.admin.actor, rule="banker")
    with pytest.raises(PermissionDenied):
        distribution.unit_distribution(db, actor=skps.staf.actor, unit_kode="BID1",
                                       periode="2026-TW1")  # fmt: skip


def test_evaluatees_lists_own_line_first(db: Database, skps: Office) -> None:
    rows = evaluation.evaluatees(db, actor=skps.kabid.actor, periode="2026-TW1")
    assert rows[0].pegawai_id == skps.kabid.id
    assert {r.pegawai_id for r in rows[1:]} == {skps.staf.id, skps.staf2.id}
    assert all(r.has_skp for r in rows)
