"""The period roll-up: daily realisasi summed per IKI, offered as the period's realisasi with
the entries as source, confirmed or edited by the pegawai; evidence visible from the period."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.services.harian import entries, rollup
from kinerja_desktop.services.monitoring import sheet
from tests.unit.harian_fixtures import TODAY, HarianWorld, entry, make_world

pytestmark = pytest.mark.usefixtures("harian_today")


@pytest.fixture
def w(db, office) -> HarianWorld:  # type: ignore[no-untyped-def]
    return make_world(db, office)


def _add(w: HarianWorld, day: dt.date, start: str, end: str, iki: str | None, n: object) -> str:
    return entries.add_entry(
        w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id, today=TODAY,
        data=entry(day, start, end, "Verifikasi", iki_id=iki, realisasi=n),  # type: ignore[arg-type]
    ).id  # fmt: skip


def _realisasi(w: HarianWorld, periode: str) -> dict[str, float | None]:
    data = sheet.period_sheet(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, periode=periode)
    return {i.id: i.realisasi.nilai for r in data.rhk for i in r.iki if i.realisasi is not None}


def test_rollup_sums_per_iki_within_the_period_and_is_confirmed(w: HarianWorld) -> None:
    iki1, iki2 = w.skp.iki_ids[0], w.skp.iki_ids[1]
    e1 = _add(w, dt.date(2026, 10, 5), "08:00", "09:00", iki1, "12")
    e2 = _add(w, dt.date(2026, 11, 2), "08:00", "09:00", iki1, "3,5")
    _add(w, dt.date(2026, 11, 2), "09:00", "10:00", iki2, 4)
    _add(w, dt.date(2026, 11, 3), "09:00", "10:00", None, 99)  # other duties: not rolled up
    _add(w, dt.date(2026, 9, 30), "09:00", "10:00", iki1, 50)  # previous quarter
    rows = rollup.rollup(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                         periode="2026-TW4")  # fmt: skip
    by_iki = {r.iki_id: r for r in rows}
    assert set(by_iki) == {iki1, iki2}
    assert by_iki[iki1].jumlah == 15.5 and by_iki[iki1].entry_ids == (e1, e2)
    assert by_iki[iki2].jumlah == 4 and by_iki[iki1].realisasi_sekarang is None
    with pytest.raises(PermissionDenied):
        rollup.apply_rollup(w.db, actor=w.office.kabid.actor, pegawai_id=w.office.staf.id,
                            periode="2026-TW4")  # fmt: skip
    rollup.apply_rollup(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                        periode="2026-TW4", values={iki2: 5})  # fmt: skip
    assert _realisasi(w, "2026-TW4") == {iki1: 15.5, iki2: 5}
    data = sheet.period_sheet(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, periode="2026-TW4")
    sources = [i.realisasi.sumber_data for r in data.rhk for i in r.iki if i.realisasi]
    assert sources[0].startswith("Progres Harian: 2 entri")
    again = rollup.rollup(w.db, actor=SYSTEM, pegawai_id=w.office.staf.id, periode="2026-TW4")
    assert {r.iki_id: r.realisasi_sekarang for r in again} == {iki1: 15.5, iki2: 5}


def test_nothing_to_roll_up_is_said_and_evidence_shows_per_iki(w: HarianWorld, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        rollup.apply_rollup(w.db, actor=w.office.staf.actor, pegawai_id=w.office.staf.id,
                            periode="2026-TW4")  # fmt: skip
    iki1 = w.skp.iki_ids[0]
    entry_id = _add(w, dt.date(2026, 11, 2), "08:00", "09:00", iki1, 1)
    rollup.add_bukti_link(w.db, actor=w.office.staf.actor, entry_id=entry_id,
                          url="https://drive.example.go.id/berkas/1", nama="Daftar hadir")  # fmt: skip
    document = tmp_path / "foto.pdf"
    document.write_bytes(b"%PDF-1.4\n% bukti\n")
    rollup.add_bukti_file(w.db, actor=w.office.staf.actor, entry_id=entry_id, path=document)
    with pytest.raises(PermissionDenied):
        rollup.add_bukti_link(w.db, actor=w.office.kabid.actor, entry_id=entry_id,
                              url="https://example.go.id/x")  # fmt: skip
    found = rollup.period_evidence(w.db, actor=w.office.kabid.actor,
                                   pegawai_id=w.office.staf.id, periode="2026-TW4")  # fmt: skip
    assert [b.nama for b in found[iki1]] == ["Daftar hadir", "foto.pdf"]
    assert found[iki1][1].sha256 is not None
