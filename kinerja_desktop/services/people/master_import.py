"""Master data from spreadsheet files: the units and the people of an office.

Two tables, each a CSV file (UTF-8, comma or semicolon separated) or a workbook (XLSX and
the other formats of ``sheet_reader``: the first sheet), a header line naming the columns
in any order and in the spellings SIMPEG/SIASN exports use (format in
docs/accounts-and-backups.md):

* units: ``kode, nama, induk_kode`` (the parent unit's code; empty for a root unit)
* people: ``nip, nama, jenis_asn, gelar_depan, gelar_belakang, golongan, tmt_jabatan,
  jabatan, jenis_jabatan, jenjang, unit_kode, memimpin_unit, penilai_nip, email, telepon``
  (only ``nip`` and ``nama`` are required; the unit may be given by its code or its name)

Every line is checked before anything is written, and every problem is reported with its
file, line and column, so one corrected file imports in one go. The import is one
transaction: it lands whole or not at all, unless ``skip_bad`` leaves out the refused lines
(a line another line depends on is then refused too). ``dry_run`` only says what would
change: people added, and for people already here (matched by NIP) each value before and
after. New people are written in bulk; the audit log records the import once with their
NIPs, and every change to an existing person as usual.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import bulk
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.tracking import next_change_seq
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.base import new_id, utcnow
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenjangJabatan
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.nip import NipInfo, normalize, validate_nip
from kinerja_desktop.services.core.reference import valid_golongan
from kinerja_desktop.services.people.sheet_reader import header_key, read_table

UNIT_COLUMNS = ("kode", "nama", "induk_kode")
PEOPLE_COLUMNS = (
    "nip", "nama", "jenis_asn", "gelar_depan", "gelar_belakang", "golongan", "tmt_jabatan",
    "jabatan", "jenis_jabatan", "jenjang", "unit_kode", "memimpin_unit", "penilai_nip", "email",
    "telepon",
)  # fmt: skip
_UNIT_ALIASES = {
    "kode": ("kode unit", "kode unor", "id unit"),
    "nama": ("nama unit", "unit", "unit kerja", "nama unor", "unor"),
    "induk_kode": ("induk", "kode induk", "induk unit", "kode unit induk", "parent"),
}
_PEOPLE_ALIASES = {
    "nip": ("nip baru", "nipbaru", "nip ni pppk", "ni pppk", "nomor induk pegawai", "nip nik"),
    "nama": ("nama lengkap", "nama pegawai", "nama asn"),
    "jenis_asn": ("jenis pegawai", "status asn", "status pegawai", "asn"),
    "gelar_depan": ("gelar dpn",),
    "gelar_belakang": ("gelar", "gelar blk"),
    "golongan": ("gol", "gol ruang", "golongan ruang", "pangkat gol", "pangkat golongan",
                 "pangkat gol ruang", "gol akhir", "golongan akhir"),
    "tmt_jabatan": ("tmt", "tmt jab"),
    "jabatan": ("nama jabatan", "jabatan terakhir"),
    "jenis_jabatan": ("jenis jab",),
    "jenjang": ("jenjang jabatan", "tingkat jabatan"),
    "unit_kode": ("unit", "unit kerja", "kode unit", "unor", "nama unor", "unit organisasi",
                  "satuan kerja", "satker"),
    "memimpin_unit": ("kepala unit", "pimpinan unit"),
    "penilai_nip": ("atasan nip", "nip atasan", "nip atasan langsung", "nip penilai",
                    "atasan", "penilai", "nip pejabat penilai"),
    "email": ("e mail", "surel", "alamat email"),
    "telepon": ("telp", "no hp", "nomor hp", "hp", "no telepon", "nomor telepon"),
}  # fmt: skip
_REQUIRED = {"units": ("kode", "nama"), "people": ("nip", "nama")}
_TRUE = {"1", "ya", "y", "yes", "true", "x"}
_GOLONGAN = re.compile(r"\b(IV|I{1,3})\s*/\s*([A-E])\b")
MAX_PROBLEMS = 200


def _aliases(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, spellings in table.items():
        out[header_key(canonical)] = canonical
        for spelling in spellings:
            out[header_key(spelling)] = canonical
    return out


UNIT_ALIASES = _aliases(_UNIT_ALIASES)
PEOPLE_ALIASES = _aliases(_PEOPLE_ALIASES)


@dataclass(frozen=True)
class LineProblem:
    """One problem: which file, which line (1 = the header), which column, what is wrong."""

    file: str
    line: int
    column: str
    message: str
    needs_confirmation: bool = False
    """The line is right only if the user confirms it (a TMT CPNS before the 18th birthday):
    refused unless the import is run with ``confirm_tmt``."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return (
            f"{where} [{self.column}] {self.message}" if self.column else f"{where} {self.message}"
        )


