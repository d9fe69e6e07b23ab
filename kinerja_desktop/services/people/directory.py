"""Units and people: create, edit, move, deactivate, list, search.

Bad input gets a precise message: which digit group of a NIP is wrong and why, an unknown
unit code, a supervisor chain that would loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, JenjangJabatan
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.nip import normalize, require_confirmed_tmt, validate_nip
from kinerja_desktop.services.core.reference import valid_golongan
from kinerja_desktop.services.core.unit_scope import subtree_ids, unit_by_code


@dataclass(frozen=True)
class UnitRow:
    id: str
    kode: str
    nama: str
    parent_id: str | None
    level: int
    aktif: bool


@dataclass(frozen=True)
class PegawaiRow:
    """One person as lists and details show them."""

    id: str
    nip: str
    nama: str
    nama_lengkap: str
    jenis_asn: JenisAsn
    golongan: str
    jabatan_id: str | None
    jabatan: str
    jenis_jabatan: JenisJabatan | None
    jenjang: JenjangJabatan | None
    unit_id: str | None
    unit_kode: str
    unit_nama: str
    penilai_id: str | None
    penilai_nama: str
    penilai_nip: str
    aktif: bool
    gelar_depan: str = ""
    gelar_belakang: str = ""
    email: str = ""
    telepon: str = ""


@dataclass
class PegawaiInput:
    """What a person form sends: raw strings are checked by the service."""

    nip: str
    nama: str
    jenis_asn: JenisAsn = JenisAsn.PNS
    gelar_depan: str = ""
    gelar_belakang: str = ""
    golongan: str = ""
    unit_kode: str = ""
    jabatan_id: str | None = None
    penilai_nip: str = ""
    email: str = ""
    telepon: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _full_name(depan: str, nama: str, belakang: str) -> str:
    name = f"{depan} {nama}".strip() if depan else nama
    return f"{name}, {belakang}" if belakang else name


def _people_query() -> Select[*tuple[Any, ...]]:
    penilai = aliased(Pegawai)
    return (
        select(
            Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.gelar_depan, Pegawai.gelar_belakang,
            Pegawai.jenis_asn, Pegawai.golongan, Pegawai.jabatan_id, Jabatan.nama, Jabatan.jenis,
            Jabatan.jenjang, Pegawai.unit_id, UnitKerja.kode, UnitKerja.nama, Pegawai.penilai_id,
            penilai.nama, penilai.nip, Pegawai.aktif, Pegawai.email, Pegawai.telepon,
        )
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .outerjoin(penilai, penilai.id == Pegawai.penilai_id)
        .where(Pegawai.deleted.is_(False))
    )  # fmt: skip


def _row(r: tuple[object, ...]) -> PegawaiRow:
    return PegawaiRow(
        id=str(r[0]), nip=str(r[1]), nama=str(r[2]),
        nama_lengkap=_full_name(str(r[3]), str(r[2]), str(r[4])),
        jenis_asn=r[5], golongan=str(r[6]), jabatan_id=r[7], jabatan=str(r[8] or ""),  # type: ignore[arg-type]
        jenis_jabatan=r[9], jenjang=r[10], unit_id=r[11],  # type: ignore[arg-type]
        unit_kode=str(r[12] or ""), unit_nama=str(r[13] or ""), penilai_id=r[14],  # type: ignore[arg-type]
        penilai_nama=str(r[15] or ""), penilai_nip=str(r[16] or ""), aktif=bool(r[17]),
        gelar_depan=str(r[3]), gelar_belakang=str(r[4]), email=str(r[18]), telepon=str(r[19]),
    )  # fmt: skip


def list_people(
    db: Database,
    *,
    actor: Actor,
    unit_kode: str | None = None,
    include_sub_units: bool = True,
    search: str = "",
    include_inactive: bool = False,
) -> list[PegawaiRow]:
    """People, ordered by name; optionally of one unit (and its sub-units) or matching text."""
    with db.read(actor) as session:
        query = _people_query()
        if unit_kode:
            unit = unit_by_code(session, unit_kode)
            ids = subtree_ids(session, unit.id) if include_sub_units else [unit.id]
            query = query.where(Pegawai.unit_id.in_(ids))
        if not include_inactive:
            query = query.where(Pegawai.aktif.is_(True))
        if search.strip():
            term = f"%{search.strip()}%"
            query = query.where(or_(Pegawai.nama.ilike(term), Pegawai.nip.like(term)))
        # Core execution: the ORM's row loading costs more than SQLite itself at 20,000 rows.
        rows = session.connection().execute(query.order_by(Pegawai.nama, Pegawai.nip)).all()
        return [_row(tuple(r)) for r in rows]


def get_person(db: Database, *, actor: Actor, pegawai_id: str) -> PegawaiRow:
    with db.read(actor) as session:
        row = session.execute(_people_query().where(Pegawai.id == pegawai_id)).first()
        if row is None:
            raise NotFoundError(_("This person does not exist."))
        return _row(tuple(row))


def find_by_nip(db: Database, *, actor: Actor, nip: str) -> PegawaiRow:
    """The person with this NIP / NI PPPK; ``NotFoundError`` names the number."""
    with db.read(actor) as session:
        row = session.execute(_people_query().where(Pegawai.nip == normalize(nip))).first()
        if row is None:
            raise NotFoundError(_("No person has NIP {nip}.").format(nip=nip), field="nip")
        return _row(tuple(row))


def subordinates(db: Database, *, actor: Actor, penilai_id: str) -> list[PegawaiRow]:
    """The active people whose pejabat penilai is ``penilai_id``."""
    with db.read(actor) as session:
        query = _people_query().where(
            and_(Pegawai.penilai_id == penilai_id, Pegawai.aktif.is_(True))
        )
        rows = session.connection().execute(query.order_by(Pegawai.nama)).all()
        return [_row(tuple(r)) for r in rows]


def _check_penilai(session: Session, pegawai_id: str | None, penilai_nip: str) -> str | None:
    if not penilai_nip.strip():
        return None
    penilai = session.execute(
        select(Pegawai).where(Pegawai.nip == normalize(penilai_nip), Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if penilai is None:
        raise ValidationError(
            _("No person has NIP {nip}; choose an existing supervisor.").format(nip=penilai_nip),
            field="penilai",
        )
    if pegawai_id is not None:
        current: str | None = penilai.id
        seen: set[str] = set()
        while current is not None and current not in seen:
            if current == pegawai_id:
                raise ValidationError(
                    _(
                        "{name} cannot be the supervisor: the chain of supervisors would loop "
                        "back to this person."
                    ).format(name=penilai.nama),
                    field="penilai",
                )
            seen.add(current)
            current = session.execute(
                select(Pegawai.penilai_id).where(Pegawai.id == current)
            ).scalar_one_or_none()
    return penilai.id


def _validate(
    session: Session, data: PegawaiInput, pegawai_id: str | None, confirm_tmt: bool
) -> dict[str, object]:
    info = validate_nip(data.nip, data.jenis_asn)
    current = session.get(Pegawai, pegawai_id) if pegawai_id else None
    if current is None or current.nip != info.nip:
        require_confirmed_tmt(info, confirm_tmt)
    clash = session.execute(select(Pegawai.id, Pegawai.nama).where(Pegawai.nip == info.nip)).first()
    if clash is not None and clash[0] != pegawai_id:
        raise ValidationError(
            _("NIP {nip} already belongs to {name}.").format(nip=info.nip, name=clash[1]),
            field="nip",
        )
    nama = " ".join(data.nama.split())
    if not nama:
        raise ValidationError(_("The name is required."), field="nama")
    if len(nama) > 200:
        raise ValidationError(_("The name is longer than 200 characters."), field="nama")
    golongan = data.golongan.strip()
    if golongan and not valid_golongan(golongan, data.jenis_asn):
        hint = "III/a" if data.jenis_asn is JenisAsn.PNS else "IX"
        raise ValidationError(
            _("Unknown golongan '{gol}' for {jenis} (for example {hint}).").format(
                gol=golongan, jenis=data.jenis_asn.value.upper(), hint=hint
            ),
            field="golongan",
        )
    unit_id = unit_by_code(session, data.unit_kode).id if data.unit_kode.strip() else None
    if data.jabatan_id is not None and session.get(Jabatan, data.jabatan_id) is None:
        raise ValidationError(_("Unknown position."), field="jabatan")
    return {
        "nip": info.nip,
        "jenis_asn": data.jenis_asn,
        "nama": nama,
        "gelar_depan": data.gelar_depan.strip(),
        "gelar_belakang": data.gelar_belakang.strip(),
        "tanggal_lahir": info.tanggal_lahir,
        "jenis_kelamin": info.jenis_kelamin,
        "golongan": golongan,
        "unit_id": unit_id,
        "jabatan_id": data.jabatan_id,
        "penilai_id": _check_penilai(session, pegawai_id, data.penilai_nip),
        "email": data.email.strip(),
        "telepon": data.telepon.strip(),
    }


def create_person(
    db: Database, *, actor: Actor, data: PegawaiInput, confirm_tmt: bool = False
) -> PegawaiRow:
    """Add a person; only the pengelola kinerja may. A NIP whose TMT CPNS lies before the
    18th birthday raises ``ConfirmationRequired`` unless ``confirm_tmt``."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        values = _validate(session, data, None, confirm_tmt)
        person = Pegawai(**values)
        session.add(person)
        session.flush()
        new_id = person.id
    return get_person(db, actor=actor, pegawai_id=new_id)


