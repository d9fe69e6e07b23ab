"""The monthly Laporan Kinerja Harian (LKH) of a pegawai as a PDF form: loaded by the printing
service (``printing.lkh_data``, so that a printed LKH's code can be verified there), rendered
by the form engine (``forms.lkh``) and written through the printing service (A4 or F4, a
temporary name first, the verification code in the footer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.forms.lkh import LkhData
from kinerja_desktop.services.printing import service as printing


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
    return printing.lkh_data(
        db, actor=actor, pegawai_id=pegawai_id, tahun=tahun, bulan=bulan, tanggal=tanggal
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
