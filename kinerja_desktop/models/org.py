"""Organisation: instansi, the unit kerja tree, jabatan and pegawai."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenisKelamin, JenjangJabatan


class Instansi(Synced, Base):
    __tablename__ = "instansi"

    kode: Mapped[str] = mapped_column(String(32), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    alamat: Mapped[str] = mapped_column(Text, default="")
    kota: Mapped[str] = mapped_column(String(100), default="")


class UnitKerja(Synced, Base):
    """A work unit; ``parent_id`` makes the tree (the root units have none)."""

    __tablename__ = "unit_kerja"

    instansi_id: Mapped[str] = mapped_column(ForeignKey("instansi.id"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("unit_kerja.id"), default=None)
    kode: Mapped[str] = mapped_column(String(32), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer, default=0)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[UnitKerja | None] = relationship(remote_side="UnitKerja.id")

    __table_args__ = (Index("ix_unit_kerja_parent", "parent_id"),)


class Jabatan(Synced, Base):
    """A position; ``memimpin_unit`` marks the head of ``unit_id``."""

    __tablename__ = "jabatan"

    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[JenisJabatan] = mapped_column(enum_column(JenisJabatan))
    jenjang: Mapped[JenjangJabatan] = mapped_column(enum_column(JenjangJabatan))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit_kerja.id"), default=None)
    memimpin_unit: Mapped[bool] = mapped_column(Boolean, default=False)


class Pegawai(Synced, Base):
    """An employee (PNS with NIP or PPPK with NI PPPK)."""

    __tablename__ = "pegawai"

    nip: Mapped[str] = mapped_column(String(18), unique=True)
    jenis_asn: Mapped[JenisAsn] = mapped_column(enum_column(JenisAsn))
    nama: Mapped[str] = mapped_column(String(200))
    gelar_depan: Mapped[str] = mapped_column(String(50), default="")
    gelar_belakang: Mapped[str] = mapped_column(String(50), default="")
    tanggal_lahir: Mapped[dt.date | None] = mapped_column(default=None)
    jenis_kelamin: Mapped[JenisKelamin | None] = mapped_column(
        enum_column(JenisKelamin), default=None
    )
    golongan: Mapped[str] = mapped_column(String(8), default="")
    tmt_jabatan: Mapped[dt.date | None] = mapped_column(default=None)
    jabatan_id: Mapped[str | None] = mapped_column(ForeignKey("jabatan.id"), default=None)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit_kerja.id"), default=None)
    penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    email: Mapped[str] = mapped_column(String(200), default="")
    telepon: Mapped[str] = mapped_column(String(50), default="")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    jabatan: Mapped[Jabatan | None] = relationship()
    unit: Mapped[UnitKerja | None] = relationship()
    penilai: Mapped[Pegawai | None] = relationship(remote_side="Pegawai.id")

    __table_args__ = (
        Index("ix_pegawai_unit", "unit_id"),
        Index("ix_pegawai_penilai", "penilai_id"),
        Index("ix_pegawai_nama", "nama"),
    )

    @property
    def nama_lengkap(self) -> str:
        """Name with academic titles, as printed on forms."""
        name = f"{self.gelar_depan} {self.nama}".strip() if self.gelar_depan else self.nama
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name


class PenilaiNonAsn(Synced, Base):
    """The pejabat penilai of ``pegawai_id`` when that official is not an ASN (a regional head
    or a minister for a JPT): recorded by name, position and unit only, no NIP or pangkat.
    SIASN calls this ``statusPenilai`` "NON ASN"."""

    __tablename__ = "penilai_non_asn"

    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    nama: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_penilai_non_asn_pegawai", "pegawai_id"),)
