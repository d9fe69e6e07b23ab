"""Monitoring through the year, the base: the office's rhythm and its periods, the approved
SKP a period is monitored against, and the rules every monitoring entry shares (who writes,
the lock once a period's evaluation is final, the period must lie in the SKP, text limits).
The period sheet is ``monitoring_sheet``; rencana aksi, realisasi, bukti dukung and
penilaian diri are ``monitoring_entries``; umpan balik and the phrase list are ``feedback``;
the unit board and a pegawai's own open items are ``monitoring_board``.

Who may write what: the pegawai writes their own rencana aksi, realisasi, bukti and
self-assessment; the pejabat penilai gives feedback; both may reply in a feedback thread;
the pengelola kinerja keeps the rhythm and the phrase list. Reading follows
``access.can_read_performance``. Once a period's evaluation is final, that period's entries
are locked (replies stay open).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    EvaluasiStatus,
    Ritme,
    SkpStatus,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import (
    RitmePeriode,
)
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.periods import Periode, parse, period_containing, periods_of_year

DEFAULT_RITME = Ritme.TRIWULANAN


_TEXT_LIMIT = 4000


def _ritme(session: Session, tahun: int) -> Ritme:
    value = session.execute(
        select(RitmePeriode.ritme).where(
            RitmePeriode.tahun == tahun, RitmePeriode.deleted.is_(False)
        )
    ).scalar_one_or_none()
    return value or DEFAULT_RITME


def get_ritme(db: Database, *, actor: Actor, tahun: int) -> Ritme:
    """The office's periodic rhythm for ``tahun`` (quarterly until the office chooses)."""
    with db.read(actor) as session:
        return _ritme(session, tahun)


def set_ritme(db: Database, *, actor: Actor, tahun: int, ritme: Ritme) -> Ritme:
    """Choose the rhythm of a year (pengelola kinerja only)."""
    access.require_pengelola(actor)
    if not 2000 <= tahun <= 2100:
        raise ValidationError(_("Give a year between 2000 and 2100."), field="tahun")
    with db.unit_of_work(actor) as session:
        record = session.execute(
            select(RitmePeriode).where(RitmePeriode.tahun == tahun)
        ).scalar_one_or_none()
        if record is None:
            session.add(RitmePeriode(tahun=tahun, ritme=Ritme(ritme)))
        else:
            record.ritme, record.deleted = Ritme(ritme), False
    return Ritme(ritme)


def periods(db: Database, *, actor: Actor, tahun: int, annual: bool = True) -> list[Periode]:
    """The periods of a year by the office's rhythm, then (with ``annual``) the year itself."""
    result = periods_of_year(tahun, get_ritme(db, actor=actor, tahun=tahun))
    return [*result, parse(str(tahun))] if annual else result


def current_period(db: Database, *, actor: Actor, today: dt.date | None = None) -> Periode:
    """The periodic period that contains ``today``."""
    day = today or dt.date.today()
    return period_containing(day, get_ritme(db, actor=actor, tahun=day.year))


def skp_for(session: Session, pegawai_id: str, periode: str) -> Skp | None:
    """The approved SKP of ``pegawai_id`` covering ``periode`` (the latest one starting)."""
    period = parse(periode)
    return session.execute(
        select(Skp)
        .where(
            Skp.pegawai_id == pegawai_id,
            Skp.status == SkpStatus.DISETUJUI,
            Skp.deleted.is_(False),
            Skp.tahun == period.tahun,
            Skp.periode_mulai <= period.selesai,
            Skp.periode_selesai >= period.mulai,
        )
        .order_by(Skp.periode_mulai.desc())
        .limit(1)
    ).scalar_one_or_none()


def skp_row(session: Session, skp_id: str) -> Skp:
    skp = session.get(Skp, skp_id)
    if skp is None or skp.deleted:
        raise NotFoundError(_("This SKP does not exist."))
    return skp


def require_self(actor: Actor, skp: Skp, what: str) -> None:
    if not (actor.is_system or access.is_self(actor, skp.pegawai_id)):
        raise PermissionDenied(_("Only the pegawai themself writes {what}.").format(what=_(what)))


def is_penilai(session: Session, actor: Actor, skp: Skp) -> bool:
    return actor.is_system or access.is_penilai_of(session, actor, skp.pegawai_id)


def require_open(session: Session, skp: Skp, code: str) -> None:
    status = session.execute(
        select(Evaluasi.status).where(
            Evaluasi.skp_id == skp.id, Evaluasi.periode == code, Evaluasi.deleted.is_(False)
        )
    ).scalar_one_or_none()
    if status is EvaluasiStatus.FINAL:
        raise WorkflowError(
            _("The evaluation of {period} is final, so its entries are locked.").format(
                period=parse(code).label()
            )
        )


def period_of_skp(skp: Skp, periode: str) -> str:
    period = parse(periode)
    if (
        period.tahun != skp.tahun
        or period.selesai < skp.periode_mulai
        or (period.mulai > skp.periode_selesai)
    ):
        raise ValidationError(
            _("{period} is outside the period of this SKP.").format(period=period.label()),
            field="periode",
        )
    return period.code


def entry_text(value: str, field_name: str, *, required: str | None = None) -> str:
    text = value.strip()
    if required is not None and not text:
        raise ValidationError(_(required), field=field_name)
    if len(text) > _TEXT_LIMIT:
        raise ValidationError(
            _("The text is longer than {limit} characters.").format(limit=_TEXT_LIMIT),
            field=field_name,
        )
    return text


def rhk_row(session: Session, rhk_id: str) -> Rhk:
    rhk = session.get(Rhk, rhk_id)
    if rhk is None or rhk.deleted:
        raise NotFoundError(_("This work result (RHK) does not exist."))
    return rhk


def iki_row(session: Session, iki_id: str) -> Iki:
    iki = session.get(Iki, iki_id)
    if iki is None or iki.deleted:
        raise NotFoundError(_("This indicator (IKI) does not exist."))
    return iki