class MasterImportError(ValidationError):
    """The files hold problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: list[LineProblem]) -> None:
        shown = "\n".join(str(p) for p in problems[:20])
        more = len(problems) - 20
        if more > 0:
            shown += "\n" + ngettext(
                "…and {n} more problem.", "…and {n} more problems.", more
            ).format(n=more)
        super().__init__(
            ngettext(
                "The import found {n} problem; nothing was imported. Correct the file and try again:",
                "The import found {n} problems; nothing was imported. Correct the files and try again:",
                len(problems),
            ).format(n=len(problems))
            + "\n"
            + shown
        )
        self.problems = problems

    @property
    def needs_confirmation(self) -> list[LineProblem]:
        """The problems a confirmation would clear (``confirm_tmt``)."""
        return [p for p in self.problems if p.needs_confirmation]


@dataclass(frozen=True)
class PersonChange:
    """What an import does to one person: added, or the values that change (before, after)."""

    nip: str
    nama: str
    added: bool
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    units_added: int
    units_updated: int
    people_added: int
    people_updated: int
    changes: tuple[PersonChange, ...] = ()
    skipped: tuple[LineProblem, ...] = ()
    dry_run: bool = False
    tmt_confirmed: tuple[LineProblem, ...] = ()
    """Lines whose TMT CPNS before the 18th birthday the user confirmed (``confirm_tmt``)."""


@dataclass
class _Unit:
    line: int
    kode: str
    nama: str
    induk: str


@dataclass
class _Person:
    line: int
    nip: str
    nama: str
    jenis_asn: JenisAsn
    values: dict[str, object] = field(default_factory=dict)
    jabatan: str = ""
    jenis_jabatan: JenisJabatan = JenisJabatan.JA
    jenjang: JenjangJabatan = JenjangJabatan.PELAKSANA
    unit_kode: str = ""
    memimpin: bool = False
    penilai_nip: str = ""


class _Problems:
    def __init__(self) -> None:
        self.items: list[LineProblem] = []

    def add(
        self, file: str, line: int, column: str, message: str, *, confirm: bool = False
    ) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(LineProblem(file, line, column, message, confirm))

    def reporter(self, file: str) -> Any:
        return lambda line, column, message: self.add(file, line, column, message)


def _parse_units(path: Path, problems: _Problems) -> list[_Unit]:
    units: list[_Unit] = []
    seen: dict[str, int] = {}
    table = read_table(path, UNIT_ALIASES, _REQUIRED["units"], problems.reporter(path.name))
    for line, row in table.rows:
        kode, nama = row.get("kode", ""), " ".join(row.get("nama", "").split())
        if not kode:
            problems.add(path.name, line, "kode", _("The unit code is required."))
            continue
        if kode in seen:
            problems.add(
                path.name,
                line,
                "kode",
                _("Unit code '{code}' already appears on line {other}.").format(
                    code=kode, other=seen[kode]
                ),
            )
            continue
        if not nama:
            problems.add(path.name, line, "nama", _("The unit name is required."))
        seen[kode] = line
        units.append(_Unit(line, kode, nama, row.get("induk_kode", "")))
    return units


def _enum(
    enum_cls: type[Enum],
    value: str,
    default: object,
    file: str,
    line: int,
    column: str,
    problems: _Problems,
) -> object:
    if not value:
        return default
    try:
        return enum_cls(value.strip().lower().replace(" ", "_"))
    except ValueError:
        problems.add(
            file,
            line,
            column,
            _("'{value}' is not one of: {known}.").format(
                value=value, known=", ".join(str(m.value) for m in enum_cls)
            ),
        )
        return default


@functools.lru_cache(maxsize=256)
def normalize_golongan(raw: str) -> str:
    """``III/a`` from ``iii/A``, ``III / a`` or ``Penata Muda (III/a)``; PPPK ``IX`` as is."""
    text = " ".join(raw.split())
    match = _GOLONGAN.search(text.upper())
    if match:
        return f"{match.group(1)}/{match.group(2).lower()}"
    return text.upper() if text and text.replace(" ", "").isalpha() else text


@functools.lru_cache(maxsize=4096)
def parse_date(raw: str) -> dt.date | None:
    """A date from ISO (2024-01-31) or Indonesian day-first forms (31-01-2024, 31/01/2024)."""
    text = raw.strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_people(
    path: Path, problems: _Problems, confirm_tmt: bool, confirmed: list[LineProblem]
) -> list[_Person]:
    """Every line of the people file checked on its own (references are checked later)."""
    people: list[_Person] = []
    seen: dict[str, int] = {}
    file = path.name
    table = read_table(path, PEOPLE_ALIASES, _REQUIRED["people"], problems.reporter(file))
    today = dt.date.today()
    for line, row in table.rows:
        person = _parse_person(
            _Line(file, line, row, problems), seen, confirm_tmt, confirmed, today
        )
        if person is not None:
            people.append(person)
    return people


@dataclass(frozen=True)
class _Line:
    """One line of a file being read, and where its problems go."""

    file: str
    line: int
    row: dict[str, str]
    problems: _Problems

    def add(self, column: str, message: str, *, confirm: bool = False) -> None:
        self.problems.add(self.file, self.line, column, message, confirm=confirm)

    def enum(self, enum_cls: type[Enum], column: str, default: Enum) -> object:
        value = self.row.get(column, "")
        return _enum(enum_cls, value, default, self.file, self.line, column, self.problems)


def _parse_person(
    at: _Line,
    seen: dict[str, int],
    confirm_tmt: bool,
    confirmed: list[LineProblem],
    today: dt.date,
) -> _Person | None:
    """One line of the people file, its problems added; None when its NIP is unusable."""
    row = at.row
    jenis_asn = at.enum(JenisAsn, "jenis_asn", JenisAsn.PNS)
    assert isinstance(jenis_asn, JenisAsn)
    info = _line_nip(at, jenis_asn, seen)
    if info is None:
        return None
    if info.tmt_before_18:
        if confirm_tmt:
            confirmed.append(LineProblem(at.file, at.line, "nip", info.tmt_warning(), True))
        else:
            at.add("nip", _(
                "{warning} Needs confirmation: import with --confirm-tmt, or tick the "
                "confirmation under the preview."
            ).format(warning=info.tmt_warning()), confirm=True)  # fmt: skip
    nama = " ".join(row.get("nama", "").split())
    if not nama:
        at.add("nama", _("The name is required."))
    elif len(nama) > 200:
        at.add("nama", _("The name is longer than 200 characters."))
    golongan = _line_golongan(at, jenis_asn)
    tmt = _line_tmt(at, info.tanggal_lahir, today)
    jenis_jabatan = at.enum(JenisJabatan, "jenis_jabatan", JenisJabatan.JA)
    jenjang = at.enum(JenjangJabatan, "jenjang", JenjangJabatan.PELAKSANA)
    return _Person(
        line=at.line, nip=info.nip, nama=nama, jenis_asn=jenis_asn,
        values={
            "gelar_depan": row.get("gelar_depan", ""), "gelar_belakang": row.get("gelar_belakang", ""),
            "golongan": golongan, "email": row.get("email", ""), "telepon": row.get("telepon", ""),
            "tanggal_lahir": info.tanggal_lahir, "jenis_kelamin": info.jenis_kelamin,
            "tmt_jabatan": tmt,
        },
        jabatan=" ".join(row.get("jabatan", "").split()),
        jenis_jabatan=jenis_jabatan,  # type: ignore[arg-type]
        jenjang=jenjang,  # type: ignore[arg-type]
        unit_kode=" ".join(row.get("unit_kode", "").split()),
        memimpin=row.get("memimpin_unit", "").strip().lower() in _TRUE,
        penilai_nip=normalize(row.get("penilai_nip", "")),
    )  # fmt: skip


def _line_nip(at: _Line, jenis_asn: JenisAsn, seen: dict[str, int]) -> NipInfo | None:
    """The line's checked NIP, not seen on an earlier line; None (reported) otherwise."""
    try:
        info = validate_nip(at.row.get("nip", ""), jenis_asn)
    except ValidationError as exc:
        at.add("nip", exc.message)
        return None
    if info.nip in seen:
        at.add(
            "nip",
            _("NIP {nip} already appears on line {other}.").format(
                nip=info.nip, other=seen[info.nip]
            ),
        )
        return None
    seen[info.nip] = at.line
    return info


