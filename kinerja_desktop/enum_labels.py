"""People-facing names of the domain's enum values, one message id per term.

Used by services and screens (active language) and by the printed forms (the form's own
language): both ask ``label``, so a term is named the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    JenisAsn,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    JenisSesi,
    JenjangJabatan,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    Predikat,
    Rating,
    Ritme,
    SkpStatus,
    StatusAksi,
    StatusKeberatan,
    StatusSesi,
)

_LABEL_LIST: list[tuple[Enum, str]] = [
    (JenisAsn.PNS, N_("PNS")),
    (JenisAsn.PPPK, N_("PPPK")),
    (JenisJabatan.JPT, N_("Senior executive (JPT)")),
    (JenisJabatan.JA, N_("Administrative (JA)")),
    (JenisJabatan.JF, N_("Functional (JF)")),
    (JenjangJabatan.JPT_UTAMA, N_("JPT Utama")),
    (JenjangJabatan.JPT_MADYA, N_("JPT Madya")),
    (JenjangJabatan.JPT_PRATAMA, N_("JPT Pratama")),
    (JenjangJabatan.ADMINISTRATOR, N_("Administrator")),
    (JenjangJabatan.PENGAWAS, N_("Pengawas")),
    (JenjangJabatan.PELAKSANA, N_("Pelaksana")),
    (JenjangJabatan.AHLI_PERTAMA, N_("Ahli Pertama")),
    (JenjangJabatan.AHLI_MUDA, N_("Ahli Muda")),
    (JenjangJabatan.AHLI_MADYA, N_("Ahli Madya")),
    (JenjangJabatan.AHLI_UTAMA, N_("Ahli Utama")),
    (JenjangJabatan.PEMULA, N_("Pemula")),
    (JenjangJabatan.TERAMPIL, N_("Terampil")),
    (JenjangJabatan.MAHIR, N_("Mahir")),
    (JenjangJabatan.PENYELIA, N_("Penyelia")),
    (Pendekatan.KUANTITATIF, N_("Quantitative")),
    (Pendekatan.KUALITATIF, N_("Qualitative")),
    (SkpStatus.DRAFT, N_("Draft")),
    (SkpStatus.DIAJUKAN, N_("Submitted")),
    (SkpStatus.DISETUJUI, N_("Approved")),
    (SkpStatus.DIKEMBALIKAN, N_("Returned")),
    (JenisRhk.UTAMA, N_("Core")),
    (JenisRhk.TAMBAHAN, N_("Additional")),
    (KlasifikasiRhk.ORGANISASI, N_("Organisation")),
    (KlasifikasiRhk.INDIVIDU, N_("Individual")),
    (Aspek.KUANTITAS, N_("Quantity")),
    (Aspek.KUALITAS, N_("Quality")),
    (Aspek.WAKTU, N_("Time")),
    (Aspek.BIAYA, N_("Cost")),
    (Perspektif.PENERIMA_LAYANAN, N_("Service recipients")),
    (Perspektif.PROSES_BISNIS, N_("Business process")),
    (Perspektif.PENGUATAN_INTERNAL, N_("Internal strengthening")),
    (Perspektif.ANGGARAN, N_("Budget")),
    (JenisLampiran.DUKUNGAN_SUMBER_DAYA, N_("Resource support")),
    (JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, N_("Accountability scheme")),
    (JenisLampiran.KONSEKUENSI, N_("Consequences")),
    (Ritme.BULANAN, N_("Monthly")),
    (Ritme.TRIWULANAN, N_("Quarterly")),
    (Ritme.SEMESTERAN, N_("Half-yearly")),
    (Rating.DI_ATAS, N_("Above Expectations")),
    (Rating.SESUAI, N_("Meets Expectations")),
    (Rating.DI_BAWAH, N_("Below Expectations")),
    (Predikat.SANGAT_BAIK, N_("Outstanding")),
    (Predikat.BAIK, N_("Good")),
    (Predikat.BUTUH_PERBAIKAN, N_("Needs Improvement")),
    (Predikat.KURANG, N_("Poor (Misconduct)")),
    (Predikat.SANGAT_KURANG, N_("Very Poor")),
    (CapaianOrganisasi.ISTIMEWA, N_("Exceptional")),
    (CapaianOrganisasi.BAIK, N_("Good")),
    (CapaianOrganisasi.BUTUH_PERBAIKAN, N_("Needs Improvement")),
    (CapaianOrganisasi.KURANG, N_("Poor")),
    (CapaianOrganisasi.SANGAT_KURANG, N_("Very Poor")),
    (JenisSesi.DIALOG_KINERJA, N_("Performance dialogue")),
    (JenisSesi.BIMBINGAN_KINERJA, N_("Performance guidance")),
    (JenisSesi.COACHING, N_("Coaching")),
    (JenisSesi.MENTORING, N_("Mentoring")),
    (JenisSesi.KONSELING, N_("Performance counselling")),
    (StatusSesi.DIJADWALKAN, N_("Scheduled")),
    (StatusSesi.SELESAI, N_("Held")),
    (StatusSesi.DIBATALKAN, N_("Cancelled")),
    (StatusAksi.OPEN, N_("Open")),
    (StatusAksi.DONE, N_("Done")),
    (StatusAksi.DROPPED, N_("Dropped")),
    (StatusKeberatan.DIAJUKAN, N_("Objection filed")),
    (StatusKeberatan.DIPUTUSKAN, N_("Objection decided")),
]


# Keyed by (class, value): members of different StrEnums with the same value (Predikat.KURANG
# and CapaianOrganisasi.KURANG) are equal as strings and would share one dict key.
_LABELS: dict[tuple[type[Enum], str], str] = {
    (type(member), member.value): text for member, text in _LABEL_LIST
}


_VALUES: dict[str, list[str]] = {}
for _member, _text in _LABEL_LIST:
    _VALUES.setdefault(str(_member.value), []).append(_text)


def message_id(value: Enum | str) -> str | None:
    """The (English) message id naming ``value``, or None when it has none.

    A plain string (a value not yet turned back into its enum, e.g. on a record just
    created) is looked up by value when only one enum has it.
    """
    if isinstance(value, Enum):
        return _LABELS.get((type(value), value.value))
    texts = _VALUES.get(value, [])
    return texts[0] if len(texts) == 1 else None


def label(value: Enum | str, translate: Callable[[str], str] = _) -> str:
    """The people-facing name of an enum value, translated by ``translate`` (by default
    into the program's active language; forms pass their own language's translator)."""
    text = message_id(value)
    if text is not None:
        return translate(text)
    return str(value.value) if isinstance(value, Enum) else value
