"""Evaluations (periodic and annual), their amendments, and the organisation's capaian."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import (
    CapaianOrganisasi,
    EvaluasiStatus,
    Predikat,
    Rating,
    StatusKeberatan,
)


class Evaluasi(Synced, Base):
    """The pejabat penilai's evaluation of one SKP for one period (or the year)."""

    __tablename__ = "evaluasi"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    periode: Mapped[str] = mapped_column(String(12))
    penilai_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    rating_hasil: Mapped[Rating | None] = mapped_column(enum_column(Rating), default=None)
    rating_perilaku: Mapped[Rating | None] = mapped_column(enum_column(Rating), default=None)
    predikat: Mapped[Predikat | None] = mapped_column(enum_column(Predikat), default=None)
    catatan: Mapped[str] = mapped_column(Text, default="")
    rekomendasi: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[EvaluasiStatus] = mapped_column(
        enum_column(EvaluasiStatus), default=EvaluasiStatus.DRAFT
    )
    final_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    __table_args__ = (UniqueConstraint("skp_id", "periode"),)


class AmandemenEvaluasi(Synced, Base):
    """A change to a finished evaluation: who, why, and the values before and after.

    ``oleh_id`` is the pegawai who amended it (``created_by`` is a local account id, which
    does not travel between installs).
    """

    __tablename__ = "amandemen_evaluasi"

    evaluasi_id: Mapped[str] = mapped_column(ForeignKey("evaluasi.id"))
    oleh_id: Mapped[str | None] = mapped_column(ForeignKey("pegawai.id"), default=None)
    alasan: Mapped[str] = mapped_column(Text)
    sebelum: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sesudah: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (Index("ix_amandemen_evaluasi", "evaluasi_id"),)


class KeberatanEvaluasi(Synced, Base):
    """A pegawai's objection (keberatan) to a final evaluation, filed within 14 days with the
    atasan pejabat penilai, and that official's decision, which is final (PP 30/2019 Pasal
    59). ``sebelum``/``sesudah`` keep the result before and after the decision."""

    __tablename__ = "keberatan_evaluasi"

    evaluasi_id: Mapped[str] = mapped_column(ForeignKey("evaluasi.id"))
    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    atasan_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    tanggal: Mapped[dt.date]
    alasan: Mapped[str] = mapped_column(Text)
    bukti: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[StatusKeberatan] = mapped_column(
        enum_column(StatusKeberatan), default=StatusKeberatan.DIAJUKAN
    )
    keputusan_tanggal: Mapped[dt.date | None] = mapped_column(default=None)
    keputusan_alasan: Mapped[str] = mapped_column(Text, default="")
    sebelum: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sesudah: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        Index("ix_keberatan_evaluasi", "evaluasi_id"),
        Index("ix_keberatan_atasan", "atasan_id"),
    )


class CapaianKinerjaOrganisasi(Synced, Base):
    """A unit's capaian kinerja organisasi for a period, set by the leader one level up."""

    __tablename__ = "capaian_organisasi"

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit_kerja.id"))
    periode: Mapped[str] = mapped_column(String(12))
    capaian: Mapped[CapaianOrganisasi] = mapped_column(enum_column(CapaianOrganisasi))
    catatan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("unit_id", "periode"),)
