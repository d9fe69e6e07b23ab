"""Angka kredit (credit points) of a JF from the predikat (Perban BKN 3/2023).

AK = percentage of the predikat × the annual coefficient of the jenjang; for a periodic
evaluation also × (months / 12). Results are rounded half up to three decimals, the
precision the BKN examples use. Positions other than JF earn none (``None``).
Pure functions: the evaluation screen, the CLI and the form builders all call these.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from kinerja_desktop.models.enums import JenjangJabatan, Predikat
from kinerja_desktop.services.core.periods import parse

PERSENTASE: dict[Predikat, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal("1.50"),
    Predikat.BAIK: Decimal("1.00"),
    Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
    Predikat.KURANG: Decimal("0.50"),
    Predikat.SANGAT_KURANG: Decimal("0.25"),
}
"""Share of the annual coefficient earned per predikat."""

KOEFISIEN_TAHUNAN: dict[JenjangJabatan, Decimal] = {
    JenjangJabatan.AHLI_PERTAMA: Decimal("12.5"),
    JenjangJabatan.AHLI_MUDA: Decimal("25"),
    JenjangJabatan.AHLI_MADYA: Decimal("37.5"),
    JenjangJabatan.AHLI_UTAMA: Decimal("50"),
    JenjangJabatan.PEMULA: Decimal("3.75"),
    JenjangJabatan.TERAMPIL: Decimal("5"),
    JenjangJabatan.MAHIR: Decimal("12.5"),
    JenjangJabatan.PENYELIA: Decimal("25"),
}
"""Annual angka kredit coefficient per JF jenjang."""

_PLACES = Decimal("0.001")


def koefisien(jenjang: JenjangJabatan | None) -> Decimal | None:
    """The annual coefficient of a JF jenjang; ``None`` for positions that earn no AK."""
    return KOEFISIEN_TAHUNAN.get(jenjang) if jenjang is not None else None


def angka_kredit(
    predikat: Predikat | None, jenjang: JenjangJabatan | None, *, bulan: int = 12
) -> Decimal | None:
    """The angka kredit for ``predikat`` at ``jenjang`` over ``bulan`` months (12 = a year).

    ``None`` when there is no predikat yet or the position is not a JF.
    """
    coefficient = koefisien(jenjang)
    if predikat is None or coefficient is None:
        return None
    if not 1 <= bulan <= 12:
        raise ValueError(f"months must be 1..12, not {bulan}")
    value = PERSENTASE[predikat] * coefficient * Decimal(bulan) / Decimal(12)
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def for_period(
    predikat: Predikat | None, jenjang: JenjangJabatan | None, periode: str
) -> Decimal | None:
    """The angka kredit of an evaluation in period ``periode`` (``2026``, ``2026-TW2``...)."""
    return angka_kredit(predikat, jenjang, bulan=parse(periode).bulan)
