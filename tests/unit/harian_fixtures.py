"""Shared set-up of the daily log tests: the test office with Dewi's approved 2026 SKP."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_desktop.db.session import Database
from kinerja_desktop.services.harian.entries import EntryInput
from tests.factories import Office
from tests.unit.eval_fixtures import SkpIds, make_skp

TODAY = dt.date(2026, 11, 30)  # a Monday
MONDAY = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class HarianWorld:
    db: Database
    office: Office
    skp: SkpIds


def make_world(db: Database, office: Office) -> HarianWorld:
    return HarianWorld(db, office, make_skp(db, office.staf, office.kabid))


def entry(
    day: dt.date, start: str, end: str, text: str = "Verifikasi berkas", **kw: object
) -> EntryInput:
    return EntryInput(tanggal=day, mulai=start, selesai=end, kegiatan=text, **kw)  # type: ignore[arg-type]
