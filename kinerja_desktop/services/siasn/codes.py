"""SIASN's reference codes and payload field lists: the one place the program maps its own
values to what ``skp22/save`` and ``kinerjaperiodik/save`` take.

Nothing here is an official BKN publication: no public specification of the SIASN web
service was found. Every table names where it was seen (see
``shared/domain/official-texts.md`` §8, snapshot 2025-05, confidence M):

* [KSA] kanekescom/laravel-siasn-simpeg-api ``src/Commands/PostSkp22SaveCommand.php`` and
  ``PostKinerjaperiodikSaveCommand.php`` (the payload fields);
* [WSR] black-coffee04/ws-siasn-php ``src/Data/Referensi/*.json.gz`` (the code tables) and
  ``src/Services/KinerjaPeriodikService.php``.

Where a code was not in those sources, the function returns ``None`` and says so: the
validation report lists the person instead of guessing a code.
"""

from __future__ import annotations

from kinerja_desktop.models.enums import JenjangJabatan, Predikat, Rating
from kinerja_desktop.services.core.periods import Periode

SKP22_FIELDS: tuple[str, ...] = (
    "id", "tahun", "hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai",
    "penilaiNama", "penilaiNipNrp", "penilaiGolongan", "penilaiJabatan", "penilaiUnorNama",
    "statusPenilai", "pnsDinilaiOrang", "path",
)  # fmt: skip
"""``POST /skp22/save`` (annual), in SIASN's order. Source: [KSA] PostSkp22SaveCommand.php."""

PERIODIK_FIELDS: tuple[str, ...] = (
    "id", "tahun", "bulanMulaiPenilaian", "tahunMulaiPenilaian", "bulanSelesaiPenilaian",
    "tahunSelesaiPenilaian", "hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai",
    "koefisienId", "periodikId", "pnsDinilaiId", "penilaiNama", "penilaiNipNrp",
    "penilaiGolongan", "penilaiJabatanNama", "penilaiUnorNama", "statusPenilai", "path",
)  # fmt: skip
"""``POST /kinerjaperiodik/save`` (monthly or quarterly), in SIASN's order.
Source: [KSA] PostKinerjaperiodikSaveCommand.php; note ``pnsDinilaiId`` and
``penilaiJabatanNama`` where the annual payload says ``pnsDinilaiOrang`` and ``penilaiJabatan``."""

PATH_FIELDS: tuple[str, ...] = ("dok_id", "dok_nama", "dok_uri", "object", "slug")
"""One entry of ``path[]`` (an uploaded document). Source: [KSA], both commands."""

RATING_CODE: dict[Rating, int] = {
    Rating.DI_ATAS: 1,  # "DIATAS ESPEKTASI" ([WSR] perilakuDanKinerja.json.gz)
    Rating.SESUAI: 2,  # "SESUAI ESPEKTASI" ([WSR] perilakuDanKinerja.json.gz)
    Rating.DI_BAWAH: 3,  # "DIBAWAH ESPEKTASI" ([WSR] perilakuDanKinerja.json.gz)
}
"""``hasilKinerjaNilai`` and ``perilakuKerjaNilai`` (one table serves both)."""

KUADRAN_CODE: dict[Predikat, int] = {
    Predikat.SANGAT_BAIK: 1,  # "SANGAT BAIK" ([WSR] kuadranNilai.json.gz)
    Predikat.BAIK: 2,  # "BAIK" ([WSR] kuadranNilai.json.gz)
    Predikat.BUTUH_PERBAIKAN: 3,  # "BUTUH PERBAIKAN" ([WSR] kuadranNilai.json.gz)
    Predikat.KURANG: 4,  # "KURANG" ([WSR] kuadranNilai.json.gz)
    Predikat.SANGAT_KURANG: 5,  # "SANGAT KURANG" ([WSR] kuadranNilai.json.gz)
}
"""``kuadranKinerjaNilai``: the predikat kinerja pegawai."""

