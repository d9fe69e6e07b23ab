"""The loader of the monthly Laporan Kinerja Harian (LKH, form kind "H"): one pegawai's daily
entries of a month, their working days and both parties, as ``forms.lkh.LkhData``.

It lives in printing (not in services/harian, which prints through this area) so that
``verify`` can rebuild an LKH from its code without importing the area that imports it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.forms.data import Identitas
from kinerja_desktop.forms.lkh import LkhData, LkhRow
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.models.org import Instansi, Pegawai, PenilaiNonAsn
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.calendar import calendar_in
from kinerja_desktop.services.harian.entries import entry_rows, month_bounds, records_between
from kinerja_desktop.services.printing._load import load_identities


def lkh_form(
    session: Session, person: Pegawai, tahun: int, bulan: int, tanggal: dt.date | None = None
) -> LkhData:
    """The LKH of ``person`` for a month (``tanggal``: the signing date, default today; it is
    not part of the verification hash)."""
    first, last = month_bounds(tahun, bulan)
    rows = entry_rows(session, records_between(session, person.id, first, last))
    working = calendar_in(session, [person.id], first, last).working_days(first, last, person.id)
    filled = {r.tanggal for r in rows}
    version = session.execute(
        select(func.coalesce(func.max(ProgresHarian.change_seq), 0)).where(
            ProgresHarian.pegawai_id == person.id, ProgresHarian.tanggal.between(first, last)
        )
    ).scalar_one()
    instansi = session.execute(
        select(Instansi.nama, Instansi.kota).where(Instansi.deleted.is_(False)).limit(1)
    ).first()
    identities = load_identities(session, [person.id, person.penilai_id])
    empty = Identitas()
    penilai = identities.get(person.penilai_id, empty) if person.penilai_id else None
    return LkhData(
        record_id=person.id,
        version=int(version),
        periode=f"{tahun}-B{bulan:02d}",
        instansi=instansi[0] if instansi else "",
        tahun=tahun,
        bulan=bulan,
        pegawai=identities.get(person.id, empty),
        penilai=penilai or _non_asn_penilai(session, person.id) or empty,
        rows=tuple(
            LkhRow(
                tanggal=r.tanggal,
                mulai=r.jam_mulai,
                selesai=r.jam_selesai,
                kegiatan=r.kegiatan,
                rencana=r.rencana_aksi_teks or r.iki_teks,
                realisasi=r.realisasi,
                satuan=r.satuan,
                menit=r.menit,
            )
            for r in rows
        ),
        hari_kerja=len(working),
        hari_terisi=len(filled & set(working)),
        kota=instansi[1] if instansi else "",
        tanggal=tanggal or clock.today(),
    )


def _non_asn_penilai(session: Session, pegawai_id: str) -> Identitas | None:
    """Without an ASN penilai, the non-ASN one recorded for the pegawai (a regional head for
    a JPT), as the SKP and evaluation forms print it: name, position, unit; no NIP."""
    row = session.execute(
        select(PenilaiNonAsn)
        .where(PenilaiNonAsn.pegawai_id == pegawai_id, PenilaiNonAsn.deleted.is_(False))
        .order_by(PenilaiNonAsn.updated_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    return Identitas(nama=row.nama, jabatan=row.jabatan, unit_kerja=row.unit, non_asn=True)
