"""Umpan balik berkelanjutan: the pejabat penilai's feedback on an IKI or a perilaku in a
period, the replies of both sides (open even once the period is final), and the office's
list of standard phrases kept by the pengelola kinerja.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.monitoring import (
    FrasaUmpanBalik,
    UmpanBalik,
)
from kinerja_desktop.models.skp import PerilakuNilai
from kinerja_desktop.services.core import access
from kinerja_desktop.services.monitoring.base import (
    entry_text,
    iki_row,
    is_penilai,
    period_of_skp,
    require_open,
    rhk_row,
    skp_row,
)


def give_feedback(
    db: Database,
    *,
    actor: Actor,
    skp_id: str,
    periode: str,
    rhk_id: str | None = None,
    iki_id: str | None = None,
    nilai_id: str | None = None,
    frasa_id: str | None = None,
    teks: str = "",
) -> str:
    """Continuous feedback by the pejabat penilai on an RHK, an IKI or a behaviour value."""
    if sum(x is not None for x in (rhk_id, iki_id, nilai_id)) != 1:
        raise ValidationError(_("Choose one work result, indicator or behaviour value."))
    with db.unit_of_work(actor) as session:
        skp = skp_row(session, skp_id)
        if not is_penilai(session, actor, skp):
            raise PermissionDenied(_("Only the pejabat penilai gives feedback."))
        code = period_of_skp(skp, periode)
        require_open(session, skp, code)
        if iki_id is not None:
            rhk_id = iki_row(session, iki_id).rhk_id
        if rhk_id is not None and rhk_row(session, rhk_id).skp_id != skp.id:
            raise ValidationError(_("This work result belongs to another SKP."))
        if nilai_id is not None and session.get(PerilakuNilai, nilai_id) is None:
            raise NotFoundError(_("Unknown behaviour value."))
        if frasa_id is not None:
            frasa = session.get(FrasaUmpanBalik, frasa_id)
            if frasa is None or frasa.deleted or not frasa.aktif:
                raise ValidationError(
                    _("This standard phrase is no longer available."), field="frasa"
                )
        text = entry_text(teks, "teks")
        if frasa_id is None and not text:
            raise ValidationError(_("Pick a standard phrase or write the feedback."), field="teks")
        record = UmpanBalik(
            skp_id=skp.id,
            periode=code,
            rhk_id=rhk_id,
            iki_id=iki_id,
            nilai_id=nilai_id,
            frasa_id=frasa_id,
            penulis_id=actor.pegawai_id or skp.penilai_id or skp.pegawai_id,
            teks=text,
        )
        session.add(record)
        session.flush()
        return record.id


def reply_feedback(db: Database, *, actor: Actor, umpan_balik_id: str, teks: str) -> str:
    """A reply in a feedback thread, by the pegawai (or the pejabat penilai)."""
    with db.unit_of_work(actor) as session:
        parent = session.get(UmpanBalik, umpan_balik_id)
        if parent is None or parent.deleted:
            raise NotFoundError(_("This feedback does not exist."))
        while parent.balasan_untuk_id is not None:
            parent = session.get(UmpanBalik, parent.balasan_untuk_id)
            assert parent is not None
        skp = skp_row(session, parent.skp_id)
        if not (access.is_self(actor, skp.pegawai_id) or is_penilai(session, actor, skp)):
            raise PermissionDenied(
                _("Only the pegawai and their pejabat penilai write in this thread.")
            )
        text = entry_text(teks, "teks", required=N_("Write the reply."))
        record = UmpanBalik(
            skp_id=skp.id,
            periode=parent.periode,
            rhk_id=parent.rhk_id,
            iki_id=parent.iki_id,
            nilai_id=parent.nilai_id,
            penulis_id=actor.pegawai_id or skp.pegawai_id,
            balasan_untuk_id=parent.id,
            teks=text,
            progres_id=parent.progres_id,
        )
        session.add(record)
        session.flush()
        return record.id


@dataclass(frozen=True)
class FrasaRow:
    id: str
    teks: str
    untuk_perilaku: bool
    urutan: int
    aktif: bool


DEFAULT_FRASA: list[tuple[str, bool]] = [
    (N_("The result meets the target; keep it up."), False),
    (N_("The result exceeds the target; well done."), False),
    (N_("The result is below the target; let us discuss what is holding it back."), False),
    (N_("Add supporting evidence for this achievement."), False),
    (N_("Please speed up the work to meet the deadline."), False),
    (N_("The behaviour shown meets expectations."), True),
    (N_("The behaviour shown is an example to the team."), True),
    (N_("This behaviour needs improvement; let us agree on steps."), True),
]
"""The standard phrases offered when the list is first filled."""


def list_frasa(
    db: Database,
    *,
    actor: Actor,
    untuk_perilaku: bool | None = None,
    include_inactive: bool = False,
) -> list[FrasaRow]:
    with db.read(actor) as session:
        query = select(FrasaUmpanBalik).where(FrasaUmpanBalik.deleted.is_(False))
        if untuk_perilaku is not None:
            query = query.where(FrasaUmpanBalik.untuk_perilaku.is_(untuk_perilaku))
        if not include_inactive:
            query = query.where(FrasaUmpanBalik.aktif.is_(True))
        rows = session.execute(
            query.order_by(FrasaUmpanBalik.urutan, FrasaUmpanBalik.teks)
        ).scalars()
        return [FrasaRow(f.id, f.teks, f.untuk_perilaku, f.urutan, f.aktif) for f in rows]


def save_frasa(
    db: Database,
    *,
    actor: Actor,
    teks: str,
    untuk_perilaku: bool = False,
    aktif: bool = True,
    frasa_id: str | None = None,
) -> str:
    """Add or edit a standard phrase (pengelola kinerja only). Retire one with ``aktif=False``."""
    access.require_pengelola(actor)
    text = entry_text(teks, "teks", required=N_("Write the phrase."))
    with db.unit_of_work(actor) as session:
        if frasa_id is None:
            count = session.execute(select(func.count(FrasaUmpanBalik.id))).scalar_one()
            record = FrasaUmpanBalik(
                teks=text, untuk_perilaku=untuk_perilaku, urutan=count + 1, aktif=aktif
            )
            session.add(record)
        else:
            found = session.get(FrasaUmpanBalik, frasa_id)
            if found is None or found.deleted:
                raise NotFoundError(_("This phrase does not exist."))
            record = found
            record.teks, record.untuk_perilaku, record.aktif = text, untuk_perilaku, aktif
        session.flush()
        return record.id


def add_default_frasa(db: Database, *, actor: Actor) -> int:
    """Fill an empty phrase list with the standard phrases (in the current language)."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        if session.execute(select(FrasaUmpanBalik.id).limit(1)).first() is not None:
            return 0
        for index, (text, perilaku) in enumerate(DEFAULT_FRASA, start=1):
            session.add(FrasaUmpanBalik(teks=_(text), untuk_perilaku=perilaku, urutan=index))
        return len(DEFAULT_FRASA)
