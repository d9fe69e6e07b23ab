"""The JSON form of one SKP: export, import, and its JSON Schema.

The form names people by NIP and the supervisor's RHK by the supervisor's NIP and the RHK's
text, never by database ids, so an administrator can write files by hand to prepare SKPs in
bulk, and a file moves between installs. ``SCHEMA`` is the JSON Schema (also published as
``docs/schemas/skp.schema.json``); ``schema_errors`` checks a document against it by hand
(the subset of JSON Schema the schema uses), reporting every error with its JSON path, e.g.
``$.rhk[1].iki[0].target_min: must be a number``.

Import checks the whole file first (shape, then meaning: the person, the period, every RHK
and IKI with the same rules as the editor) and writes nothing unless all of it is right. It
creates a draft SKP, or replaces the content of the person's draft of that year. Exporting
an imported SKP gives back the same document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import KinerjaError, ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    SkpStatus,
)
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.nip import normalize
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import plan as skp_service
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp._rules import (
    IkiInput,
    RhkInput,
    check_period,
    clean_iki,
    clean_rhk,
)

FORMAT = "kinerja-skp"
VERSION = 1
NILAI_IDS = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
]


def _enum(values: list[str], nullable: bool = False) -> dict[str, Any]:
    return {"enum": [*([None] if nullable else []), *values]}


_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}
_IKI: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["teks"],
    "properties": {
        "teks": {**_TEXT, "description": "The indicator (IKI)."},
        "aspek": {**_enum([a.value for a in Aspek], True), "description": "JA/JF only."},
        "perspektif": {**_enum([p.value for p in Perspektif], True), "description": "JPT only."},
        "target_min": {
            "type": ["number", "null"],
            "minimum": 0,
            "description": "Kuantitatif: the target, or the lower end of a range.",
        },
        "target_max": {
            "type": ["number", "null"],
            "minimum": 0,
            "description": "Kuantitatif: the upper end of a range (defaults to target_min).",
        },
        "satuan": {"type": "string", "maxLength": 100, "description": "Unit of the target."},
        "target_teks": {
            "type": "string",
            "maxLength": 2000,
            "description": "Kualitatif: the target as a quality statement.",
        },
    },
}
_RHK: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["jenis", "teks", "iki"],
    "properties": {
        "jenis": _enum([j.value for j in JenisRhk]),
        "teks": {**_TEXT, "description": "The planned work result (RHK)."},
        "intervensi": {
            "type": ["object", "null"],
            "description": "The supervisor's RHK this one supports (JA/JF).",
            "additionalProperties": False,
            "required": ["nip", "teks"],
            "properties": {
                "nip": {"type": "string", "pattern": "^[0-9]{18}$"},
                "teks": _TEXT,
            },
        },
        "klasifikasi": {
            **_enum([k.value for k in KlasifikasiRhk], True),
            "description": "JPT only.",
        },
        "penugasan_dari": {
            "type": "string",
            "maxLength": 300,
            "description": "Tambahan only: who assigned it.",
        },
        "iki": {"type": "array", "items": _IKI},
    },
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://kinerja-desktop.invalid/schemas/skp.schema.json",
    "title": "SKP (Sasaran Kinerja Pegawai): one employee's performance plan",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format",
        "version",
        "pegawai",
        "tahun",
        "periode_mulai",
        "periode_selesai",
        "pendekatan",
        "jenis_jabatan",
        "rhk",
    ],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "pegawai": {
            "type": "object",
            "additionalProperties": False,
            "required": ["nip"],
            "properties": {
                "nip": {"type": "string", "pattern": "^[0-9]{18}$"},
                "nama": {"type": "string", "description": "For the reader; not checked."},
            },
        },
        "tahun": {"type": "integer", "minimum": 2000, "maximum": 2100},
        "periode_mulai": {"type": "string", "format": "date"},
        "periode_selesai": {"type": "string", "format": "date"},
        "pendekatan": _enum([p.value for p in Pendekatan]),
        "jenis_jabatan": _enum([j.value for j in JenisJabatan]),
        "rhk": {"type": "array", "items": _RHK},
        "ekspektasi": {
            "type": "object",
            "additionalProperties": False,
            "description": "Ekspektasi khusus pimpinan per BerAKHLAK value (the supervisor's).",
            "properties": {n: {"type": "string", "maxLength": 2000} for n in NILAI_IDS},
        },
        "lampiran": {
            "type": "object",
            "additionalProperties": False,
            "properties": {j.value: {"type": "array", "items": _TEXT} for j in JenisLampiran},
        },
    },
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def schema_json() -> str:
    """The schema as published in ``docs/schemas/skp.schema.json``."""
    return json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------
# Schema check


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def _type_name(kind: str) -> str:
    return {
        "null": _("null"),
        "boolean": _("true or false"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "string": _("text"),
        "array": _("a list"),
        "object": _("an object"),
    }[kind]


def schema_errors(value: Any, schema: dict[str, Any] = SCHEMA, path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema``, as ``path: message`` lines."""
    errors: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        options = kinds if isinstance(kinds, list) else [kinds]
        if not any(_type_ok(value, k) for k in options):
            names = " / ".join(_type_name(k) for k in options if k != "null")
            return [_("{path}: must be {kind}").format(path=path, kind=names)]
    if "const" in schema and value != schema["const"]:
        errors.append(
            _("{path}: must be {value}").format(path=path, value=json.dumps(schema["const"]))
        )
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"] if v is not None)
        errors.append(_("{path}: must be one of: {values}").format(path=path, values=allowed))
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0):
            errors.append(_("{path}: must not be empty").format(path=path))
        if len(value) > schema.get("maxLength", 10**9):
            errors.append(
                _("{path}: longer than {n} characters").format(path=path, n=schema["maxLength"])
            )
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(_("{path}: must be an 18-digit number").format(path=path))
        if schema.get("format") == "date" and not _is_date(value):
            errors.append(_("{path}: must be a date written YYYY-MM-DD").format(path=path))
    if _type_ok(value, "number") and value is not None:
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(_("{path}: must be at least {n}").format(path=path, n=schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(_("{path}: must be at most {n}").format(path=path, n=schema["maximum"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(_("{path}: is required").format(path=f"{path}.{key}"))
        for key, item in value.items():
            if key in props:
                errors.extend(schema_errors(item, props[key], f"{path}.{key}"))
            elif schema.get("additionalProperties") is False:
                errors.append(_("{path}: unknown field").format(path=f"{path}.{key}"))
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors.extend(schema_errors(item, schema["items"], f"{path}[{index}]"))
    return errors


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Export


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def export_skp(db: Database, *, actor: Actor, skp_id: str) -> dict[str, Any]:
    """The JSON form of one SKP (content only: the workflow state stays in the database)."""
    detail = skp_queries.get_skp(db, actor=actor, skp_id=skp_id)
    s = detail.summary
    with db.read(actor) as session:
        owners = _intervensi_owners(session, [r.intervensi_rhk_id for r in detail.rhk])
    return {
        "format": FORMAT,
        "version": VERSION,
        "pegawai": {"nip": s.nip, "nama": s.nama},
        "tahun": s.tahun,
        "periode_mulai": s.periode_mulai.isoformat(),
        "periode_selesai": s.periode_selesai.isoformat(),
        "pendekatan": s.pendekatan.value,
        "jenis_jabatan": s.jenis_jabatan.value,
        "rhk": [
            {
                "jenis": r.jenis.value,
                "teks": r.teks,
                "intervensi": (
                    {"nip": owners[r.intervensi_rhk_id], "teks": r.intervensi_teks}
                    if r.intervensi_rhk_id and r.intervensi_rhk_id in owners
                    else None
                ),
                "klasifikasi": r.klasifikasi.value if r.klasifikasi else None,
                "penugasan_dari": r.penugasan_dari,
                "iki": [
                    {
                        "teks": i.teks,
                        "aspek": i.aspek.value if i.aspek else None,
                        "perspektif": i.perspektif.value if i.perspektif else None,
                        "target_min": _number(i.target_min),
                        "target_max": _number(i.target_max),
                        "satuan": i.satuan,
                        "target_teks": i.target_teks,
                    }
                    for i in r.iki
                ],
            }
            for r in detail.rhk
        ],
        "ekspektasi": {p.nilai_id: p.ekspektasi for p in detail.perilaku if p.ekspektasi},
        "lampiran": {j.value: [row.teks for row in detail.lampiran[j]] for j in JenisLampiran},
    }


def _intervensi_owners(session: Session, ids: list[str | None]) -> dict[str, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = session.execute(
        select(Rhk.id, Pegawai.nip)
        .join(Skp, Skp.id == Rhk.skp_id)
        .join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(Rhk.id.in_(wanted))
    ).all()
    return {rid: nip for rid, nip in rows}


def export_to_file(db: Database, *, actor: Actor, skp_id: str, path: Path) -> None:
    """Write the JSON form to ``path`` (a temporary name first, renamed when complete)."""
    text = json.dumps(export_skp(db, actor=actor, skp_id=skp_id), ensure_ascii=False, indent=2)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------------------------------
# Import


class ImportProblems(ValidationError):
    """A file that cannot be imported; ``errors`` lists each problem with its JSON path."""

    def __init__(self, errors: list[str]) -> None:
        message = (
            _("The file cannot be imported; nothing was changed. Problems found:")
            + "\n"
            + "\n".join(errors)
        )
        super().__init__(message, field=errors[0].split(":", 1)[0] if errors else None)
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    skp_id: str
    nip: str
    tahun: int
    replaced: bool
    rhk_count: int


def _field_path(base: str, field: str | None) -> str:
    """``rhk.teks`` / ``iki.target_min`` -> ``{base}.teks`` / ``{base}.target_min``."""
    if not field:
        return base
    return f"{base}.{field.split('.', 1)[1]}" if "." in field else f"{base}.{field}"


def _find_target(
    session: Session, penilai_id: str | None, tahun: int, ref: dict[str, str]
) -> tuple[str | None, str]:
    owner = session.execute(
        select(Pegawai.id).where(Pegawai.nip == normalize(ref["nip"]), Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if owner is None:
        return None, _("no person has NIP {nip}").format(nip=ref["nip"])
    if owner != penilai_id:
        return None, _("NIP {nip} is not this person's supervisor").format(nip=ref["nip"])
    target = session.execute(
        select(Rhk.id)
        .join(Skp, Skp.id == Rhk.skp_id)
        .where(
            Skp.pegawai_id == owner,
            Skp.tahun == tahun,
            Skp.deleted.is_(False),
            Rhk.deleted.is_(False),
            Rhk.teks == ref["teks"].strip(),
        )
        .order_by(Skp.periode_mulai, Rhk.urutan)
        .limit(1)
    ).scalar_one_or_none()
    if target is None:
        return None, _("the supervisor's SKP of {year} has no work result with this text").format(
            year=tahun
        )
    return target, ""


def import_skp(db: Database, *, actor: Actor, document: Any) -> ImportResult:
    """Create (or replace the draft of) the SKP that ``document`` describes."""
    errors = schema_errors(document)
    if errors:
        raise ImportProblems(errors)
    doc: dict[str, Any] = document
    with db.unit_of_work(actor) as session:
        plan = _check_meaning(session, actor, doc)
        result = _write(session, actor, doc, plan)
    return result


@dataclass
class _Plan:
    pegawai_id: str
    existing: Skp | None
    rhk: list[tuple[RhkInput, list[IkiInput]]]


def _check_meaning(session: Session, actor: Actor, doc: dict[str, Any]) -> _Plan:
    errors: list[str] = []
    person = session.execute(
        select(Pegawai).where(Pegawai.nip == doc["pegawai"]["nip"], Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if person is None:
        raise ImportProblems(
            [_("$.pegawai.nip: no person has NIP {nip}").format(nip=doc["pegawai"]["nip"])]
        )
    tahun = int(doc["tahun"])
    mulai = dt.date.fromisoformat(doc["periode_mulai"])
    selesai = dt.date.fromisoformat(doc["periode_selesai"])
    try:
        check_period(tahun, mulai, selesai)
    except ValidationError as error:
        errors.append(f"$.{'tahun' if error.field == 'tahun' else 'periode_mulai'}: {error}")
    jenis = JenisJabatan(doc["jenis_jabatan"])
    actual = skp_create.jenis_jabatan_of(session, person)
    if jenis is not actual:
        errors.append(
            _("$.jenis_jabatan: {name}'s position is {actual}, not {given}").format(
                name=person.nama, actual=actual.value, given=jenis.value
            )
        )
    pendekatan = Pendekatan(doc["pendekatan"])
    existing = _existing_draft(session, actor, person, tahun, mulai, selesai, errors)
    plan = _Plan(person.id, existing, [])
    for i, item in enumerate(doc["rhk"]):
        base = f"$.rhk[{i}]"
        target: str | None = None
        if item.get("intervensi"):
            target, problem = _find_target(session, person.penilai_id, tahun, item["intervensi"])
            if problem:
                errors.append(f"{base}.intervensi: {problem}")
        rhk_in = RhkInput(
            item["teks"],
            JenisRhk(item["jenis"]),
            target,
            KlasifikasiRhk(item["klasifikasi"]) if item.get("klasifikasi") else None,
            item.get("penugasan_dari", ""),
        )
        try:
            rhk_in = clean_rhk(rhk_in, jenis_jabatan=jenis)
        except ValidationError as error:
            errors.append(f"{_field_path(base, error.field)}: {error}")
        ikis: list[IkiInput] = []
        for j, raw in enumerate(item["iki"]):
            iki_in = IkiInput(
                raw["teks"],
                Aspek(raw["aspek"]) if raw.get("aspek") else None,
                Perspektif(raw["perspektif"]) if raw.get("perspektif") else None,
                raw.get("target_min"),
                raw.get("target_max"),
                raw.get("satuan", ""),
                raw.get("target_teks", ""),
            )
            try:
                ikis.append(clean_iki(iki_in, pendekatan=pendekatan, jenis_jabatan=jenis))
            except ValidationError as error:
                errors.append(f"{_field_path(f'{base}.iki[{j}]', error.field)}: {error}")
        plan.rhk.append((rhk_in, ikis))
    ekspektasi = {k: v for k, v in doc.get("ekspektasi", {}).items() if v.strip()}
    if ekspektasi and not (
        actor.is_pengelola or actor.is_system or access.is_penilai_of(session, actor, person.id)
    ):
        current = (
            dict((p.nilai_id, p.ekspektasi) for p in skp_queries.perilaku_of(session, existing.id))
            if existing
            else {}
        )
        for key, text in ekspektasi.items():
            if current.get(key, "") != text.strip():
                errors.append(
                    _("$.ekspektasi.{key}: only the supervisor writes the expectations").format(
                        key=key
                    )
                )
    if errors:
        raise ImportProblems(errors)
    return plan


def _existing_draft(
    session: Session,
    actor: Actor,
    person: Pegawai,
    tahun: int,
    mulai: dt.date,
    selesai: dt.date,
    errors: list[str],
) -> Skp | None:
    overlapping = (
        session.execute(
            select(Skp).where(
                Skp.pegawai_id == person.id,
                Skp.deleted.is_(False),
                Skp.periode_mulai <= selesai,
                Skp.periode_selesai >= mulai,
            )
        )
        .scalars()
        .all()
    )
    if not overlapping:
        return None
    if len(overlapping) > 1 or overlapping[0].tahun != tahun:
        errors.append(
            _("$.periode_mulai: the period overlaps more than one SKP of {name}").format(
                name=person.nama
            )
        )
        return None
    skp = overlapping[0]
    if skp.status is not SkpStatus.DRAFT:
        errors.append(
            _(
                "$.periode_mulai: {name} already has an SKP for this period that is no longer "
                "a draft; only a draft can be replaced"
            ).format(name=person.nama)
        )
        return None
    if not (actor.is_pengelola or actor.is_system or access.is_self(actor, person.id)):
        errors.append(
            _("$.pegawai.nip: only {name} or the administrator may replace this draft").format(
                name=person.nama
            )
        )
    return skp


def _write(session: Session, actor: Actor, doc: dict[str, Any], plan: _Plan) -> ImportResult:
    tahun = int(doc["tahun"])
    mulai = dt.date.fromisoformat(doc["periode_mulai"])
    selesai = dt.date.fromisoformat(doc["periode_selesai"])
    pendekatan = Pendekatan(doc["pendekatan"])
    skp = plan.existing
    if skp is None:
        skp = skp_create.new_skp(
            session,
            actor,
            pegawai_id=plan.pegawai_id,
            tahun=tahun,
            periode_mulai=mulai,
            periode_selesai=selesai,
            pendekatan=pendekatan,
            event="import",
        )
    else:
        skp.periode_mulai, skp.periode_selesai, skp.pendekatan = mulai, selesai, pendekatan
        for rhk in session.execute(
            select(Rhk).where(Rhk.skp_id == skp.id, Rhk.deleted.is_(False))
        ).scalars():
            rhk.deleted = True
            for iki in session.execute(
                select(Iki).where(Iki.rhk_id == rhk.id, Iki.deleted.is_(False))
            ).scalars():
                iki.deleted = True
        session.flush()
        skp_service.add_event(session, actor, skp, "import", skp.status)
    for rhk_in, ikis in plan.rhk:
        skp_edit.new_rhk(session, skp, rhk_in, ikis)
    if (
        actor.is_pengelola
        or actor.is_system
        or access.is_penilai_of(session, actor, skp.pegawai_id)
    ):
        ekspektasi = doc.get("ekspektasi", {})
        for nilai_id in NILAI_IDS:
            if nilai_id in ekspektasi or plan.existing is not None:
                skp_edit.put_ekspektasi(session, skp, nilai_id, ekspektasi.get(nilai_id, ""))
    lampiran = doc.get("lampiran", {})
    for jenis in JenisLampiran:
        skp_edit.put_lampiran(session, skp, jenis, lampiran.get(jenis.value, []))
    return ImportResult(
        skp.id, doc["pegawai"]["nip"], tahun, plan.existing is not None, len(plan.rhk)
    )


def import_file(db: Database, *, actor: Actor, path: Path) -> ImportResult:
    """Read ``path`` (UTF-8 JSON) and import it; a file that is not JSON says where."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KinerjaError(
            _("Cannot read {path}: {error}").format(path=path, error=error.strerror)
        ) from error
    except UnicodeDecodeError as error:
        raise ImportProblems([_("$: the file is not UTF-8 text")]) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblems(
            [
                _("$: not valid JSON (line {line}, column {col}: {msg})").format(
                    line=error.lineno, col=error.colno, msg=error.msg
                )
            ]
        ) from error
    return import_skp(db, actor=actor, document=document)
