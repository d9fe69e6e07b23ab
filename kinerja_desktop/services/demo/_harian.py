"""Demo daily log (Progres Harian): 3 to 6 entries a working day for every person over a span
of days, the office calendar respected (weekends, national holidays, the office's own days
off), some days left empty, some written late, a few leave days, most older entries
acknowledged by the supervisor; the texts are the person's IKI (as activities) and common
office activities.

The log is by far the largest table of the demo (about six million rows for 20,000 people and
three months), so it is built by construction without a Python object per entry. Python draws,
from its own ``random.Random`` (derived from the seed, so the rest of the regency is the same
with or without entries), small tables: per person (IKI, supervisor, leave, a random offset),
per working day (stored date, age, the dates of a late writing, a random offset), a few
thousand "day draws" (empty day, lateness, acknowledged, which day plan) and a few hundred day
plans (3 to 6 entries with times, activity and quantity). One ``INSERT … SELECT`` per batch
of people then crosses them inside SQLite: a person's day takes the draw at (person offset +
day offset) modulo the number of draws, so days differ between people and between days. Ids
are UUIDs of this run: a random prefix with the version 7 and variant bits, then the entry's
number in 12 decimal digits. Rows come in the order of every index of the table (id; person,
whose ids grow in the order people are made, then date; one change counter), so each index
grows at its end; dropping the indexes and making them again after the load was measured
slower (16 s against 14 s of CPU for 4,000 people and three months; again with the load's
settings of ``generator._loading``: 4.4 s against 3.9 s for the entries' SQL alone) and is not
done.
"""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from kinerja_desktop.models.harian import StatusHarian
from kinerja_desktop.services.demo._org import Person
from kinerja_desktop.services.demo._rows import Rows
from kinerja_desktop.services.demo._year import IkiRow
from kinerja_desktop.services.harian.calendar import Calendar, CalendarRules

WHOLE_YEAR_UP_TO = 2_000
"""Offices up to this many people get a whole year of entries; larger ones the last months."""
LARGE_OFFICE_MONTHS = 3
"""Months of entries for larger offices by default."""
MAX_MONTHS = 12
"""Twelve months back from yesterday always reach the start of the year: the whole year."""

ACTIVITIES = (
    "Apel pagi dan pembagian tugas harian",
    "Memverifikasi berkas permohonan layanan",
    "Menginput data ke aplikasi SIMPEG",
    "Menyusun konsep surat dinas",
    "Mengikuti rapat koordinasi bidang",
    "Melayani konsultasi masyarakat di loket",
    "Memeriksa kelengkapan dokumen pertanggungjawaban",
    "Menyusun laporan kegiatan mingguan",
    "Mengarsipkan surat masuk dan surat keluar",
    "Memperbarui data pada sistem informasi",
    "Menyiapkan bahan paparan pimpinan",
    "Melakukan monitoring ke lapangan",
    "Mengolah data capaian kinerja",
    "Menyusun notulen rapat",
    "Mengoreksi draf laporan bulanan",
    "Mengikuti bimbingan teknis daring",
    "Menindaklanjuti disposisi pimpinan",
    "Merekap daftar hadir kegiatan",
    "Menyusun rencana kerja minggu depan",
    "Mengecek realisasi anggaran kegiatan",
)
DURATIONS = (30, 45, 60, 60, 90, 90, 120, 150)
SOURCE = "Kinerja Desktop"
_VERBS = (
    ("yang diselesaikan", "Menyelesaikan"),
    ("yang disusun", "Menyusun"),
    ("yang dilaksanakan", "Melaksanakan"),
    ("yang diberikan", "Memberikan"),
    ("yang diverifikasi", "Memverifikasi"),
    ("yang disampaikan", "Menyampaikan"),
)
IKI_SLOTS = 4
"""At most this many IKI of a person's SKP appear in their entries."""
PLANS = 512
"""Day plans (3 to 6 entries with times, activity and quantity)."""
DRAWS = 4096
"""Day draws (empty day, lateness, acknowledged, day plan) that people's days pick from."""
GENERIC_SHARE = 40
"""Percent of the entries on a common office activity rather than on one of the IKI."""
PEOPLE_PER_INSERT = 1_000
"""People per ``INSERT … SELECT``: between two the progress is reported and a cancel heard."""
_FIRST_NUMBER = 100_000_000_000
"""An id ends in a 12-digit decimal number (decimal digits are hex digits too): entries count
from here (SQLite writes an integer in decimal far faster than ``printf`` in hex)."""
_CUTI_COUNTER = 900_000_000_000
"""Leave days count from here: they share the run's id prefix with the entries."""
_ENTRY_SLOTS = 8
"""An entry's number is (person × days + day) × 8 + its place in the day (at most 6)."""


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, monthcal.monthrange(year, month)[1]))


