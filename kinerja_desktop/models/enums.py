"""Enumerations of the domain (PermenPANRB 6/2022, SE MenPANRB 3/2023).

Values are stable identifiers stored in the database and in sync bundles; labels for people
come from ``kinerja_desktop.services.core.reference.label``.
"""

from __future__ import annotations

from enum import StrEnum

from kinerja_desktop.actor import Role as Role  # roles live with the acting user


class JenisAsn(StrEnum):
    PNS = "pns"
    PPPK = "pppk"


class JenisKelamin(StrEnum):
    LAKI_LAKI = "L"
    PEREMPUAN = "P"


class JenisJabatan(StrEnum):
    JPT = "jpt"
    JA = "ja"
    JF = "jf"


class JenjangJabatan(StrEnum):
    """The level of a position; the JF levels drive the angka kredit coefficient."""

    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"
    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"


class Pendekatan(StrEnum):
    KUANTITATIF = "kuantitatif"
    KUALITATIF = "kualitatif"


class SkpStatus(StrEnum):
    DRAFT = "draft"
    DIAJUKAN = "diajukan"
    DISETUJUI = "disetujui"
    DIKEMBALIKAN = "dikembalikan"


class JenisRhk(StrEnum):
    UTAMA = "utama"
    TAMBAHAN = "tambahan"


class KlasifikasiRhk(StrEnum):
    ORGANISASI = "organisasi"
    INDIVIDU = "individu"


class Aspek(StrEnum):
    KUANTITAS = "kuantitas"
    KUALITAS = "kualitas"
    WAKTU = "waktu"
    BIAYA = "biaya"


class Perspektif(StrEnum):
    PENERIMA_LAYANAN = "penerima_layanan"
    PROSES_BISNIS = "proses_bisnis"
    PENGUATAN_INTERNAL = "penguatan_internal"
    ANGGARAN = "anggaran"


class JenisLampiran(StrEnum):
    DUKUNGAN_SUMBER_DAYA = "dukungan_sumber_daya"
    SKEMA_PERTANGGUNGJAWABAN = "skema_pertanggungjawaban"
    KONSEKUENSI = "konsekuensi"


class Ritme(StrEnum):
    """The office's periodic evaluation rhythm for a year."""

    BULANAN = "bulanan"
    TRIWULANAN = "triwulanan"
    SEMESTERAN = "semesteran"


class Rating(StrEnum):
    """Rating hasil kerja and rating perilaku kerja."""

    DI_ATAS = "di_atas"
    SESUAI = "sesuai"
    DI_BAWAH = "di_bawah"


class Predikat(StrEnum):
    """Predikat kinerja pegawai, best first."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


PREDIKAT_CURVE_ORDER: tuple[Predikat, ...] = tuple(reversed(Predikat))
"""The x axis of the distribution curve: Sangat Kurang to Sangat Baik, left to right."""


class CapaianOrganisasi(StrEnum):
    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"


class EvaluasiStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class StatusKeberatan(StrEnum):
    """An objection to a final evaluation (PP 30/2019 Pasal 59)."""

    DIAJUKAN = "diajukan"
    DIPUTUSKAN = "diputuskan"


class JenisBukti(StrEnum):
    FILE = "file"
    LINK = "link"


class JenisSesi(StrEnum):
    DIALOG_KINERJA = "dialog_kinerja"
    BIMBINGAN_KINERJA = "bimbingan_kinerja"
    COACHING = "coaching"
    MENTORING = "mentoring"
    KONSELING = "konseling"


class StatusSesi(StrEnum):
    DIJADWALKAN = "dijadwalkan"
    SELESAI = "selesai"
    DIBATALKAN = "dibatalkan"


class JenisCatatan(StrEnum):
    NOTE = "note"
    REFLECTION = "reflection"


class StatusAksi(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
