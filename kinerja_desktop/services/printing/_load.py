"""What a print request names, and the helpers the per-form bulk loaders share.

``PrintRequest`` names the form kind, whose forms (one NIP, or a unit and its sub-units for
a batch, or one coaching session) and the period. The helpers read many rows with a fixed
number of queries (IN lists in chunks), the office, people's live identities and approval
snapshots, and the people a request names, checked against the actor's rights: a person's
forms need ``access.can_read_performance``, a unit batch the unit's reader (its head or one
above, or the pengelola).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.forms.data import Identitas
from kinerja_desktop.i18n import _
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.core import access, unit_scope
from kinerja_desktop.services.core.reference import pangkat_label

_CHUNK = 900


class FormKind(StrEnum):
    SKP = "skp"
    EVALUASI = "evaluasi"
    DOKUMEN_EVALUASI = "dokumen-evaluasi"
    COACHING = "coaching"
    PREDIKAT = "predikat"
    LKH = "lkh"


class CoachingForm(StrEnum):
    RECORD = "record"
    B18 = "b18"
    B19 = "b19"


@dataclass(frozen=True)
class PrintRequest:
    """Which forms to print: one kind, for a NIP, a unit (batch) or a coaching session."""

    kind: FormKind
    periode: str
    nip: str = ""
    unit_kode: str = ""
    sesi_id: str = ""
    coaching_forms: tuple[CoachingForm, ...] = tuple(CoachingForm)


# --- small helpers --------------------------------------------------------------------------


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def rows_in_chunks(session: Session, make: Any, ids: Iterable[str]) -> list[Any]:
    """Run ``make(chunk)`` (a select over an IN list) for chunks of ``ids``; all rows."""
    unique = sorted({i for i in ids if i})
    out: list[Any] = []
    for chunk in _chunks(unique):
        out.extend(session.execute(make(chunk)).all())
    return out


def record_version(vv: dict[str, Any] | None) -> int:
    """A record's version: the sum of its version vector (grows with every change)."""
    return sum(int(v) for v in (vv or {}).values())


def today() -> dt.date:
    return dt.date.today()


def date_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else today()


@dataclass
class Office:
    nama: str
    kota: str


def load_office(session: Session) -> Office:
    row = session.execute(
        select(Instansi.nama, Instansi.kota)
        .where(Instansi.deleted.is_(False))
        .order_by(Instansi.created_at)
        .limit(1)
    ).first()
    return Office(row[0], row[1]) if row else Office("", "")


def load_identities(session: Session, ids: Iterable[str | None]) -> dict[str, Identitas]:
    """Live identities (name with titles, NIP, rank, position, unit) of many people."""
    rows = rows_in_chunks(
        session,
        lambda chunk: (
            select(Pegawai, Jabatan.nama, UnitKerja.nama)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(Pegawai.id.in_(chunk))
        ),
        (i for i in ids if i),
    )
    return {
        p.id: Identitas(
            nama=p.nama_lengkap,
            nip=p.nip,
            pangkat=pangkat_label(p.golongan) if p.golongan else "",
            jabatan=jabatan or "",
            unit_kerja=unit or "",
        )
        for p, jabatan, unit in rows
    }


def snapshot_identity(values: dict[str, Any]) -> Identitas | None:
    if not values:
        return None
    return Identitas(
        nama=str(values.get("nama", "")),
        nip=str(values.get("nip", "")),
        pangkat=str(values.get("pangkat", "")),
        jabatan=str(values.get("jabatan", "")),
        unit_kerja=str(values.get("unit", "")),
    )


# --- choosing whose forms -------------------------------------------------------------------


def requested_people(session: Session, actor: Actor, request: PrintRequest) -> list[Pegawai]:
    """The people a request names, checked against the actor's rights, sorted by name."""
    if request.unit_kode:
        unit = unit_scope.unit_by_code(session, request.unit_kode)
        unit_scope.require_unit_reader(session, actor, unit.id)
        ids = unit_scope.subtree_ids(session, unit.id)
        return list(
            session.execute(
                select(Pegawai)
                .where(
                    Pegawai.unit_id.in_(ids),
                    Pegawai.aktif.is_(True),
                    Pegawai.deleted.is_(False),
                )
                .order_by(Pegawai.nama)
            ).scalars()
        )
    nip = "".join((request.nip or "").split())
    if not nip:
        raise ValidationError(_("Give a NIP, or a unit code for a batch."), field="nip")
    person = session.execute(
        select(Pegawai).where(Pegawai.nip == nip, Pegawai.deleted.is_(False))
    ).scalar_one_or_none()
    if person is None:
        raise NotFoundError(_("No person has NIP {nip}.").format(nip=nip))
    access.require_read_performance(session, actor, person.id)
    return [person]