def span(
    employees: int,
    tahun: int,
    today: dt.date,
    *,
    days: int | None = None,
    months: int | None = None,
) -> tuple[dt.date, dt.date]:
    """The first and last day of entries (the first after the last: none).

    The span ends yesterday (or on the year's last day) and reaches back ``days`` days or
    ``months`` calendar months; by default the whole year up to 2,000 people, three months
    above. It never starts before the year."""
    last = min(today - dt.timedelta(days=1), dt.date(tahun, 12, 31))
    if days is not None:
        first = last - dt.timedelta(days=days - 1)
    else:
        if months is None:
            months = MAX_MONTHS if employees <= WHOLE_YEAR_UP_TO else LARGE_OFFICE_MONTHS
        first = months_before(last, months) + dt.timedelta(days=1)
    return max(first, dt.date(tahun, 1, 1)), last


def activity_of(wording: str) -> str:
    """A day's activity towards an IKI: "Jumlah dokumen X yang diselesaikan" gives
    "Menyelesaikan dokumen X"; other wordings are followed up as they are."""
    if wording.startswith("Jumlah "):
        for tail, verb in _VERBS:
            if wording.endswith(" " + tail):
                return f"{verb} {wording[len('Jumlah ') : -len(tail) - 1]}"
    return f"Menindaklanjuti capaian {wording[:1].lower()}{wording[1:]}"


