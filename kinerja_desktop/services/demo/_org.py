"""The demo regency's organisation: units, positions and people.

``Organisation`` builds the unit tree (dinas/badan > bidang/sekretariat > seksi/subbagian,
and kecamatan), the jabatan of the units, and the people: Indonesian names of many regions,
gelar that fit the position, golongan, birth dates with valid, unique NIP and NI PPPK, e-mail
addresses, and the pejabat penilai from the unit tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenisKelamin, JenjangJabatan
from kinerja_desktop.services.demo import _data as D
from kinerja_desktop.services.demo._rows import Rows

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
_NAME_CUM: list[float] = []
for _group in D.NAME_GROUPS:
    _NAME_CUM.append((_NAME_CUM[-1] if _NAME_CUM else 0) + _group[0])


@dataclass
class Unit:
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
class Person:
    index: int
    id: str
    unit: Unit
    penilai: int | None
    nama_lengkap: str
    nip: str
    golongan: str
    jabatan: str
    jenis: JenisJabatan
    jenjang: JenjangJabatan
    rhk_utama: list[str]


class Organisation:
    """The units and people of the regency, drawn from the shared ``rows``."""

    def __init__(self, rows: Rows, kabupaten: str) -> None:
        self.rows = rows
        self.kabupaten = kabupaten
        self.units: list[Unit] = []
        self.people: list[Person] = []
        self.pppk = 0
        self.nip_seq: dict[str, int] = {}
        self.emails: dict[str, int] = {}

    def build_units(self, employees: int, instansi_id: str) -> None:
        rng = self.rows.rng
        n_opd = max(1, min(len(D.OPD), -(-employees // 450)))
        n_kec = max(0, min(len(D.KECAMATAN), employees // 1000))
        opds = rng.sample(range(len(D.OPD)), n_opd)
        opds.sort()
        specs: list[Unit] = []

        def unit(parent: Unit | None, kode: str, nama: str, topic: str, title: str,
                 jenis: JenisJabatan, jenjang: JenjangJabatan, opd: int, opd_code: str,
                 opd_name: str) -> Unit:  # fmt: skip
            made = Unit(
                index=len(specs), id="", kode=kode, nama=nama,
                parent=parent.index if parent else None, level=parent.level + 1 if parent else 0,
                opd=opd, opd_code=opd_code, opd_name=opd_name, topic=topic, head_title=title,
                head_jenis=jenis, head_jenjang=jenjang,
                weight=rng.uniform(0.6, 1.4) * _BIG_OPD.get(opd_code, 1.0),
            )  # fmt: skip
            specs.append(made)
            return made

        roots: list[tuple[Unit, list[tuple[Unit, list[tuple[str, str, str, str]]]]]] = []
        jpt, adm, pgw = (
            JenjangJabatan.JPT_PRATAMA,
            JenjangJabatan.ADMINISTRATOR,
            JenjangJabatan.PENGAWAS,
        )
        for number, opd_index in enumerate(opds):
            nama, code, topics = D.OPD[opd_index]
            head = _opd_head_title(nama, code)
            root = unit(None, code, nama, nama, head, JenisJabatan.JPT, jpt, number, code, nama)
            level1: list[tuple[Unit, list[tuple[str, str, str, str]]]] = []
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
                kinds = _without_repeats(rng.sample(D.SEKSI_KIND, self.rows.between(2, 3)), topic)
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
        ordered: list[Unit] = [root for root, _level1 in roots]
        for root, level1 in roots:
            ordered.extend(child for child, _grand in level1 if child is not root)
        grand: list[Unit] = []
        for _root, level1 in roots:
            for parent, children in level1:
                for kode, nama, topic, title in children:
                    grand.append(unit(parent, kode, nama, topic, title, JenisJabatan.JA, pgw,
                                      parent.opd, parent.opd_code, parent.opd_name))  # fmt: skip
        ordered.extend(grand)
        kept = ordered[:employees]
        for index, u in enumerate(kept):
            u.index = index
            u.id = self.rows.uid()
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
            self.rows.add(
                "unit_kerja", id=u.id, instansi_id=instansi_id,
                parent_id=kept[u.parent].id if u.parent is not None else None,
                kode=u.kode, nama=u.nama, level=u.level, aktif=True,
            )  # fmt: skip

    # --- people -------------------------------------------------------------------------

    def build_people(self, employees: int) -> None:
        rng = self.rows.rng
        jabatan_ids: dict[tuple[int, str], str] = {}
        for unit in self.units:
            jabatan_id = self.rows.add(
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
                jabatan_ids[key] = self.rows.add(
                    "jabatan", nama=name, jenis=jenis, jenjang=jenjang, unit_id=unit.id,
                    memimpin_unit=False,
                )  # fmt: skip
            jabatan_id = jabatan_ids[key]
            pppk = rng.random() < 0.16
            golongan = self.rows.pick(gol_pppk if pppk else gol_pns)
            self.person(unit, jabatan_id, name, JenisJabatan(jenis), JenjangJabatan(jenjang),
                        golongan, pppk=pppk, degree=degree, penilai=unit.head)  # fmt: skip

    def person(
        self,
        unit: Unit,
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
        rng = self.rows.rng
        head = degree == "head"
        male = rng.random() < (0.68 if head else 0.5)
        nama = self.name(male)
        depan, belakang = self.titles(degree, jenjang, unit.opd_code)
        born, nip = self.number(golongan, male, pppk, degree)
        index = len(self.people)
        pegawai_id = self.rows.uid()
        full = f"{depan} {nama}".strip() if depan else nama
        full = f"{full}, {belakang}" if belakang else full
        self.rows.add(
            "pegawai", id=pegawai_id, nip=nip,
            jenis_asn=(JenisAsn.PPPK if pppk else JenisAsn.PNS).value, nama=nama,
            gelar_depan=depan, gelar_belakang=belakang, tanggal_lahir=self.rows.store.date(born),
            jenis_kelamin=(JenisKelamin.LAKI_LAKI if male else JenisKelamin.PEREMPUAN).value,
            golongan=golongan, jabatan_id=jabatan_id, unit_id=unit.id,
            penilai_id=self.people[penilai].id if penilai is not None else None,
            email=self.email(nama), telepon=f"08{self.rows.pick('15')}{rng.randrange(10**9):09d}",
            aktif=True,
        )  # fmt: skip
        self.pppk += pppk
        self.people.append(
            Person(
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
        rng = self.rows.rng
        _w, males, females, second, chance = rng.choices(D.NAME_GROUPS, cum_weights=_NAME_CUM)[0]
        given = males if male else females
        first = self.rows.pick(given)
        parts = [first]
        if second is None or rng.random() < 0.35:
            other = self.rows.pick(given)
            if other != first:
                parts.append(other)
        if second is not None and rng.random() < chance:
            parts.append(self.rows.pick(second))
        return " ".join(parts)

    def titles(self, degree: str, jenjang: JenjangJabatan, opd_code: str) -> tuple[str, str]:
        rng = self.rows.rng
        if degree == "head":
            s1 = self.rows.pick(D.GELAR_S1)
            depan = ""
            if jenjang is not JenjangJabatan.PENGAWAS and rng.random() < 0.08:
                depan, s1 = "Ir.", ""
            if jenjang is JenjangJabatan.JPT_PRATAMA and rng.random() < 0.12:
                depan = "Dr."
            s2 = self.rows.pick(D.GELAR_S2)
            if jenjang is JenjangJabatan.PENGAWAS and rng.random() < 0.6:
                return depan, s1
            return depan, ", ".join(t for t in (s1, s2) if t)
        if degree == "s1":
            s1 = self.rows.pick(D.GELAR_S1)
            return "", f"{s1}, {self.rows.pick(D.GELAR_S2)}" if rng.random() < 0.1 else s1
        if degree == "s2":
            return "", f"{self.rows.pick(D.GELAR_S1)}, {self.rows.pick(D.GELAR_S2)}"
        if degree == "d3":
            return "", self.rows.pick(D.GELAR_D3)
        if degree == "d3k":
            return "", "A.Md.Kep."
        if degree == "d3b":
            return "", "A.Md.Keb."
        if degree == "s1k":
            return "", self.rows.pick(D.GELAR_S1K)
        if degree == "dr":
            return "dr.", "M.Kes." if rng.random() < 0.3 else ""
        return "", ""

    def number(self, golongan: str, male: bool, pppk: bool, degree: str) -> tuple[dt.date, str]:
        """A birth date and a valid, unique NIP (PNS) or NI PPPK for it."""
        if pppk:
            age = self.rows.between(24, 50)
            born = dt.date(
                self.rows.ref_year - age, self.rows.between(1, 12), self.rows.between(1, 28)
            )
            appointed = self.rows.between(
                max(2019, born.year + 20), max(2019, min(self.rows.ref_year, 2025))
            )
            prefix = f"{born:%Y%m%d}{appointed}21{1 if male else 2}"
        else:
            service = _SERVICE.get(golongan, 0)
            entry = 19 if golongan.startswith("II/") else (25 if degree == "dr" else 22)
            age = self.rows.between(entry + service + 1, max(entry + service + 1, 57))
            born = dt.date(
                self.rows.ref_year - age, self.rows.between(1, 12), self.rows.between(1, 28)
            )
            latest = min(35, age - service)
            tmt_year = born.year + self.rows.between(entry, max(entry, latest))
            tmt_month = self.rows.pick((1, 1, 2, 3, 3, 4, 12))
            if tmt_year >= self.rows.ref_year:
                tmt_year, tmt_month = self.rows.ref_year - 1, 12
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


def _opd_head_title(nama: str, code: str) -> str:
    if code == "INSPEKTORAT":
        return "Inspektur"
    if code == "SETWAN":
        return "Sekretaris DPRD"
    if code == "RSUD":
        return "Direktur Rumah Sakit Umum Daerah"
    return f"Kepala {nama}"


def _positions_by_opd(
    units: list[Unit],
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


def _without_repeats(kinds: list[str], topic: str) -> list[str]:
    """``kinds`` with any word already in ``topic`` swapped for an unused kind, so that no
    unit is called "Seksi Pembinaan Pembinaan …" (no random draw: the data stays the same)."""
    spare = [k for k in D.SEKSI_KIND if k not in kinds and k.lower() not in topic.lower()]
    return [k if k.lower() not in topic.lower() else spare.pop(0) for k in kinds]
