"""Reference tables of the domain: pangkat/golongan; enum labels come from ``enum_labels``."""

from __future__ import annotations

from kinerja_desktop.enum_labels import label as label
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisAsn

GOLONGAN_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

GOLONGAN_PPPK: list[str] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip


def pangkat_label(golongan: str) -> str:
    """Rank as printed on forms: ``Pembina Tk.I / IV/b``; PPPK: ``Golongan IX``."""
    if golongan in GOLONGAN_PNS:
        name = GOLONGAN_PNS[golongan].replace("Tingkat I", "Tk.I")
        return f"{name} / {golongan}"
    if golongan in GOLONGAN_PPPK:
        return _("Golongan {gol}").format(gol=golongan)
    return golongan


def valid_golongan(golongan: str, jenis: JenisAsn) -> bool:
    return golongan in (GOLONGAN_PNS if jenis is JenisAsn.PNS else GOLONGAN_PPPK)
