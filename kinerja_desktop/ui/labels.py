"""How people are written on screen, the same in every list, picker and header: the name,
then the NIP grouped as printed (``19660801 198803 1 001``) with spaces that never break, so
a NIP is not wrapped in the middle."""

from __future__ import annotations

from kinerja_desktop.services.core.nip import format_nip

NBSP = "\u00a0"
# How every date field shows and takes a date.
DATE_EDIT_FORMAT = "dd/MM/yyyy"


def nip_text(nip: str) -> str:
    """``nip`` grouped as printed, kept on one line."""
    return format_nip(nip).replace(" ", NBSP)


def person_label(nama: str, nip: str | None) -> str:
    """``Nama (NIP)``, or the name alone when there is no NIP."""
    return f"{nama} ({nip_text(nip)})" if nip else nama


def one_line(text: str) -> str:
    """``text`` (a date such as ``31 Desember 2026``) that a label never breaks."""
    return text.replace(" ", NBSP)
