"""Coaching: the agenda (talking points), the notes and the pegawai's reflection answers.

Privacy: a private note (``CatatanSesi.privat``) is readable by its author alone. Every
function that returns notes filters them through ``_visible_notes`` (``note_rows``); the
program itself (``SYSTEM``), the pengelola kinerja and the pegawai's superiors get shared notes
only. ``coaching_forms.session_record`` asks for shared notes only, whoever asks. In an
encrypted data home the text itself is sealed to its author (``private_notes``), and a
deleted private note keeps no text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.coaching import AgendaSesi, CatatanSesi
from kinerja_desktop.models.enums import JenisCatatan
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.services.coaching import private_notes
from kinerja_desktop.services.coaching.common import (
    author_id,
    clean,
    get_sesi,
    require_edit,
    require_open,
)
from kinerja_desktop.services.core import access

# The reflection prompts the pegawai answers: (key stored in CatatanSesi.prompt, question).
REFLECTION_PROMPTS: tuple[tuple[str, str], ...] = (
    ("went_well", N_("What went well?")),
    ("got_in_way", N_("What got in the way?")),
    ("learned", N_("What did I learn?")),
    ("support", N_("What support do I need?")),
)
_PROMPT_KEYS = {key for key, _text in REFLECTION_PROMPTS}


@dataclass(frozen=True)
class AgendaRow:
    id: str
    penulis_id: str
    penulis_nama: str
    urutan: int
    teks: str
    dibahas: bool


@dataclass(frozen=True)
class CatatanRow:
    """A note or a reflection answer (``prompt`` is the reflection key, empty for a note)."""

    id: str
    penulis_id: str
    penulis_nama: str
    jenis: JenisCatatan
    prompt: str
    teks: str
    privat: bool
    dibuat: dt.datetime


def _visible_notes(actor: Actor) -> object:
    """SQL condition: shared notes, and private notes written by ``actor`` only."""
    if actor.pegawai_id is None:
        return CatatanSesi.privat.is_(False)
    return or_(CatatanSesi.privat.is_(False), CatatanSesi.penulis_id == actor.pegawai_id)


def note_rows(
    session: Session, actor: Actor, sesi_id: str, *, shared_only: bool
) -> list[CatatanRow]:
    penulis = aliased(Pegawai)
    condition = CatatanSesi.privat.is_(False) if shared_only else _visible_notes(actor)
    query = (
        select(CatatanSesi, penulis.nama)
        .join(penulis, penulis.id == CatatanSesi.penulis_id)
        .where(CatatanSesi.sesi_id == sesi_id, CatatanSesi.deleted.is_(False),
               condition)  # type: ignore[arg-type]
        .order_by(CatatanSesi.created_at)
    )  # fmt: skip
    keyring = session.info.get("keyring")
    return [
        CatatanRow(c.id, c.penulis_id, nama, c.jenis, c.prompt,
                   private_notes.open_text(keyring, actor, c.penulis_id, c.teks)
                   if c.privat and keyring is not None else c.teks,
                   c.privat, c.created_at)
        for c, nama in session.execute(query)
    ]  # fmt: skip


def _stored(db: Database, actor: Actor, author: str, text: str, privat: bool) -> str:
    return private_notes.seal_text(db, actor, author, text) if privat else text


def _plain(session: Session, actor: Actor, note: CatatanSesi) -> str:
    keyring = session.info.get("keyring")
    if note.privat and keyring is not None:
        return private_notes.open_text(keyring, actor, note.penulis_id, note.teks)
    return note.teks


def agenda_rows(session: Session, sesi_id: str) -> list[AgendaRow]:
    penulis = aliased(Pegawai)
    query = (
        select(AgendaSesi, penulis.nama)
        .join(penulis, penulis.id == AgendaSesi.penulis_id)
        .where(AgendaSesi.sesi_id == sesi_id, AgendaSesi.deleted.is_(False))
        .order_by(AgendaSesi.urutan, AgendaSesi.created_at)
    )
    return [
        AgendaRow(a.id, a.penulis_id, nama, a.urutan, a.teks, a.dibahas)
        for a, nama in session.execute(query)
    ]


# ---------------------------------------------------------------------------- agenda


def add_talking_point(db: Database, *, actor: Actor, sesi_id: str, teks: str) -> AgendaRow:
    """Either side adds a talking point to the agenda."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_edit(session, actor, sesi)
        require_open(sesi)
        last = session.execute(
            select(func.max(AgendaSesi.urutan)).where(AgendaSesi.sesi_id == sesi_id)
        ).scalar()
        item = AgendaSesi(sesi_id=sesi_id, penulis_id=author_id(actor, sesi),
                          urutan=int(last or 0) + 1,
                          teks=clean(teks, _("The talking point"), field="agenda"))  # fmt: skip
        session.add(item)
        session.flush()
        return next(a for a in agenda_rows(session, sesi_id) if a.id == item.id)


