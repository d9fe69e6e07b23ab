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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, func, insert, select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.reference_data import BERAKHLAK
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.tracking import next_change_seq
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.base import Base, utcnow
from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    EvaluasiStatus,
    JenisAsn,
    JenisCatatan,
    JenisJabatan,
    JenisKelamin,
    JenisLampiran,
    JenisRhk,
    JenisSesi,
    JenjangJabatan,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    Rating,
    Ritme,
    SkpStatus,
    StatusAksi,
    StatusSesi,
)
from kinerja_desktop.models.monitoring import RitmePeriode
from kinerja_desktop.models.org import Instansi, Pegawai, UnitKerja
from kinerja_desktop.progress import Cancelled, NullProgress, Progress
from kinerja_desktop.services import demo_data as D
from kinerja_desktop.services.evaluation import predikat_kinerja
from kinerja_desktop.services.periods import Periode, periods_of_year
from kinerja_desktop.services.reference import GOLONGAN_PNS, GOLONGAN_PPPK

MAX_EMPLOYEES = 200_000
_T = TypeVar("_T")
_R = TypeVar("_R", bound=tuple[Any, ...])
_BATCH_ROWS = 20_000
# The version nibble 7 and the variant bits 10; the other 74 low bits are random.
_V7_FIXED = (0x7 << 76) | (1 << 63)
_V7_RANDOM = (0xFFF << 64) | ((1 << 62) - 1)
# SQLite page cache while generating (KiB): the indexes of a 20,000-people regency fit.
CACHE_KIB = 262_144

# Insertion order: every table after the tables it refers to.
TABLES = [
    "instansi", "unit_kerja", "jabatan", "pegawai", "ritme_periode", "frasa_umpan_balik",
    "skp", "skp_event", "rhk", "iki", "ekspektasi_khusus", "lampiran_item", "rencana_aksi",
    "realisasi", "umpan_balik", "capaian_organisasi", "evaluasi", "sesi_coaching",
    "agenda_sesi", "catatan_sesi", "aksi_disepakati", "rencana_pengembangan",
    "kebutuhan_pengembangan", "kegiatan_pengembangan",
]  # fmt: skip

_RATING_OF_CAPAIAN = {
    CapaianOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    CapaianOrganisasi.BAIK: Rating.SESUAI,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    CapaianOrganisasi.KURANG: Rating.DI_BAWAH,
    CapaianOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}
_HEAD_GOLONGAN = {
    JenjangJabatan.JPT_PRATAMA: (("IV/c", "IV/d"), (7, 3)),
    JenjangJabatan.ADMINISTRATOR: (("IV/a", "IV/b"), (5, 5)),
    JenjangJabatan.PENGAWAS: (("III/c", "III/d"), (5, 5)),
}
# Years of service a golongan needs at least, and the age range of its holders.
_SERVICE = {"II/a": 0, "II/b": 3, "II/c": 6, "II/d": 9, "III/a": 0, "III/b": 3, "III/c": 7,
            "III/d": 10, "IV/a": 14, "IV/b": 17, "IV/c": 20, "IV/d": 23}  # fmt: skip
_NIP_VALUES = tuple(f"{n:03d}" for n in range(1000))
_SPECIALIST = {
    "Perawat": {"DINKES", "RSUD"}, "Bidan": {"DINKES", "RSUD"}, "Dokter": {"DINKES", "RSUD"},
    "Penyuluh Pertanian": {"DISTAN"}, "Auditor": {"INSPEKTORAT"},
    "Pengawas Penyelenggaraan": {"INSPEKTORAT"}, "Polisi Pamong Praja": {"SATPOLPP"},
    "Pustakawan": {"DISPUSIP"},
}  # fmt: skip
_BIG_OPD = {"DINKES": 3.0, "RSUD": 3.0, "DISDIK": 2.0, "SATPOLPP": 1.5, "DISTAN": 1.5}


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


@dataclass
class _Unit:
    index: int
    id: str
    kode: str
    nama: str
    parent: int | None
    level: int
    opd: int
    opd_code: str
    opd_name: str
    topic: str
    head_title: str
    head_jenis: JenisJabatan
    head_jenjang: JenjangJabatan
    weight: float = 1.0
    head: int | None = None
    children: int = 0


@dataclass
class _Person:
    index: int
    id: str
    unit: _Unit
    penilai: int | None
    nama_lengkap: str
    nip: str
    golongan: str
    jabatan: str
    jenis: JenisJabatan
    jenjang: JenjangJabatan
    rhk_utama: list[str]


class _Storage:
    """Storage forms of values (made by the real column types' bind processors, once per
    value) and, per table, the compiled Core ``INSERT`` with the order of its parameters."""

    def __init__(self, conn: Connection) -> None:
        dialect = conn.dialect
        tables = Base.metadata.tables
        self.datetime: Callable[[Any], Any] = _processor(tables["skp"].c.created_at, dialect)
        self.date_processor = _processor(tables["skp"].c.periode_mulai, dialect)
        self.json: Callable[[Any], Any] = _processor(tables["skp"].c.vv, dialect)
        self._dates: dict[dt.date, Any] = {}
        self.sql: dict[str, str] = {}
        self.params: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {}
        self.defaults: dict[str, dict[str, Any]] = {}
        for name in TABLES:
            compiled = insert(tables[name]).compile(dialect=dialect)
            self.sql[name] = str(compiled)
            self.params[name] = itemgetter(*(compiled.positiontup or []))
            self.defaults[name] = _defaults(tables[name], dialect)

    def date(self, value: dt.date) -> Any:
        stored = self._dates.get(value)
        if stored is None:
            stored = self._dates[value] = self.date_processor(value)
        return stored


def _processor(column: Column[Any], dialect: Any) -> Callable[[Any], Any]:
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    return proc if proc is not None else (lambda value: value)