PERIODIK_BULANAN = 1  # "bulanan" ([WSR] periodik.json.gz)
PERIODIK_TRIWULAN = 2  # "triwulan" ([WSR] periodik.json.gz); the table has no semester code

KOEFISIEN_ID_BAIK: dict[JenjangJabatan, int] = {
    JenjangJabatan.AHLI_PERTAMA: 12,  # Ahli Pertama 12.5 ([WSR] koefisien.json.gz)
    JenjangJabatan.AHLI_MUDA: 22,  # Ahli Muda 25 ([WSR] koefisien.json.gz)
    JenjangJabatan.AHLI_MADYA: 32,  # Ahli Madya 37.5 ([WSR] koefisien.json.gz)
    JenjangJabatan.AHLI_UTAMA: 42,  # Ahli Utama 50 ([WSR] koefisien.json.gz)
    JenjangJabatan.PEMULA: 52,  # Pemula 3.75 ([WSR] koefisien.json.gz)
    JenjangJabatan.TERAMPIL: 62,  # Terampil 5 ([WSR] koefisien.json.gz)
    JenjangJabatan.MAHIR: 72,  # Mahir 12.5 ([WSR] koefisien.json.gz)
    JenjangJabatan.PENYELIA: 82,  # Penyelia 25 ([WSR] koefisien.json.gz)
}
"""``koefisienId`` of each JF jenjang for predikat Baik (100 %). The snapshot of [WSR] holds
only the Baik rows: the ids for Sangat Baik, Butuh Perbaikan, Kurang and Sangat Kurang were
not seen, so ``koefisien_id`` returns ``None`` for them rather than guess from the pattern."""

DOKUMEN_EVALUASI_ID = 890
"""``dok_id`` of "Riwayat Kinerja — Dokumen Evaluasi Kinerja" (PDF, mandatory).
Source: [WSR] dokumen.json.gz, which lists the same name under 890 and 1179; which of the two
an endpoint expects is not in the sources, so the program uses the first and the operator's
documentation says so."""
DOKUMEN_EVALUASI_NAMA = "Dokumen Evaluasi Kinerja"

STATUS_ASN = "ASN"  # statusPenilai ([KSA]; official-texts.md §7)
STATUS_NON_ASN = "NON ASN"  # statusPenilai ([KSA]; official-texts.md §7)


def rating_code(rating: Rating) -> int:
    """``hasilKinerjaNilai`` / ``perilakuKerjaNilai`` of a rating."""
    return RATING_CODE[rating]


def kuadran_code(predikat: Predikat) -> int:
    """``kuadranKinerjaNilai`` of a predikat."""
    return KUADRAN_CODE[predikat]


def periodik_id(period: Periode) -> int | None:
    """``periodikId`` of a period: 1 for a month, 2 for a quarter; ``None`` for a semester
    (SIASN has no code for it) and for the year (which goes to ``skp22/save`` instead)."""
    kind = period.code[5:]
    if kind.startswith("B"):
        return PERIODIK_BULANAN
    if kind.startswith("TW"):
        return PERIODIK_TRIWULAN
    return None


def koefisien_id(jenjang: JenjangJabatan, predikat: Predikat) -> int | None:
    """``koefisienId`` of a JF jenjang and predikat; ``None`` where the id is not known
    (any predikat but Baik, see ``KOEFISIEN_ID_BAIK``, or a jenjang without angka kredit)."""
    if predikat is not Predikat.BAIK:
        return None
    return KOEFISIEN_ID_BAIK.get(jenjang)


def status_penilai(*, penilai_is_asn: bool) -> str:
    """``statusPenilai``: "ASN" for a penilai who is a pegawai (PNS or PPPK), "NON ASN" for
    an appraising official outside the ASN (a minister or regional head for a JPT)."""
    return STATUS_ASN if penilai_is_asn else STATUS_NON_ASN
