"""Progres Harian: the daily work log of a pegawai, its evidence and the pegawai's leave
days. Replies on an entry are feedback records of the monitoring thread (``UmpanBalik``
with ``progres_id``).

Times are minutes after midnight (``mulai``/``selesai``), so ordering and overlaps are plain
integer comparisons and the bundle format needs no time type. ``dicatat`` is the local day the
entry was first written; with the office's lateness setting it tells a late entry.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import JenisBukti


class StatusHarian(StrEnum):
    DRAFT = "draft"
    DIAJUKAN = "diajukan"
    DITERIMA = "diterima"


class ProgresHarian(Synced, Base):
    """One activity of one day: when, what, for which IKI, how much, from which source."""

    __tablename__ = "progres_harian"

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[dt.date]
    mulai: Mapped[int] = mapped_column(Integer)
    selesai: Mapped[int] = mapped_column(Integer)
    kegiatan: Mapped[str] = mapped_column(Text)
    iki_id: Mapped[str | None] = mapped_column(ForeignKey("iki.id"), default=None)
    rencana_aksi_id: Mapped[str | None] = mapped_column(ForeignKey("rencana_aksi.id"), default=None)
    realisasi: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), default=None)
    satuan: Mapped[str] = mapped_column(String(100), default="")
    sumber_data: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[StatusHarian] = mapped_column(
        enum_column(StatusHarian), default=StatusHarian.DRAFT
    )
    dicatat: Mapped[dt.date]
    diterima_oleh: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)

    __table_args__ = (Index("ix_progres_harian_pegawai_tanggal", "pegawai_id", "tanggal"),)


class BuktiHarian(Synced, Base):
    """Evidence of a daily entry: a stored file (by hash, the shared store) or a link."""

    __tablename__ = "bukti_harian"

    progres_id: Mapped[str] = mapped_column(ForeignKey("progres_harian.id"))
    jenis: Mapped[JenisBukti] = mapped_column(enum_column(JenisBukti))
    nama: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    url: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_bukti_harian_progres", "progres_id"),)


class CutiPegawai(Synced, Base):
    """A day a pegawai is on leave (not a working day for them)."""

    __tablename__ = "cuti_pegawai"

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[dt.date]
    keterangan: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_cuti_pegawai_pegawai_tanggal", "pegawai_id", "tanggal"),)
