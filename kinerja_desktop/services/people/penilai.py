"""Who appraises a pegawai, and the non-ASN appraising officials.

A JPT's pejabat penilai is often the regional head (Bupati/Wali Kota) or a minister, who is
not a pegawai of the office. Such a penilai is recorded by name, position and unit with the
status NON ASN (no NIP, no pangkat) instead of ``Pegawai.penilai_id``; a pegawai has one or
the other. ``penilai_info`` gives both cases in one shape, with SIASN's ``statusPenilai``
("ASN" / "NON ASN"), for the forms and the national hand-over.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.org import Jabatan, Pegawai, PenilaiNonAsn, UnitKerja
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import pangkat_label

STATUS_ASN = "ASN"
STATUS_NON_ASN = "NON ASN"


@dataclass(frozen=True)
class PenilaiInfo:
    """The pejabat penilai of a pegawai as SIASN and the forms need it.

    ``status_penilai`` is SIASN's ``statusPenilai``: "ASN" or "NON ASN". A non-ASN penilai
    has no NIP and no golongan (empty strings); ``pegawai_id`` is set for an ASN penilai.
    """

    status_penilai: str
    nama: str
    nip: str
    golongan: str
    pangkat: str
    jabatan: str
    unit: str
    pegawai_id: str | None = None

    @property
    def non_asn(self) -> bool:
        return self.status_penilai == STATUS_NON_ASN


def non_asn_of(session: Session, pegawai_id: str) -> PenilaiNonAsn | None:
    """The non-ASN penilai recorded for ``pegawai_id``, if any."""
    return session.execute(
        select(PenilaiNonAsn)
        .where(PenilaiNonAsn.pegawai_id == pegawai_id, PenilaiNonAsn.deleted.is_(False))
        .order_by(PenilaiNonAsn.updated_at.desc())
    ).scalar()


def penilai_info_in(session: Session, pegawai_id: str) -> PenilaiInfo | None:
    """``penilai_info`` inside an open session (``None``: no penilai recorded)."""
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise NotFoundError(_("This person does not exist."))
    if person.penilai_id is not None:
        row = session.execute(
            select(Pegawai, Jabatan.nama, UnitKerja.nama)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(Pegawai.id == person.penilai_id)
        ).first()
        if row is not None:
            penilai, jabatan, unit = row
            return PenilaiInfo(
                STATUS_ASN, penilai.nama_lengkap, penilai.nip, penilai.golongan,
                pangkat_label(penilai.golongan), jabatan or "", unit or "", penilai.id,
            )  # fmt: skip
    other = non_asn_of(session, pegawai_id)
    if other is None:
        return None
    return PenilaiInfo(STATUS_NON_ASN, other.nama, "", "", "", other.jabatan, other.unit)


def penilai_info(db: Database, *, actor: Actor, pegawai_id: str) -> PenilaiInfo | None:
    """The pejabat penilai of ``pegawai_id`` with ``statusPenilai`` (for SIASN's
    ``statusPenilai``, ``penilaiNama``, ``penilaiNipNrp``, ``penilaiGolongan``,
    ``penilaiJabatan``, ``penilaiUnorNama``); ``None`` when none is recorded."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return penilai_info_in(session, pegawai_id)


def set_penilai_non_asn(
    db: Database, *, actor: Actor, pegawai_id: str, nama: str, jabatan: str, unit: str = ""
) -> PenilaiInfo:
    """Record a non-ASN pejabat penilai (pengelola kinerja only); it replaces an ASN penilai
    (``Pegawai.penilai_id`` is cleared) or an earlier non-ASN one."""
    access.require_pengelola(actor)
    nama, jabatan, unit = (" ".join(v.split()) for v in (nama, jabatan, unit))
    if not nama:
        raise ValidationError(_("The name of the appraising official is required."), field="nama")
    if not jabatan:
        raise ValidationError(
            _("The position of the appraising official is required (e.g. Bupati Contoh)."),
            field="jabatan",
        )
    for value, field in ((nama, "nama"), (jabatan, "jabatan"), (unit, "unit")):
        if len(value) > 200:
            raise ValidationError(_("The text is longer than {limit} characters.").format(
                limit=200), field=field)  # fmt: skip
    with db.unit_of_work(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        if person.penilai_id is not None:
            person.penilai_id = None
        record = non_asn_of(session, pegawai_id)
        if record is None:
            session.add(PenilaiNonAsn(pegawai_id=pegawai_id, nama=nama, jabatan=jabatan,
                                      unit=unit))  # fmt: skip
        else:
            for key, value in (("nama", nama), ("jabatan", jabatan), ("unit", unit)):
                if getattr(record, key) != value:
                    setattr(record, key, value)
        session.flush()
        info = penilai_info_in(session, pegawai_id)
        assert info is not None
        return info


def clear_penilai_non_asn(db: Database, *, actor: Actor, pegawai_id: str) -> None:
    """Remove the non-ASN penilai of ``pegawai_id`` (pengelola kinerja only)."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        record = non_asn_of(session, pegawai_id)
        if record is None:
            raise NotFoundError(_("No non-ASN appraising official is recorded for this person."))
        record.deleted = True