def _line_golongan(at: _Line, jenis_asn: JenisAsn) -> str:
    golongan = normalize_golongan(at.row.get("golongan", ""))
    if golongan and not valid_golongan(golongan, jenis_asn):
        hint = "III/a" if jenis_asn is JenisAsn.PNS else "IX"
        at.add(
            "golongan",
            _("Unknown golongan '{gol}' for {jenis} (for example {hint}).").format(
                gol=golongan, jenis=jenis_asn.value.upper(), hint=hint
            ),
        )
    return golongan


def _line_tmt(at: _Line, born: dt.date, today: dt.date) -> dt.date | None:
    """The TMT jabatan, if given and plausible (not in the future, not before birth)."""
    raw = at.row.get("tmt_jabatan")
    if not raw:
        return None
    tmt = parse_date(raw)
    if tmt is None:
        at.add(
            "tmt_jabatan",
            _("'{value}' is not a date; write it as 31-01-2024 or 2024-01-31.").format(value=raw),
        )
    elif tmt > today or tmt < born:
        at.add(
            "tmt_jabatan",
            _("The TMT {date} lies in the future or before the birth date.").format(
                date=tmt.isoformat()
            ),
        )
        return None
    return tmt


def _resolve_units(
    session: Session, units: list[_Unit], people: list[_Person], file: str, problems: _Problems
) -> set[str]:
    """The unit codes known (here and in the file); a person's unit given by its name is
    replaced by its code when exactly one unit has that name."""
    existing = dict(
        session.execute(
            select(UnitKerja.kode, UnitKerja.nama).where(UnitKerja.deleted.is_(False))
        ).all()
    )
    names: dict[str, list[str]] = {}
    for kode, nama in [*existing.items(), *((u.kode, u.nama) for u in units)]:
        same = names.setdefault(nama.casefold(), [])
        if kode not in same:
            same.append(kode)
    codes = set(existing) | {u.kode for u in units}
    for person in people:
        if not person.unit_kode or person.unit_kode in codes:
            continue
        matches = names.get(person.unit_kode.casefold(), [])
        if len(matches) == 1:
            person.unit_kode = matches[0]
        elif len(matches) > 1:
            problems.add(
                file,
                person.line,
                "unit_kode",
                _("Several units are named '{name}'; give the unit code instead.").format(
                    name=person.unit_kode
                ),
            )
    return codes


