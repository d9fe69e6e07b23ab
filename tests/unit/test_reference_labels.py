"""People-facing labels of enum values: members of different enums never share a label."""

from __future__ import annotations

from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import CapaianOrganisasi, Predikat, Rating
from kinerja_desktop.services.core.reference import label, pangkat_label


def test_same_value_in_two_enums_keeps_both_labels() -> None:
    set_language("en")
    assert label(Predikat.KURANG) == "Poor (Misconduct)"
    assert label(CapaianOrganisasi.KURANG) == "Poor"
    assert label(CapaianOrganisasi.ISTIMEWA) == "Exceptional"
    set_language("id")
    assert [label(p) for p in Predikat] == [
        "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang",
    ]  # fmt: skip
    assert label(Rating.DI_ATAS) == "Di Atas Ekspektasi"


def test_pangkat_printed_as_on_forms() -> None:
    assert pangkat_label("IV/b") == "Pembina Tk.I / IV/b"
    assert pangkat_label("III/a") == "Penata Muda / III/a"


def test_plain_value_is_labelled_when_unambiguous() -> None:
    set_language("id")
    assert label("dialog_kinerja") == "Dialog kinerja"
    assert label("kurang") == "kurang"
