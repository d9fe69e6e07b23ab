"""The monitoring board of a unit and period, and a pegawai's own open items on home.

The board answers, for a supervisor or the pengelola kinerja: who has not entered
realisasi, who has no feedback yet, who is not evaluated. It is built from a handful of
grouped queries (no per-person round trips) so a 500-person unit opens at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.enums import EvaluasiStatus, Predikat, SkpStatus
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import Realisasi, UmpanBalik
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import unit_scope
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.core.periods import Periode, parse
from kinerja_desktop.services.monitoring.base import current_period, skp_for
from kinerja_desktop.services.monitoring.sheet import period_sheet_of

# The home item payload that opens the who-is-late board of the actor's team.
TEAM_BOARD = "board"


@dataclass(frozen=True)
class BoardRow:
    """One person on the monitoring board of a unit and period."""

    pegawai_id: str
    nip: str
    nama: str
    jabatan: str
    unit_kode: str
    has_skp: bool
    iki_total: int
    realisasi: int
    feedback: int
    predikat: Predikat | None
    final: bool

    @property
    def realisasi_lengkap(self) -> bool:
        return self.has_skp and self.iki_total > 0 and self.realisasi >= self.iki_total

    @property
    def evaluated(self) -> bool:
        return self.predikat is not None


@dataclass(frozen=True)
class Board:
    unit_id: str
    unit_kode: str
    unit_nama: str
    periode: str
    rows: list[BoardRow]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def with_skp(self) -> int:
        return sum(r.has_skp for r in self.rows)

    @property
    def with_realisasi(self) -> int:
        return sum(r.realisasi_lengkap for r in self.rows)

    @property
    def with_feedback(self) -> int:
        return sum(r.feedback > 0 for r in self.rows)

    @property
    def evaluated(self) -> int:
        return sum(r.evaluated for r in self.rows)


def unit_board(
    db: Database, *, actor: Actor, unit_kode: str, periode: str, include_sub_units: bool = True
) -> Board:
    """Who in the unit has entered realisasi, received feedback, been evaluated.

    The pengelola and the heads of the unit (or of a unit above) see everyone in it; another
    supervisor sees the people below them in the chain of pejabat penilai.
    """
    period = parse(periode)
    code = period.code
    with db.read(actor) as session:
        unit = unit_scope.unit_by_code(session, unit_kode)
        ids = unit_scope.subtree_ids(session, unit.id) if include_sub_units else [unit.id]
        visible: set[str] | None = None
        if not unit_scope.can_read_unit(session, actor, unit.id):
            visible = unit_scope.people_below(session, actor.pegawai_id or "")
            if not visible:
                unit_scope.require_unit_reader(session, actor, unit.id)
        people_filter = (
            Pegawai.unit_id.in_(ids),
            Pegawai.aktif.is_(True),
            Pegawai.deleted.is_(False),
        )
        people = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama, UnitKerja.kode)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .where(*people_filter)
            .order_by(Pegawai.nama)
        ).all()
        skp_query = (
            select(Skp.id, Skp.pegawai_id)
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(
                *people_filter,
                Skp.status == SkpStatus.DISETUJUI,
                Skp.deleted.is_(False),
                Skp.tahun == period.tahun,
                Skp.periode_mulai <= period.selesai,
                Skp.periode_selesai >= period.mulai,
            )
            .order_by(Skp.periode_mulai)
        )
        skp_of = {str(pegawai): str(skp) for skp, pegawai in session.execute(skp_query).all()}
        iki_total, filled, feedback, evaluations = _skp_progress(
            session, select(skp_query.subquery().c.id), code
        )
        rows: list[BoardRow] = []
        for pegawai_id, nip, nama, jabatan, kode in people:
            if visible is not None and pegawai_id not in visible:
                continue
            skp = skp_of.get(pegawai_id)
            predikat, status = evaluations.get(skp, (None, None)) if skp else (None, None)
            rows.append(
                BoardRow(
                    pegawai_id,
                    nip,
                    nama,
                    jabatan or "",
                    kode or "",
                    skp is not None,
                    int(iki_total.get(skp, 0)) if skp else 0,
                    int(filled.get(skp, 0)) if skp else 0,
                    int(feedback.get(skp, 0)) if skp else 0,
                    predikat,
                    status is EvaluasiStatus.FINAL,
                )
            )
        return Board(unit.id, unit.kode, unit.nama, code, rows)


def _skp_progress(
    session: Session, skp_ids: Select[Any], code: str
) -> tuple[
    dict[str, int],
    dict[str, int],
    dict[str, int],
    dict[str, tuple[Predikat | None, EvaluasiStatus]],
]:
    """For the SKPs ``skp_ids``, in period ``code``: IKI in each, IKI with a realisasi,
    feedback items given, and the evaluation's (predikat, status)."""
    iki_total = dict(
        session.execute(
            select(Rhk.skp_id, func.count(Iki.id))
            .join(Iki, Iki.rhk_id == Rhk.id)
            .where(Rhk.skp_id.in_(skp_ids), Rhk.deleted.is_(False), Iki.deleted.is_(False))
            .group_by(Rhk.skp_id)
        ).all()
    )
    filled = dict(
        session.execute(
            select(Rhk.skp_id, func.count(func.distinct(Realisasi.iki_id)))
            .join(Iki, Iki.rhk_id == Rhk.id)
            .join(Realisasi, Realisasi.iki_id == Iki.id)
            .where(
                Rhk.skp_id.in_(skp_ids),
                Rhk.deleted.is_(False),
                Iki.deleted.is_(False),
                Realisasi.periode == code,
                Realisasi.deleted.is_(False),
            )
            .group_by(Rhk.skp_id)
        ).all()
    )
    feedback = dict(
        session.execute(
            select(UmpanBalik.skp_id, func.count(UmpanBalik.id))
            .where(
                UmpanBalik.skp_id.in_(skp_ids),
                UmpanBalik.periode == code,
                UmpanBalik.balasan_untuk_id.is_(None),
                UmpanBalik.deleted.is_(False),
            )
            .group_by(UmpanBalik.skp_id)
        ).all()
    )
    evaluations = {
        str(skp): (predikat, status)
        for skp, predikat, status in session.execute(
            select(Evaluasi.skp_id, Evaluasi.predikat, Evaluasi.status).where(
                Evaluasi.skp_id.in_(skp_ids),
                Evaluasi.periode == code,
                Evaluasi.deleted.is_(False),
            )
        ).all()
    }
    return iki_total, filled, feedback, evaluations


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """The pegawai's own open items of the current period, and the feedback a penilai owes."""
    if actor.pegawai_id is None:
        return []
    period = current_period(db, actor=actor, today=today)
    with db.read(actor) as session:
        items = _own_items(session, actor, actor.pegawai_id, period, today)
        owed = _feedback_owed(session, actor.pegawai_id, period.code)
    if owed:
        items.append(
            HomeItem(
                "monitoring.feedback_owed",
                _("Give feedback to {count} of your staff").format(count=owed),
                period.label(),
                "monitoring",
                TEAM_BOARD,
                Urgency.ACTION,
                period.selesai,
            )
        )
    return items


