"""The growth timeline: SKP steps, feedback and replies, sessions and actions, evaluations and
development activities of one pegawai, in time order, filterable by kind and year."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.models.enums import (
    EvaluasiStatus,
    JenisJabatan,
    JenisSesi,
    Pendekatan,
    Predikat,
    StatusAksi,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.skp import Skp, SkpEvent
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching import development
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.development import ActivityInput
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.coaching.timeline import Kind, timeline
from tests.factories import Office


def _utc(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 12, 0, tzinfo=dt.UTC)


def _story(db: Database, office: Office) -> None:
    with db.unit_of_work(SYSTEM) as session:
        skp = Skp(pegawai_id=office.staf.id, penilai_id=office.kabid.id, tahun=2026,
                  periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
                  pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JF)  # fmt: skip
        session.add(skp)
        session.flush()
        session.add_all([
            SkpEvent(skp_id=skp.id, actor_pegawai_id=office.staf.id, jenis="diajukan",
                     dari_status="draft", ke_status="diajukan"),
            UmpanBalik(skp_id=skp.id, periode="2026-TW1", penulis_id=office.kabid.id,
                       teks="Data lapangan perlu dirapikan"),
            UmpanBalik(skp_id=skp.id, periode="2026-TW1", penulis_id=office.staf.id,
                       teks="Baik, akan saya perbaiki"),
            Evaluasi(skp_id=skp.id, periode="2026-TW1", penilai_id=office.kabid.id,
                     predikat=Predikat.BAIK, status=EvaluasiStatus.FINAL,
                     final_at=_utc(2026, 4, 10)),
        ])  # fmt: skip
        session.flush()
        event, feedback, reply = session.query(SkpEvent).one(), *session.query(UmpanBalik).all()
        event.created_at = _utc(2026, 1, 15)
        feedback.created_at = _utc(2026, 3, 20)
        reply.created_at = _utc(2026, 3, 21)
    sesi = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.DIALOG_KINERJA, tanggal=dt.date(2026, 2, 5),
                          waktu="10:00", coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    coaching_notes.add_note(
        db, actor=office.kabid.actor, sesi_id=sesi.id, teks="RAHASIA", privat=True
    )
    aksi = coaching_actions.add_action(db, actor=office.kabid.actor, sesi_id=sesi.id,
                               pelaksana_id=office.staf.id, teks="Merapikan data",
                               tenggat=dt.date(2026, 3, 1))  # fmt: skip
    coaching_actions.set_action_status(db, actor=office.staf.actor, aksi_id=aksi.id,
                               status=StatusAksi.DONE, komentar="selesai")  # fmt: skip
    development.add_activity(
        db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2026,
        data=ActivityInput("Pelatihan statistik", "pelatihan", 16, 16, dt.date(2026, 6, 2), True),
    )  # fmt: skip


def test_story_in_time_order(db: Database, office: Office) -> None:
    _story(db, office)
    items = timeline(db, actor=office.kabid.actor, pegawai_id=office.staf.id)
    done = "Aksi selesai: Merapikan data"  # dated when it was marked done: today
    got = [(i.kind, i.title) for i in items if i.title != done]
    assert got == [
        (Kind.SKP, "SKP 2026: Diajukan"),
        (Kind.SESSION, "Dialog kinerja dengan Siti Rahmawati (Dijadwalkan)"),
        (Kind.ACTION, "Disepakati: Merapikan data"),
        (Kind.FEEDBACK, "Umpan balik dari Siti Rahmawati untuk Triwulan I 2026"),
        (Kind.REPLY, "Balasan untuk Triwulan I 2026"),
        (Kind.EVALUATION, "Evaluasi Triwulan I 2026: Baik"),
        (Kind.DEVELOPMENT, "Pengembangan selesai: Pelatihan statistik (16 JP)"),
    ]
    assert all("RAHASIA" not in repr(i) for i in items)
    assert [i.detail for i in items if i.title == done] == ["selesai"]


def test_filters_by_kind_and_year(db: Database, office: Office) -> None:
    _story(db, office)
    only = timeline(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                    kinds={Kind.FEEDBACK, Kind.EVALUATION})  # fmt: skip
    assert [i.kind for i in only] == [Kind.FEEDBACK, Kind.EVALUATION]
    assert timeline(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=2025) == []


def test_only_those_who_may_read(db: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied):
        timeline(db, actor=office.staf2.actor, pegawai_id=office.staf.id)
    assert timeline(db, actor=office.admin.actor, pegawai_id=office.staf.id) == []
