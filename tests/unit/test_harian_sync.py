"""Daily entries travel like other records: to the supervisor in another office through the
hub, with the acknowledgement and the replies coming back; and not to unrelated offices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.models.harian import ProgresHarian, StatusHarian
from kinerja_desktop.services.harian import entries, replies
from kinerja_desktop.sync.importer import ImportReport
from tests.sync_world import Install, add_person, add_skp, enrol

pytestmark = pytest.mark.usefixtures("harian_today")

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Install, Install, Install, Install]]:
    a = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    b = Install(tmp_path / "b", mode="office", name="Kantor B")
    c = Install(tmp_path / "c", mode="office", name="Kantor C")
    enrol(hub, a, b, c)
    yield a, hub, b, c
    for install in (a, hub, b, c):
        install.close()


def _relay(src: Install, dst: Install) -> ImportReport:
    return dst.import_bundle(src.export_to(dst).path)


def test_entries_reach_the_supervisor_elsewhere_and_the_answer_comes_back(world) -> None:  # type: ignore[no-untyped-def]
    a, hub, b, c = world
    boss = add_person(b, "197001012000031001", "Atasan di B")
    _relay(b, hub)
    _relay(hub, a)
    staff = add_person(a, "199501012020121001", "Staf A", penilai_id=boss)
    add_skp(a, staff, boss)  # a draft: its feedback thread holds the replies
    me = Actor(user_id="u-staff", pegawai_id=staff, name="Staf A")
    row = entries.add_entry(
        a.db, actor=me, pegawai_id=staff, today=DAY,
        data=entries.EntryInput(DAY, "08:00", "10:00", "Menyusun laporan bulanan"),
    )  # fmt: skip
    _relay(a, hub)
    report = _relay(hub, b)
    assert report.applied["progres_harian"] == 1
    assert _relay(hub, c).applied.get("progres_harian", 0) == 0
    supervisor = Actor(user_id="u-boss", pegawai_id=boss, name="Atasan di B")
    assert entries.acknowledge(b.db, actor=supervisor, entry_ids=[row.id]) == 1
    replies.reply(b.db, actor=supervisor, entry_id=row.id, teks="Sudah sesuai.")
    _relay(b, hub)
    back = _relay(hub, a)
    assert back.applied["progres_harian"] == 1 and back.applied["umpan_balik"] == 1
    with a.db.read(SYSTEM) as session:
        stored = session.get(ProgresHarian, row.id)
        assert stored is not None and stored.status is StatusHarian.DITERIMA
    assert [r.teks for r in replies.replies(a.db, actor=me, entry_id=row.id)] == ["Sudah sesuai."]