def _own_items(
    session: Session, actor: Actor, pegawai_id: str, period: Periode, today: dt.date
) -> list[HomeItem]:
    """Realisasi to enter, self-assessments to write, feedback to read in ``period``."""
    skp = skp_for(session, pegawai_id, period.code)
    if skp is None:
        return []
    items: list[HomeItem] = []
    sheet = period_sheet_of(session, actor, skp, period.code)
    if not sheet.locked:
        missing = sum(1 for r in sheet.rhk for i in r.iki if i.realisasi is None)
        if missing:
            items.append(
                HomeItem(
                    "monitoring.realisasi",
                    ngettext(
                        "Enter the achievement of {count} indicator",
                        "Enter the achievement of {count} indicators",
                        missing,
                    ).format(count=missing),
                    period.label(),
                    "monitoring",
                    pegawai_id,
                    Urgency.OVERDUE if today > period.selesai else Urgency.ACTION,
                    period.selesai,
                )
            )
        unassessed = sum(1 for r in sheet.rhk if r.penilaian_diri is None)
        if unassessed:
            items.append(
                HomeItem(
                    "monitoring.penilaian_diri",
                    ngettext(
                        "Write your self-assessment of {count} work result",
                        "Write your self-assessment of {count} work results",
                        unassessed,
                    ).format(count=unassessed),
                    period.label(),
                    "monitoring",
                    pegawai_id,
                    Urgency.SOON,
                    period.selesai,
                )
            )
    unanswered = [
        f
        for r in sheet.rhk
        for f in [*r.feedback, *(x for i in r.iki for x in i.feedback)]
        if not f.balasan
    ] + [f for n in sheet.nilai for f in n.feedback if not f.balasan]
    if unanswered:
        items.append(
            HomeItem(
                "monitoring.feedback",
                ngettext(
                    "{count} feedback item from your supervisor",
                    "{count} feedback items from your supervisor",
                    len(unanswered),
                ).format(count=len(unanswered)),
                period.label(),
                "monitoring",
                pegawai_id,
                Urgency.INFO,
                None,
            )
        )
    return items


def _feedback_owed(session: Session, penilai_id: str, code: str) -> int:
    """How many of the penilai's staff with an SKP got no feedback yet in period ``code``."""
    staff = (
        session.execute(
            select(Pegawai.id).where(
                Pegawai.penilai_id == penilai_id,
                Pegawai.aktif.is_(True),
                Pegawai.deleted.is_(False),
            )
        )
        .scalars()
        .all()
    )
    owed = 0
    for pegawai_id in staff:
        their = skp_for(session, pegawai_id, code)
        if their is None:
            continue
        given = session.execute(
            select(UmpanBalik.id)
            .where(
                UmpanBalik.skp_id == their.id,
                UmpanBalik.periode == code,
                UmpanBalik.balasan_untuk_id.is_(None),
                UmpanBalik.deleted.is_(False),
            )
            .limit(1)
        ).first()
        owed += given is None
    return owed