def update_person(
    db: Database, *, actor: Actor, pegawai_id: str, data: PegawaiInput, confirm_tmt: bool = False
) -> PegawaiRow:
    """Change a person's data (including a move to another unit or supervisor); a changed NIP
    is confirmed as in ``create_person``."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        for key, value in _validate(session, data, pegawai_id, confirm_tmt).items():
            if getattr(person, key) != value:
                setattr(person, key, value)
    return get_person(db, actor=actor, pegawai_id=pegawai_id)


def set_active(db: Database, *, actor: Actor, pegawai_id: str, aktif: bool) -> PegawaiRow:
    """Deactivate (or reactivate) a person; their records stay."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        person.aktif = aktif
    return get_person(db, actor=actor, pegawai_id=pegawai_id)


def list_units(db: Database, *, actor: Actor, include_inactive: bool = False) -> list[UnitRow]:
    """Every unit, parents before children, siblings by code."""
    with db.read(actor) as session:
        query = select(UnitKerja).where(UnitKerja.deleted.is_(False))
        if not include_inactive:
            query = query.where(UnitKerja.aktif.is_(True))
        units = session.execute(query.order_by(UnitKerja.level, UnitKerja.kode)).scalars().all()
        return [UnitRow(u.id, u.kode, u.nama, u.parent_id, u.level, u.aktif) for u in units]


