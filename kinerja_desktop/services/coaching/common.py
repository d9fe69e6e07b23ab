"""Coaching: what the session modules share. The session and action rows, the shared
queries that build them, and the permission checks every coaching change goes through.

Who may do what (the GUI only hides what these checks refuse):
- see a session: its coach and pegawai, anyone above the pegawai, the pengelola kinerja;
- schedule or change a session: the same people (the pengelola enters sessions from paper);
- add talking points, notes and actions: the coach and the pegawai (and those above);
- answer the reflection prompts and fill B.1.8: the pegawai; fill B.1.9: the coach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.coaching import AksiDisepakati, SesiCoaching
from kinerja_desktop.models.enums import JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import PerilakuNilai, Rhk
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import label


@dataclass(frozen=True)
class SesiRow:
    """A session as lists and headers show it."""

    id: str
    jenis: JenisSesi
    jenis_label: str
    tanggal: dt.date
    waktu: str
    tempat: str
    coach_id: str
    coach_nama: str
    coach_nip: str
    pegawai_id: str
    pegawai_nama: str
    pegawai_nip: str
    hadir_lain: str
    skp_id: str | None
    rhk_id: str | None
    rhk_teks: str
    nilai_id: str | None
    nilai_nama: str
    status: StatusSesi
    status_label: str
    ringkasan: str
    aksi_terbuka: int


@dataclass(frozen=True)
class AksiRow:
    id: str
    sesi_id: str
    sesi_tanggal: dt.date
    pegawai_id: str
    coach_id: str
    pelaksana_id: str
    pelaksana_nama: str
    teks: str
    tenggat: dt.date | None
    status: StatusAksi
    status_label: str
    komentar_status: str
    tindak_lanjut: dt.date | None

    def terlambat(self, today: dt.date) -> bool:
        """Open and past its deadline."""
        return self.status is StatusAksi.OPEN and self.tenggat is not None and self.tenggat < today


def get_sesi(session: Session, sesi_id: str) -> SesiCoaching:
    sesi = session.get(SesiCoaching, sesi_id)
    if sesi is None or sesi.deleted:
        raise NotFoundError(_("This coaching session does not exist (any more)."))
    return sesi


def _is_party(actor: Actor, sesi: SesiCoaching) -> bool:
    return access.is_self(actor, sesi.coach_id) or access.is_self(actor, sesi.pegawai_id)


def _can_see(session: Session, actor: Actor, sesi: SesiCoaching) -> bool:
    return _is_party(actor, sesi) or access.can_read_performance(session, actor, sesi.pegawai_id)


def require_see(session: Session, actor: Actor, sesi: SesiCoaching) -> None:
    if not _can_see(session, actor, sesi):
        raise access.deny(
            _("Only the coach, the pegawai and their superiors may open this session.")
        )


def can_edit(session: Session, actor: Actor, sesi: SesiCoaching) -> bool:
    """Change the session and add agenda, notes and actions."""
    return (
        actor.is_system
        or actor.is_pengelola
        or _is_party(actor, sesi)
        or access.is_above(session, actor, sesi.pegawai_id)
    )


def require_edit(session: Session, actor: Actor, sesi: SesiCoaching) -> None:
    if not can_edit(session, actor, sesi):
        raise access.deny(
            _("Only the coach, the pegawai and their superiors may change this session.")
        )


def require_open(sesi: SesiCoaching) -> None:
    if sesi.status is StatusSesi.DIBATALKAN:
        raise WorkflowError(
            _("This session was cancelled; reopen it (set it to scheduled) before adding to it.")
        )


def author_id(actor: Actor, sesi: SesiCoaching) -> str:
    """The pegawai who writes: the actor, or the coach when an administrator enters paper."""
    return actor.pegawai_id or sesi.coach_id


def clean(text: str, what: str, *, field: str, limit: int = 10000) -> str:
    value = text.strip()
    if not value:
        raise ValidationError(_("{what} is empty; write something first.").format(what=what),
                              field=field)  # fmt: skip
    if len(value) > limit:
        raise ValidationError(
            _("{what} is longer than {n} characters.").format(what=what, n=limit), field=field
        )
    return value


_COACH = aliased(Pegawai)
_PEG = aliased(Pegawai)


def sesi_rows(session: Session, where: Sequence[object]) -> list[SesiRow]:
    open_actions = (
        select(AksiDisepakati.sesi_id, func.count().label("n"))
        .where(AksiDisepakati.deleted.is_(False), AksiDisepakati.status == StatusAksi.OPEN)
        .group_by(AksiDisepakati.sesi_id)
        .subquery()
    )
    query = (
        select(SesiCoaching, _COACH.nama, _COACH.nip, _PEG.nama, _PEG.nip, Rhk.teks,
               PerilakuNilai.nama, open_actions.c.n)
        .join(_COACH, _COACH.id == SesiCoaching.coach_id)
        .join(_PEG, _PEG.id == SesiCoaching.pegawai_id)
        .outerjoin(Rhk, Rhk.id == SesiCoaching.rhk_id)
        .outerjoin(PerilakuNilai, PerilakuNilai.id == SesiCoaching.nilai_id)
        .outerjoin(open_actions, open_actions.c.sesi_id == SesiCoaching.id)
        .where(SesiCoaching.deleted.is_(False), *where)  # type: ignore[arg-type]
        .order_by(SesiCoaching.tanggal.desc(), SesiCoaching.waktu.desc())
    )  # fmt: skip
    rows = []
    for s, coach_nama, coach_nip, peg_nama, peg_nip, rhk_teks, nilai_nama, n in session.execute(
        query
    ):
        rows.append(
            SesiRow(
                id=s.id, jenis=s.jenis, jenis_label=label(s.jenis), tanggal=s.tanggal,
                waktu=s.waktu, tempat=s.tempat, coach_id=s.coach_id, coach_nama=coach_nama,
                coach_nip=coach_nip, pegawai_id=s.pegawai_id, pegawai_nama=peg_nama,
                pegawai_nip=peg_nip, hadir_lain=s.hadir_lain, skp_id=s.skp_id, rhk_id=s.rhk_id,
                rhk_teks=rhk_teks or "", nilai_id=s.nilai_id, nilai_nama=nilai_nama or "",
                status=s.status, status_label=label(s.status), ringkasan=s.ringkasan,
                aksi_terbuka=int(n or 0),
            )
        )  # fmt: skip
    return rows


def aksi_rows(session: Session, where: Sequence[object]) -> list[AksiRow]:
    pelaksana = aliased(Pegawai)
    query = (
        select(AksiDisepakati, SesiCoaching.tanggal, SesiCoaching.pegawai_id,
               SesiCoaching.coach_id, pelaksana.nama)
        .join(SesiCoaching, SesiCoaching.id == AksiDisepakati.sesi_id)
        .join(pelaksana, pelaksana.id == AksiDisepakati.pelaksana_id)
        .where(AksiDisepakati.deleted.is_(False), SesiCoaching.deleted.is_(False),
               *where)  # type: ignore[arg-type]
        .order_by(AksiDisepakati.tenggat.is_(None), AksiDisepakati.tenggat,
                  AksiDisepakati.created_at)
    )  # fmt: skip
    return [
        AksiRow(
            id=a.id,
            sesi_id=a.sesi_id,
            sesi_tanggal=tanggal,
            pegawai_id=pegawai_id,
            coach_id=coach_id,
            pelaksana_id=a.pelaksana_id,
            pelaksana_nama=nama,
            teks=a.teks,
            tenggat=a.tenggat,
            status=a.status,
            status_label=label(a.status),
            komentar_status=a.komentar_status,
            tindak_lanjut=a.tindak_lanjut,
        )
        for a, tanggal, pegawai_id, coach_id, nama in session.execute(query)
    ]
