"""Reading a master-data table from a spreadsheet file: CSV (UTF-8, comma or semicolon) or a
workbook (XLSX, XLSM, XLS, ODS: the first sheet, read with python-calamine).

Columns are found by their header, whatever the spelling offices' SIMPEG/SIASN exports use
("NIP Baru", "Gol. Ruang", "Unit Kerja", "NIP Atasan"...): a header is lowered, stripped of
punctuation and looked up in the aliases of the wanted columns. Cells become text: whole
numbers without ".0", dates as ISO dates. A number too long for a spreadsheet's number format
(a NIP typed as a number loses its last digits) is reported, never guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_desktop.i18n import _

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_PUNCT = re.compile(r"[^0-9a-z]+")
_SAFE_DIGITS = 15
IGNORED_HEADERS = frozenset({"no", "no urut", "nomor", "nomor urut", "urut"})
"""Headers of running-number columns that sheets often start with; their cells are skipped."""

Report = Callable[[int, str, str], None]
"""Where problems go: (line, column, message)."""


def header_key(text: str) -> str:
    """A header as looked up: lower case, punctuation and underscores as single spaces."""
    return _PUNCT.sub(" ", str(text).lower()).strip()


@dataclass(frozen=True)
class Table:
    """The rows of a table: (line number, {canonical column: text}), and the columns found."""

    rows: list[tuple[int, dict[str, str]]]
    columns: list[str]


def _cell(value: Any) -> tuple[str, bool]:
    """A cell as text, and whether it was a number too long to be exact."""
    if type(value) is str:
        return value.strip(), False
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("1" if value else "0"), False
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), False
    if isinstance(value, dt.date):
        return value.isoformat(), False
    if isinstance(value, float):
        if value.is_integer():
            text = str(int(value))
            return text, len(text.lstrip("-")) > _SAFE_DIGITS
        return repr(value), False
    if isinstance(value, int):
        return str(value), False
    return str(value).strip(), False


def _filled(value: Any) -> bool:
    """Whether a cell holds anything but blanks."""
    if type(value) is str:
        return bool(value.strip())
    return value is not None


def _workbook_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineError, load_workbook

    try:
        book = load_workbook(str(path))
        if not book.sheet_names:
            return []
        return [list(row) for row in book.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except CalamineError as exc:
        raise ValueError(str(exc)) from exc


def _csv_rows(path: Path) -> list[list[Any]]:
    text = path.read_bytes().decode("utf-8-sig")
    if not text.strip():
        return []
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _raw_rows(path: Path, report: Report) -> list[list[Any]] | None:
    """The cells of every line of ``path``; None (reported) when it cannot be read."""
    try:
        return _workbook_rows(path) if path.suffix.lower() in WORKBOOK_SUFFIXES else _csv_rows(path)
    except OSError as exc:
        report(0, "", _("The file cannot be read: {error}").format(error=exc))
    except UnicodeDecodeError:
        report(0, "", _("The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."))
    except ValueError as exc:
        report(
            0,
            "",
            _("The workbook cannot be read ({error}). Save it again as XLSX and retry.").format(
                error=exc
            ),
        )
    return None


def _header(
    cells: list[Any],
    aliases: Mapping[str, str],
    required: tuple[str, ...],
    first: int,
    report: Report,
) -> list[str | None]:
    """The canonical name of each header cell (None for an unknown or repeated one); unknown,
    repeated and missing required columns reported on the header's line ``first``."""
    header: list[str | None] = []
    known = sorted(set(aliases.values()))
    for cell in cells:
        text = _cell(cell)[0]
        name = aliases.get(header_key(text)) if text else None
        if text and name is None and header_key(text) not in IGNORED_HEADERS:
            report(
                first,
                text,
                _("Unknown column. Known columns: {known}.").format(known=", ".join(known)),
            )
        elif name is not None and name in header:
            report(first, text, _("The column appears twice."))
            name = None
        header.append(name)
    for column in required:
        if column not in header:
            report(first, column, _("The required column is missing."))
    return header


def read_table(
    path: Path,
    aliases: Mapping[str, str],
    required: tuple[str, ...],
    report: Report,
) -> Table:
    """The rows of ``path`` under their canonical column names (``aliases`` maps a
    ``header_key`` to a canonical name). Unknown and missing columns are reported on the
    header's line (1 unless empty lines come first)."""
    raw = _raw_rows(path, report)
    if raw is None:
        return Table([], [])
    skipped = 0
    while raw and not any(_cell(c)[0] for c in raw[0]):
        raw.pop(0)
        skipped += 1
    if not raw:
        report(1, "", _("The file is empty."))
        return Table([], [])
    first = skipped + 1
    header = _header(raw[0], aliases, required, first, report)
    rows: list[tuple[int, dict[str, str]]] = []
    width = max((i + 1 for i, c in enumerate(raw[0]) if _cell(c)[0]), default=0)
    mapped = [(i, name) for i, name in enumerate(header) if name is not None]
    for index, record in enumerate(raw[1:], start=first + 1):
        if not any(_filled(c) for c in record):
            continue
        if len(record) > width and any(_filled(c) for c in record[width:]):
            report(
                index,
                "",
                _("The line has {n} values but the header has {m} columns.").format(
                    n=len(record), m=width
                ),
            )
            continue
        values: dict[str, str] = {}
        lossy = False
        for i, name in mapped:
            text, inexact = _cell(record[i]) if i < len(record) else ("", False)
            if inexact:
                report(
                    index,
                    name,
                    _(
                        "The number {value} was stored as a number and has lost its last "
                        "digits. Format the column as Text and type the numbers again."
                    ).format(value=text),
                )
                lossy = True
            values[name] = text
        if lossy:
            continue
        rows.append((index, values))
    return Table(rows, [h for h in header if h])