def create_unit(
    db: Database, *, actor: Actor, kode: str, nama: str, parent_kode: str | None = None
) -> UnitRow:
    """Add a unit under ``parent_kode`` (or a root unit of the instansi)."""
    access.require_pengelola(actor)
    kode, nama = kode.strip(), " ".join(nama.split())
    if not kode:
        raise ValidationError(_("The unit code is required."), field="kode")
    if not nama:
        raise ValidationError(_("The unit name is required."), field="nama")
    with db.unit_of_work(actor) as session:
        if session.execute(select(UnitKerja.id).where(UnitKerja.kode == kode)).first():
            raise ValidationError(
                _("Unit code '{code}' is already used.").format(code=kode), field="kode"
            )
        instansi = session.execute(select(Instansi).where(Instansi.deleted.is_(False))).scalar()
        if instansi is None:
            raise ValidationError(_("Set up the instansi first (kinerja init)."), field="instansi")
        parent = unit_by_code(session, parent_kode) if parent_kode else None
        unit = UnitKerja(
            instansi_id=instansi.id,
            parent_id=parent.id if parent else None,
            kode=kode,
            nama=nama,
            level=parent.level + 1 if parent else 0,
        )
        session.add(unit)
        session.flush()
        return UnitRow(unit.id, unit.kode, unit.nama, unit.parent_id, unit.level, unit.aktif)


def move_unit(db: Database, *, actor: Actor, kode: str, new_parent_kode: str | None) -> UnitRow:
    """Move a unit (and its sub-units) under another parent; a loop is refused."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        unit = unit_by_code(session, kode)
        parent = unit_by_code(session, new_parent_kode) if new_parent_kode else None
        if parent is not None and parent.id in subtree_ids(session, unit.id):
            raise ValidationError(
                _("Unit {unit} cannot move under {parent}: that unit lies inside it.").format(
                    unit=unit.kode, parent=parent.kode
                ),
                field="parent",
            )
        unit.parent_id = parent.id if parent else None
        shift = (parent.level + 1 if parent else 0) - unit.level
        if shift:
            for sub_id in subtree_ids(session, unit.id):
                sub = session.get(UnitKerja, sub_id)
                assert sub is not None
                sub.level += shift
        return UnitRow(unit.id, unit.kode, unit.nama, unit.parent_id, unit.level, unit.aktif)


@dataclass(frozen=True)
class JabatanRow:
    id: str
    nama: str
    jenis: JenisJabatan
    jenjang: JenjangJabatan
    unit_id: str | None
    memimpin_unit: bool


def list_jabatan(db: Database, *, actor: Actor) -> list[JabatanRow]:
    with db.read(actor) as session:
        rows = session.execute(
            select(Jabatan).where(Jabatan.deleted.is_(False)).order_by(Jabatan.nama)
        ).scalars()
        return [
            JabatanRow(j.id, j.nama, j.jenis, j.jenjang, j.unit_id, j.memimpin_unit) for j in rows
        ]


def has_people(db: Database, *, actor: Actor) -> bool:
    """Whether the database holds anyone: asks SQLite for one live row, not a count of all."""
    with db.read(actor) as session:
        return bool(
            session.execute(select(exists().where(Pegawai.deleted.is_(False)))).scalar_one()
        )
