"""Demo data: a whole regency's performance year, generated fast and reproducibly.

``generate_demo`` fills an empty database with a Pemerintah Kabupaten: a unit tree three levels
deep (dinas/badan > bidang/sekretariat > seksi/subbagian, and kecamatan), people with
Indonesian names of many regions, valid NIP and NI PPPK, golongan that fit the position,
pejabat penilai from the unit tree, and for each person an approved SKP of the year with RHK
cascading from the supervisor's RHK, IKI with targets, ekspektasi khusus, lampiran and
rencana aksi; realisasi, umpan balik and evaluations for the periods that have ended,
capaian organisasi of the units, coaching sessions with agreed actions and development plans.

The same seed gives the same records (``random.Random(seed)``; ids are UUIDv7-style, a
counter plus seeded random bits, so that SQLite's indexes grow at their end). For speed each
table's Core ``insert(Table)``, compiled once, runs as an ``executemany`` over batches of
parameter tuples already in storage form (made by the real column types' bind processors),
all inside one transaction. The sync bookkeeping (version vector, change counter,
timestamps) is filled here as the session hooks would; the audit log is not (demo data is
not anyone's change). A cancel rolls everything back.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import OperationalError

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.tracking import next_change_seq
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import Ritme
from kinerja_desktop.models.monitoring import RitmePeriode
from kinerja_desktop.models.org import Instansi, Pegawai, UnitKerja
from kinerja_desktop.progress import NullProgress, Progress
from kinerja_desktop.services.core.periods import periods_of_year
from kinerja_desktop.services.demo import _data as D
from kinerja_desktop.services.demo import _wording as W
from kinerja_desktop.services.demo._harian import MAX_MONTHS, DailyLog, span
from kinerja_desktop.services.demo._org import Organisation
from kinerja_desktop.services.demo._rows import TABLES, Rows
from kinerja_desktop.services.demo._year import Year
from kinerja_desktop.services.harian.calendar import rules_in

MAX_EMPLOYEES = 200_000
# SQLite page cache while generating (KiB): the indexes of a 20,000-people regency fit.
CACHE_KIB = 262_144


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate_demo`` wrote."""

    instansi: str
    tahun: int
    seed: int
    people: int
    pppk: int
    units: int
    rows: int
    seconds: float
    counts: dict[str, int]

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def generate_demo(
    db: Database,
    *,
    employees: int,
    seed: int = 1,
    year: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    harian_days: int | None = None,
    harian_months: int | None = None,
) -> DemoSummary:
    """Fill an empty database with a regency of ``employees`` people and their year.

    ``today`` decides which periods have ended (default: the real date). Daily entries reach
    back from yesterday ``harian_months`` calendar months (12: the whole year; 0: none) or
    ``harian_days`` days, not both; by default the whole year up to 2,000 people, the last
    three months above. The days follow the office calendar already set in the database.
    Refuses a database that already holds people or units. On ``Cancelled`` nothing is kept.
    """
    progress = progress or NullProgress()
    today = today or dt.date.today()
    tahun = year if year is not None else today.year
    if not 1 <= employees <= MAX_EMPLOYEES:
        raise ValidationError(
            _("The number of employees must be between 1 and {max}.").format(max=MAX_EMPLOYEES),
            field="employees",
        )
    if not 2000 <= tahun <= today.year + 1:
        raise ValidationError(
            _("The demo year must lie between 2000 and {last}.").format(last=today.year + 1),
            field="year",
        )
    if harian_days is not None and harian_months is not None:
        raise ValidationError(
            _("Give the span of daily entries in days or in months, not both."),
            field="harian_months",
        )
    if harian_days is not None and not 0 <= harian_days <= 366:
        raise ValidationError(
            _("The days of daily entries must be between 0 and 366."), field="harian_days"
        )
    if harian_months is not None and not 0 <= harian_months <= MAX_MONTHS:
        raise ValidationError(
            _(
                "The months of daily entries must be between 0 (none) and {max} (the whole year)."
            ).format(max=MAX_MONTHS),
            field="harian_months",
        )
    first, last = span(employees, tahun, today, days=harian_days, months=harian_months)
    started = time.perf_counter()
    with (
        db.engine.connect() as loader,
        _loading(loader),
        db.unit_of_work(SYSTEM, connection=loader) as session,
    ):
        people = session.execute(select(func.count(Pegawai.id))).scalar_one()
        units = session.execute(select(func.count(UnitKerja.id))).scalar_one()
        if people or units:
            raise ValidationError(
                _(
                    "This database already holds {people} people and {units} units. Demo data "
                    "can only be loaded into an empty database: start with a new data folder."
                ).format(people=people, units=units)
            )
        instansi = session.execute(
            select(Instansi.id, Instansi.nama, Instansi.kota).where(Instansi.deleted.is_(False))
        ).first()
        ritme = session.execute(
            select(RitmePeriode.ritme).where(RitmePeriode.tahun == tahun)
        ).scalar_one_or_none()
        install_id, seq = next_change_seq(session)
        rows = Rows(
            conn=loader, rng=random.Random(seed), tahun=tahun, today=today,
            install_id=install_id, seq=seq, progress=progress,
        )  # fmt: skip
        instansi_nama, org = _fill(
            rows,
            employees,
            instansi=(instansi[0], instansi[1], instansi[2]) if instansi else None,
            ritme=ritme,
            daily=DailyLog(rows, seed=seed, first=first, last=last, rules=rules_in(session)),
        )
    return DemoSummary(
        instansi=instansi_nama,
        tahun=tahun,
        seed=seed,
        people=len(org.people),
        pppk=org.pppk,
        units=len(org.units),
        rows=sum(rows.counts.values()),
        seconds=time.perf_counter() - started,
        counts={name: rows.counts[name] for name in TABLES if rows.counts.get(name)},
    )


