"""Approved SKPs made directly with the models, for the monitoring and evaluation tests.

The SKP planning service is another area's; these tests only need an approved plan with
RHK and IKI, so they build one here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Aspek, JenisJabatan, JenisRhk, Pendekatan, SkpStatus
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from tests.factories import Person


@dataclass(frozen=True)
class SkpIds:
    skp_id: str
    rhk_ids: list[str]
    iki_ids: list[str]


def make_skp(
    db: Database,
    person: Person,
    penilai: Person | None,
    *,
    tahun: int = 2026,
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
    rhk_count: int = 2,
    iki_per_rhk: int = 2,
    jenis_jabatan: JenisJabatan = JenisJabatan.JA,
    status: SkpStatus = SkpStatus.DISETUJUI,
) -> SkpIds:
    """An SKP for ``person`` over the whole year, with RHK and IKI, approved by default."""
    with db.unit_of_work(SYSTEM) as session:
        skp = Skp(
            pegawai_id=person.id,
            penilai_id=penilai.id if penilai else None,
            tahun=tahun,
            periode_mulai=dt.date(tahun, 1, 1),
            periode_selesai=dt.date(tahun, 12, 31),
            pendekatan=pendekatan,
            jenis_jabatan=jenis_jabatan,
            status=status,
        )
        session.add(skp)
        session.flush()
        rhk_ids: list[str] = []
        iki_ids: list[str] = []
        for r in range(rhk_count):
            rhk = Rhk(skp_id=skp.id, jenis=JenisRhk.UTAMA, urutan=r + 1,
                      teks=f"Terlaksananya layanan administrasi kependudukan {r + 1}")  # fmt: skip
            session.add(rhk)
            session.flush()
            rhk_ids.append(rhk.id)
            for i in range(iki_per_rhk):
                if pendekatan is Pendekatan.KUANTITATIF:
                    iki = Iki(rhk_id=rhk.id, urutan=i + 1, teks=f"Jumlah dokumen diproses {i + 1}",
                              aspek=Aspek.KUANTITAS, target_min=100, target_max=100,
                              satuan="dokumen")  # fmt: skip
                else:
                    iki = Iki(rhk_id=rhk.id, urutan=i + 1, teks=f"Kualitas layanan {i + 1}",
                              aspek=Aspek.KUALITAS,
                              target_teks="Layanan tepat waktu tanpa keluhan")  # fmt: skip
                session.add(iki)
                session.flush()
                iki_ids.append(iki.id)
        return SkpIds(skp.id, rhk_ids, iki_ids)