def _check_references(
    session: Session,
    units: list[_Unit],
    people: list[_Person],
    files: tuple[str, str],
    problems: _Problems,
) -> None:
    """Parent units and supervisors exist (here or in the files) and form no loop."""
    unit_file, people_file = files
    existing_units = set(
        session.execute(select(UnitKerja.kode).where(UnitKerja.deleted.is_(False))).scalars()
    )
    _check_unit_parents(units, existing_units | {u.kode for u in units}, unit_file, problems)
    unit_codes = _resolve_units(session, units, people, people_file, problems)
    existing_people = set(
        session.execute(select(Pegawai.nip).where(Pegawai.deleted.is_(False))).scalars()
    )
    _check_people_links(people, unit_codes, existing_people, people_file, problems)


def _check_unit_parents(
    units: list[_Unit], unit_codes: set[str], unit_file: str, problems: _Problems
) -> None:
    for unit in units:
        if unit.induk and unit.induk not in unit_codes:
            problems.add(
                unit_file,
                unit.line,
                "induk_kode",
                _("Unknown parent unit '{code}'.").format(code=unit.induk),
            )
        if unit.induk == unit.kode:
            problems.add(unit_file, unit.line, "induk_kode", _("A unit cannot be its own parent."))
    by_code = {u.kode: u for u in units}
    for unit in units:
        current, steps = unit.induk, 0
        while current in by_code and steps <= len(units):
            if current == unit.kode:
                problems.add(
                    unit_file,
                    unit.line,
                    "induk_kode",
                    _("The chain of parent units loops back to this unit."),
                )
                break
            current, steps = by_code[current].induk, steps + 1