def mark_discussed(db: Database, *, actor: Actor, agenda_id: str, dibahas: bool = True) -> None:
    with db.unit_of_work(actor) as session:
        item = session.get(AgendaSesi, agenda_id)
        if item is None or item.deleted:
            raise NotFoundError(_("This talking point does not exist (any more)."))
        require_edit(session, actor, get_sesi(session, item.sesi_id))
        if item.dibahas != dibahas:
            item.dibahas = dibahas


def remove_talking_point(db: Database, *, actor: Actor, agenda_id: str) -> None:
    """Remove a talking point; only its author may."""
    with db.unit_of_work(actor) as session:
        item = session.get(AgendaSesi, agenda_id)
        if item is None or item.deleted:
            raise NotFoundError(_("This talking point does not exist (any more)."))
        sesi = get_sesi(session, item.sesi_id)
        require_edit(session, actor, sesi)
        if not (actor.is_system or item.penulis_id == author_id(actor, sesi)):
            raise access.deny(_("Only the person who added a talking point may remove it."))
        item.deleted = True


# ---------------------------------------------------------------------------- notes


def add_note(
    db: Database, *, actor: Actor, sesi_id: str, teks: str, privat: bool = False
) -> CatatanRow:
    """A note during the session: shared with both parties, or private to its author."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_edit(session, actor, sesi)
        require_open(sesi)
        if privat and actor.pegawai_id is None:
            raise ValidationError(
                _("A private note belongs to a person; log in with your own account to write one."),
                field="privat",
            )
        author = author_id(actor, sesi)
        value = clean(teks, _("The note"), field="teks")
        note = CatatanSesi(sesi_id=sesi_id, penulis_id=author, jenis=JenisCatatan.NOTE,
                           teks=_stored(db, actor, author, value, privat),
                           privat=privat)  # fmt: skip
        session.add(note)
        session.flush()
        return next(n for n in note_rows(session, actor, sesi_id, shared_only=False)
                    if n.id == note.id)  # fmt: skip


def _own_note(session: Session, actor: Actor, catatan_id: str) -> CatatanSesi:
    note = session.get(CatatanSesi, catatan_id)
    if note is None or note.deleted or (note.privat and not access.is_self(actor, note.penulis_id)):
        raise NotFoundError(_("This note does not exist (any more)."))
    if not access.is_self(actor, note.penulis_id):
        raise access.deny(_("Only the author of a note may change it."))
    return note


def update_note(
    db: Database, *, actor: Actor, catatan_id: str, teks: str, privat: bool | None = None
) -> None:
    """The author edits a note, or shares a private one. A shared note cannot become private:
    it may already have been sent to the other party's install."""
    with db.unit_of_work(actor) as session:
        note = _own_note(session, actor, catatan_id)
        value = clean(teks, _("The note"), field="teks")
        if privat is True and not note.privat:
            raise WorkflowError(
                _("A shared note cannot be made private again (the other party may already have "
                  "it). Write a new private note instead."),
                field="privat",
            )  # fmt: skip
        shared = privat is False or not note.privat
        if _plain(session, actor, note) != value or (shared and note.teks != value):
            note.teks = _stored(db, actor, note.penulis_id, value, not shared)
        if privat is False and note.privat:
            note.privat = False


def delete_note(db: Database, *, actor: Actor, catatan_id: str) -> None:
    """The author deletes a note; a deleted private note keeps no text."""
    with db.unit_of_work(actor) as session:
        note = _own_note(session, actor, catatan_id)
        note.deleted = True
        if note.privat:
            note.teks = ""


def answer_reflection(
    db: Database, *, actor: Actor, sesi_id: str, prompt: str, teks: str, privat: bool = False
) -> None:
    """The pegawai answers one reflection prompt (a second answer replaces the first)."""
    if prompt not in _PROMPT_KEYS:
        raise ValidationError(_("Unknown reflection question."), field="prompt")
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        if not access.is_self(actor, sesi.pegawai_id):
            raise access.deny(_("Only the pegawai answers the reflection questions."))
        require_open(sesi)
        existing = session.execute(
            select(CatatanSesi).where(
                CatatanSesi.sesi_id == sesi_id, CatatanSesi.deleted.is_(False),
                CatatanSesi.jenis == JenisCatatan.REFLECTION, CatatanSesi.prompt == prompt,
                CatatanSesi.penulis_id == sesi.pegawai_id,
            )
        ).scalar_one_or_none()  # fmt: skip
        value = teks.strip()
        if existing is None:
            if value:
                session.add(CatatanSesi(sesi_id=sesi_id, penulis_id=sesi.pegawai_id,
                                        jenis=JenisCatatan.REFLECTION, prompt=prompt,
                                        teks=_stored(db, actor, sesi.pegawai_id, value, privat),
                                        privat=privat))  # fmt: skip
            return
        if not value:
            existing.deleted = True
            if existing.privat:
                existing.teks = ""
            return
        if privat and not existing.privat:
            raise WorkflowError(
                _("A shared answer cannot be made private again (the other party may already "
                  "have it)."),
                field="privat",
            )  # fmt: skip
        if _plain(session, actor, existing) != value or (not privat and existing.privat):
            existing.teks = _stored(db, actor, sesi.pegawai_id, value, privat)
        if existing.privat and not privat:
            existing.privat = False
