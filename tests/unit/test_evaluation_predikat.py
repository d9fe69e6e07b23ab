"""The predikat matrix (domain reference §3.2), cell by cell, and the angka kredit (§3.5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja_desktop.models.enums import JenjangJabatan, Predikat, Rating
from kinerja_desktop.services.evaluation.angka_kredit import angka_kredit, for_period
from kinerja_desktop.services.evaluation.evaluations import predikat_kinerja

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# Rows: rating hasil kerja; columns: rating perilaku Di Bawah, Sesuai, Di Atas (as in §3.2).
MATRIX = {
    A: (Predikat.KURANG, Predikat.BAIK, Predikat.SANGAT_BAIK),
    S: (Predikat.KURANG, Predikat.BAIK, Predikat.BAIK),
    B: (Predikat.SANGAT_KURANG, Predikat.BUTUH_PERBAIKAN, Predikat.BUTUH_PERBAIKAN),
}
CELLS = [
    (hasil, perilaku, MATRIX[hasil][col])
    for hasil in (A, S, B)
    for col, perilaku in enumerate((B, S, A))
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), CELLS)
def test_every_cell_of_the_matrix(hasil: Rating, perilaku: Rating, expected: Predikat) -> None:
    assert predikat_kinerja(hasil, perilaku) is expected


def test_the_matrix_covers_all_nine_pairs_and_accepts_stored_values() -> None:
    assert len(CELLS) == 9
    assert {(h, p) for h, p, _e in CELLS} == {(h, p) for h in Rating for p in Rating}
    assert predikat_kinerja("di_atas", "di_atas") is Predikat.SANGAT_BAIK  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("predikat", "jenjang", "bulan", "expected"),
    [
        (Predikat.SANGAT_BAIK, JenjangJabatan.AHLI_PERTAMA, 12, "18.750"),  # BKN example
        (Predikat.BAIK, JenjangJabatan.AHLI_MUDA, 12, "25.000"),
        (Predikat.BUTUH_PERBAIKAN, JenjangJabatan.AHLI_MADYA, 12, "28.125"),
        (Predikat.KURANG, JenjangJabatan.AHLI_UTAMA, 12, "25.000"),
        (Predikat.SANGAT_KURANG, JenjangJabatan.PEMULA, 12, "0.938"),
        (Predikat.BAIK, JenjangJabatan.TERAMPIL, 3, "1.250"),
        (Predikat.SANGAT_BAIK, JenjangJabatan.MAHIR, 6, "9.375"),
        (Predikat.SANGAT_KURANG, JenjangJabatan.TERAMPIL, 1, "0.104"),
        (Predikat.BAIK, JenjangJabatan.PENYELIA, 1, "2.083"),
    ],
)
def test_angka_kredit(
    predikat: Predikat, jenjang: JenjangJabatan, bulan: int, expected: str
) -> None:
    assert angka_kredit(predikat, jenjang, bulan=bulan) == Decimal(expected)


def test_angka_kredit_only_for_jf_and_with_a_predikat() -> None:
    assert angka_kredit(Predikat.BAIK, JenjangJabatan.PELAKSANA) is None
    assert angka_kredit(None, JenjangJabatan.AHLI_PERTAMA) is None
    assert for_period(Predikat.SANGAT_BAIK, JenjangJabatan.AHLI_PERTAMA, "2026-TW2") == Decimal(
        "4.688"
    )
    assert for_period(Predikat.SANGAT_BAIK, JenjangJabatan.AHLI_PERTAMA, "2026") == Decimal(
        "18.750"
    )
    with pytest.raises(ValueError):
        angka_kredit(Predikat.BAIK, JenjangJabatan.AHLI_MUDA, bulan=13)
