"""Monitoring through the year: rhythm, rencana aksi, realisasi, bukti dukung, penilaian diri
and umpan balik berkelanjutan.

Periods are identified by a code: ``2026`` (the year, annual), ``2026-S1``/``2026-S2``,
``2026-TW1``..``2026-TW4``, ``2026-B01``..``2026-B12`` (see ``services.periods``).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja_desktop.models.base import Base, Synced, enum_column
from kinerja_desktop.models.enums import JenisBukti, Rating, Ritme


class RitmePeriode(Synced, Base):
    """The office's periodic evaluation rhythm for one year."""

    __tablename__ = "ritme_periode"

    tahun: Mapped[int] = mapped_column(Integer, unique=True)
    ritme: Mapped[Ritme] = mapped_column(enum_column(Ritme))


class RencanaAksi(Synced, Base):
    """What will be done for an RHK in a period (by the pegawai, or the unit leader)."""

    __tablename__ = "rencana_aksi"

    rhk_id: Mapped[str] = mapped_column(ForeignKey("rhk.id"))
    periode: Mapped[str] = mapped_column(String(12))
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    teks: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_rencana_aksi_rhk_periode", "rhk_id", "periode"),)


class Realisasi(Synced, Base):
    """What was achieved on an IKI in a period: a number (kuantitatif) or a statement."""

    __tablename__ = "realisasi"

    iki_id: Mapped[str] = mapped_column(ForeignKey("iki.id"))
    periode: Mapped[str] = mapped_column(String(12))
    nilai: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), default=None)
    teks: Mapped[str] = mapped_column(Text, default="")
    sumber_data: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_realisasi_iki_periode", "iki_id", "periode"),)


class Lampiran(Synced, Base):
    """A stored attachment file, named by the SHA-256 of its content (stored once)."""

    __tablename__ = "berkas"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    ukuran: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))


class BuktiDukung(Synced, Base):
    """Evidence for a realisasi: a stored file (by hash) or a link."""

    __tablename__ = "bukti_dukung"

    realisasi_id: Mapped[str] = mapped_column(ForeignKey("realisasi.id"))
    jenis: Mapped[JenisBukti] = mapped_column(enum_column(JenisBukti))
    nama: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    url: Mapped[str] = mapped_column(Text, default="")
    keterangan: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_bukti_realisasi", "realisasi_id"),)


class PenilaianDiri(Synced, Base):
    """The pegawai's own reading of an RHK or a behaviour value in a period."""

    __tablename__ = "penilaian_diri"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    periode: Mapped[str] = mapped_column(String(12))
    rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), default=None)
    nilai_id: Mapped[str | None] = mapped_column(ForeignKey("perilaku_nilai.id"), default=None)
    rating: Mapped[Rating | None] = mapped_column(enum_column(Rating), default=None)
    teks: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_penilaian_diri_skp_periode", "skp_id", "periode"),)


class FrasaUmpanBalik(Synced, Base):
    """A standard feedback phrase from the master list the administrator keeps."""

    __tablename__ = "frasa_umpan_balik"

    teks: Mapped[str] = mapped_column(Text)
    untuk_perilaku: Mapped[bool] = mapped_column(default=False)
    urutan: Mapped[int] = mapped_column(Integer, default=0)
    aktif: Mapped[bool] = mapped_column(default=True)


class UmpanBalik(Synced, Base):
    """Continuous feedback on an RHK/IKI or a behaviour value in a period, or a reply to one.

    ``penulis_id`` is the author (the pejabat penilai, or the pegawai for a reply);
    ``balasan_untuk_id`` links a reply to the item it answers. Feedback on a daily entry
    carries its ``progres_id`` (and the entry's IKI and RHK when it has one).
    """

    __tablename__ = "umpan_balik"

    skp_id: Mapped[str] = mapped_column(ForeignKey("skp.id"))
    periode: Mapped[str] = mapped_column(String(12))
    rhk_id: Mapped[str | None] = mapped_column(ForeignKey("rhk.id"), default=None)
    iki_id: Mapped[str | None] = mapped_column(ForeignKey("iki.id"), default=None)
    nilai_id: Mapped[str | None] = mapped_column(ForeignKey("perilaku_nilai.id"), default=None)
    frasa_id: Mapped[str | None] = mapped_column(ForeignKey("frasa_umpan_balik.id"), default=None)
    penulis_id: Mapped[str] = mapped_column(ForeignKey("pegawai.id"))
    balasan_untuk_id: Mapped[str | None] = mapped_column(ForeignKey("umpan_balik.id"), default=None)
    teks: Mapped[str] = mapped_column(Text, default="")
    progres_id: Mapped[str | None] = mapped_column(ForeignKey("progres_harian.id"), default=None)
    """The daily entry this feedback is about (a reply on the daily log), else None."""

    __table_args__ = (
        Index("ix_umpan_balik_skp_periode", "skp_id", "periode"),
        Index("ix_umpan_balik_progres", "progres_id"),
    )
