"""Coaching: agreed actions and their follow-ups, and the supervisor's team view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.coaching import AksiDisepakati, SesiCoaching
from kinerja_desktop.models.enums import JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.org import Jabatan, Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.coaching.common import (
    AksiRow,
    aksi_rows,
    clean,
    get_sesi,
    require_edit,
    require_open,
)
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import label


@dataclass(frozen=True)
class TeamMemberRow:
    """One subordinate in the supervisor's view."""

    pegawai_id: str
    nip: str
    nama: str
    jabatan: str
    sesi_terakhir: dt.date | None
    sesi_terakhir_jenis: str
    umpan_balik_terakhir: dt.date | None
    hari_sejak_umpan_balik: int | None
    hari_sejak_bicara: int | None
    aksi_terbuka: int
    aksi_terlambat: int


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


# ---------------------------------------------------------------------------- actions


def add_action(
    db: Database,
    *,
    actor: Actor,
    sesi_id: str,
    pelaksana_id: str,
    teks: str,
    tenggat: dt.date | None = None,
    tindak_lanjut: dt.date | None = None,
) -> AksiRow:
    """An agreed action: who (the coach or the pegawai) does what by when."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_edit(session, actor, sesi)
        require_open(sesi)
        if pelaksana_id not in (sesi.coach_id, sesi.pegawai_id):
            raise ValidationError(
                _("An agreed action is done by the coach or the pegawai of the session."),
                field="pelaksana",
            )
        if tenggat is not None and tenggat < sesi.tanggal:
            raise ValidationError(_("The deadline is before the session date."), field="tenggat")
        aksi = AksiDisepakati(sesi_id=sesi_id, pelaksana_id=pelaksana_id,
                              teks=clean(teks, _("The action"), field="teks"), tenggat=tenggat,
                              tindak_lanjut=tindak_lanjut)  # fmt: skip
        session.add(aksi)
        session.flush()
        return aksi_rows(session, [AksiDisepakati.id == aksi.id])[0]


def set_action_status(
    db: Database,
    *,
    actor: Actor,
    aksi_id: str,
    status: StatusAksi,
    komentar: str = "",
    tindak_lanjut: dt.date | None = None,
) -> AksiRow:
    """Mark an action done or dropped (dropping needs a reason), or open it again."""
    with db.unit_of_work(actor) as session:
        aksi = session.get(AksiDisepakati, aksi_id)
        if aksi is None or aksi.deleted:
            raise NotFoundError(_("This action does not exist (any more)."))
        require_edit(session, actor, get_sesi(session, aksi.sesi_id))
        comment = komentar.strip()
        if status is StatusAksi.DROPPED and not comment:
            raise ValidationError(_("Say why the action is dropped."), field="komentar")
        if aksi.status != status:
            aksi.status = status
        if aksi.komentar_status != comment:
            aksi.komentar_status = comment
        if aksi.tindak_lanjut != tindak_lanjut:
            aksi.tindak_lanjut = tindak_lanjut
        session.flush()
        return aksi_rows(session, [AksiDisepakati.id == aksi_id])[0]


def open_actions(db: Database, *, actor: Actor, pegawai_id: str) -> list[AksiRow]:
    """The pegawai's open actions from all sessions, earliest deadline first."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return aksi_rows(session, [SesiCoaching.pegawai_id == pegawai_id,
                                    AksiDisepakati.status == StatusAksi.OPEN])  # fmt: skip


# ---------------------------------------------------------------------------- team view


def team_overview(
    db: Database, *, actor: Actor, penilai_id: str | None = None, today: dt.date | None = None
) -> list[TeamMemberRow]:
    """Each subordinate of ``penilai_id`` (default: the actor) with their last conversation,
    open actions and days since the last feedback; those nobody talked to longest first."""
    day = _today(today)
    boss = penilai_id or actor.pegawai_id
    if boss is None:
        return []
    with db.read(actor) as session:
        if not (access.is_self(actor, boss) or access.can_read_performance(session, actor, boss)):
            raise access.deny(_("You may only see the team of yourself or of your staff."))
        people = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(Pegawai.penilai_id == boss, Pegawai.aktif.is_(True),
                   Pegawai.deleted.is_(False))
        ).all()  # fmt: skip
        ids = [p[0] for p in people]
        last_sesi: dict[str, tuple[dt.date, JenisSesi]] = {}
        for pid, tanggal, jenis in session.execute(
            select(SesiCoaching.pegawai_id, SesiCoaching.tanggal, SesiCoaching.jenis)
            .where(SesiCoaching.pegawai_id.in_(ids), SesiCoaching.deleted.is_(False),
                   SesiCoaching.status != StatusSesi.DIBATALKAN, SesiCoaching.tanggal <= day)
            .order_by(SesiCoaching.tanggal)
        ):  # fmt: skip
            last_sesi[pid] = (tanggal, jenis)
        last_feedback: dict[str, dt.date] = {}
        for pid, created in session.execute(
            select(Skp.pegawai_id, func.max(UmpanBalik.created_at))
            .join(Skp, Skp.id == UmpanBalik.skp_id)
            .where(Skp.pegawai_id.in_(ids), UmpanBalik.deleted.is_(False),
                   UmpanBalik.penulis_id != Skp.pegawai_id)
            .group_by(Skp.pegawai_id)
        ):  # fmt: skip
            if created is not None:
                last_feedback[pid] = _local_date(created)
        counts: dict[str, tuple[int, int]] = {}
        for aksi in aksi_rows(session, [SesiCoaching.pegawai_id.in_(ids),
                                         AksiDisepakati.status == StatusAksi.OPEN]):  # fmt: skip
            n_open, n_late = counts.get(aksi.pegawai_id, (0, 0))
            counts[aksi.pegawai_id] = (n_open + 1, n_late + int(aksi.terlambat(day)))
    rows = []
    for pid, nip, nama, jabatan in people:
        sesi = last_sesi.get(pid)
        feedback = last_feedback.get(pid)
        contacts = [d for d in (sesi[0] if sesi else None, feedback) if d is not None]
        n_open, n_late = counts.get(pid, (0, 0))
        rows.append(
            TeamMemberRow(
                pegawai_id=pid, nip=nip, nama=nama, jabatan=jabatan or "",
                sesi_terakhir=sesi[0] if sesi else None,
                sesi_terakhir_jenis=label(sesi[1]) if sesi else "",
                umpan_balik_terakhir=feedback,
                hari_sejak_umpan_balik=(day - feedback).days if feedback else None,
                hari_sejak_bicara=(day - max(contacts)).days if contacts else None,
                aksi_terbuka=n_open, aksi_terlambat=n_late,
            )
        )  # fmt: skip
    never = 10**9
    return sorted(
        rows,
        key=lambda r: (-(r.hari_sejak_bicara if r.hari_sejak_bicara is not None else never),
                       -r.aksi_terlambat, r.nama),
    )  # fmt: skip


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()
