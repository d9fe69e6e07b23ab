"""The operator's workbook of a hand-over (XLSX, openpyxl).

Sheet per payload kind (``skp22`` or ``kinerjaperiodik``): one row per pegawai; the NIP and
name first, then the payload's fields in SIASN's order (row 1 the labels people read, row 2
SIASN's field names), then an empty "Diperiksa" column the operator ticks while keying or
checking in SIASN. Header frozen, filters on. Sheet "Ringkasan": per unit the count per
predikat and the result of the distribution check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.enum_labels import label
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import Predikat
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.siasn import codes
from kinerja_desktop.services.siasn.handover import HandoverReport, Jenis

SUMMARY_SHEET = "Ringkasan"

FIELD_LABELS: dict[str, str] = {
    "id": N_("SIASN record id"),
    "tahun": N_("Year"),
    "bulanMulaiPenilaian": N_("Start month"),
    "tahunMulaiPenilaian": N_("Start year"),
    "bulanSelesaiPenilaian": N_("End month"),
    "tahunSelesaiPenilaian": N_("End year"),
    "hasilKinerjaNilai": N_("Work result rating (code)"),
    "perilakuKerjaNilai": N_("Work behaviour rating (code)"),
    "kuadranKinerjaNilai": N_("Predikat (kuadran code)"),
    "koefisienId": N_("Coefficient (koefisienId)"),
    "periodikId": N_("Period kind (periodikId)"),
    "pnsDinilaiId": N_("SIASN person id"),
    "pnsDinilaiOrang": N_("SIASN person id"),
    "penilaiNama": N_("Appraising official: name"),
    "penilaiNipNrp": N_("Appraising official: NIP"),
    "penilaiGolongan": N_("Appraising official: golongan"),
    "penilaiJabatan": N_("Appraising official: position"),
    "penilaiJabatanNama": N_("Appraising official: position"),
    "penilaiUnorNama": N_("Appraising official: unit"),
    "statusPenilai": N_("Appraising official: status"),
    "path": N_("Dokumen Evaluasi (file)"),
}

_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def fields_of(jenis: Jenis) -> tuple[str, ...]:
    return codes.SKP22_FIELDS if jenis is Jenis.SKP22 else codes.PERIODIK_FIELDS


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(item.get("dok_uri", "")) for item in value)
    return value


def write_workbook(db: Database, *, actor: Actor, report: HandoverReport, path: Path) -> Path:
    """Write the workbook of ``report`` to ``path`` (the caller's temporary folder)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report.jenis.value
    fields = fields_of(report.jenis)
    labels = [_("NIP"), _("Name"), _("Unit"), *(_(FIELD_LABELS[f]) for f in fields), _("Checked")]
    names = ["nip", "nama", "unit", *fields, "diperiksa"]
    sheet.append(labels)
    sheet.append(names)
    for ready in report.ready:
        sheet.append(
            [
                ready.person.nip,
                ready.person.nama,
                ready.person.unit_kode,
                *(_cell(ready.payload[f]) for f in fields),
                "",
            ]
        )
    for row in (1, 2):
        for cell in sheet[row]:
            cell.font = Font(bold=row == 1, italic=row == 2)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(names, start=1):
        width = 20 if name in ("nip", "penilaiNipNrp") else 14
        if name in ("nama", "penilaiNama", "penilaiJabatan", "penilaiJabatanNama", "path"):
            width = 32
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "D3"
    last = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A2:{last}{max(2, sheet.max_row)}"
    _summary(db, actor, report, book)
    book.save(path)
    return path


def _summary(db: Database, actor: Actor, report: HandoverReport, book: Workbook) -> None:
    sheet = book.create_sheet(SUMMARY_SHEET)
    header = [
        _("Unit code"),
        _("Unit"),
        *(label(p) for p in Predikat),
        _("Handed over"),
        _("Not handed over"),
        _("Distribution check"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    units: dict[str, str] = {}
    for person in [r.person for r in report.ready] + [b.person for b in report.blocked]:
        if person.unit_kode:
            units[person.unit_kode] = person.unit_nama
    for kode in sorted(units):
        check = distribution.unit_distribution(
            db, actor=actor, unit_kode=kode, periode=report.periode, include_sub_units=False
        ).check
        ready = sum(1 for r in report.ready if r.person.unit_kode == kode)
        blocked = sum(1 for b in report.blocked if b.person.unit_kode == kode)
        result = _("Meets the pattern") if check.ok else "; ".join(check.peringatan)
        sheet.append(
            [kode, units[kode], *(check.jumlah.get(p, 0) for p in Predikat), ready, blocked, result]
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, sheet.max_row)}"
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions[get_column_letter(len(header))].width = 60
