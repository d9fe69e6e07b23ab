"""Coaching sessions: scheduling, agenda, notes, reflections, actions, B.1.8/B.1.9, the team
view and the home-screen items."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching import common as coaching_common
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.home import items as home
from tests.factories import Office

DAY = dt.date(2026, 3, 10)


def _schedule(db: Database, office: Office, **kw: object) -> coaching_common.SesiRow:
    data = SessionInput(
        jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=DAY, coach_id=office.kabid.id,
        pegawai_id=office.staf.id, waktu="09:30", tempat="Ruang rapat",
    )  # fmt: skip
    return coaching.schedule_session(db, actor=office.kabid.actor, data=data, **kw)  # type: ignore[arg-type]


def test_schedule_with_agenda_both_sides(db: Database, office: Office) -> None:
    sesi = _schedule(db, office, talking_points=["Target triwulan", "  ", "Pelatihan"])
    assert (sesi.coach_nama, sesi.pegawai_nama, sesi.status) == (
        "Siti Rahmawati", "Dewi Lestari", StatusSesi.DIJADWALKAN,
    )  # fmt: skip
    coaching_notes.add_talking_point(
        db, actor=office.staf.actor, sesi_id=sesi.id, teks="Beban kerja"
    )
    detail = coaching.get_session(db, actor=office.staf.actor, sesi_id=sesi.id)
    assert [(a.teks, a.penulis_nama) for a in detail.agenda] == [
        ("Target triwulan", "Siti Rahmawati"),
        ("Pelatihan", "Siti Rahmawati"),
        ("Beban kerja", "Dewi Lestari"),
    ]
    assert detail.is_pegawai and not detail.is_coach and detail.can_edit


def test_strangers_cannot_see_or_schedule(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    with pytest.raises(PermissionDenied):
        coaching.get_session(db, actor=office.staf2.actor, sesi_id=sesi.id)
    with pytest.raises(PermissionDenied):
        coaching.schedule_session(
            db, actor=office.staf2.actor,
            data=SessionInput(jenis=JenisSesi.COACHING, tanggal=DAY, coach_id=office.kabid.id,
                              pegawai_id=office.staf.id),
        )  # fmt: skip
    # those above the pegawai and the pengelola may look
    assert coaching.get_session(db, actor=office.kepala.actor, sesi_id=sesi.id).sesi.id == sesi.id
    assert coaching.get_session(db, actor=office.admin.actor, sesi_id=sesi.id).sesi.id == sesi.id


def test_header_validation(db: Database, office: Office) -> None:
    bad_time = SessionInput(jenis=JenisSesi.COACHING, tanggal=DAY, coach_id=office.kabid.id,
                            pegawai_id=office.staf.id, waktu="9.75")  # fmt: skip
    with pytest.raises(ValidationError) as err:
        coaching.schedule_session(db, actor=office.kabid.actor, data=bad_time)
    assert err.value.field == "waktu"
    same = SessionInput(jenis=JenisSesi.COACHING, tanggal=DAY, coach_id=office.staf.id,
                        pegawai_id=office.staf.id)  # fmt: skip
    with pytest.raises(ValidationError):
        coaching.schedule_session(db, actor=office.staf.actor, data=same)


def test_actions_and_carry_over_into_next_agenda(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    kabid = office.kabid.actor
    a1 = coaching_actions.add_action(db, actor=kabid, sesi_id=sesi.id, pelaksana_id=office.staf.id,
                             teks="Menyusun SOP", tenggat=dt.date(2026, 3, 31))  # fmt: skip
    a2 = coaching_actions.add_action(db, actor=kabid, sesi_id=sesi.id, pelaksana_id=office.kabid.id,
                             teks="Mendaftarkan pelatihan", tenggat=dt.date(2026, 3, 20))  # fmt: skip
    with pytest.raises(ValidationError):
        coaching_actions.add_action(db, actor=kabid, sesi_id=sesi.id, pelaksana_id=office.staf2.id,
                            teks="Orang lain")  # fmt: skip
    with pytest.raises(ValidationError):
        coaching_actions.set_action_status(
            db, actor=kabid, aksi_id=a1.id, status=StatusAksi.DROPPED
        )
    done = coaching_actions.set_action_status(db, actor=office.staf.actor, aksi_id=a2.id,
                                      status=StatusAksi.DONE, komentar="Sudah")  # fmt: skip
    assert (done.status, done.komentar_status) == (StatusAksi.DONE, "Sudah")
    assert [
        a.teks for a in coaching_actions.open_actions(db, actor=kabid, pegawai_id=office.staf.id)
    ] == ["Menyusun SOP"]
    nxt = coaching.schedule_session(
        db, actor=kabid, talking_points=["Evaluasi"],
        data=SessionInput(jenis=JenisSesi.DIALOG_KINERJA, tanggal=dt.date(2026, 4, 2),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    agenda = coaching.get_session(db, actor=kabid, sesi_id=nxt.id).agenda
    assert len(agenda) == 2
    assert "Menyusun SOP" in agenda[0].teks and "Dewi Lestari" in agenda[0].teks
    assert agenda[1].teks == "Evaluasi"
    assert a1.terlambat(dt.date(2026, 4, 1)) and not a1.terlambat(dt.date(2026, 3, 31))


def test_reflections_only_by_pegawai_and_replaced(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    with pytest.raises(PermissionDenied):
        coaching_notes.answer_reflection(db, actor=office.kabid.actor, sesi_id=sesi.id,
                                   prompt="learned", teks="x")  # fmt: skip
    staf = office.staf.actor
    coaching_notes.answer_reflection(db, actor=staf, sesi_id=sesi.id, prompt="learned", teks="A")
    coaching_notes.answer_reflection(db, actor=staf, sesi_id=sesi.id, prompt="learned", teks="B")
    coaching_notes.answer_reflection(
        db, actor=staf, sesi_id=sesi.id, prompt="support", teks="Mentor"
    )
    refl = coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi.id).refleksi
    assert sorted((r.prompt, r.teks) for r in refl) == [("learned", "B"), ("support", "Mentor")]
    with pytest.raises(ValidationError):
        coaching_notes.answer_reflection(db, actor=staf, sesi_id=sesi.id, prompt="nope", teks="x")


def test_b18_by_pegawai_b19_by_coach(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    with pytest.raises(PermissionDenied):
        coaching_forms.save_b18(
            db, actor=office.kabid.actor, sesi_id=sesi.id, answers={1: (True, "")}
        )
    rows = coaching_forms.save_b18(db, actor=office.staf.actor, sesi_id=sesi.id,
                             answers={1: (True, ""), 9: (False, "cukup")})  # fmt: skip
    assert len(rows) == 9
    assert rows[0].pernyataan == "Saya merasa diperhatikan dan dipahami"
    assert rows[0].kelompok == "TENTANG PEGAWAI"
    assert [(r.nomor, r.jawaban, r.keterangan) for r in rows if r.jawaban is not None] == [
        (1, True, ""), (9, False, "cukup"),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        coaching_forms.save_b18(
            db, actor=office.staf.actor, sesi_id=sesi.id, answers={10: (True, "")}
        )
    with pytest.raises(PermissionDenied):
        coaching_forms.save_b19(db, actor=office.staf.actor, sesi_id=sesi.id, items=[("X", 3, "")])
    with pytest.raises(ValidationError):
        coaching_forms.save_b19(db, actor=office.kabid.actor, sesi_id=sesi.id, items=[("X", 6, "")])
    coaching_forms.save_b19(db, actor=office.kabid.actor, sesi_id=sesi.id,
                      items=[("Analisis data", 3, "perlu latihan"), ("Komunikasi", 4, "")])  # fmt: skip
    rows19 = coaching_forms.save_b19(db, actor=office.kabid.actor, sesi_id=sesi.id,
                               items=[("Analisis data", 2, "perlu pelatihan")])  # fmt: skip
    assert [(r.kompetensi, r.skor, r.alasan) for r in rows19] == [
        ("Analisis data", 2, "perlu pelatihan")
    ]


def test_cancelled_session_refuses_additions(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    coaching.set_session_status(db, actor=office.kabid.actor, sesi_id=sesi.id,
                                status=StatusSesi.DIBATALKAN)  # fmt: skip
    with pytest.raises(WorkflowError):
        coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=sesi.id, teks="x")


def test_home_items_for_both_parties(db: Database, office: Office) -> None:
    sesi = _schedule(db, office)
    kabid = office.kabid.actor
    coaching_actions.add_action(db, actor=kabid, sesi_id=sesi.id, pelaksana_id=office.staf.id,
                        teks="Menyusun SOP", tenggat=dt.date(2026, 3, 15))  # fmt: skip
    coaching_actions.add_action(db, actor=kabid, sesi_id=sesi.id, pelaksana_id=office.kabid.id,
                        teks="Cek kemajuan", tenggat=dt.date(2026, 4, 30),
                        tindak_lanjut=dt.date(2026, 3, 19))  # fmt: skip
    today = dt.date(2026, 3, 17)  # a Tuesday: the week ends on the 22nd
    for person in (office.kabid, office.staf):
        items = coaching.home_items(db, person.actor, today)
        kinds = sorted((i.kind, i.title) for i in items)
        assert kinds == [
            ("coaching.action_overdue", "Aksi terlambat: Menyusun SOP"),
            ("coaching.follow_up", "Tindak lanjut jatuh tempo: Cek kemajuan"),
        ], person.nama
        assert all(i.payload == sesi.id and i.area == "coaching" for i in items)
    assert coaching.home_items(db, office.staf2.actor, today) == []
    assert coaching.home_items(db, SYSTEM, today) == []
    registered = home.items_for(db, actor=office.staf.actor, today=today)
    assert {i.kind for i in registered} >= {"coaching.action_overdue", "coaching.follow_up"}


def test_team_overview_sorted_by_longest_silence(db: Database, office: Office) -> None:
    kabid = office.kabid.actor
    coaching.schedule_session(
        db, actor=kabid,
        data=SessionInput(jenis=JenisSesi.DIALOG_KINERJA, tanggal=dt.date(2026, 3, 1),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    rows = coaching_actions.team_overview(db, actor=kabid, today=dt.date(2026, 3, 11))
    assert [r.nama for r in rows] == ["Agus Pratama", "Dewi Lestari"]
    assert rows[0].sesi_terakhir is None and rows[0].hari_sejak_bicara is None
    assert (rows[1].sesi_terakhir, rows[1].hari_sejak_bicara) == (dt.date(2026, 3, 1), 10)
    with pytest.raises(PermissionDenied):
        coaching_actions.team_overview(db, actor=office.staf.actor, penilai_id=office.kabid.id)


def test_paper_entry_is_one_held_session_with_shared_notes(db: Database, office: Office) -> None:
    row = coaching.add_from_paper(
        db, actor=office.admin.actor, pegawai_nip=office.staf.nip, coach_nip=office.kabid.nip,
        jenis=JenisSesi.KONSELING, tanggal=DAY, notes="Catatan dari kertas\nbaris dua",
    )  # fmt: skip
    assert row.status is StatusSesi.SELESAI
    notes = coaching.get_session(db, actor=office.staf.actor, sesi_id=row.id).catatan
    assert [(n.teks, n.privat, n.penulis_nama) for n in notes] == [
        ("Catatan dari kertas\nbaris dua", False, "Siti Rahmawati")
    ]
    with pytest.raises(PermissionDenied):
        coaching.add_from_paper(db, actor=office.staf2.actor, pegawai_nip=office.staf.nip,
                                coach_nip=office.kabid.nip, jenis=JenisSesi.COACHING,
                                tanggal=DAY)  # fmt: skip
