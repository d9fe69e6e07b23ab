"""Master data from spreadsheet files: the units and the people of an office starting alone.

Two CSV files (UTF-8, comma or semicolon separated, a header line; format in
docs/accounts-and-backups.md):

* units: ``kode, nama, induk_kode`` (the parent unit's code; empty for a root unit)
* people: ``nip, nama, jenis_asn, gelar_depan, gelar_belakang, golongan, jabatan,
  jenis_jabatan, jenjang, unit_kode, memimpin_unit, penilai_nip, email, telepon``
  (only ``nip`` and ``nama`` are required; columns may come in any order)

Every line is checked before anything is written, and every problem is reported with its
file, line and column, so one corrected file imports in one go. The import is one
transaction: it lands whole or not at all. A unit code or NIP already in the database is
updated; units and supervisors may refer to lines anywhere in the files or to existing
records, and a supervisor chain that would loop is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.base import new_id
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenjangJabatan
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.nip import normalize, validate_nip
from kinerja_desktop.services.core.reference import valid_golongan

UNIT_COLUMNS = ("kode", "nama", "induk_kode")
PEOPLE_COLUMNS = (
    "nip", "nama", "jenis_asn", "gelar_depan", "gelar_belakang", "golongan", "jabatan",
    "jenis_jabatan", "jenjang", "unit_kode", "memimpin_unit", "penilai_nip", "email", "telepon",
)  # fmt: skip
_REQUIRED = {"units": ("kode", "nama"), "people": ("nip", "nama")}
_TRUE = {"1", "ya", "y", "yes", "true", "x"}
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class LineProblem:
    """One problem: which file, which line (1 = the header), which column, what is wrong."""

    file: str
    line: int
    column: str
    message: str

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


@dataclass(frozen=True)
class ImportSummary:
    units_added: int
    units_updated: int
    people_added: int
    people_updated: int


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

    def add(self, file: str, line: int, column: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(LineProblem(file, line, column, message))


def read_table(
    path: Path, columns: Iterable[str], problems: _Problems
) -> list[tuple[int, dict[str, str]]]:
    """The lines of a CSV file as (line number, {column: value}); unknown columns are reported."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        problems.add(name, 0, "", _("The file cannot be read: {error}").format(error=exc))
        return []
    except UnicodeDecodeError:
        problems.add(
            name, 0, "", _("The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.")
        )
        return []
    if not text.strip():
        problems.add(name, 1, "", _("The file is empty."))
        return []
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    known = set(columns)
    for column in header:
        if column and column not in known:
            problems.add(
                name,
                1,
                column,
                _("Unknown column. Known columns: {known}.").format(known=", ".join(columns)),
            )
    kind = "units" if "kode" in known else "people"
    for required in _REQUIRED[kind]:
        if required not in header:
            problems.add(name, 1, required, _("The required column is missing."))
    rows: list[tuple[int, dict[str, str]]] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.add(
                name,
                line,
                "",
                _("The line has {n} values but the header has {m} columns.").format(
                    n=len(record), m=len(header)
                ),
            )
            continue
        rows.append(
            (
                line,
                {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)},
            )
        )
    return rows


def _parse_units(path: Path, problems: _Problems) -> list[_Unit]:
    units: list[_Unit] = []
    seen: dict[str, int] = {}
    for line, row in read_table(path, UNIT_COLUMNS, problems):
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
        return enum_cls(value.strip().lower())
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


def _parse_people(path: Path, problems: _Problems) -> list[_Person]:
    people: list[_Person] = []
    seen: dict[str, int] = {}
    file = path.name
    for line, row in read_table(path, PEOPLE_COLUMNS, problems):
        jenis_asn = _enum(
            JenisAsn, row.get("jenis_asn", ""), JenisAsn.PNS, file, line, "jenis_asn", problems
        )
        assert isinstance(jenis_asn, JenisAsn)
        try:
            info = validate_nip(row.get("nip", ""), jenis_asn)
        except ValidationError as exc:
            problems.add(file, line, "nip", exc.message)
            continue
        if info.nip in seen:
            problems.add(
                file,
                line,
                "nip",
                _("NIP {nip} already appears on line {other}.").format(
                    nip=info.nip, other=seen[info.nip]
                ),
            )
            continue
        seen[info.nip] = line
        nama = " ".join(row.get("nama", "").split())
        if not nama:
            problems.add(file, line, "nama", _("The name is required."))
        elif len(nama) > 200:
            problems.add(file, line, "nama", _("The name is longer than 200 characters."))
        golongan = row.get("golongan", "")
        if golongan and not valid_golongan(golongan, jenis_asn):
            hint = "III/a" if jenis_asn is JenisAsn.PNS else "IX"
            problems.add(
                file,
                line,
                "golongan",
                _("Unknown golongan '{gol}' for {jenis} (for example {hint}).").format(
                    gol=golongan, jenis=jenis_asn.value.upper(), hint=hint
                ),
            )
        jenis_jabatan = _enum(
            JenisJabatan,
            row.get("jenis_jabatan", ""),
            JenisJabatan.JA,
            file,
            line,
            "jenis_jabatan",
            problems,
        )
        jenjang = _enum(
            JenjangJabatan,
            row.get("jenjang", ""),
            JenjangJabatan.PELAKSANA,
            file,
            line,
            "jenjang",
            problems,
        )
        people.append(
            _Person(
                line=line, nip=info.nip, nama=nama, jenis_asn=jenis_asn,
                values={
                    "gelar_depan": row.get("gelar_depan", ""), "gelar_belakang": row.get("gelar_belakang", ""),
                    "golongan": golongan, "email": row.get("email", ""), "telepon": row.get("telepon", ""),
                    "tanggal_lahir": info.tanggal_lahir, "jenis_kelamin": info.jenis_kelamin,
                },
                jabatan=" ".join(row.get("jabatan", "").split()),
                jenis_jabatan=jenis_jabatan,  # type: ignore[arg-type]
                jenjang=jenjang,  # type: ignore[arg-type]
                unit_kode=row.get("unit_kode", ""),
                memimpin=row.get("memimpin_unit", "").strip().lower() in _TRUE,
                penilai_nip=normalize(row.get("penilai_nip", "")),
            )
        )  # fmt: skip
    return people


