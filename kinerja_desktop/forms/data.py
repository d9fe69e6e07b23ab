"""Plain data that the printed forms are rendered from.

The printing service loads these from the database; the renderers in this package only read
them (no sessions, no Qt). Every form's data says which record it was printed from
(``record_id``) and that record's ``version``; the content hash over the rest of the data
(see ``forms.verification``) lets a signed paper be matched to the data later. Fields marked
``NOT_HASHED`` (the signature date, the unit's distribution shown for context) are printed
but are not part of that hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    JenisSesi,
    Pendekatan,
    Perspektif,
    Predikat,
    Rating,
    StatusAksi,
)

NOT_HASHED = {"hash": False}


@dataclass(frozen=True)
class Identitas:
    """One party of a form as printed: name with titles, NIP, rank, position, unit."""

    nama: str = ""
    nip: str = ""
    pangkat: str = ""
    jabatan: str = ""
    unit_kerja: str = ""
    non_asn: bool = False
    """A non-ASN official (a regional head, a minister): NIP and pangkat stay blank."""


@dataclass(frozen=True)
class IkiRow:
    """An IKI with its target (and, on the evaluation worksheet, realisasi and feedback).

    Kuantitatif targets are numbers (a range when ``target_max`` differs) with a unit,
    formatted in the form's language; kualitatif targets are the statement ``target_teks``.
    """

    teks: str
    aspek: Aspek | None = None
    perspektif: Perspektif | None = None
    target_min: float | None = None
    target_max: float | None = None
    satuan: str = ""
    target_teks: str = ""
    realisasi_nilai: float | None = None
    realisasi_teks: str = ""
    umpan_balik: str = ""


@dataclass(frozen=True)
class RhkRow:
    jenis: JenisRhk
    teks: str
    intervensi: str = ""
    penugasan_dari: str = ""
    iki: tuple[IkiRow, ...] = ()


@dataclass(frozen=True)
class PerilakuRow:
    """One BerAKHLAK value: its three behaviours, the leader's expectation and feedback."""

    nomor: int
    nama: str
    panduan: tuple[str, ...]
    ekspektasi: str = ""
    umpan_balik: str = ""


@dataclass(frozen=True)
class LampiranList:
    jenis: JenisLampiran
    items: tuple[str, ...]


