"""The daily log as a file: CSV or XLSX in e-Kinerja's Progres Harian column order, for bulk
upload or for an operator to key in, and back.

Columns: NIP, Nama, then e-Kinerja's Rencana Aksi, Tanggal, Jam Mulai, Jam Selesai, Kegiatan
Harian, Sumber Data, Realisasi, Satuan, Bukti Dukung (links, one per line), and last the IKI
(its text, so that an imported row finds its indicator again). An import checks every row
with the same rules as typing them, writes all rows or none, and names the row and column of
the first problem. XLSX is written directly as SpreadsheetML (fast for an office month) and
read with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisBukti, SkpStatus
from kinerja_desktop.models.harian import BuktiHarian, ProgresHarian
from kinerja_desktop.models.monitoring import RencanaAksi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import access, attachments
from kinerja_desktop.services.core.unit_scope import subtree_ids, unit_by_code
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.entries import (
    EntryError,
    EntryInput,
    field_label,
    format_time,
    month_bounds,
    save_in_session,
)

COLUMNS = (
    "NIP",
    "Nama",
    "Rencana Aksi",
    "Tanggal",
    "Jam Mulai",
    "Jam Selesai",
    "Kegiatan Harian",
    "Sumber Data",
    "Realisasi",
    "Satuan",
    "Bukti Dukung",
    "IKI",
)
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    people: int


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def month_rows(
    db: Database, *, actor: Actor, unit_kode: str | None, tahun: int, bulan: int
) -> tuple[list[list[str]], int]:
    """The rows of a unit's (and its sub-units') month, or of the whole office without a
    unit, and how many people they cover."""
    first, last = month_bounds(tahun, bulan)
    with db.read(actor) as session:
        query = select(Pegawai.id, Pegawai.nip, Pegawai.nama).where(Pegawai.deleted.is_(False))
        if unit_kode is not None:
            unit = unit_by_code(session, unit_kode)
            query = query.where(Pegawai.unit_id.in_(subtree_ids(session, unit.id)))
        people = session.execute(query.order_by(Pegawai.nama)).all()
        if not (actor.is_system or actor.is_pengelola):
            people = [p for p in people if access.can_read_performance(session, actor, p[0])]
        ids = [p[0] for p in people]
        who = {p[0]: (p[1], p[2]) for p in people}
        records = session.execute(
            select(
                ProgresHarian.id,
                ProgresHarian.pegawai_id,
                ProgresHarian.tanggal,
                ProgresHarian.mulai,
                ProgresHarian.selesai,
                ProgresHarian.kegiatan,
                ProgresHarian.sumber_data,
                ProgresHarian.realisasi,
                ProgresHarian.satuan,
                RencanaAksi.teks,
                Iki.teks,
                Rhk.urutan,
                Iki.urutan,
            )
            .outerjoin(RencanaAksi, RencanaAksi.id == ProgresHarian.rencana_aksi_id)
            .outerjoin(Iki, Iki.id == ProgresHarian.iki_id)
            .outerjoin(Rhk, Rhk.id == Iki.rhk_id)
            .where(
                ProgresHarian.pegawai_id.in_(ids),
                ProgresHarian.tanggal.between(first, last),
                ProgresHarian.deleted.is_(False),
            )
        ).all()
        links: dict[str, list[str]] = {}
        for progres_id, url in session.execute(
            select(BuktiHarian.progres_id, BuktiHarian.url)
            .join(ProgresHarian, ProgresHarian.id == BuktiHarian.progres_id)
            .where(
                ProgresHarian.pegawai_id.in_(ids),
                ProgresHarian.tanggal.between(first, last),
                BuktiHarian.deleted.is_(False),
                BuktiHarian.jenis == JenisBukti.LINK,
            )
        ):
            links.setdefault(progres_id, []).append(url)
    order = {pid: n for n, pid in enumerate(ids)}
    ordered = sorted(records, key=lambda r: (order[r[1]], r[2], r[3]))
    rows = [
        [
            who[r[1]][0],
            who[r[1]][1],
            r[9] or "",
            r[2].isoformat(),
            format_time(r[3]),
            format_time(r[4]),
            r[5],
            r[6],
            _number(r[7]),
            r[8],
            "\n".join(links.get(r[0], [])),
            iki_label(r[11], r[12], r[10]) if r[10] else "",
        ]
        for r in ordered
    ]
    return rows, len(ids)


def iki_label(rhk_urutan: int, iki_urutan: int, teks: str) -> str:
    """How the IKI column names an indicator: its numbers in the SKP, then its text."""
    return f"{rhk_urutan}.{iki_urutan} {teks}"


def export_month(
    db: Database,
    *,
    actor: Actor,
    unit_kode: str | None,
    tahun: int,
    bulan: int,
    fmt: str,
    out: Path,
) -> ExportResult:
    """Write the month of a unit (or, without one, the office) to ``out`` as CSV or XLSX (to a
    temporary name first)."""
    if fmt not in FORMATS:
        raise ValidationError(_("Choose the format csv or xlsx."), field="format")
    rows, people = month_rows(db, actor=actor, unit_kode=unit_kode, tahun=tahun, bulan=bulan)
    out = Path(out)
    temporary = out.with_name(out.name + ".part")
    try:
        if fmt == "csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(COLUMNS)
                writer.writerows(rows)
        else:
            _write_xlsx(temporary, rows)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return ExportResult(out, len(rows), people)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Progres Harian" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet"/></Relationships>'
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell(value: str) -> str:
    text = escape(_NOT_XML.sub("", value))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _write_xlsx(path: Path, rows: Iterable[list[str]]) -> None:
    """A one-sheet workbook of text cells (inline strings), written directly as
    SpreadsheetML: an office month is tens of thousands of rows, which openpyxl writes ten
    times slower. openpyxl reads these files back (imports, tests)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            for row in [list(COLUMNS), *rows]:
                line = "<row>" + "".join(map(_cell, row)) + "</row>"
                sheet.write(line.encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    rows: int
    people: int


def _cells_csv(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            yield from csv.reader(fh)
    except UnicodeDecodeError:
        raise ValidationError(
            _("{path} is not UTF-8 text; save it as CSV UTF-8 and try again.").format(path=path),
            field="file",
        ) from None


def _cells_xlsx(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise ValidationError(
            _("{path} is not a readable XLSX workbook ({why}).").format(path=path, why=error),
            field="file",
        ) from None
    try:
        sheet = book.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in values]
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _problem(row: int, column: str, message: str) -> ValidationError:
    return ValidationError(
        _("Row {row}, column {column}: {message}").format(row=row, column=column, message=message),
        field=column,
    )


def read_file(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV or XLSX file with the export's columns, by line number."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(_("The file {path} does not exist.").format(path=path), field="file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        cells = _cells_csv(path)
    elif suffix == ".xlsx":
        cells = _cells_xlsx(path)
    else:
        raise ValidationError(
            _("{path}: give a .csv or .xlsx file.").format(path=path), field="file"
        )
    header = [c.strip() for c in next(cells, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise _problem(1, missing[0], _("the header lacks this column."))
    where = {name: header.index(name) for name in COLUMNS}
    rows = []
    for number, cells_row in enumerate(cells, start=2):
        if not any(c.strip() for c in cells_row):
            continue
        padded = [*cells_row, *[""] * (len(header) - len(cells_row))]
        rows.append((number, {name: padded[i].strip() for name, i in where.items()}))
    return rows


def _parse_date(text: str, row: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _problem(
            row, "Tanggal", _("{value!r} is not a date; write YYYY-MM-DD.").format(value=text)
        ) from None


def import_file(
    db: Database,
    *,
    actor: Actor,
    path: Path,
    today: dt.date | None = None,
    non_working_ok: bool = False,
) -> ImportResult:
    """Import the rows of ``path``: all of them, or nothing with the row and column named."""
    rows = read_file(path)
    day = today or clock.today()
    with db.unit_of_work(actor) as session:
        by_nip = dict(
            session.execute(select(Pegawai.nip, Pegawai.id).where(Pegawai.deleted.is_(False))).all()
        )
        lookups: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        people: set[str] = set()
        for number, cells in rows:
            pegawai_id = by_nip.get(cells["NIP"])
            if pegawai_id is None:
                raise _problem(
                    number, "NIP", _("no pegawai has the NIP {nip!r}.").format(nip=cells["NIP"])
                )
            if pegawai_id not in lookups:
                lookups[pegawai_id] = _plan_texts(session, pegawai_id)
            iki_by_text, ra_by_text = lookups[pegawai_id]
            iki_id = ra_id = None
            if cells["IKI"]:
                iki_id = iki_by_text.get(cells["IKI"])
                if iki_id is None:
                    raise _problem(
                        number, "IKI", _("this indicator is not in the pegawai's approved SKP.")
                    )
            if cells["Rencana Aksi"]:
                ra_id = ra_by_text.get(cells["Rencana Aksi"])
                if ra_id is None:
                    raise _problem(
                        number,
                        "Rencana Aksi",
                        _("this action plan is not in the pegawai's approved SKP."),
                    )
            links = []
            for link in cells["Bukti Dukung"].split():
                try:
                    links.append(attachments.check_link(link))
                except ValidationError as error:
                    raise _problem(number, "Bukti Dukung", error.message) from None
            data = EntryInput(
                tanggal=_parse_date(cells["Tanggal"], number),
                mulai=cells["Jam Mulai"],
                selesai=cells["Jam Selesai"],
                kegiatan=cells["Kegiatan Harian"],
                iki_id=iki_id,
                rencana_aksi_id=ra_id,
                realisasi=cells["Realisasi"] or None,
                satuan=cells["Satuan"] or None,
                sumber_data=cells["Sumber Data"],
            )
            try:
                record = save_in_session(
                    session, actor, pegawai_id, data, today=day, non_working_ok=non_working_ok
                )
            except EntryError as error:
                raise _problem(number, field_label(error.field or ""), error.detail) from None
            for link in links:
                session.add(
                    BuktiHarian(
                        progres_id=record.id, jenis=JenisBukti.LINK, nama=link[:300], url=link
                    )
                )
            people.add(pegawai_id)
        return ImportResult(len(rows), len(people))


def _plan_texts(session: Any, pegawai_id: str) -> tuple[dict[str, str], dict[str, str]]:
    skp_ids = select(Skp.id).where(
        Skp.pegawai_id == pegawai_id, Skp.status == SkpStatus.DISETUJUI, Skp.deleted.is_(False)
    )
    ikis = session.execute(
        select(Iki.teks, Iki.id, Rhk.urutan, Iki.urutan)
        .join(Rhk, Rhk.id == Iki.rhk_id)
        .where(Rhk.skp_id.in_(skp_ids), Iki.deleted.is_(False))
    ).all()
    by_text: dict[str, str] = {}
    for teks, iki_id, rhk_no, iki_no in ikis:
        by_text[iki_label(rhk_no, iki_no, teks)] = iki_id
        by_text[teks] = "" if teks in by_text else iki_id  # "": ambiguous
    plans = session.execute(
        select(RencanaAksi.teks, RencanaAksi.id)
        .join(Rhk, Rhk.id == RencanaAksi.rhk_id)
        .where(Rhk.skp_id.in_(skp_ids), RencanaAksi.deleted.is_(False))
    ).all()
    return by_text, {t: i for t, i in plans}
