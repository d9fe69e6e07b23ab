"""Labels of the enum values printed on forms, translated with the form's own language.

The message ids are those of ``services.reference`` (one translation per term); forms use a
per-render translator instead of the program's active language, so an English rendering
can be printed while the program runs in Indonesian.
"""

from __future__ import annotations

from enum import Enum

from kinerja_desktop.forms.base import Translate
from kinerja_desktop.i18n import N_
from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    JenisLampiran,
    JenisSesi,
    Perspektif,
    Predikat,
    Rating,
    StatusAksi,
)

_MESSAGES: tuple[tuple[Enum, str], ...] = (
    (Aspek.KUANTITAS, N_("Quantity")),
    (Aspek.KUALITAS, N_("Quality")),
    (Aspek.WAKTU, N_("Time")),
    (Aspek.BIAYA, N_("Cost")),
    (Perspektif.PENERIMA_LAYANAN, N_("Service recipients")),
    (Perspektif.PROSES_BISNIS, N_("Business process")),
    (Perspektif.PENGUATAN_INTERNAL, N_("Internal strengthening")),
    (Perspektif.ANGGARAN, N_("Budget")),
    (JenisLampiran.DUKUNGAN_SUMBER_DAYA, N_("RESOURCE SUPPORT")),
    (JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, N_("ACCOUNTABILITY SCHEME")),
    (JenisLampiran.KONSEKUENSI, N_("CONSEQUENCES")),
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
    (StatusAksi.OPEN, N_("Open")),
    (StatusAksi.DONE, N_("Done")),
    (StatusAksi.DROPPED, N_("Dropped")),
)

# Keyed by (enum class, member): members of different StrEnums with the same value
# (Predikat.KURANG and CapaianOrganisasi.KURANG are both "kurang") are equal as dict keys.
_LABELS: dict[tuple[type[Enum], Enum], str] = {(type(k), k): v for k, v in _MESSAGES}


def label(t: Translate, value: Enum | None, empty: str = "-") -> str:
    """The label of ``value`` in the form's language (``empty`` when not set)."""
    if value is None:
        return empty
    msg = _LABELS.get((type(value), value))
    return t(msg) if msg else str(value.value)