def _check_people_links(
    people: list[_Person],
    unit_codes: set[str],
    existing_people: set[str],
    people_file: str,
    problems: _Problems,
) -> None:
    nips = existing_people | {p.nip for p in people}
    by_nip = {p.nip: p for p in people}
    for person in people:
        if person.unit_kode and person.unit_kode not in unit_codes:
            problems.add(
                people_file,
                person.line,
                "unit_kode",
                _("Unknown unit code '{code}'. See the list of units for valid codes.").format(
                    code=person.unit_kode
                ),
            )
        if person.penilai_nip:
            if person.penilai_nip == person.nip:
                problems.add(
                    people_file,
                    person.line,
                    "penilai_nip",
                    _("A person cannot be their own supervisor."),
                )
            elif person.penilai_nip not in nips:
                problems.add(
                    people_file,
                    person.line,
                    "penilai_nip",
                    _("No person has NIP {nip}; choose an existing supervisor.").format(
                        nip=person.penilai_nip
                    ),
                )
        current, steps = person.penilai_nip, 0
        if current == person.nip:
            continue
        while current in by_nip and steps <= len(people):
            if current == person.nip:
                problems.add(
                    people_file,
                    person.line,
                    "penilai_nip",
                    _("The chain of supervisors loops back to this person."),
                )
                break
            current, steps = by_nip[current].penilai_nip, steps + 1


def _validated(
    session: Session,
    units: list[_Unit],
    people: list[_Person],
    files: tuple[str, str],
    problems: _Problems,
    skip_bad: bool,
) -> tuple[list[_Unit], list[_Person], list[LineProblem]]:
    """The lines to import and the problems left out (``skip_bad``), or ``MasterImportError``.

    With ``skip_bad`` the lines with a problem are dropped and the references checked again
    (a supervisor or parent on a dropped line refuses its dependants too), until none is
    left; a problem of the whole file (its header, its encoding) still refuses everything.
    """
    _check_references(session, units, people, files, problems)
    if not problems.items:
        return units, people, []
    if not skip_bad or any(p.line <= 1 for p in problems.items):
        raise MasterImportError(problems.items)
    skipped = list(problems.items)
    while True:
        bad = {(p.file, p.line) for p in skipped}
        units = [u for u in units if (files[0], u.line) not in bad]
        people = [p for p in people if (files[1], p.line) not in bad]
        again = _Problems()
        _check_references(session, units, people, files, again)
        if not again.items:
            return units, people, skipped
        skipped.extend(again.items)


