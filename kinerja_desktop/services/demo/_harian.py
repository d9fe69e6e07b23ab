"""Demo daily log (Progres Harian): 3 to 6 entries a working day for every person over a span
of days, holidays and weekends respected, some days left empty, some written late, a few
leave days, most older entries acknowledged by the supervisor.

Entries draw from their own ``random.Random`` (derived from the seed), so the rest of the demo
regency is the same with or without them. Rows are built straight as parameter tuples in the
insert's column order: the largest table of the demo must not cost more than the rest.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from kinerja_desktop.models.harian import StatusHarian
from kinerja_desktop.services.demo._org import Person
from kinerja_desktop.services.demo._rows import Rows
from kinerja_desktop.services.harian.calendar import Calendar, CalendarRules

WHOLE_YEAR_UP_TO = 2_000
"""Offices up to this many people get a whole year of entries; larger ones the last days."""
LARGE_OFFICE_DAYS = 14
"""Days of entries for larger offices by default: two weeks keep ``demo --employees 20000``
within twice its time without entries (three months would take five times as long; ask for
them with ``harian_days=92``)."""

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


def default_span(employees: int, tahun: int, today: dt.date) -> int:
    """Days of entries by default: the whole year up to yesterday for offices up to 2,000
    people, the last two weeks above."""
    last = min(today - dt.timedelta(days=1), dt.date(tahun, 12, 31))
    whole = (last - dt.date(tahun, 1, 1)).days + 1
    return max(0, whole if employees <= WHOLE_YEAR_UP_TO else min(whole, LARGE_OFFICE_DAYS))


class DailyLog:
    """Writes the entries of one person after another through ``rows``."""

    def __init__(self, rows: Rows, *, seed: int, days: int) -> None:
        self.rows = rows
        self.rng = random.Random(seed * 1_000_003 + 13)
        last = min(rows.today - dt.timedelta(days=1), dt.date(rows.tahun, 12, 31))
        first = max(dt.date(rows.tahun, 1, 1), last - dt.timedelta(days=days - 1))
        calendar = Calendar(CalendarRules(), {})
        self.days = calendar.working_days(first, last) if days > 0 else []
        store = rows.store
        self.stored = [store.date(d) for d in self.days]
        self.index = {d: n for n, d in enumerate(self.days)}
        self.today = rows.today
        self._count = 0
        self._prefix = f"{self.rng.getrandbits(32):08x}-{self.rng.getrandbits(16):04x}-7"
        self._variant = f"{8 + self.rng.getrandbits(2):x}"
        template = rows.templates["progres_harian"]
        order = store.order["progres_harian"]
        self.base = [template.get(name) for name in order]
        self.slot = {name: order.index(name) for name in order}
        self.leave_order = store.order["cuti_pegawai"]
        self.leave_base = [rows.templates["cuti_pegawai"].get(n) for n in self.leave_order]
        self.status = {s: s.value for s in StatusHarian}

    def uid(self) -> str:
        """A UUID of this run: a random prefix, then a counter (ordered, so indexes append)."""
        self._count += 1
        c = self._count
        return f"{self._prefix}{c >> 60 & 0xFFF:03x}-{self._variant}{c >> 48 & 0xFFF:03x}-{c & 0xFFFFFFFFFFFF:012x}"

    def person(
        self,
        person: Person,
        penilai_id: str | None,
        iki: Sequence[tuple[str, str, float | None, str]],
    ) -> None:
        if not self.days:
            return
        rng = self.rng
        rows = self.rows
        store = rows.store
        leave: set[int] = set()
        if rng.random() < 0.12:
            start = int(rng.random() * len(self.days))
            for n in range(start, min(start + 2 + int(rng.random() * 4), len(self.days))):
                leave.add(n)
                values = list(self.leave_base)
                values[self.leave_order.index("id")] = self.uid()
                values[self.leave_order.index("pegawai_id")] = person.id
                values[self.leave_order.index("tanggal")] = self.stored[n]
                values[self.leave_order.index("keterangan")] = "Cuti tahunan"
                rows.buffers["cuti_pegawai"].append(tuple(values))
        counted = [(i, satuan) for i, satuan, _t, kind in iki if kind == "flow"] or [
            (i, satuan) for i, satuan, _t, _k in iki
        ]
        slot = self.slot
        s_id, s_peg, s_tgl, s_mulai = slot["id"], slot["pegawai_id"], slot["tanggal"], slot["mulai"]
        s_sel, s_keg, s_iki, s_real = (
            slot["selesai"],
            slot["kegiatan"],
            slot["iki_id"],
            slot["realisasi"],
        )
        s_sat, s_src, s_status, s_dicatat = (
            slot["satuan"],
            slot["sumber_data"],
            slot["status"],
            slot["dicatat"],
        )
        s_ack = slot["diterima_oleh"]
        buffer: list[tuple[Any, ...]] = rows.buffers["progres_harian"]
        base = list(self.base)
        base[s_peg] = person.id
        base[s_src] = SOURCE
        added = 0
        for n, day in enumerate(self.days):
            draw = rng.random()
            if n in leave or draw < 0.04:
                continue  # on leave, or a day left empty
            if draw < 0.10:
                written = min(day + dt.timedelta(days=3 + int(rng.random() * 8)), self.today)
            elif draw < 0.25:
                written = min(day + dt.timedelta(days=1), self.today)
            else:
                written = day
            age = (self.today - day).days
            if age > 14 and penilai_id is not None and rng.random() < 0.85:
                status, ack = self.status[StatusHarian.DITERIMA], penilai_id
            elif age > 3:
                status, ack = self.status[StatusHarian.DIAJUKAN], None
            else:
                status, ack = self.status[StatusHarian.DRAFT], None
            stored_written = store.date(written)
            minute = 450 + 15 * int(rng.random() * 3)
            count = 3 + int(rng.random() * 4)
            lunched = False
            for entry in range(count):
                drawn = DURATIONS[int(rng.random() * len(DURATIONS))]
                room = 960 - minute - 30 * (count - entry - 1) - (0 if lunched else 60)
                length = max(30, min(drawn, room))
                values = base.copy()
                values[s_id] = self.uid()
                values[s_tgl] = self.stored[n]
                values[s_mulai] = minute
                values[s_sel] = minute + length
                values[s_keg] = ACTIVITIES[int(rng.random() * len(ACTIVITIES))]
                if counted and rng.random() < 0.6:
                    iki_id, satuan = counted[int(rng.random() * len(counted))]
                    values[s_iki] = iki_id
                    values[s_real] = float(1 + int(rng.random() * 5))
                    values[s_sat] = satuan
                values[s_status] = status
                values[s_ack] = ack
                values[s_dicatat] = stored_written
                buffer.append(tuple(values))
                added += 1
                minute += length
                if not lunched and minute >= 690:
                    minute, lunched = minute + 60, True
        rows.buffered += added