@dataclass(frozen=True)
class Distribusi:
    """How many people of a unit hold each predikat in a period (the distribution curve)."""

    counts: tuple[tuple[Predikat, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _p, n in self.counts)


@dataclass(frozen=True)
class FormData:
    """What every form carries: its kind, the record and version it was printed from."""

    KIND: ClassVar[str] = ""

    record_id: str
    version: int
    periode: str


@dataclass(frozen=True)
class SkpData(FormData):
    KIND: ClassVar[str] = "S"

    jenis_jabatan: JenisJabatan = JenisJabatan.JA
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF
    instansi: str = ""
    unit_nama: str = ""
    periode_mulai: dt.date = dt.date(2000, 1, 1)
    periode_selesai: dt.date = dt.date(2000, 12, 31)
    pegawai: Identitas = Identitas()
    penilai: Identitas = Identitas()
    rhk: tuple[RhkRow, ...] = ()
    perilaku: tuple[PerilakuRow, ...] = ()
    lampiran: tuple[LampiranList, ...] = ()
    tempat: str = ""
    tanggal: dt.date | None = field(default=None, metadata=NOT_HASHED)


@dataclass(frozen=True)
class EvaluasiData(FormData):
    """The periodic evaluation worksheet (and, with ``catatan``, the Dokumen Evaluasi)."""

    KIND: ClassVar[str] = "E"

    skp: SkpData = field(default_factory=lambda: SkpData("", 0, ""))
    periode_mulai: dt.date = dt.date(2000, 1, 1)
    periode_selesai: dt.date = dt.date(2000, 12, 31)
    tahunan: bool = False
    atasan_penilai: Identitas = Identitas()
    capaian_organisasi: CapaianOrganisasi | None = None
    rating_hasil: Rating | None = None
    rating_perilaku: Rating | None = None
    predikat: Predikat | None = None
    catatan: str = ""
    rekomendasi: str = ""
    distribusi: Distribusi | None = field(default=None, metadata=NOT_HASHED)
    tanggal: dt.date | None = field(default=None, metadata=NOT_HASHED)


@dataclass(frozen=True)
class DokumenEvaluasiData(EvaluasiData):
    """The one-page Dokumen Evaluasi Kinerja Pegawai: the same record, another layout."""

    KIND: ClassVar[str] = "D"


@dataclass(frozen=True)
class SesiInfo:
    """A coaching session as the coaching forms show it (shared content only)."""

    jenis: JenisSesi
    tanggal: dt.date
    waktu: str = ""
    tempat: str = ""
    topik: str = ""
    hadir_lain: str = ""
    ringkasan: str = ""
    agenda: tuple[str, ...] = ()
    catatan: tuple[tuple[str, str], ...] = ()
    aksi: tuple[tuple[str, str, dt.date | None, StatusAksi], ...] = ()


@dataclass(frozen=True)
class CoachingData(FormData):
    """Base of the three coaching forms: the session and the two parties."""

    instansi: str = ""
    sesi: SesiInfo = SesiInfo(JenisSesi.BIMBINGAN_KINERJA, dt.date(2000, 1, 1))
    pegawai: Identitas = Identitas()
    coach: Identitas = Identitas()
    penilai: Identitas = Identitas()
    kota: str = ""


@dataclass(frozen=True)
class B18Data(CoachingData):
    """Format B.1.8: the pegawai's answers (Ya/Tidak and a remark) to the nine statements.

    Each answer: number, the message ids of its group and of the statement (translated when
    rendered), the answer (``None`` when not given) and the remark. The identity table shows
    the pegawai and their pejabat penilai (``penilai``), as in the Lampiran.
    """

    KIND: ClassVar[str] = "B8"

    jawaban: tuple[tuple[int, str, str, bool | None, str], ...] = ()


@dataclass(frozen=True)
class B19Data(CoachingData):
    """Format B.1.9: competencies scored 1 to 5 with the reason, signed by the coach (the
    pimpinan or the party given the special assignment); identity table as B.1.8."""

    KIND: ClassVar[str] = "B9"

    kompetensi: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class SesiData(CoachingData):
    """The record of one coaching session: agenda, shared notes, agreed actions."""

    KIND: ClassVar[str] = "C"


@dataclass(frozen=True)
class PredikatRow:
    nama: str
    nip: str
    jabatan: str
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None


@dataclass(frozen=True)
class PredikatData(FormData):
    """Penetapan Predikat Kinerja of a unit for a period, with its distribution curve."""

    KIND: ClassVar[str] = "P"

    instansi: str = ""
    unit_nama: str = ""
    periode_mulai: dt.date = dt.date(2000, 1, 1)
    periode_selesai: dt.date = dt.date(2000, 12, 31)
    tahunan: bool = False
    capaian_organisasi: CapaianOrganisasi | None = None
    rows: tuple[PredikatRow, ...] = ()
    """Final evaluations: the only ones the decision sets and counts."""
    draft_rows: tuple[PredikatRow, ...] = ()
    """Evaluations still in draft: listed apart, not counted."""
    distribusi: Distribusi = Distribusi(())
    pimpinan: Identitas = Identitas()
    """The leader one level above the unit, who sets its organisational predikat."""
    tempat: str = ""
    tanggal: dt.date | None = field(default=None, metadata=NOT_HASHED)


@dataclass(frozen=True)
class KeberatanData(FormData):
    """A keberatan (PP 30/2019 Pasal 59) as a simple letter: the objection with its reasons
    and evidence, signed by the pegawai, and the atasan pejabat penilai's decision with its
    reasons and the result set, signed by the atasan."""

    KIND: ClassVar[str] = "K"

    instansi: str = ""
    periode_label: str = ""
    pegawai: Identitas = Identitas()
    atasan: Identitas = Identitas()
    tanggal: dt.date = dt.date(2000, 1, 1)
    alasan: str = ""
    bukti: str = ""
    predikat_sebelum: Predikat | None = None
    keputusan_tanggal: dt.date | None = None
    keputusan_alasan: str = ""
    predikat_sesudah: Predikat | None = None
    kota: str = ""
