"""Daily entries: every rule refused with the field and row named and nothing written; copy a
day, the week, permissions, acknowledgement and replies, the team grid, the home item."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.errors import PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.models.enums import Pendekatan, SkpStatus
from kinerja_desktop.models.harian import StatusHarian
from kinerja_desktop.services.harian import calendar, entries, replies, team
from kinerja_desktop.services.harian.entries import EntryError
from kinerja_desktop.services.harian.team import DayState
from kinerja_desktop.services.home import items as home
from tests.unit.eval_fixtures import make_skp
from tests.unit.harian_fixtures import MONDAY, TODAY, HarianWorld, entry, make_world

pytestmark = pytest.mark.usefixtures("harian_today")


@pytest.fixture
def w(db, office) -> HarianWorld:  # type: ignore[no-untyped-def]
    return make_world(db, office)


def _add(w: HarianWorld, *args: object, **kw: object) -> entries.EntryRow:
    return entries.add_entry(
        w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
        data=entry(*args, **kw), today=TODAY,  # type: ignore[arg-type]
    )  # fmt: skip


def _day(w: HarianWorld, day: dt.date) -> list[entries.EntryRow]:
    return entries.list_day(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, tanggal=day)


def test_an_entry_with_iki_proposes_the_unit_and_lists_in_time_order(w: HarianWorld) -> None:
    iki = w.skp.iki_ids[0]
    _add(w, MONDAY, "10:00", "11:30", "Rapat koordinasi")
    row = _add(w, MONDAY, "07:30", "09:45", "Verifikasi KK", iki_id=iki, realisasi="12")
    assert row.satuan == "dokumen" and row.realisasi == 12.0 and row.iki_teks
    assert row.status is StatusHarian.DRAFT and row.dicatat == TODAY
    day = _day(w, MONDAY)
    assert [(r.jam_mulai, r.jam_selesai) for r in day] == [("07:30", "09:45"), ("10:00", "11:30")]
    assert _add(w, MONDAY, "13:00", "14:00", "Input data", realisasi="2,5").realisasi == 2.5


def test_times_out_of_order_are_refused_with_row_and_field(w: HarianWorld) -> None:
    _add(w, MONDAY, "08:00", "09:00")
    with pytest.raises(EntryError) as info:
        _add(w, MONDAY, "11:00", "10:30")
    assert info.value.field == "selesai" and info.value.row == 2
    assert "Baris 2" in info.value.message and "Jam Selesai" in info.value.message
    with pytest.raises(EntryError) as info:
        _add(w, MONDAY, "8 pagi", "10:30")
    assert info.value.field == "mulai"
    assert len(_day(w, MONDAY)) == 1


def test_an_overlap_names_both_rows_and_writes_nothing(w: HarianWorld) -> None:
    _add(w, MONDAY, "08:00", "09:00", "Apel pagi")
    _add(w, MONDAY, "10:00", "12:00", "Pelayanan loket")
    with pytest.raises(EntryError) as info:
        _add(w, MONDAY, "11:30", "13:00", "Rapat")
    assert info.value.row == 3 and info.value.field == "mulai"
    assert "baris 2" in info.value.message and "Pelayanan loket" in info.value.message
    with pytest.raises(EntryError) as info:
        _add(w, MONDAY, "07:00", "08:30", "Persiapan")
    assert info.value.row == 1 and "baris 2" in info.value.message
    assert len(_day(w, MONDAY)) == 2
    _add(w, MONDAY, "09:00", "10:00", "Persiapan")  # touching ends are not an overlap


def test_a_batch_is_all_or_nothing_and_names_the_item(w: HarianWorld) -> None:
    items = [entry(MONDAY, "08:00", "09:00"), entry(MONDAY, "09:00", "10:00"),
             entry(MONDAY, "09:30", "11:00")]  # fmt: skip
    with pytest.raises(EntryError) as info:
        entries.add_entries(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                            items=items, today=TODAY)  # fmt: skip
    assert info.value.row == 3
    assert _day(w, MONDAY) == []


def test_a_date_outside_the_skp_year_and_in_the_future(w: HarianWorld) -> None:
    with pytest.raises(EntryError) as info:
        _add(w, dt.date(2025, 12, 30), "08:00", "09:00")
    assert info.value.field == "tanggal" and "2026" in info.value.message
    with pytest.raises(EntryError) as info:
        _add(w, dt.date(2026, 12, 1), "08:00", "09:00")
    assert info.value.field == "tanggal"


def test_a_non_working_day_needs_a_confirmation(w: HarianWorld) -> None:
    independence = dt.date(2026, 8, 17)
    with pytest.raises(EntryError) as info:
        _add(w, independence, "08:00", "10:00", "Upacara")
    assert info.value.field == "tanggal" and "Kemerdekaan" in info.value.message
    with pytest.raises(EntryError):
        _add(w, dt.date(2026, 11, 28), "08:00", "10:00", "Lembur")  # Saturday
    assert _day(w, independence) == []
    entries.add_entry(
        w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
        data=entry(independence, "08:00", "10:00", "Upacara"), today=TODAY, non_working_ok=True,
    )  # fmt: skip
    assert len(_day(w, independence)) == 1


def test_realisasi_must_be_a_number(w: HarianWorld) -> None:
    with pytest.raises(EntryError) as info:
        _add(w, MONDAY, "08:00", "09:00", iki_id=w.skp.iki_ids[0], realisasi="dua belas")
    assert info.value.field == "realisasi" and "Realisasi" in info.value.message
    assert _day(w, MONDAY) == []


def test_an_iki_outside_the_approved_skp_is_refused(w: HarianWorld) -> None:
    other = make_skp(w.db, w.office.staf2, w.office.kabid)
    draft = make_skp(w.db, w.office.staf, w.office.kabid, tahun=2027, status=SkpStatus.DRAFT)
    for iki in (other.iki_ids[0], draft.iki_ids[0], "no-such-iki"):
        with pytest.raises(EntryError) as info:
            _add(w, MONDAY, "08:00", "09:00", iki_id=iki)
        assert info.value.field == "iki"
    assert _day(w, MONDAY) == []


def test_only_the_pegawai_writes(w: HarianWorld) -> None:
    for actor in (w.office.staf2.actor, w.office.kabid.actor, w.office.admin.actor):
        with pytest.raises(PermissionDenied):
            entries.add_entry(w.db, actor=actor, pegawai_id=w.office.staf.id,
                              data=entry(MONDAY, "08:00", "09:00"), today=TODAY)  # fmt: skip
    row = _add(w, MONDAY, "08:00", "09:00")
    with pytest.raises(PermissionDenied):
        entries.delete_entry(w.db, actor=w.office.kabid.actor, entry_id=row.id)
    with pytest.raises(PermissionDenied):
        entries.list_day(w.db, actor=w.office.staf2.actor, pegawai_id=w.office.staf.id,
                         tanggal=MONDAY)  # fmt: skip
    assert entries.list_day(w.db, actor=w.office.kepala.actor, pegawai_id=w.office.staf.id,
                            tanggal=MONDAY)  # fmt: skip


def test_edit_delete_and_copy_the_previous_day(w: HarianWorld) -> None:
    first = _add(w, MONDAY, "08:00", "09:00", "Apel", iki_id=w.skp.iki_ids[1], realisasi=3)
    _add(w, MONDAY, "09:00", "11:00", "Pelayanan")
    edited = entries.edit_entry(w.db, actor=w.office.staf.actor, entry_id=first.id,
                                data=entry(MONDAY, "07:30", "08:30", "Apel pagi"),
                                today=TODAY)  # fmt: skip
    assert (edited.jam_mulai, edited.kegiatan, edited.iki_id) == ("07:30", "Apel pagi", None)
    tuesday = MONDAY + dt.timedelta(days=1)
    copied = entries.copy_day(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                              dari=None, ke=tuesday, today=TODAY)  # fmt: skip
    assert [(r.jam_mulai, r.kegiatan, r.realisasi) for r in copied] == [
        ("07:30", "Apel pagi", None), ("09:00", "Pelayanan", None)]  # fmt: skip
    with pytest.raises(EntryError):  # copying again overlaps what is there
        entries.copy_day(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                         dari=MONDAY, ke=tuesday, today=TODAY)  # fmt: skip
    assert len(_day(w, tuesday)) == 2
    entries.delete_entry(w.db, actor=w.office.staf.actor, entry_id=first.id)
    assert [r.kegiatan for r in _day(w, MONDAY)] == ["Pelayanan"]
    texts = entries.earlier_texts(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id)
    assert texts[0] == "Pelayanan" and "Apel pagi" in texts


def test_week_sums_hours_per_day(w: HarianWorld) -> None:
    _add(w, MONDAY, "08:00", "09:30")
    _add(w, MONDAY, "10:00", "12:00")
    _add(w, MONDAY + dt.timedelta(days=2), "08:00", "16:00")
    week = entries.week(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                        tanggal=MONDAY + dt.timedelta(days=3))  # fmt: skip
    assert week.mulai == MONDAY
    assert [d.menit for d in week.days] == [210, 0, 480, 0, 0, 0, 0]
    assert week.menit == 690 and week.days[5].libur and week.days[0].libur is None


def test_supervisor_acknowledges_and_replies_others_may_not(w: HarianWorld) -> None:
    row = _add(w, MONDAY, "08:00", "09:00")
    assert entries.submit_day(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                              tanggal=MONDAY) == 1  # fmt: skip
    for actor in (w.office.staf.actor, w.office.kepala.actor, w.office.admin.actor):
        with pytest.raises(PermissionDenied):
            entries.acknowledge(w.db, actor=actor, entry_ids=[row.id])
    assert entries.acknowledge(w.db, actor=w.office.kabid.actor, entry_ids=[row.id]) == 1
    assert _day(w, MONDAY)[0].status is StatusHarian.DITERIMA
    with pytest.raises(WorkflowError):
        entries.delete_entry(w.db, actor=w.office.staf.actor, entry_id=row.id)
    replies.reply(w.db, actor=w.office.kabid.actor, entry_id=row.id, teks="Lampirkan buktinya.")
    replies.reply(w.db, actor=w.office.staf.actor, entry_id=row.id, teks="Baik, Bu.")
    with pytest.raises(PermissionDenied):
        replies.reply(w.db, actor=w.office.kepala.actor, entry_id=row.id, teks="Saya juga")
    thread = replies.replies(w.db, actor=w.office.kepala.actor, entry_id=row.id)
    assert [r.teks for r in thread] == ["Lampirkan buktinya.", "Baik, Bu."]
    assert _day(w, MONDAY)[0].tanggapan == 2


def test_team_grid_missing_late_leave_and_the_home_item(w: HarianWorld) -> None:
    calendar.set_rules(w.db, actor=SYSTEM, hari_kerja=5, terlambat_setelah=3)
    calendar.add_leave(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id,
                       mulai=dt.date(2026, 11, 3))  # fmt: skip
    _add(w, dt.date(2026, 11, 2), "08:00", "09:00")  # written on the 30th: late
    _add(w, dt.date(2026, 11, 27), "08:00", "12:00")  # 3 days later: on time
    grid = team.team_month(w.db, actor=w.office.kabid.actor, tahun=2026, bulan=11, today=TODAY)
    assert [p.nama for p in grid.people] == ["Agus Pratama", "Dewi Lestari"]
    dewi = {c.tanggal: c for c in grid.people[1].days}
    assert dewi[dt.date(2026, 11, 2)].state is DayState.LATE
    assert dewi[dt.date(2026, 11, 27)].state is DayState.FILLED
    assert dewi[dt.date(2026, 11, 27)].menit == 240
    assert dewi[dt.date(2026, 11, 3)].state is DayState.LEAVE
    assert dewi[dt.date(2026, 11, 4)].state is DayState.MISSING
    assert dewi[dt.date(2026, 11, 7)].state is DayState.OFF
    assert dewi[dt.date(2026, 11, 30)].state is DayState.FUTURE
    # 20 working days 2-27 November; 2 filled, 1 on leave
    assert grid.people[1].count(DayState.MISSING) == 20 - 3
    with pytest.raises(PermissionDenied):
        team.team_month(w.db, actor=w.office.staf2.actor, tahun=2026, bulan=11,
                        pegawai_ids=[w.office.staf.id])  # fmt: skip
    assert team.team_month(w.db, actor=w.office.staf2.actor, tahun=2026, bulan=11).people == ()
    items = [i for i in home.items_for(w.db, actor=w.office.staf.actor, today=TODAY)
             if i.kind == "harian_missing"]  # fmt: skip
    assert len(items) == 1 and items[0].title == "17 hari kerja belum diisi"
    assert items[0].payload == "2026-11-04"


def test_qualitative_skp_still_refuses_a_non_number(db, office) -> None:  # type: ignore[no-untyped-def]
    skp = make_skp(db, office.staf, office.kabid, pendekatan=Pendekatan.KUALITATIF)
    with pytest.raises(ValidationError) as info:
        entries.add_entry(db, actor=office.staf.actor, pegawai_id=office.staf.id,
                          data=entry(MONDAY, "08:00", "09:00", iki_id=skp.iki_ids[0],
                                     realisasi="baik"), today=TODAY)  # fmt: skip
    assert info.value.field == "realisasi"


def test_replies_are_feedback_of_the_period_thread(w: HarianWorld) -> None:
    """A reply on an entry with an IKI shows under that IKI in the period view; one on an
    "other duties" entry under the period's daily-log feedback; an answer written in the
    period view shows in the day view too; no SKP that year, no thread (refused, nothing
    written)."""
    from kinerja_desktop.services.monitoring import feedback
    from kinerja_desktop.services.monitoring import sheet as monitoring_sheet

    iki = w.skp.iki_ids[1]
    with_iki = _add(w, MONDAY, "08:00", "09:00", "Verifikasi KK", iki_id=iki, realisasi="3")
    other = _add(w, MONDAY, "09:00", "10:00", "Apel dan rapat")
    boss, staf = w.office.kabid.actor, w.office.staf.actor
    first = replies.reply(w.db, actor=boss, entry_id=with_iki.id, teks="Lampirkan buktinya.")
    replies.reply(w.db, actor=staf, entry_id=with_iki.id, teks="Baik, Bu.")
    replies.reply(w.db, actor=boss, entry_id=other.id, teks="Apel tercatat.")

    sheet = monitoring_sheet.period_sheet(
        w.db, actor=staf, pegawai_id=w.office.staf.id, periode="2026-TW4"
    )
    item = next(i for r in sheet.rhk for i in r.iki if i.id == iki)
    assert [(f.id, f.teks, [a.teks for a in f.balasan]) for f in item.feedback] == [
        (first.id, "Lampirkan buktinya.", ["Baik, Bu."])
    ]
    assert [f.teks for f in sheet.harian_feedback] == ["Apel tercatat."]
    assert all(f.teks != "Apel tercatat." for r in sheet.rhk for i in r.iki for f in i.feedback)

    feedback.reply_feedback(w.db, actor=staf, umpan_balik_id=sheet.harian_feedback[0].id,
                            teks="Terima kasih.")  # fmt: skip
    day = {r.id: r for r in _day(w, MONDAY)}
    assert day[with_iki.id].tanggapan == 2 and day[other.id].tanggapan == 2
    thread = replies.replies(w.db, actor=staf, entry_id=other.id)
    assert [(r.penulis_id, r.teks) for r in thread] == [
        (w.office.kabid.id, "Apel tercatat."),
        (w.office.staf.id, "Terima kasih."),
    ]

    own = entries.add_entry(w.db, actor=boss, pegawai_id=w.office.kabid.id, today=TODAY,
                            data=entry(MONDAY, "08:00", "09:00"))  # fmt: skip
    with pytest.raises(ValidationError) as info:
        replies.reply(w.db, actor=w.office.kepala.actor, entry_id=own.id, teks="Bagus.")
    assert "2026" in info.value.message and info.value.field == "teks"
    assert replies.replies(w.db, actor=SYSTEM, entry_id=own.id) == []
