"""The monthly Laporan Kinerja Harian (LKH) of a pegawai as a PDF form: loaded here, rendered
by the form engine (``forms.lkh``) and written through the printing service (A4 or F4, a
temporary name first, the verification code in the footer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError
from kinerja_desktop.forms.data import Identitas
from kinerja_desktop.forms.lkh import LkhData, LkhRow
from kinerja_desktop.i18n import _
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import pangkat_label
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.calendar import calendar_in
from kinerja_desktop.services.harian.entries import entry_rows, month_bounds, records_between
from kinerja_desktop.services.printing import service as printing


def _identity(session: Session, pegawai_id: str | None) -> Identitas:
    if pegawai_id is None:
        return Identitas()
    row = session.execute(
        select(Pegawai, Jabatan.nama, UnitKerja.nama)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .where(Pegawai.id == pegawai_id)
    ).first()
    if row is None:
        return Identitas()
    person, jabatan, unit = row
    return Identitas(
        nama=person.nama_lengkap,
        nip=person.nip,
        pangkat=pangkat_label(person.golongan) if person.golongan else "",
        jabatan=jabatan or "",
        unit_kerja=unit or "",
    )


def lkh_data(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    tahun: int,
    bulan: int,
    tanggal: dt.date | None = None,
) -> LkhData:
    """The LKH of ``pegawai_id`` for a month (``tanggal``: the signing date, default today)."""
    first, last = month_bounds(tahun, bulan)
    with db.read(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        access.require_read_performance(session, actor, pegawai_id)
        records = records_between(session, pegawai_id, first, last)
        rows = entry_rows(session, records)
        cal = calendar_in(session, [pegawai_id], first, last)
        working = cal.working_days(first, last, pegawai_id)
        filled = {r.tanggal for r in rows}
        version = session.execute(
            select(func.coalesce(func.max(ProgresHarian.change_seq), 0)).where(
                ProgresHarian.pegawai_id == pegawai_id,
                ProgresHarian.tanggal.between(first, last),
            )
        ).scalar_one()
        instansi = session.execute(
            select(Instansi.nama, Instansi.kota).where(Instansi.deleted.is_(False)).limit(1)
        ).first()
        return LkhData(
            record_id=pegawai_id,
            version=int(version),
            periode=f"{tahun}-B{bulan:02d}",
            instansi=instansi[0] if instansi else "",
            tahun=tahun,
            bulan=bulan,
            pegawai=_identity(session, pegawai_id),
            penilai=_identity(session, person.penilai_id),
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


def print_lkh(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    tahun: int,
    bulan: int,
    out: Path,
    language: str = "id",
    paper: str | None = None,
    tanggal: dt.date | None = None,
) -> printing.PrintResult:
    """Write the month's LKH of ``pegawai_id`` to ``out`` (paper: the office's by default)."""
    data = lkh_data(
        db, actor=actor, pegawai_id=pegawai_id, tahun=tahun, bulan=bulan, tanggal=tanggal
    )
    chosen = paper or printing.paper_size(db, actor=actor)
    return printing.render_forms([data], out, language=language, paper=chosen)