class DailyLog:
    """Collects per person what their entries need, then writes every entry at once."""

    def __init__(
        self,
        rows: Rows,
        *,
        seed: int,
        first: dt.date,
        last: dt.date,
        rules: CalendarRules,
    ) -> None:
        self.rows = rows
        self.rng = random.Random(seed * 1_000_003 + 13)
        rng = self.rng
        self.days = Calendar(rules, {}).working_days(first, last) if first <= last else []
        self.today = rows.today
        self._prefix = (
            f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-7{rng.getrandbits(12):03x}-"
            f"{8 + rng.getrandbits(2):x}{rng.getrandbits(12):03x}-"
        )
        self._cuti = _CUTI_COUNTER
        self.people: list[tuple[Any, ...]] = []
        self.iki: list[tuple[Any, ...]] = []
        self.leave_order = rows.store.order["cuti_pegawai"]

    def uid(self, number: int) -> str:
        return f"{self._prefix}{number:012d}"

    def person(self, person: Person, penilai_id: str | None, iki: Sequence[IkiRow]) -> None:
        """Note what ``person``'s entries need; their leave days are written now."""
        if not self.days:
            return
        rng = self.rng
        n = len(self.people)
        leave_from = leave_to = -1
        if rng.random() < 0.12:
            leave_from = int(rng.random() * len(self.days))
            leave_to = min(leave_from + 1 + int(rng.random() * 4), len(self.days) - 1)
            store = self.rows.store
            for day in self.days[leave_from : leave_to + 1]:
                self._cuti += 1
                self.rows.add(
                    "cuti_pegawai", id=self.uid(self._cuti), pegawai_id=person.id,
                    tanggal=store.date(day), keterangan="Cuti tahunan",
                )  # fmt: skip
        flow = [item for item in iki if item[3] == "flow"]
        chosen = (flow + [item for item in iki if item[3] != "flow"])[:IKI_SLOTS]
        for j, (iki_id, satuan, _target, kind, wording) in enumerate(chosen):
            self.iki.append(
                (n * IKI_SLOTS + j, iki_id, satuan, activity_of(wording), kind == "flow")
            )
        self.people.append(
            (n, person.id, penilai_id, int(rng.random() * DRAWS), leave_from, leave_to,
             len(chosen))
        )  # fmt: skip

    def _plans(self) -> list[tuple[Any, ...]]:
        """Day plans: entries from 07:30 to at most 17:00 with an hour's lunch break."""
        rng = self.rng
        plans: list[tuple[Any, ...]] = []
        for plan in range(PLANS):
            minute = 450 + 15 * int(rng.random() * 3)
            count = 3 + int(rng.random() * 4)
            lunched = False
            for slot in range(count):
                drawn = DURATIONS[int(rng.random() * len(DURATIONS))]
                room = 960 - minute - 30 * (count - slot - 1) - (0 if lunched else 60)
                length = max(30, min(drawn, room))
                plans.append(
                    (plan, slot, minute, minute + length, int(rng.random() * 100),
                     ACTIVITIES[int(rng.random() * len(ACTIVITIES))],
                     float(1 + int(rng.random() * 5)))
                )  # fmt: skip
                minute += length
                if not lunched and minute >= 690:
                    minute, lunched = minute + 60, True
        return plans

    def _draws(self) -> list[tuple[int, int, int, int, int]]:
        """Day draws: about 4% of the days left empty, 6% written 3 to 10 days late, 15% the
        next day; 85% of the older entries acknowledged."""
        rng = self.rng
        draws = []
        for k in range(DRAWS):
            draw = rng.random()
            late = 0 if draw >= 0.25 else 1 if draw >= 0.10 else 2 if draw >= 0.07 else 3
            draws.append(
                (k, int(draw < 0.04), late, int(rng.random() < 0.85), int(rng.random() * PLANS))
            )
        return draws

    def _days(self) -> list[tuple[Any, ...]]:
        store = self.rows.store
        rng = self.rng
        today = self.today
        rows = []
        for n, day in enumerate(self.days):
            age = (today - day).days
            rows.append(
                (n, store.date(day), 2 if age > 14 else 1 if age > 3 else 0,
                 int(rng.random() * DRAWS),
                 store.date(min(day + dt.timedelta(days=1), today)),
                 store.date(min(day + dt.timedelta(days=3 + int(rng.random() * 4)), today)),
                 store.date(min(day + dt.timedelta(days=7 + int(rng.random() * 4)), today)))
            )  # fmt: skip
        return rows

    def write(self) -> None:
        """Write every person's entries (after the people and their IKI are written)."""
        if not self.days or not self.people:
            return
        conn = self.rows.conn
        _create_scratch(conn)
        try:
            conn.exec_driver_sql("INSERT INTO temp.demo_orang VALUES (?,?,?,?,?,?,?)", self.people)
            if self.iki:
                conn.exec_driver_sql("INSERT INTO temp.demo_iki VALUES (?,?,?,?,?)", self.iki)
            conn.exec_driver_sql("INSERT INTO temp.demo_pola VALUES (?,?,?,?,?,?,?)", self._plans())
            conn.exec_driver_sql("INSERT INTO temp.demo_undian VALUES (?,?,?,?,?)", self._draws())
            conn.exec_driver_sql("INSERT INTO temp.demo_hari VALUES (?,?,?,?,?,?,?)", self._days())
            sql, params = self._insert()
            total = len(self.people)
            for start in range(0, total, PEOPLE_PER_INSERT):
                params.update(first=start, last=start + PEOPLE_PER_INSERT - 1)
                written = conn.exec_driver_sql(sql, params).rowcount
                self.rows.counts["progres_harian"] += written
                self.rows.report(min(start + PEOPLE_PER_INSERT, total), total)
        finally:
            for name in _SCRATCH:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")

    def _insert(self) -> tuple[str, dict[str, Any]]:
        """The ``INSERT … SELECT`` of a batch of people (``:first`` to ``:last``) and its
        parameters: the columns the day's draw decides are expressions, the others the
        template's stored values."""
        diterima = StatusHarian.DITERIMA.value
        expressions = {
            "id": f":prefix || ({_FIRST_NUMBER} + (p.n * :ndays + d.n) * {_ENTRY_SLOTS} + t.slot)",
            "pegawai_id": "p.pegawai_id",
            "tanggal": "d.tanggal",
            "mulai": "t.mulai",
            "selesai": "t.selesai",
            "kegiatan": "coalesce(i.kegiatan, t.aktivitas)",
            "iki_id": "i.iki_id",
            "realisasi": "CASE WHEN i.flow THEN t.jumlah END",
            "satuan": "coalesce(i.satuan, '')",
            "status": (
                f"CASE WHEN d.umur = 2 AND u.terima AND p.penilai_id IS NOT NULL "
                f"THEN '{diterima}' WHEN d.umur = 1 OR d.umur = 2 "
                f"THEN '{StatusHarian.DIAJUKAN.value}' ELSE '{StatusHarian.DRAFT.value}' END"
            ),
            "diterima_oleh": "CASE WHEN d.umur = 2 AND u.terima THEN p.penilai_id END",
            "dicatat": (
                "CASE u.telat WHEN 0 THEN d.tanggal WHEN 1 THEN d.besok "
                "WHEN 2 THEN d.lusa ELSE d.minggu END"
            ),
        }
        order = self.rows.store.order["progres_harian"]
        template = {**self.rows.templates["progres_harian"], "sumber_data": SOURCE}
        params: dict[str, Any] = {"prefix": self._prefix, "ndays": len(self.days)}
        values = []
        for name in order:
            if name in expressions:
                values.append(expressions[name])
            else:
                values.append(f":v_{name}")
                params[f"v_{name}"] = template.get(name)
        sql = (
            f"INSERT INTO progres_harian ({', '.join(order)}) SELECT {', '.join(values)} "
            "FROM temp.demo_orang AS p CROSS JOIN temp.demo_hari AS d "
            f"CROSS JOIN temp.demo_undian AS u ON u.k = (p.r + d.r) % {DRAWS} "
            "CROSS JOIN temp.demo_pola AS t ON t.pola = u.pola "
            f"LEFT JOIN temp.demo_iki AS i ON t.pilih >= {GENERIC_SHARE} "
            f"AND i.k = p.n * {IKI_SLOTS} + (t.pilih + p.r) % p.niki "
            "WHERE p.n BETWEEN :first AND :last AND NOT u.kosong "
            "AND d.n NOT BETWEEN p.cuti_dari AND p.cuti_sampai "
            "ORDER BY p.n, d.n, t.slot"
        )
        return sql, params


_SCRATCH = {
    "demo_orang": "(n INTEGER PRIMARY KEY, pegawai_id TEXT, penilai_id TEXT, r INTEGER, "
    "cuti_dari INTEGER, cuti_sampai INTEGER, niki INTEGER)",
    "demo_iki": "(k INTEGER PRIMARY KEY, iki_id TEXT, satuan TEXT, kegiatan TEXT, flow INTEGER)",
    "demo_pola": "(pola INTEGER, slot INTEGER, mulai INTEGER, selesai INTEGER, pilih INTEGER, "
    "aktivitas TEXT, jumlah REAL, PRIMARY KEY (pola, slot)) WITHOUT ROWID",
    "demo_undian": "(k INTEGER PRIMARY KEY, kosong INTEGER, telat INTEGER, terima INTEGER, "
    "pola INTEGER)",
    "demo_hari": "(n INTEGER PRIMARY KEY, tanggal TEXT, umur INTEGER, r INTEGER, besok TEXT, "
    "lusa TEXT, minggu TEXT)",
}
"""The scratch tables of the load (temporary: gone with the connection at the latest)."""


def _create_scratch(conn: Connection) -> None:
    for name, columns in _SCRATCH.items():
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {name} {columns}")
