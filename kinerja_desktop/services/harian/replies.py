"""Replies on daily entries, kept in the monitoring feedback thread.

A reply on an entry (the pejabat penilai's feedback, or the pegawai's answer) is an
``UmpanBalik`` record with the entry's ``progres_id``: on the pegawai's SKP covering the
entry's day (an approved one first, else the newest of any status covering the day, else
the newest of that year), in the period of the office's rhythm containing the day, and on
the entry's IKI and RHK when it has one. So it shows beside the IKI in the monitoring
period view, and an entry without an IKI ("other duties") shows under "Other duties (daily
log)" there. The first feedback on an entry opens its thread; later ones answer it. A
pegawai without any SKP in the entry's year has no thread to hold the reply: it is refused
with a message saying so (write it once an SKP, even a draft, exists).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import Ritme, SkpStatus
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.models.monitoring import RitmePeriode, UmpanBalik
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.periods import period_containing

TEXT_LIMIT = 4000


@dataclass(frozen=True)
class ReplyRow:
    id: str
    penulis_id: str
    penulis_nama: str
    teks: str
    waktu: dt.datetime


def _entry(session: Session, entry_id: str) -> ProgresHarian:
    record = session.get(ProgresHarian, entry_id)
    if record is None or record.deleted:
        raise NotFoundError(_("This daily entry does not exist."))
    return record


def skp_of_entry(session: Session, record: ProgresHarian) -> Skp | None:
    """The SKP whose feedback thread holds the replies on ``record`` (see the module)."""
    day = record.tanggal
    skps = session.execute(
        select(Skp).where(
            Skp.pegawai_id == record.pegawai_id, Skp.tahun == day.year, Skp.deleted.is_(False)
        )
    ).scalars()

    def rank(skp: Skp) -> tuple[bool, bool, dt.datetime]:
        covers = skp.periode_mulai <= day <= skp.periode_selesai
        return covers, skp.status is SkpStatus.DISETUJUI, skp.updated_at

    return max(skps, key=rank, default=None)


def _period_code(session: Session, day: dt.date) -> str:
    ritme = session.execute(
        select(RitmePeriode.ritme).where(
            RitmePeriode.tahun == day.year, RitmePeriode.deleted.is_(False)
        )
    ).scalar_one_or_none()
    return period_containing(day, ritme or Ritme.TRIWULANAN).code


def reply(db: Database, *, actor: Actor, entry_id: str, teks: str) -> ReplyRow:
    """Feedback on an entry by the pejabat penilai, or the pegawai's answer to it."""
    text = teks.strip()
    if not text:
        raise ValidationError(_("Write the reply."), field="teks")
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            _("at most {limit} characters.").format(limit=TEXT_LIMIT), field="teks"
        )
    with db.unit_of_work(actor) as session:
        record = _entry(session, entry_id)
        if not (
            access.is_self(actor, record.pegawai_id)
            or access.is_penilai_of(session, actor, record.pegawai_id)
        ):
            raise access.deny(_("Only the pegawai and their pejabat penilai write in this thread."))
        assert actor.pegawai_id is not None
        skp = skp_of_entry(session, record)
        if skp is None:
            person = session.get(Pegawai, record.pegawai_id)
            raise ValidationError(
                _(
                    "Replies on the daily log are kept in the feedback thread of the SKP, and "
                    "{name} has no SKP for {year} yet (the entry of {date}). Reply once an SKP, "
                    "even a draft, exists."
                ).format(
                    name=person.nama if person else "",
                    year=record.tanggal.year,
                    date=format_date(record.tanggal),
                ),
                field="teks",
            )
        iki = session.get(Iki, record.iki_id) if record.iki_id else None
        rhk = session.get(Rhk, iki.rhk_id) if iki is not None else None
        on_skp = iki is not None and rhk is not None and rhk.skp_id == skp.id
        root = session.execute(
            select(UmpanBalik.id)
            .where(
                UmpanBalik.progres_id == record.id,
                UmpanBalik.skp_id == skp.id,
                UmpanBalik.balasan_untuk_id.is_(None),
                UmpanBalik.deleted.is_(False),
            )
            .order_by(UmpanBalik.created_at)
            .limit(1)
        ).scalar_one_or_none()
        item = UmpanBalik(
            skp_id=skp.id,
            periode=_period_code(session, record.tanggal),
            rhk_id=rhk.id if on_skp and rhk is not None else None,
            iki_id=iki.id if on_skp and iki is not None else None,
            penulis_id=actor.pegawai_id,
            balasan_untuk_id=root,
            teks=text,
            progres_id=record.id,
        )
        session.add(item)
        session.flush()
        author = session.get(Pegawai, actor.pegawai_id)
        return ReplyRow(
            item.id, item.penulis_id, author.nama if author else "", text, item.created_at
        )


def replies(db: Database, *, actor: Actor, entry_id: str) -> list[ReplyRow]:
    """The thread of an entry, oldest first (also the answers written in the monitoring
    period view, which carry the entry's link)."""
    with db.read(actor) as session:
        record = _entry(session, entry_id)
        access.require_read_performance(session, actor, record.pegawai_id)
        rows = session.execute(
            select(UmpanBalik, Pegawai.nama)
            .join(Pegawai, Pegawai.id == UmpanBalik.penulis_id)
            .where(UmpanBalik.progres_id == entry_id, UmpanBalik.deleted.is_(False))
            .order_by(UmpanBalik.created_at)
        )
        return [ReplyRow(t.id, t.penulis_id, nama, t.teks, t.created_at) for t, nama in rows]