@contextmanager
def _loading(conn: Connection) -> Iterator[None]:
    """Set ``conn`` (not in a transaction) up for loading the demo, and back afterwards.

    - A page cache that holds the indexes being filled.
    - No foreign-key checks: every reference of the demo is made by construction from
      records written before it (the tests run ``PRAGMA foreign_key_check`` on generated
      demos); checking them row by row was a quarter of the time of the daily entries.
    - A rollback journal instead of the write-ahead log, when no other connection is open:
      the pages a load appends to the file are then written once, where the log writes
      them twice (into the log, then copied into the file). A cancel still rolls back.
      Otherwise the log is checkpointed at the end.
    """
    default_cache = _pragma(conn, "cache_size")
    _pragma(conn, f"cache_size=-{CACHE_KIB}")
    _pragma(conn, "foreign_keys=OFF")
    journal = _leave_wal(conn)
    conn.commit()
    try:
        yield
    finally:
        conn.rollback()
        if journal:
            _pragma(conn, "main.journal_mode=WAL")
        else:
            # Move the new pages from the log into the database file now, so that the next
            # small change does not pay for copying hundreds of megabytes.
            _pragma(conn, "wal_checkpoint(TRUNCATE)")
        _pragma(conn, "foreign_keys=ON")
        _pragma(conn, f"cache_size={int(default_cache or -2000)}")
        conn.commit()


def _leave_wal(conn: Connection) -> bool:
    """Switch ``conn`` from the write-ahead log to a rollback journal; False (and the log
    kept) when another connection has the database open, which SQLite reports at once."""
    timeout = int(_pragma(conn, "busy_timeout") or 0)
    _pragma(conn, "busy_timeout=0")
    try:
        mode = _pragma(conn, "main.journal_mode=DELETE")
    except OperationalError as error:
        if "locked" not in str(error.orig):
            raise
        return False
    finally:
        _pragma(conn, f"busy_timeout={timeout}")
    return mode == "delete"


def _pragma(conn: Connection, setting: str) -> Any:
    """Run ``PRAGMA setting``; its value, if it gives one (read, so that no statement stays
    open: a pending one would block switching the journal and the final checkpoint)."""
    result = conn.exec_driver_sql(f"PRAGMA {setting}")
    value = result.scalar() if result.returns_rows else None
    result.close()
    return value


def _fill(
    rows: Rows,
    employees: int,
    *,
    instansi: tuple[str, str, str] | None,
    ritme: Ritme | None,
    daily: DailyLog,
) -> tuple[str, Organisation]:
    """Write the regency and its year; returns the name of the instansi and the organisation."""
    rows.report(0, employees)
    kabupaten = rows.pick(D.KABUPATEN)
    if instansi is None:
        instansi_nama = f"Pemerintah Kabupaten {kabupaten}"
        instansi_id = rows.add(
            "instansi", kode=f"PEMKAB-{kabupaten.upper().replace(' ', '')}"[:32],
            nama=instansi_nama, alamat=f"Jalan Jenderal Sudirman No. 1, {kabupaten}",
            kota=kabupaten,
        )  # fmt: skip
    else:
        instansi_id, instansi_nama = instansi[0], instansi[1]
        kabupaten = instansi[2] or kabupaten
    if ritme is None:
        ritme = Ritme.TRIWULANAN
        rows.add("ritme_periode", tahun=rows.tahun, ritme=ritme.value)
    periods = periods_of_year(rows.tahun, ritme)
    past = [p for p in periods if p.selesai < rows.today]
    frasa: list[tuple[str, bool]] = []
    for order, (teks, perilaku) in enumerate(W.FRASA, start=1):
        frasa.append((rows.add("frasa_umpan_balik", teks=teks, untuk_perilaku=perilaku,
                               urutan=order, aktif=True), perilaku))  # fmt: skip
    org = Organisation(rows, kabupaten)
    org.build_units(employees, instansi_id)
    year = Year(rows, org.people, instansi_nama=instansi_nama, kabupaten=kabupaten, frasa=frasa)
    for unit in org.units:
        for period in past:
            year.unit_capaian(unit, period)
    org.build_people(employees)
    for person in org.people:
        iki = year.person_year(person, periods, past)
        penilai = org.people[person.penilai].id if person.penilai is not None else None
        daily.person(person, penilai, iki)
        if person.index % 256 == 0:
            rows.report(person.index, employees)
        rows.maybe_flush(person.index, employees)
    rows.flush()
    daily.write()
    rows.report(employees, employees)
    return instansi_nama, org
