"""Recurring templates: saved from an entry or typed, applied to a day or a week on working
days only, never overlapping (each refused day and template named), kept per pegawai."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.services.harian import entries, templates
from kinerja_desktop.services.harian.entries import EntryError
from tests.unit.harian_fixtures import MONDAY, TODAY, HarianWorld, entry, make_world

pytestmark = pytest.mark.usefixtures("harian_today")


@pytest.fixture
def w(db, office) -> HarianWorld:  # type: ignore[no-untyped-def]
    return make_world(db, office)


def test_templates_fill_the_working_days_of_a_week_without_overlaps(w: HarianWorld) -> None:
    set_language("en")
    me, pid = w.office.staf.actor, w.office.staf.id
    wednesday = MONDAY + dt.timedelta(days=2)
    [meeting_day] = entries.add_entries(w.db, actor=me, pegawai_id=pid, today=TODAY, items=[
        entry(MONDAY - dt.timedelta(days=7), "09:00", "10:00", "Rapat mingguan",
              iki_id=w.skp.iki_ids[0]),
    ])  # fmt: skip
    entries.add_entry(w.db, actor=me, pegawai_id=pid, today=TODAY,
                      data=entry(wednesday, "07:45", "08:30", "Piket layanan"))  # fmt: skip
    apel = templates.save_template(w.db, actor=me, pegawai_id=pid, kegiatan="Apel pagi",
                                   mulai="07:30", selesai="08:00")  # fmt: skip
    weekly = templates.template_from_entry(w.db, actor=me, entry_id=meeting_day.id, hari=0)
    assert apel.label == "Apel pagi 07:30–08:00 (every working day)"
    assert weekly.label == "Rapat mingguan 09:00–10:00 (every Monday)"
    assert weekly.iki_id == w.skp.iki_ids[0]
    assert [t.id for t in templates.list_templates(w.db, actor=me, pegawai_id=pid)] == [
        apel.id, weekly.id,
    ]  # fmt: skip

    result = templates.apply_templates(w.db, actor=me, pegawai_id=pid, mulai=MONDAY,
                                       selesai=MONDAY + dt.timedelta(days=6))  # fmt: skip
    assert sorted((r.tanggal.day, r.jam_mulai, r.kegiatan) for r in result.added) == [
        (23, "07:30", "Apel pagi"),
        (23, "09:00", "Rapat mingguan"),
        (24, "07:30", "Apel pagi"),
        (26, "07:30", "Apel pagi"),
        (27, "07:30", "Apel pagi"),
    ]  # fmt: skip, Saturday and Sunday are not working days
    [refused] = result.refused
    assert "25 November 2026" in refused and "Apel pagi 07:30–08:00" in refused
    assert "Piket layanan" in refused and "07:45" in refused
    monday = entries.list_day(w.db, actor=me, pegawai_id=pid, tanggal=MONDAY)
    assert [r.iki_id for r in monday] == [None, w.skp.iki_ids[0]]

    again = templates.apply_templates(w.db, actor=me, pegawai_id=pid, mulai=MONDAY,
                                      selesai=MONDAY)  # fmt: skip
    assert again.added == [] and len(again.refused) == 2, "applied twice: nothing doubled"
    future = templates.apply_templates(w.db, actor=me, pegawai_id=pid, mulai=TODAY + dt.timedelta(days=1),
                                       selesai=TODAY + dt.timedelta(days=5))  # fmt: skip
    assert future.added == [] and future.refused == []


def test_template_rules_and_owner(w: HarianWorld) -> None:
    me, pid = w.office.staf.actor, w.office.staf.id
    with pytest.raises(ValidationError):
        templates.apply_templates(w.db, actor=me, pegawai_id=pid, mulai=MONDAY, selesai=MONDAY)
    with pytest.raises(EntryError) as info:
        templates.save_template(w.db, actor=me, pegawai_id=pid, kegiatan="Apel",
                                mulai="08:00", selesai="07:30")  # fmt: skip
    assert info.value.field == "selesai"
    with pytest.raises(EntryError):
        templates.save_template(w.db, actor=me, pegawai_id=pid, kegiatan="  ",
                                mulai="07:00", selesai="07:30")  # fmt: skip
    with pytest.raises(ValidationError):
        templates.save_template(w.db, actor=me, pegawai_id=pid, kegiatan="Apel",
                                mulai="07:00", selesai="07:30", hari=7)  # fmt: skip
    for other in (w.office.kabid.actor, w.office.admin.actor):
        with pytest.raises(PermissionDenied):
            templates.save_template(w.db, actor=other, pegawai_id=pid, kegiatan="Apel",
                                    mulai="07:00", selesai="07:30")  # fmt: skip
    kept = templates.save_template(w.db, actor=me, pegawai_id=pid, kegiatan="Apel",
                                   mulai="07:00", selesai="07:30")  # fmt: skip
    templates.delete_template(w.db, actor=me, pegawai_id=pid, template_id=kept.id)
    assert templates.list_templates(w.db, actor=me, pegawai_id=pid) == []
    with pytest.raises(NotFoundError):
        templates.delete_template(w.db, actor=me, pegawai_id=pid, template_id=kept.id)
