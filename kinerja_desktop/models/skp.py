"""SKP (Sasaran Kinerja Pegawai): the plan, its RHK and IKI, perilaku and lampiran."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    SkpStatus,
)


class Skp(Synced, Base):
    """One employee's performance plan for a period (a year, or part of one).

    The ``*_snapshot`` columns freeze both parties' identity (name, NIP, pangkat, jabatan,
    unit) when the SKP is approved, so a later transfer does not change a signed SKP.
    """

    __tablename__ = "skp"

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    tahun: Mapped[int] = mapped_column(Integer)
    periode_mulai: Mapped[dt.date]
    periode_selesai: Mapped[dt.date]
    pendekatan: Mapped[Pendekatan] = mapped_column(enum_column(Pendekatan))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(enum_column(JenisJabatan))
    status: Mapped[SkpStatus] = mapped_column(enum_column(SkpStatus), default=SkpStatus.DRAFT)
    alasan_dikembalikan: Mapped[str] = mapped_column(Text, default="")
    revisi: Mapped[int] = mapped_column(Integer, default=0)
    disalin_dari_id: Mapped[str | None] = mapped_column(ForeignKey("skp.id"), default=None)
    diajukan_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    disetujui_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    pegawai_snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    penilai_snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    atasan_penilai_snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)

    rhk: Mapped[list[Rhk]] = relationship(back_populates="skp", order_by="Rhk.urutan")

    __table_args__ = (
        Index("ix_skp_pegawai_tahun", "pegawai_id", "tahun"),
        Index("ix_skp_penilai_status", "penilai_id", "status"),
    )


class SkpEvent(Synced, Base):
    """A step in an SKP's workflow or revision history: who, when, what and why."""

    __tablename__ = "skp_event"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    actor_pegawai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    jenis: Mapped[str] = mapped_column(String(32))
    dari_status: Mapped[str] = mapped_column(String(32), default="")
    ke_status: Mapped[str] = mapped_column(String(32), default="")
    alasan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_skp_event_skp", "skp_id"),)


class Rhk(Synced, Base):
    """Rencana Hasil Kerja: a planned work result, utama or tambahan."""

    __tablename__ = "rhk"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    jenis: Mapped[JenisRhk] = mapped_column(enum_column(JenisRhk), default=JenisRhk.UTAMA)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    teks: Mapped[str] = mapped_column(Text)
    intervensi_rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), default=None)
    klasifikasi: Mapped[KlasifikasiRhk | None] = mapped_column(
        enum_column(KlasifikasiRhk), default=None
    )
    penugasan_dari: Mapped[str] = mapped_column(String(300), default="")
    sumber_rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), default=None)

    skp: Mapped[Skp] = relationship(back_populates="rhk")
    iki: Mapped[list[Iki]] = relationship(back_populates="rhk", order_by="Iki.urutan")

    __table_args__ = (
        Index("ix_rhk_skp", "skp_id"),
        Index("ix_rhk_intervensi", "intervensi_rhk_id"),
    )


class Iki(Synced, Base):
    """Indikator Kinerja Individu with its target.

    Kuantitatif: ``target_min``..``target_max`` (equal for a single number) with ``satuan``.
    Kualitatif: ``target_teks`` holds the quality statement.
    """

    __tablename__ = "iki"

    rhk_id: Mapped[str] = mapped_column(ForeignKey("rhk.id"))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    teks: Mapped[str] = mapped_column(Text)
    aspek: Mapped[Aspek | None] = mapped_column(enum_column(Aspek), default=None)
    perspektif: Mapped[Perspektif | None] = mapped_column(enum_column(Perspektif), default=None)
    target_min: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), default=None)
    target_max: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), default=None)
    satuan: Mapped[str] = mapped_column(String(100), default="")
    target_teks: Mapped[str] = mapped_column(Text, default="")

    rhk: Mapped[Rhk] = relationship(back_populates="iki")

    __table_args__ = (Index("ix_iki_rhk", "rhk_id"),)


class PerilakuNilai(Base):
    """One BerAKHLAK core value; reference data seeded by the first migration."""

    __tablename__ = "perilaku_nilai"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    urutan: Mapped[int] = mapped_column(Integer)
    nama: Mapped[str] = mapped_column(String(100))

    panduan: Mapped[list[PerilakuPanduan]] = relationship(order_by="PerilakuPanduan.urutan")


class PerilakuPanduan(Base):
    """One of the three standard behaviours (panduan perilaku) of a core value."""

    __tablename__ = "perilaku_panduan"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    nilai_id: Mapped[str] = mapped_column(ForeignKey("perilaku_nilai.id"))
    urutan: Mapped[int] = mapped_column(Integer)
    teks: Mapped[str] = mapped_column(Text)


class EkspektasiKhusus(Synced, Base):
    """The supervisor's specific expectation (ekspektasi khusus pimpinan) per SKP and value."""

    __tablename__ = "ekspektasi_khusus"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    nilai_id: Mapped[str] = mapped_column(ForeignKey("perilaku_nilai.id"))
    teks: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_ekspektasi_skp", "skp_id"),)


class LampiranItem(Synced, Base):
    """One line of an SKP's lampiran (resources, accountability scheme, consequences)."""

    __tablename__ = "lampiran_item"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    jenis: Mapped[JenisLampiran] = mapped_column(enum_column(JenisLampiran))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    teks: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_lampiran_skp", "skp_id"),)
