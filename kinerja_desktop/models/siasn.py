"""The hand-over to SIASN / e-Kinerja: which evaluation left in which export, and the past
years' results read back from SIASN. Both stay on this install (the operator's record)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Local, new_id, utcnow


class SerahSiasn(Local, Base):
    """One evaluation handed over in one export: when, in which folder, at which version.

    ``versi`` is the evaluation's record version at export; a later change (an amendment)
    raises it, which marks the evaluation "changed since handed over".
    """

    __tablename__ = "serah_siasn"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    export_id: Mapped[str] = mapped_column(String(36))
    evaluasi_id: Mapped[str] = mapped_column(ForeignKey("evaluasi.id"))
    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    periode: Mapped[str] = mapped_column(String(12))
    versi: Mapped[int] = mapped_column(Integer)
    folder: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_serah_siasn_evaluasi", "evaluasi_id"),
        Index("ix_serah_siasn_export", "export_id"),
    )


class RiwayatSiasn(Local, Base):
    """A past result read back from SIASN (rw-skp22 / rw-kinerjaperiodik) for one person."""

    __tablename__ = "riwayat_siasn"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pegawai_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    tahun: Mapped[int] = mapped_column(Integer)
    periode: Mapped[str] = mapped_column(String(12))
    predikat: Mapped[str] = mapped_column(String(32), default="")
    angka_kredit: Mapped[str] = mapped_column(String(16), default="")
    sumber: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_riwayat_siasn_pegawai", "pegawai_id", "periode"),)