def _check_references(
    session: Session,
    units: list[_Unit],
    people: list[_Person],
    files: tuple[str, str],
    problems: _Problems,
) -> None:
    unit_file, people_file = files
    existing_units = dict(
        session.execute(
            select(UnitKerja.kode, UnitKerja.parent_id).where(UnitKerja.deleted.is_(False))
        ).all()
    )
    unit_codes = set(existing_units) | {u.kode for u in units}
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
    existing_people = dict(
        session.execute(
            select(Pegawai.nip, Pegawai.penilai_id).where(Pegawai.deleted.is_(False))
        ).all()
    )
    nips = set(existing_people) | {p.nip for p in people}
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


def import_master(
    db: Database,
    *,
    actor: Actor,
    units_csv: Path | None = None,
    people_csv: Path | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import units and/or people from CSV files; all or nothing (``MasterImportError``)."""
    access.require_pengelola(actor)
    progress = progress or NullProgress()
    problems = _Problems()
    units = _parse_units(units_csv, problems) if units_csv else []
    people = _parse_people(people_csv, problems) if people_csv else []
    files = (units_csv.name if units_csv else "", people_csv.name if people_csv else "")
    with db.unit_of_work(actor) as session:
        _check_references(session, units, people, files, problems)
        if problems.items:
            raise MasterImportError(problems.items)
        instansi = session.execute(select(Instansi).where(Instansi.deleted.is_(False))).scalar()
        if instansi is None:
            raise ValidationError(_("Set up the instansi first (kinerja init)."), field="instansi")
        total = len(units) + 2 * len(people)
        done = 0
        unit_ids, added_units, updated_units = _write_units(session, instansi.id, units)
        done += len(units)
        progress.update(done, total, _("Units"))
        added_people = updated_people = 0
        records: dict[str, Pegawai] = {}
        wanted = [p.nip for p in people]
        for chunk in range(0, len(wanted), 500):
            for record in session.execute(
                select(Pegawai).where(Pegawai.nip.in_(wanted[chunk : chunk + 500]))
            ).scalars():
                records[record.nip] = record
        jabatan_cache: dict[tuple[str, str | None], str] = {}
        for person in people:
            check_cancel(progress)
            unit_id = unit_ids.get(person.unit_kode) if person.unit_kode else None
            jabatan_id = (
                _jabatan(session, jabatan_cache, person, unit_id) if person.jabatan else None
            )
            found = records.get(person.nip)
            if found is None:
                record = Pegawai(
                    id=new_id(), nip=person.nip, jenis_asn=person.jenis_asn, nama=person.nama
                )
                session.add(record)
                records[person.nip] = record
                added_people += 1
            else:
                record = found
                updated_people += 1
            values = {"jenis_asn": person.jenis_asn, "nama": person.nama, "unit_id": unit_id,
                      "jabatan_id": jabatan_id, **person.values}  # fmt: skip
            _assign(record, values)
            done += 1
            if done % 50 == 0:
                progress.update(done, total, _("People"))
        # Supervisors are linked once everyone exists (SQLite checks each row's keys at once).
        session.flush()
        for person in people:
            check_cancel(progress)
            penilai = records.get(person.penilai_nip) if person.penilai_nip else None
            penilai_id: str | None = penilai.id if penilai else None
            if penilai is None and person.penilai_nip:
                penilai_id = session.execute(
                    select(Pegawai.id).where(Pegawai.nip == person.penilai_nip)
                ).scalar_one()
            _assign(records[person.nip], {"penilai_id": penilai_id})
            done += 1
        session.flush()
        progress.update(total, total, _("Done"))
        return ImportSummary(added_units, updated_units, added_people, updated_people)


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


def _jabatan(
    session: Session, cache: dict[tuple[str, str | None], str], person: _Person, unit_id: str | None
) -> str:
    key = (person.jabatan, unit_id)
    if key not in cache:
        with session.no_autoflush:
            found = session.execute(
                select(Jabatan.id).where(
                    Jabatan.nama == person.jabatan,
                    Jabatan.unit_id.is_(None) if unit_id is None else Jabatan.unit_id == unit_id,
                    Jabatan.deleted.is_(False),
                )
            ).scalar()
        if found is None:
            jabatan = Jabatan(
                id=new_id(),
                nama=person.jabatan,
                jenis=person.jenis_jabatan,
                jenjang=person.jenjang,
                unit_id=unit_id,
                memimpin_unit=person.memimpin,
            )
            session.add(jabatan)
            found = jabatan.id
        cache[key] = str(found)
    return cache[key]


def template_text(kind: str) -> str:
    """A header line (and one example line) to start a file from."""
    if kind == "units":
        return "kode;nama;induk_kode\nDINAS;Dinas Kependudukan dan Pencatatan Sipil;\nSEKRE;Sekretariat;DINAS\n"
    return (
        ";".join(PEOPLE_COLUMNS)
        + "\n199003152015032002;Dewi Lestari;pns;;S.Kom.;III/b;Analis Kebijakan Ahli Pertama;jf;"
        "ahli_pertama;SEKRE;0;;dewi@example.go.id;\n"
    )