def import_master(
    db: Database,
    *,
    actor: Actor,
    units_csv: Path | None = None,
    people_csv: Path | None = None,
    skip_bad: bool = False,
    dry_run: bool = False,
    confirm_tmt: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import units and/or people from CSV or workbook files; all or nothing
    (``MasterImportError``) unless ``skip_bad``; ``dry_run`` writes nothing. A NIP whose TMT
    CPNS lies before the 18th birthday is refused (a problem that ``needs_confirmation``)
    unless ``confirm_tmt``; the summary then lists those lines in ``tmt_confirmed``."""
    access.require_pengelola(actor)
    progress = progress or NullProgress()
    problems = _Problems()
    confirmed: list[LineProblem] = []
    units = _parse_units(units_csv, problems) if units_csv else []
    people = _parse_people(people_csv, problems, confirm_tmt, confirmed) if people_csv else []
    files = (units_csv.name if units_csv else "", people_csv.name if people_csv else "")
    with db.unit_of_work(actor) as session:
        units, people, skipped = _validated(session, units, people, files, problems, skip_bad)
        kept = {p.line for p in people}
        confirmed = [c for c in confirmed if c.line in kept]
        instansi = session.execute(select(Instansi).where(Instansi.deleted.is_(False))).scalar()
        if instansi is None:
            raise ValidationError(_("Set up the instansi first (kinerja init)."), field="instansi")
        changes = _changes(session, people)
        known_units = set(
            session.execute(select(UnitKerja.kode).where(UnitKerja.deleted.is_(False))).scalars()
        )
        units_added = sum(1 for u in units if u.kode not in known_units)
        people_added = sum(1 for c in changes if c.added)
        if dry_run:
            return ImportSummary(
                units_added, len(units) - units_added, people_added,
                len(people) - people_added, tuple(changes), tuple(skipped), True,
                tuple(confirmed),
            )  # fmt: skip
        progress.update(0, len(people) + 1, _("Units"))
        unit_ids, units_added, units_updated = _write_units(session, instansi.id, units)
        check_cancel(progress)
        added, updated = _write_people(session, actor, people, unit_ids, progress)
        progress.update(len(people) + 1, len(people) + 1, _("Done"))
        return ImportSummary(
            units_added, units_updated, added, updated, tuple(changes), tuple(skipped), False,
            tuple(confirmed),
        )  # fmt: skip


def _current(session: Session, nips: list[str]) -> dict[str, dict[str, str]]:
    """The values an import may change, as text, of the people here with one of ``nips``."""
    penilai = Pegawai.__table__.alias("penilai")
    out: dict[str, dict[str, str]] = {}
    for start in range(0, len(nips), 900):
        rows = session.execute(
            select(
                Pegawai.nip,
                Pegawai.nama,
                Pegawai.jenis_asn,
                Pegawai.gelar_depan,
                Pegawai.gelar_belakang,
                Pegawai.golongan,
                Pegawai.tmt_jabatan,
                Jabatan.nama,
                UnitKerja.kode,
                penilai.c.nip,
                Pegawai.email,
                Pegawai.telepon,
            )
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .outerjoin(penilai, penilai.c.id == Pegawai.penilai_id)
            .where(Pegawai.nip.in_(nips[start : start + 900]))
        ).all()
        for nip, nama, jenis, depan, belakang, gol, tmt, jab, unit, atasan, email, tel in rows:
            out[nip] = {
                "nama": nama, "jenis_asn": jenis.value, "gelar_depan": depan,
                "gelar_belakang": belakang, "golongan": gol,
                "tmt_jabatan": tmt.isoformat() if tmt else "", "jabatan": jab or "",
                "unit_kode": unit or "", "penilai_nip": atasan or "", "email": email,
                "telepon": tel,
            }  # fmt: skip
    return out


def _wanted(person: _Person) -> dict[str, str]:
    tmt = person.values.get("tmt_jabatan")
    return {
        "nama": person.nama, "jenis_asn": person.jenis_asn.value,
        "gelar_depan": str(person.values["gelar_depan"]),
        "gelar_belakang": str(person.values["gelar_belakang"]),
        "golongan": str(person.values["golongan"]),
        "tmt_jabatan": tmt.isoformat() if isinstance(tmt, dt.date) else "",
        "jabatan": person.jabatan, "unit_kode": person.unit_kode,
        "penilai_nip": person.penilai_nip, "email": str(person.values["email"]),
        "telepon": str(person.values["telepon"]),
    }  # fmt: skip


def _present(session: Session, people: list[_Person]) -> list[str]:
    """The NIPs of the file that a record here already holds (one query for all)."""
    here = set(session.execute(select(Pegawai.nip)).scalars())
    return [p.nip for p in people if p.nip in here]


def _changes(session: Session, people: list[_Person]) -> list[PersonChange]:
    """Per person of the file: added, or the values that differ from what is here."""
    current = _current(session, _present(session, people))
    out: list[PersonChange] = []
    for person in people:
        before = current.get(person.nip)
        if before is None:
            out.append(PersonChange(person.nip, person.nama, True))
            continue
        after = _wanted(person)
        diff = tuple((k, before[k], after[k]) for k in after if before[k] != after[k])
        if diff:
            out.append(PersonChange(person.nip, person.nama, False, diff))
    return out


def _assign(record: object, values: dict[str, object]) -> None:
    """Set only what differs, so a re-import logs real changes only."""
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)


def _write_units(
    session: Session, instansi_id: str, units: list[_Unit]
) -> tuple[dict[str, str], int, int]:
    existing = {
        u.kode: u
        for u in session.execute(select(UnitKerja).where(UnitKerja.deleted.is_(False))).scalars()
    }
    added = updated = 0
    for unit in units:
        record = existing.get(unit.kode)
        if record is None:
            record = UnitKerja(instansi_id=instansi_id, kode=unit.kode, nama=unit.nama, level=0)
            session.add(record)
            existing[unit.kode] = record
            added += 1
        else:
            _assign(record, {"nama": unit.nama})
            updated += 1
    session.flush()
    for unit in units:
        parent_id = existing[unit.induk].id if unit.induk else None
        _assign(existing[unit.kode], {"parent_id": parent_id})
    session.flush()
    by_id = {u.id: u for u in existing.values()}

    def level(record: UnitKerja) -> int:
        depth, current = 0, record
        while current.parent_id is not None and depth < len(by_id):
            current, depth = by_id[current.parent_id], depth + 1
        return depth

    for record in existing.values():
        if record.level != level(record):
            record.level = level(record)
    return {kode: u.id for kode, u in existing.items()}, added, updated


def _jabatan_ids(session: Session, people: Iterable[_Person], unit_ids: dict[str, str]) -> Any:
    """(jabatan name, unit id) -> jabatan id, creating the positions not here yet."""
    found: dict[tuple[str, str | None], str] = {
        (nama, unit_id): jid
        for jid, nama, unit_id in session.execute(
            select(Jabatan.id, Jabatan.nama, Jabatan.unit_id).where(Jabatan.deleted.is_(False))
        ).all()
    }
    for person in people:
        if not person.jabatan:
            continue
        key = (person.jabatan, unit_ids.get(person.unit_kode) if person.unit_kode else None)
        if key not in found:
            jabatan = Jabatan(
                id=new_id(), nama=person.jabatan, jenis=person.jenis_jabatan,
                jenjang=person.jenjang, unit_id=key[1], memimpin_unit=person.memimpin,
            )  # fmt: skip
            session.add(jabatan)
            found[key] = jabatan.id
    session.flush()
    return found


def _write_people(
    session: Session,
    actor: Actor,
    people: list[_Person],
    unit_ids: dict[str, str],
    progress: Progress,
) -> tuple[int, int]:
    """New people in one bulk insert (one audit row lists them), the others through the ORM
    (each change audited); supervisors may be anywhere in the file or already here."""
    jabatan = _jabatan_ids(session, people, unit_ids)
    records: dict[str, Pegawai] = {}
    wanted = _present(session, people)
    for start in range(0, len(wanted), 900):
        for record in session.execute(
            select(Pegawai).where(Pegawai.nip.in_(wanted[start : start + 900]))
        ).scalars():
            records[record.nip] = record
    ids = {nip: r.id for nip, r in records.items()}
    referenced = sorted({p.penilai_nip for p in people if p.penilai_nip} - set(ids))
    for start in range(0, len(referenced), 900):
        for nip, pid in session.execute(
            select(Pegawai.nip, Pegawai.id).where(Pegawai.nip.in_(referenced[start : start + 900]))
        ).all():
            ids[nip] = pid
    fresh = [p for p in people if p.nip not in records]
    for person in fresh:
        ids[person.nip] = new_id()
    bulk.defer_foreign_keys(session)
    rows: list[dict[str, Any]] = []
    install_id, seq = next_change_seq(session) if fresh else ("", 0)
    now = bulk.datetime_text(utcnow())
    for person in fresh:
        unit_id = unit_ids.get(person.unit_kode) if person.unit_kode else None
        rows.append(
            {
                "id": ids[person.nip], "created_at": now, "created_by": actor.user_id,
                "updated_at": now, "updated_by": actor.user_id, "vv": {install_id: seq},
                "change_seq": seq, "deleted": False, "nip": person.nip,
                "jenis_asn": person.jenis_asn, "nama": person.nama, **person.values,
                "jabatan_id": jabatan.get((person.jabatan, unit_id)) if person.jabatan else None,
                "unit_id": unit_id,
                "penilai_id": ids.get(person.penilai_nip) if person.penilai_nip else None,
                "aktif": True,
            }
        )  # fmt: skip
    if rows:
        for column in Pegawai.__table__.columns:
            default = getattr(column.default, "arg", None) if column.default is not None else None
            for row in rows:
                row.setdefault(column.name, None if callable(default) else default)
        bulk.insert_rows(session, Pegawai.__table__, rows)  # type: ignore[arg-type]
        session.add(
            AuditLog(
                user_id=actor.user_id, actor_name=actor.name, action="import",
                table_name="pegawai", record_id=new_id(),
                after={"added": len(rows), "nip": [p.nip for p in fresh]},
            )
        )  # fmt: skip
    progress.update(len(fresh), len(people) + 1, _("People"))
    for done, person in enumerate((p for p in people if p.nip in records), start=len(fresh)):
        check_cancel(progress)
        unit_id = unit_ids.get(person.unit_kode) if person.unit_kode else None
        values = {
            "jenis_asn": person.jenis_asn, "nama": person.nama, "unit_id": unit_id,
            "jabatan_id": jabatan.get((person.jabatan, unit_id)) if person.jabatan else None,
            "penilai_id": ids.get(person.penilai_nip) if person.penilai_nip else None,
            **person.values,
        }  # fmt: skip
        _assign(records[person.nip], values)
        if done % 200 == 0:
            progress.update(done, len(people) + 1, _("People"))
    session.flush()
    return len(fresh), len(people) - len(fresh)


def template_text(kind: str) -> str:
    """A header line (and one example line) to start a file from."""
    if kind == "units":
        return "kode;nama;induk_kode\nDINAS;Dinas Kependudukan dan Pencatatan Sipil;\nSEKRE;Sekretariat;DINAS\n"
    return (
        ";".join(PEOPLE_COLUMNS) + "\n199003152015032002;Dewi Lestari;pns;;S.Kom.;III/b;01-03-2023;"
        "Analis Kebijakan Ahli Pertama;jf;ahli_pertama;SEKRE;0;;dewi@example.go.id;\n"
    )