def _defaults(table: Table, dialect: Any) -> dict[str, Any]:
    """Every column's stored default (None where the default is made per row)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            arg = default.arg  # type: ignore[attr-defined]
            values[column.name] = _processor(column, dialect)(arg)
        else:
            values[column.name] = None
    return values


def generate_demo(
    db: Database,
    *,
    employees: int,
    seed: int = 1,
    year: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with a regency of ``employees`` people and their year.

    ``today`` decides which periods have ended (default: the real date). Refuses a database
    that already holds people or units. On ``Cancelled`` nothing is kept.
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
    started = time.perf_counter()
    with db.unit_of_work(SYSTEM) as session:
        people = session.execute(select(func.count(Pegawai.id))).scalar_one()
        units = session.execute(select(func.count(UnitKerja.id))).scalar_one()
        if people or units:
            raise ValidationError(
                _(
                    "This database already holds {people} people and {units} units. Demo data "
                    "can only be loaded into an empty database: use a new data folder (--home)."
                ).format(people=people, units=units)
            )
        instansi = session.execute(
            select(Instansi.id, Instansi.nama, Instansi.kota).where(Instansi.deleted.is_(False))
        ).first()
        ritme = session.execute(
            select(RitmePeriode.ritme).where(RitmePeriode.tahun == tahun)
        ).scalar_one_or_none()
        install_id, seq = next_change_seq(session)
        conn = session.connection()
        default_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
        gen = _Generator(
            conn=conn, rng=random.Random(seed), tahun=tahun, today=today,
            install_id=install_id, seq=seq, progress=progress,
        )  # fmt: skip
        try:
            gen.run(
                employees,
                instansi=(instansi[0], instansi[1], instansi[2]) if instansi else None,
                ritme=ritme,
            )
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size={int(default_cache or -2000)}")
    # Move the new pages from the write-ahead log into the database file now, so that the
    # next small change does not pay for copying hundreds of megabytes.
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return DemoSummary(
        instansi=gen.instansi_nama,
        tahun=tahun,
        seed=seed,
        people=len(gen.people),
        pppk=gen.pppk,
        units=len(gen.units),
        rows=sum(gen.counts.values()),
        seconds=time.perf_counter() - started,
        counts={name: gen.counts[name] for name in TABLES if gen.counts.get(name)},
    )


class _Generator:
    """One run of the generator: draws from ``rng`` in a fixed order and buffers rows."""

    def __init__(
        self,
        *,
        conn: Connection,
        rng: random.Random,
        tahun: int,
        today: dt.date,
        install_id: str,
        seq: int,
        progress: Progress,
    ) -> None:
        self.conn = conn
        self.rng = rng
        self.tahun = tahun
        self.today = today
        self.ref_year = min(tahun, today.year)
        self.progress = progress
        self.store = _Storage(conn)
        now = utcnow()
        self.now = now
        stamp = self.store.datetime(now)
        self.base = {
            "created_at": stamp, "created_by": None, "updated_at": stamp, "updated_by": None,
            "vv": self.store.json({install_id: seq}), "change_seq": seq, "deleted": False,
        }  # fmt: skip
        self.templates = {name: {**self.store.defaults[name], **self.base} for name in TABLES}
        self._clock = int(dt.datetime(tahun, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
        self._moments: dict[tuple[dt.date, int], Any] = {}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.buffered = 0
        self.units: list[_Unit] = []
        self.people: list[_Person] = []
        self.pppk = 0
        self.nip_seq: dict[str, int] = {}
        self.instansi_nama = ""
        self.kabupaten = ""
        self.frasa: list[tuple[str, bool]] = []
        self.capaian: dict[tuple[int, str], CapaianOrganisasi] = {}
        self.emails: dict[str, int] = {}

    # --- plumbing -----------------------------------------------------------------------

    def uid(self) -> str:
        """A UUIDv7-style id: a counter where v7 keeps its millisecond clock, then seeded
        random bits. Ordered ids keep SQLite's indexes appending instead of scattering."""
        self._clock += 1
        bits = (self._clock << 80) | _V7_FIXED | (self.rng.getrandbits(76) & _V7_RANDOM)
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def pick(self, seq: Sequence[_T]) -> _T:
        """A random element (``Random.choice`` is three times slower)."""
        return seq[int(self.rng.random() * len(seq))]

    def fresh(self, templates: Sequence[_R], used: set[str]) -> _R:
        """A template whose wording (its first item) is not in ``used`` yet, if one is left."""
        left = [t for t in templates if t[0] not in used] or list(templates)
        chosen = self.pick(left)
        used.add(chosen[0])
        return chosen

    def between(self, low: int, high: int) -> int:
        """A random integer in ``low..high``, both included."""
        return low + int(self.rng.random() * (high - low + 1))

    def add(self, table: str, **values: Any) -> str:
        row = {**self.templates[table], **values}
        if "id" not in values:
            row["id"] = self.uid()
        self.buffers[table].append(self.store.params[table](row))
        self.buffered += 1
        return str(row["id"])

    def flush(self) -> None:
        for name in TABLES:
            rows = self.buffers[name]
            if rows:
                self.conn.exec_driver_sql(self.store.sql[name], rows)
                self.counts[name] += len(rows)
                self.buffers[name] = []
        self.buffered = 0

    def maybe_flush(self, done: int, total: int) -> None:
        if self.buffered >= _BATCH_ROWS:
            self.flush()
            self.report(done, total)

    def report(self, done: int, total: int) -> None:
        if self.progress.cancelled():
            raise Cancelled()
        self.progress.update(done, total, _("Creating demo data…"))

    def dt_on(self, day: dt.date, hour: int = 9) -> Any:
        """A stored timestamp on ``day`` at ``hour`` (never later than now)."""
        key = (day, hour)
        stored = self._moments.get(key)
        if stored is None:
            moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)
            stored = self._moments[key] = self.store.datetime(min(moment, self.now))
        return stored

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    # --- the run ------------------------------------------------------------------------

    def run(
        self,
        employees: int,
        *,
        instansi: tuple[str, str, str] | None,
        ritme: Ritme | None,
    ) -> None:
        self.report(0, employees)
        self.kabupaten = self.pick(D.KABUPATEN)
        if instansi is None:
            self.instansi_nama = f"Pemerintah Kabupaten {self.kabupaten}"
            instansi_id = self.add(
                "instansi", kode=f"PEMKAB-{self.kabupaten.upper().replace(' ', '')}"[:32],
                nama=self.instansi_nama, alamat=f"Jalan Jenderal Sudirman No. 1, {self.kabupaten}",
                kota=self.kabupaten,
            )  # fmt: skip
        else:
            instansi_id, self.instansi_nama = instansi[0], instansi[1]
            self.kabupaten = instansi[2] or self.kabupaten
        if ritme is None:
            ritme = Ritme.TRIWULANAN
            self.add("ritme_periode", tahun=self.tahun, ritme=ritme.value)
        periods = periods_of_year(self.tahun, ritme)
        past = [p for p in periods if p.selesai < self.today]
        for order, (teks, perilaku) in enumerate(D.FRASA, start=1):
            self.frasa.append((self.add("frasa_umpan_balik", teks=teks, untuk_perilaku=perilaku,
                                        urutan=order, aktif=True), perilaku))  # fmt: skip
        self.build_units(employees, instansi_id)
        for unit in self.units:
            for period in past:
                self.unit_capaian(unit, period)
        self.build_people(employees)
        for person in self.people:
            self.person_year(person, periods, past)
            if person.index % 256 == 0:
                self.report(person.index, employees)
            self.maybe_flush(person.index, employees)
        self.flush()
        self.report(employees, employees)

    # --- organisation -------------------------------------------------------------------

    def build_units(self, employees: int, instansi_id: str) -> None:
        rng = self.rng
        n_opd = max(1, min(len(D.OPD), -(-employees // 450)))
        n_kec = max(0, min(len(D.KECAMATAN), employees // 1000))
        opds = rng.sample(range(len(D.OPD)), n_opd)
        opds.sort()
        specs: list[_Unit] = []

        def unit(parent: _Unit | None, kode: str, nama: str, topic: str, title: str,
                 jenis: JenisJabatan, jenjang: JenjangJabatan, opd: int, opd_code: str,
                 opd_name: str) -> _Unit:  # fmt: skip
            made = _Unit(
                index=len(specs), id="", kode=kode, nama=nama,
                parent=parent.index if parent else None, level=parent.level + 1 if parent else 0,
                opd=opd, opd_code=opd_code, opd_name=opd_name, topic=topic, head_title=title,
                head_jenis=jenis, head_jenjang=jenjang,
                weight=rng.uniform(0.6, 1.4) * _BIG_OPD.get(opd_code, 1.0),
            )  # fmt: skip
            specs.append(made)
            return made

        roots: list[tuple[_Unit, list[tuple[_Unit, list[tuple[str, str, str, str]]]]]] = []
        jpt, adm, pgw = (
            JenjangJabatan.JPT_PRATAMA,
            JenjangJabatan.ADMINISTRATOR,
            JenjangJabatan.PENGAWAS,
        )
        for number, opd_index in enumerate(opds):
            nama, code, topics = D.OPD[opd_index]
            head = _opd_head_title(nama, code)
            root = unit(None, code, nama, nama, head, JenisJabatan.JPT, jpt, number, code, nama)
            level1: list[tuple[_Unit, list[tuple[str, str, str, str]]]] = []
            sek_nama = f"Sekretariat {nama}" if code != "SETWAN" else "Bagian Umum"
            sek = unit(root, f"{code}.SEK", sek_nama, "kesekretariatan", "Sekretaris"
                       if code != "SETWAN" else "Kepala Bagian Umum", JenisJabatan.JA, adm,
                       number, code, nama)  # fmt: skip
            level1.append((sek, [(f"{code}.SEK.{i}", f"Subbagian {s}", s.lower(),
                                  f"Kepala Subbagian {s}") for i, s in
                                 enumerate(D.SUBBAGIAN, start=1)]))  # fmt: skip
            badan = code.startswith("BA") or code in {"BKPSDM", "BPBD", "BPKAD"}
            for j, topic in enumerate(topics, start=1):
                if code == "INSPEKTORAT":
                    bid = unit(root, f"{code}.B{j}", topic.replace("Inspektur", "Inspektorat"),
                               "pengawasan", topic, JenisJabatan.JA, adm, number, code, nama)  # fmt: skip
                    level1.append((bid, []))
                    continue
                bid = unit(root, f"{code}.B{j}", f"Bidang {topic}", topic.lower(),
                           f"Kepala Bidang {topic}", JenisJabatan.JA, adm, number, code, nama)  # fmt: skip
                word = "Subbidang" if badan else "Seksi"
                kinds = rng.sample(D.SEKSI_KIND, self.between(2, 3))
                level1.append((bid, [(f"{code}.B{j}.S{k}", f"{word} {kind} {topic}",
                                      f"{kind.lower()} {topic.lower()}", f"Kepala {word} {kind} {topic}")
                                     for k, kind in enumerate(kinds, start=1)]))  # fmt: skip
            roots.append((root, level1))
        for number, name in enumerate(rng.sample(D.KECAMATAN, n_kec), start=1):
            code = f"KEC{number:02d}"
            kec_nama = f"Kecamatan {name}"
            root = unit(None, code, kec_nama, f"pemerintahan Kecamatan {name}", f"Camat {name}",
                        JenisJabatan.JA, adm, len(opds) + number, code, kec_nama)  # fmt: skip
            seksi = [(f"{code}.S{k}", s, s.split(" ", 1)[1].lower(), f"Kepala {s}")
                     for k, s in enumerate(D.SEKSI_KECAMATAN, start=1)]  # fmt: skip
            roots.append((root, [(root, seksi)]))
        # Breadth first: the roots, then their children, then the grandchildren, so that the
        # tree can be cut at the number of people without leaving a unit without a head.
        ordered: list[_Unit] = [root for root, _level1 in roots]
        for root, level1 in roots:
            ordered.extend(child for child, _grand in level1 if child is not root)
        grand: list[_Unit] = []
        for _root, level1 in roots:
            for parent, children in level1:
                for kode, nama, topic, title in children:
                    grand.append(unit(parent, kode, nama, topic, title, JenisJabatan.JA, pgw,
                                      parent.opd, parent.opd_code, parent.opd_name))  # fmt: skip
        ordered.extend(grand)
        kept = ordered[:employees]
        for index, u in enumerate(kept):
            u.index = index
            u.id = self.uid()
        by_old = {id(u): u for u in kept}
        for u in kept:
            if u.parent is not None:
                parent = specs[u.parent]
                assert id(parent) in by_old
                u.parent = parent.index
        for u in kept:
            if u.parent is not None:
                kept[u.parent].children += 1
        self.units = kept
        for u in kept:
            self.add(
                "unit_kerja", id=u.id, instansi_id=instansi_id,
                parent_id=kept[u.parent].id if u.parent is not None else None,
                kode=u.kode, nama=u.nama, level=u.level, aktif=True,
            )  # fmt: skip

    def unit_capaian(self, unit: _Unit, period: Periode) -> None:
        value = self.rng.choices(
            (CapaianOrganisasi.ISTIMEWA, CapaianOrganisasi.BAIK,
             CapaianOrganisasi.BUTUH_PERBAIKAN, CapaianOrganisasi.KURANG,
             CapaianOrganisasi.SANGAT_KURANG),
            cum_weights=(15, 80, 95, 99, 100),
        )[0]  # fmt: skip
        self.capaian[(unit.index, period.code)] = value
        self.add("capaian_organisasi", unit_id=unit.id, periode=period.code, capaian=value.value,
                 catatan="")  # fmt: skip

    # --- people -------------------------------------------------------------------------

    def build_people(self, employees: int) -> None:
        rng = self.rng
        jabatan_ids: dict[tuple[int, str], str] = {}
        for unit in self.units:
            jabatan_id = self.add(
                "jabatan", nama=unit.head_title, jenis=unit.head_jenis.value,
                jenjang=unit.head_jenjang.value, unit_id=unit.id, memimpin_unit=True,
            )  # fmt: skip
            penilai = self.units[unit.parent].head if unit.parent is not None else None
            golongans, weights = _HEAD_GOLONGAN[unit.head_jenjang]
            golongan = rng.choices(golongans, weights)[0]
            unit.head = self.person(
                unit, jabatan_id, unit.head_title, unit.head_jenis, unit.head_jenjang, golongan,
                pppk=False, degree="head", penilai=penilai,
            )  # fmt: skip
        leaves = [u for u in self.units if u.children == 0]
        cum: list[float] = []
        total = 0.0
        for leaf in leaves:
            total += leaf.weight
            cum.append(total)
        positions = _positions_by_opd(self.units)
        staff = employees - len(self.units)
        assigned = sorted(rng.choices(range(len(leaves)), cum_weights=cum)[0] for _ in range(staff))
        for leaf_index in assigned:
            unit = leaves[leaf_index]
            names, cum_w = positions[unit.opd_code]
            name, jenis, jenjang, gol_pns, gol_pppk, _w, degree = rng.choices(
                names, cum_weights=cum_w
            )[0]
            key = (unit.index, name)
            if key not in jabatan_ids:
                jabatan_ids[key] = self.add(
                    "jabatan", nama=name, jenis=jenis, jenjang=jenjang, unit_id=unit.id,
                    memimpin_unit=False,
                )  # fmt: skip
            jabatan_id = jabatan_ids[key]
            pppk = rng.random() < 0.16
            golongan = self.pick(gol_pppk if pppk else gol_pns)
            self.person(unit, jabatan_id, name, JenisJabatan(jenis), JenjangJabatan(jenjang),
                        golongan, pppk=pppk, degree=degree, penilai=unit.head)  # fmt: skip

    def person(
        self,
        unit: _Unit,
        jabatan_id: str,
        jabatan: str,
        jenis: JenisJabatan,
        jenjang: JenjangJabatan,
        golongan: str,
        *,
        pppk: bool,
        degree: str,
        penilai: int | None,
    ) -> int:
        rng = self.rng
        head = degree == "head"
        male = rng.random() < (0.68 if head else 0.5)
        nama = self.name(male)
        depan, belakang = self.titles(degree, jenjang, unit.opd_code)
        born, nip = self.number(golongan, male, pppk, degree)
        index = len(self.people)
        pegawai_id = self.uid()
        full = f"{depan} {nama}".strip() if depan else nama
        full = f"{full}, {belakang}" if belakang else full
        self.add(
            "pegawai", id=pegawai_id, nip=nip,
            jenis_asn=(JenisAsn.PPPK if pppk else JenisAsn.PNS).value, nama=nama,
            gelar_depan=depan, gelar_belakang=belakang, tanggal_lahir=self.store.date(born),
            jenis_kelamin=(JenisKelamin.LAKI_LAKI if male else JenisKelamin.PEREMPUAN).value,
            golongan=golongan, jabatan_id=jabatan_id, unit_id=unit.id,
            penilai_id=self.people[penilai].id if penilai is not None else None,
            email=self.email(nama), telepon=f"08{self.pick('15')}{rng.randrange(10**9):09d}",
            aktif=True,
        )  # fmt: skip
        self.pppk += pppk
        self.people.append(
            _Person(
                index=index,
                id=pegawai_id,
                unit=unit,
                penilai=penilai,
                nama_lengkap=full,
                nip=nip,
                golongan=golongan,
                jabatan=jabatan,
                jenis=jenis,
                jenjang=jenjang,
                rhk_utama=[],
            )
        )
        return index

    def name(self, male: bool) -> str:
        rng = self.rng
        _w, males, females, second, chance = rng.choices(D.NAME_GROUPS, cum_weights=_NAME_CUM)[0]
        given = males if male else females
        first = self.pick(given)
        parts = [first]
        if second is None or rng.random() < 0.35:
            other = self.pick(given)
            if other != first:
                parts.append(other)
        if second is not None and rng.random() < chance:
            parts.append(self.pick(second))
        return " ".join(parts)

    def titles(self, degree: str, jenjang: JenjangJabatan, opd_code: str) -> tuple[str, str]:
        rng = self.rng
        if degree == "head":
            s1 = self.pick(D.GELAR_S1)
            depan = ""
            if jenjang is not JenjangJabatan.PENGAWAS and rng.random() < 0.08:
                depan, s1 = "Ir.", ""
            if jenjang is JenjangJabatan.JPT_PRATAMA and rng.random() < 0.12:
                depan = "Dr."
            s2 = self.pick(D.GELAR_S2)
            if jenjang is JenjangJabatan.PENGAWAS and rng.random() < 0.6:
                return depan, s1
            return depan, ", ".join(t for t in (s1, s2) if t)
        if degree == "s1":
            s1 = self.pick(D.GELAR_S1)
            return "", f"{s1}, {self.pick(D.GELAR_S2)}" if rng.random() < 0.1 else s1
        if degree == "s2":
            return "", f"{self.pick(D.GELAR_S1)}, {self.pick(D.GELAR_S2)}"
        if degree == "d3":
            return "", self.pick(D.GELAR_D3)
        if degree == "d3k":
            return "", "A.Md.Kep."
        if degree == "d3b":
            return "", "A.Md.Keb."
        if degree == "s1k":
            return "", self.pick(D.GELAR_S1K)
        if degree == "dr":
            return "dr.", "M.Kes." if rng.random() < 0.3 else ""
        return "", ""

    def number(self, golongan: str, male: bool, pppk: bool, degree: str) -> tuple[dt.date, str]:
        """A birth date and a valid, unique NIP (PNS) or NI PPPK for it."""
        if pppk:
            age = self.between(24, 50)
            born = dt.date(self.ref_year - age, self.between(1, 12), self.between(1, 28))
            appointed = self.between(max(2019, born.year + 20), max(2019, min(self.ref_year, 2025)))
            prefix = f"{born:%Y%m%d}{appointed}21{1 if male else 2}"
        else:
            service = _SERVICE.get(golongan, 0)
            entry = 19 if golongan.startswith("II/") else (25 if degree == "dr" else 22)
            age = self.between(entry + service + 1, max(entry + service + 1, 57))
            born = dt.date(self.ref_year - age, self.between(1, 12), self.between(1, 28))
            latest = min(35, age - service)
            tmt_year = born.year + self.between(entry, max(entry, latest))
            tmt_month = self.pick((1, 1, 2, 3, 3, 4, 12))
            if tmt_year >= self.ref_year:
                tmt_year, tmt_month = self.ref_year - 1, 12
            prefix = f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{1 if male else 2}"
        count = self.nip_seq.get(prefix, 0) + 1
        if count > 999:
            return self.number(golongan, male, pppk, degree)
        self.nip_seq[prefix] = count
        return born, prefix + _NIP_VALUES[count]

    def email(self, nama: str) -> str:
        local = ".".join(nama.lower().replace(".", "").split()[:2])
        count = self.emails.get(local, 0) + 1
        self.emails[local] = count
        domain = self.kabupaten.lower().replace(" ", "")
        return f"{local}{count if count > 1 else ''}@{domain}kab.go.id"

    # --- a person's year ----------------------------------------------------------------

    def person_year(self, person: _Person, periods: list[Periode], past: list[Periode]) -> None:
        rng = self.rng
        unit = person.unit
        penilai = self.people[person.penilai] if person.penilai is not None else None
        atasan = (
            self.people[penilai.penilai]
            if penilai is not None and penilai.penilai is not None
            else None
        )
        jpt = person.jenis is JenisJabatan.JPT
        kualitatif = rng.random() < 0.12
        submitted = self.day_in(dt.date(self.tahun, 1, 5), dt.date(self.tahun, 1, 25))
        approved = submitted + dt.timedelta(days=self.between(1, 6))
        skp_id = self.add(
            "skp", pegawai_id=person.id, penilai_id=penilai.id if penilai else None,
            tahun=self.tahun, periode_mulai=self.store.date(dt.date(self.tahun, 1, 1)),
            periode_selesai=self.store.date(dt.date(self.tahun, 12, 31)),
            pendekatan=(Pendekatan.KUALITATIF if kualitatif else Pendekatan.KUANTITATIF).value,
            jenis_jabatan=person.jenis.value, status=SkpStatus.DISETUJUI.value,
            diajukan_at=self.dt_on(submitted), disetujui_at=self.dt_on(approved, 14),
            pegawai_snapshot=self.store.json(self.party(person)),
            penilai_snapshot=self.store.json(self.party(penilai) if penilai else self.bupati()),
            atasan_penilai_snapshot=self.store.json(self.party(atasan) if atasan else {}),
        )  # fmt: skip
        self.add("skp_event", skp_id=skp_id, actor_pegawai_id=person.id, jenis="submit",
                 dari_status=SkpStatus.DRAFT.value, ke_status=SkpStatus.DIAJUKAN.value,
                 created_at=self.dt_on(submitted), updated_at=self.dt_on(submitted))  # fmt: skip
        self.add("skp_event", skp_id=skp_id, actor_pegawai_id=penilai.id if penilai else None,
                 jenis="approve", dari_status=SkpStatus.DIAJUKAN.value,
                 ke_status=SkpStatus.DISETUJUI.value, created_at=self.dt_on(approved, 14),
                 updated_at=self.dt_on(approved, 14))  # fmt: skip
        topic = unit.topic if not jpt else unit.opd_name
        fill = {"topic": topic, "opd": unit.opd_name, "opd_lower": unit.opd_name.lower(),
                "opd_short": unit.opd_name}  # fmt: skip
        if jpt:
            templates = D.RHK_JPT
        elif person.jenjang is JenjangJabatan.ADMINISTRATOR:
            templates = D.RHK_ADMINISTRATOR
        elif person.jenjang is JenjangJabatan.PENGAWAS:
            templates = D.RHK_PENGAWAS
        else:
            templates = D.RHK_STAFF
        count = self.between(3, 4) if jpt else self.between(2, 4)
        iki_of: list[tuple[str, str, float | None, str]] = []
        used: set[str] = set()
        rhk_ids: list[str] = []
        for order, template in enumerate(rng.sample(templates, min(count, len(templates))), 1):
            intervensi = self.pick(penilai.rhk_utama) if penilai and penilai.rhk_utama else None
            rhk_id = self.add(
                "rhk", skp_id=skp_id, jenis=JenisRhk.UTAMA.value, urutan=order,
                teks=template.format(**fill), intervensi_rhk_id=intervensi,
                klasifikasi=(KlasifikasiRhk.ORGANISASI if order <= 2 else KlasifikasiRhk.INDIVIDU).value
                if jpt else None,
            )  # fmt: skip
            person.rhk_utama.append(rhk_id)
            rhk_ids.append(rhk_id)
            iki_of.extend(self.iki(rhk_id, jpt, kualitatif, fill, used))
        if rng.random() < 0.15:
            teks, dari = self.pick(D.RHK_TAMBAHAN)
            rhk_id = self.add(
                "rhk", skp_id=skp_id, jenis=JenisRhk.TAMBAHAN.value, urutan=len(rhk_ids) + 1,
                teks=teks, penugasan_dari=dari.format(**fill).replace("Kepala Kecamatan", "Camat")
                .replace("Bupati", f"Bupati {self.kabupaten}"),
                klasifikasi=KlasifikasiRhk.INDIVIDU.value if jpt else None,
            )  # fmt: skip
            rhk_ids.append(rhk_id)
            iki_of.extend(self.iki(rhk_id, jpt, kualitatif, fill, used, tambahan=True))
        for nilai_id, _nama, _panduan in BERAKHLAK:
            self.add("ekspektasi_khusus", skp_id=skp_id, nilai_id=nilai_id,
                     teks=self.pick(D.EKSPEKTASI[nilai_id]))  # fmt: skip
        for jenis in JenisLampiran:
            items = D.LAMPIRAN[jenis.value]
            for order, teks in enumerate(rng.sample(items, self.between(1, 2)), start=1):
                self.add("lampiran_item", skp_id=skp_id, jenis=jenis.value, urutan=order,
                         teks=teks)  # fmt: skip
        # Rencana aksi: always for the current period, now and then for an earlier one.
        current = len(past) if len(past) < len(periods) else len(periods) - 1
        for rhk_id in person.rhk_utama:
            for number, period in enumerate(periods):
                if number > current or (number < current and rng.random() >= 0.3):
                    continue
                self.add("rencana_aksi", rhk_id=rhk_id, periode=period.code, urutan=1,
                         teks=self.pick(D.RENCANA_AKSI).format(**fill),
                         target=f"{self.between(1, 4)} kegiatan")  # fmt: skip
        for period in past:
            self.realisasi(iki_of, period, len(periods))
        if penilai is not None:
            for number, period in enumerate(past, start=1):
                self.feedback(skp_id, person, penilai, rhk_ids, period)
                self.evaluation(skp_id, person, penilai, period, last=number == len(past))
            if rng.random() < 0.08:
                self.coaching(skp_id, person, penilai, rhk_ids)
        if rng.random() < 0.10:
            self.development(person)

    def party(self, person: _Person) -> dict[str, str]:
        golongan = person.golongan
        if golongan in GOLONGAN_PNS:
            pangkat = f"{GOLONGAN_PNS[golongan].replace('Tingkat I', 'Tk.I')} / {golongan}"
        elif golongan in GOLONGAN_PPPK:
            pangkat = f"Golongan {golongan}"
        else:
            pangkat = golongan
        return {"nama": person.nama_lengkap, "nip": person.nip, "pangkat": pangkat,
                "jabatan": person.jabatan, "unit": person.unit.nama}  # fmt: skip

    def bupati(self) -> dict[str, str]:
        return {"nama": f"Bupati {self.kabupaten}", "nip": "", "pangkat": "",
                "jabatan": f"Bupati {self.kabupaten}", "unit": self.instansi_nama}  # fmt: skip

    def iki(
        self,
        rhk_id: str,
        jpt: bool,
        kualitatif: bool,
        fill: dict[str, str],
        used: set[str],
        *,
        tambahan: bool = False,
    ) -> list[tuple[str, str, float | None, str]]:
        """IKI rows of an RHK; returns (id, satuan, target, kind) for the realisasi.

        ``used`` holds the IKI wordings this SKP has already, so that they are not repeated
        while other wordings are left."""
        rng = self.rng
        made: list[tuple[str, str, float | None, str]] = []
        count = 1 if tambahan else self.between(1, 2)
        for order in range(1, count + 1):
            aspek: str | None = None
            perspektif: str | None = None
            if tambahan:
                teks, satuan, low, high = D.IKI_TAMBAHAN
                if jpt:
                    perspektif = Perspektif.PENGUATAN_INTERNAL.value
                else:
                    aspek = Aspek.KUANTITAS.value
            elif jpt:
                teks, satuan, low, high, persp = self.fresh(D.IKI_JPT, used)
                perspektif = Perspektif(persp).value
            elif order == 1:
                teks, satuan, low, high = self.fresh(D.IKI_KUANTITAS, used)
                aspek = Aspek.KUANTITAS.value
            elif rng.random() < 0.6:
                teks, satuan, low, high = self.fresh(D.IKI_KUALITAS, used)
                aspek = Aspek.KUALITAS.value
            else:
                teks, satuan, low, high = self.fresh(D.IKI_WAKTU, used)
                aspek = Aspek.WAKTU.value
            target = float(self.between(low, high))
            if kualitatif:
                iki_id = self.add(
                    "iki", rhk_id=rhk_id, urutan=order, teks=teks.format(**fill), aspek=aspek,
                    perspektif=perspektif, target_teks=self.pick(D.TARGET_KUALITATIF).format(**fill),
                    satuan="",
                )  # fmt: skip
                made.append((iki_id, "", None, "teks"))
                continue
            upper = target
            if satuan in ("persen", "indeks") and rng.random() < 0.2:
                upper = min(100.0, target + 5)
            iki_id = self.add(
                "iki", rhk_id=rhk_id, urutan=order, teks=teks.format(**fill), aspek=aspek,
                perspektif=perspektif, target_min=target, target_max=upper, satuan=satuan,
                target_teks="",
            )  # fmt: skip
            made.append((iki_id, satuan, target, "flow" if satuan in _FLOW else "level"))
        return made

    def realisasi(
        self, iki_of: list[tuple[str, str, float | None, str]], period: Periode, per_year: int
    ) -> None:
        rng = self.rng
        for iki_id, satuan, target, kind in iki_of:
            if kind == "teks" or target is None:
                nilai = None
                teks = self.pick(("Tercapai sesuai target", "Sebagian besar tercapai",
                                   "Tercapai dengan catatan perbaikan kecil"))  # fmt: skip
            else:
                teks = ""
                if satuan == "bulan":
                    nilai = float(period.bulan)
                elif kind == "flow":
                    nilai = round(target / per_year * rng.uniform(0.7, 1.3))
                else:
                    nilai = round(target * rng.uniform(0.9, 1.05), 1)
                    if satuan == "persen":
                        nilai = min(nilai, 100.0)
            self.add("realisasi", iki_id=iki_id, periode=period.code, nilai=nilai, teks=teks,
                     sumber_data=self.pick(D.SUMBER_DATA))  # fmt: skip

    def feedback(
        self, skp_id: str, person: _Person, penilai: _Person, rhk_ids: list[str], period: Periode
    ) -> None:
        rng = self.rng
        when = min(period.selesai + dt.timedelta(days=self.between(3, 20)), self.today)
        for rhk_id in rhk_ids:
            if rng.random() < 0.35:
                self.comment(skp_id, person, penilai, period, when, rhk_id=rhk_id)
        if rng.random() < 0.45:
            nilai_id = self.pick(BERAKHLAK)[0]
            self.comment(skp_id, person, penilai, period, when, nilai_id=nilai_id)

    def comment(
        self,
        skp_id: str,
        person: _Person,
        penilai: _Person,
        period: Periode,
        when: dt.date,
        *,
        rhk_id: str | None = None,
        nilai_id: str | None = None,
    ) -> None:
        rng = self.rng
        perilaku = nilai_id is not None
        frasa_id = None
        teks = self.pick(D.UMPAN_BALIK_PERILAKU if perilaku else D.UMPAN_BALIK_RHK)
        if rng.random() < 0.3:
            frasa_id, _flag = self.pick([f for f in self.frasa if f[1] == perilaku])
            teks = ""
        stamp = self.dt_on(when, 10)
        feedback_id = self.add(
            "umpan_balik", skp_id=skp_id, periode=period.code, rhk_id=rhk_id, nilai_id=nilai_id,
            frasa_id=frasa_id, penulis_id=penilai.id, teks=teks, created_at=stamp,
            updated_at=stamp,
        )  # fmt: skip
        if rng.random() < 0.25:
            reply = self.dt_on(min(when + dt.timedelta(days=self.between(0, 3)), self.today), 15)
            self.add(
                "umpan_balik", skp_id=skp_id, periode=period.code, rhk_id=rhk_id,
                nilai_id=nilai_id, penulis_id=person.id, balasan_untuk_id=feedback_id,
                teks=self.pick(D.BALASAN), created_at=reply, updated_at=reply,
            )  # fmt: skip

    def evaluation(
        self, skp_id: str, person: _Person, penilai: _Person, period: Periode, *, last: bool
    ) -> None:
        rng = self.rng
        status = EvaluasiStatus.FINAL
        if last:
            roll = rng.random()
            if roll < 0.25:
                return
            if roll < 0.4:
                status = EvaluasiStatus.DRAFT
        if person.unit.head == person.index:
            hasil = _RATING_OF_CAPAIAN[self.capaian[(person.unit.index, period.code)]]
        else:
            hasil = rng.choices(_RATINGS, cum_weights=(20, 85, 100))[0]
        perilaku = rng.choices(_RATINGS, cum_weights=(20, 92, 100))[0]
        done = min(period.selesai + dt.timedelta(days=self.between(5, 25)), self.today)
        self.add(
            "evaluasi", skp_id=skp_id, periode=period.code, penilai_id=penilai.id,
            rating_hasil=hasil.value, rating_perilaku=perilaku.value,
            predikat=predikat_kinerja(hasil, perilaku).value,
            catatan=self.pick(D.CATATAN_EVALUASI), rekomendasi=self.pick(D.REKOMENDASI),
            status=status.value,
            final_at=self.dt_on(done, 11) if status is EvaluasiStatus.FINAL else None,
        )  # fmt: skip

    def coaching(self, skp_id: str, person: _Person, penilai: _Person, rhk_ids: list[str]) -> None:
        rng = self.rng
        year_start, year_end = dt.date(self.tahun, 1, 15), dt.date(self.tahun, 12, 20)
        for _n in range(self.between(1, 2)):
            if self.today < year_end and rng.random() < 0.25 and self.today > year_start:
                day = self.today + dt.timedelta(days=self.between(1, 30))
            else:
                day = self.day_in(year_start, year_end)
            held = day < self.today
            jenis = rng.choices(_SESI, cum_weights=(50, 75, 90, 95, 100))[0]
            sesi_id = self.add(
                "sesi_coaching", jenis=jenis.value, tanggal=self.store.date(day),
                waktu=self.pick(("08:30", "09:00", "10:00", "13:30", "14:00")),
                tempat=self.pick(D.TEMPAT), coach_id=penilai.id, pegawai_id=person.id,
                skp_id=skp_id, rhk_id=self.pick(rhk_ids) if rng.random() < 0.5 else None,
                status=(StatusSesi.SELESAI if held else StatusSesi.DIJADWALKAN).value,
                ringkasan=self.pick(D.CATATAN) if held else "",
            )  # fmt: skip
            for order, teks in enumerate(rng.sample(D.AGENDA, self.between(1, 2)), start=1):
                self.add("agenda_sesi", sesi_id=sesi_id, urutan=order, teks=teks, dibahas=held,
                         penulis_id=self.pick((person.id, penilai.id)))  # fmt: skip
            if not held:
                continue
            for teks in rng.sample(D.CATATAN, self.between(1, 2)):
                self.add("catatan_sesi", sesi_id=sesi_id, penulis_id=penilai.id,
                         jenis=JenisCatatan.NOTE.value, teks=teks, privat=False)  # fmt: skip
            for teks in rng.sample(D.AKSI, self.between(1, 2)):
                due = day + dt.timedelta(days=self.between(14, 60))
                if due >= self.today:
                    status = StatusAksi.OPEN
                else:
                    status = rng.choices(_AKSI, cum_weights=(60, 95, 100))[0]
                self.add(
                    "aksi_disepakati", sesi_id=sesi_id, pelaksana_id=person.id, teks=teks,
                    tenggat=self.store.date(due), status=status.value,
                    komentar_status="Sudah dilaksanakan" if status is StatusAksi.DONE else "",
                    tindak_lanjut=self.store.date(due + dt.timedelta(days=7))
                    if status is StatusAksi.OPEN else None,
                )  # fmt: skip

    def development(self, person: _Person) -> None:
        rng = self.rng
        rencana_id = self.add("rencana_pengembangan", pegawai_id=person.id, tahun=self.tahun,
                              catatan="Target minimal 20 JP dalam setahun")  # fmt: skip
        self.add("kebutuhan_pengembangan", rencana_id=rencana_id,
                 kompetensi=self.pick(D.KOMPETENSI), keterangan="Hasil dialog kinerja")  # fmt: skip
        for nama, jenis, jp in rng.sample(D.KEGIATAN_PENGEMBANGAN, self.between(1, 3)):
            day = self.day_in(dt.date(self.tahun, 2, 1), dt.date(self.tahun, 11, 30))
            done = day < self.today
            self.add(
                "kegiatan_pengembangan", rencana_id=rencana_id, nama=nama, jenis=jenis,
                jp_rencana=float(jp), jp_realisasi=float(jp) if done else 0.0,
                tanggal=self.store.date(day), selesai=done,
            )  # fmt: skip


_FLOW = {"dokumen", "laporan", "kegiatan", "layanan", "berkas"}
_RATINGS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
_SESI = (JenisSesi.DIALOG_KINERJA, JenisSesi.BIMBINGAN_KINERJA, JenisSesi.COACHING,
         JenisSesi.MENTORING, JenisSesi.KONSELING)  # fmt: skip
_AKSI = (StatusAksi.DONE, StatusAksi.OPEN, StatusAksi.DROPPED)
_NAME_CUM: list[float] = []
for _group in D.NAME_GROUPS:
    _NAME_CUM.append((_NAME_CUM[-1] if _NAME_CUM else 0) + _group[0])


def _opd_head_title(nama: str, code: str) -> str:
    if code == "INSPEKTORAT":
        return "Inspektur"
    if code == "SETWAN":
        return "Sekretaris DPRD"
    if code == "RSUD":
        return "Direktur Rumah Sakit Umum Daerah"
    return f"Kepala {nama}"


def _positions_by_opd(
    units: list[_Unit],
) -> dict[
    str, tuple[list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], int, str]], list[float]]
]:
    """Staff positions each organisation may hold, with cumulative weights."""
    result = {}
    for code in {u.opd_code for u in units}:
        names = []
        cum: list[float] = []
        total = 0.0
        for position in D.STAFF_POSITIONS:
            special = next(
                (s for prefix, s in _SPECIALIST.items() if position[0].startswith(prefix)), None
            )
            if special is not None and code not in special:
                continue
            total += position[5] * (6 if special else 1)
            names.append(position)
            cum.append(total)
        result[code] = (names, cum)
    return result
