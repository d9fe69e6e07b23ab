"""Coaching and performance dialogue: sessions, agenda, notes (shared or private), agreed
actions, the B.1.8 and B.1.9 forms, and development plans.

A private note (``CatatanSesi.privat``) belongs to its author alone: it never leaves this
install (``__sync_exclude__``), never reaches a form, and no other user can read it.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import JenisCatatan, JenisSesi, StatusAksi, StatusSesi


class SesiCoaching(Synced, Base):
    """A coaching or dialogue session between a coach and a pegawai."""

    __tablename__ = "sesi_coaching"

    jenis: Mapped[JenisSesi] = mapped_column(enum_column(JenisSesi))
    tanggal: Mapped[dt.date]
    waktu: Mapped[str] = mapped_column(String(5), default="")
    tempat: Mapped[str] = mapped_column(String(200), default="")
    coach_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    hadir_lain: Mapped[str] = mapped_column(Text, default="")
    skp_id: Mapped[str | None] = mapped_column(ForeignKey("skp.id"), default=None)
    rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), default=None)
    nilai_id: Mapped[str | None] = mapped_column(ForeignKey("perilaku_nilai.id"), default=None)
    status: Mapped[StatusSesi] = mapped_column(
        enum_column(StatusSesi), default=StatusSesi.DIJADWALKAN
    )
    ringkasan: Mapped[str] = mapped_column(Text, default="")
    b18_diserahkan_kepada_id: Mapped[str | None] = mapped_column(
        ForeignKey("pegawai.id"), default=None
    )
    """Format B.1.8 is handed to the atasan of the pimpinan: who received the filled form."""
    b18_diserahkan_tanggal: Mapped[dt.date | None] = mapped_column(default=None)

    __table_args__ = (
        Index("ix_sesi_pegawai_tanggal", "pegawai_id", "tanggal"),
        Index("ix_sesi_coach_tanggal", "coach_id", "tanggal"),
    )


class AgendaSesi(Synced, Base):
    """A talking point either side adds before the meeting."""

    __tablename__ = "agenda_sesi"

    sesi_id: Mapped[str] = mapped_column(ForeignKey("sesi_coaching.id"))
    penulis_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    teks: Mapped[str] = mapped_column(Text)
    dibahas: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_agenda_sesi", "sesi_id"),)


class CatatanSesi(Synced, Base):
    """A note during a session, or a reflection answer (``prompt`` names the question)."""

    __tablename__ = "catatan_sesi"
    __sync_exclude__: ClassVar[str] = "privat"

    sesi_id: Mapped[str] = mapped_column(ForeignKey("sesi_coaching.id"))
    penulis_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    jenis: Mapped[JenisCatatan] = mapped_column(enum_column(JenisCatatan))
    prompt: Mapped[str] = mapped_column(String(40), default="")
    teks: Mapped[str] = mapped_column(Text)
    privat: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_catatan_sesi", "sesi_id"),)


class AksiDisepakati(Synced, Base):
    """An agreed action: who does what by when, its status and the next follow-up."""

    __tablename__ = "aksi_disepakati"

    sesi_id: Mapped[str] = mapped_column(ForeignKey("sesi_coaching.id"))
    pelaksana_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    teks: Mapped[str] = mapped_column(Text)
    tenggat: Mapped[dt.date | None] = mapped_column(default=None)
    status: Mapped[StatusAksi] = mapped_column(enum_column(StatusAksi), default=StatusAksi.OPEN)
    komentar_status: Mapped[str] = mapped_column(Text, default="")
    tindak_lanjut: Mapped[dt.date | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_aksi_sesi", "sesi_id"),)


class UmpanBalikBimbingan(Synced, Base):
    """Format B.1.8: the pegawai's answer to one statement about a bimbingan session."""

    __tablename__ = "umpan_balik_bimbingan"

    sesi_id: Mapped[str] = mapped_column(ForeignKey("sesi_coaching.id"))
    nomor: Mapped[int] = mapped_column(Integer)
    jawaban: Mapped[bool | None] = mapped_column(Boolean, default=None)
    keterangan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_b18_sesi", "sesi_id"),)


class EvaluasiKompetensi(Synced, Base):
    """Format B.1.9: a competency with a score from 1 to 5 and the reason."""

    __tablename__ = "evaluasi_kompetensi"

    sesi_id: Mapped[str] = mapped_column(ForeignKey("sesi_coaching.id"))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    kompetensi: Mapped[str] = mapped_column(String(300))
    skor: Mapped[int] = mapped_column(Integer)
    alasan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_b19_sesi", "sesi_id"),)


class RencanaPengembangan(Synced, Base):
    """A pegawai's competency development plan for a year."""

    __tablename__ = "rencana_pengembangan"

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    tahun: Mapped[int] = mapped_column(Integer)
    catatan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_rencana_pengembangan_pegawai", "pegawai_id", "tahun"),)


class KebutuhanPengembangan(Synced, Base):
    """A competency development need, from coaching or from a B.1.9 evaluation."""

    __tablename__ = "kebutuhan_pengembangan"

    rencana_id: Mapped[str] = mapped_column(ForeignKey("rencana_pengembangan.id"))
    kompetensi: Mapped[str] = mapped_column(String(300))
    sumber_sesi_id: Mapped[str | None] = mapped_column(ForeignKey("sesi_coaching.id"), default=None)
    keterangan: Mapped[str] = mapped_column(Text, default="")


class KegiatanPengembangan(Synced, Base):
    """A planned development activity with its learning hours (jam pelajaran)."""

    __tablename__ = "kegiatan_pengembangan"

    rencana_id: Mapped[str] = mapped_column(ForeignKey("rencana_pengembangan.id"))
    nama: Mapped[str] = mapped_column(String(300))
    jenis: Mapped[str] = mapped_column(String(100), default="")
    jp_rencana: Mapped[float] = mapped_column(Numeric(6, 1, asdecimal=False), default=0)
    jp_realisasi: Mapped[float] = mapped_column(Numeric(6, 1, asdecimal=False), default=0)
    tanggal: Mapped[dt.date | None] = mapped_column(default=None)
    selesai: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_kegiatan_rencana", "rencana_id"),)
