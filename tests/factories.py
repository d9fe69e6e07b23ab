"""A small office for tests: an instansi, a unit tree and five people with supervisors.

kepala (JPT Pratama, heads DINAS)
  └── kabid (Administrator, heads BID1)
        ├── staf (JF Ahli Pertama, BID1)
        └── staf2 (JA Pelaksana, BID1, PPPK)
admin (JA Pelaksana, SEKRE; the pengelola kinerja)
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenisKelamin, JenjangJabatan, Role
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core.nip import validate_nip


@dataclass(frozen=True)
class Person:
    id: str
    nip: str
    nama: str
    actor: Actor


@dataclass(frozen=True)
class Office:
    instansi_id: str
    unit_dinas: str
    unit_bidang: str
    unit_sekre: str
    kepala: Person
    kabid: Person
    staf: Person
    staf2: Person
    admin: Person


PEOPLE = [
    # key, nip, name, golongan, jenis_asn, jabatan, jenis, jenjang, unit, leads, penilai
    ("kepala", "197505202000121001", "Ir. Bambang Sutrisno", "IV/c", JenisAsn.PNS,
     "Kepala Dinas", JenisJabatan.JPT, JenjangJabatan.JPT_PRATAMA, "dinas", True, None),
    ("kabid", "198001012005011001", "Siti Rahmawati", "IV/a", JenisAsn.PNS,
     "Kepala Bidang Pelayanan", JenisJabatan.JA, JenjangJabatan.ADMINISTRATOR, "bidang", True,
     "kepala"),
    ("staf", "199003152015032002", "Dewi Lestari", "III/b", JenisAsn.PNS,
     "Analis Kebijakan Ahli Pertama", JenisJabatan.JF, JenjangJabatan.AHLI_PERTAMA, "bidang",
     False, "kabid"),
    ("staf2", "199105252023211031", "Agus Pratama", "IX", JenisAsn.PPPK,
     "Pengadministrasi Umum", JenisJabatan.JA, JenjangJabatan.PELAKSANA, "bidang", False, "kabid"),
    ("admin", "198807072012011003", "Rina Wulandari", "III/c", JenisAsn.PNS,
     "Pengelola Kinerja", JenisJabatan.JA, JenjangJabatan.PELAKSANA, "sekre", False, "kepala"),
]  # fmt: skip


def make_office(db: Database) -> Office:
    """Create the test office in ``db`` and return its ids and actors."""
    with db.unit_of_work(SYSTEM) as session:
        instansi = Instansi(kode="PEMKAB-CTH", nama="Pemerintah Kabupaten Contoh", kota="Contoh")
        session.add(instansi)
        session.flush()
        dinas = UnitKerja(instansi_id=instansi.id, kode="DINAS", nama="Dinas Kependudukan", level=0)
        session.add(dinas)
        session.flush()
        bidang = UnitKerja(instansi_id=instansi.id, parent_id=dinas.id, kode="BID1",
                           nama="Bidang Pelayanan", level=1)  # fmt: skip
        sekre = UnitKerja(instansi_id=instansi.id, parent_id=dinas.id, kode="SEKRE",
                          nama="Sekretariat", level=1)  # fmt: skip
        session.add_all([bidang, sekre])
        session.flush()
        units = {"dinas": dinas.id, "bidang": bidang.id, "sekre": sekre.id}
        made: dict[str, Pegawai] = {}
        for key, nip, nama, gol, jenis_asn, jab, jenis, jenjang, unit, leads, penilai in PEOPLE:
            jabatan = Jabatan(nama=jab, jenis=jenis, jenjang=jenjang, unit_id=units[unit],
                              memimpin_unit=leads)  # fmt: skip
            session.add(jabatan)
            session.flush()
            info = validate_nip(nip, jenis_asn)
            person = Pegawai(
                nip=nip, jenis_asn=jenis_asn, nama=nama, golongan=gol, jabatan_id=jabatan.id,
                unit_id=units[unit], penilai_id=made[penilai].id if penilai else None,
                tanggal_lahir=info.tanggal_lahir,
                jenis_kelamin=info.jenis_kelamin or JenisKelamin.LAKI_LAKI,
            )  # fmt: skip
            session.add(person)
            session.flush()
            made[key] = person

    def person(key: str, *roles: Role) -> Person:
        p = made[key]
        actor = Actor(user_id=f"user-{key}", pegawai_id=p.id, name=p.nama,
                      roles=frozenset({Role.PEGAWAI, *roles}))  # fmt: skip
        return Person(p.id, p.nip, p.nama, actor)

    return Office(
        instansi_id=instansi.id,
        unit_dinas=dinas.id,
        unit_bidang=bidang.id,
        unit_sekre=sekre.id,
        kepala=person("kepala"),
        kabid=person("kabid"),
        staf=person("staf"),
        staf2=person("staf2"),
        admin=person("admin", Role.PENGELOLA),
    )


def headcount(db: Database) -> int:
    """Everyone in the database, active or not (read through the people service)."""
    from kinerja_desktop.services.people import directory

    return len(directory.list_people(db, actor=SYSTEM, include_inactive=True))


def page_bytes(data: bytes) -> int:
    """The page size of a database file's bytes: from the header of a plain file, the
    program's own for an encrypted one (whose first bytes are a salt)."""
    from kinerja_desktop.db import cipher

    if not data.startswith(b"SQLite format 3\x00"):
        return cipher.PAGE_BYTES
    return cipher.header_page_size(data)
