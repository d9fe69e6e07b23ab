"""Private coaching notes encrypted to their author.

In an encrypted data home the text of a private note or reflection answer
(``CatatanSesi.privat``) is stored sealed (AES-256-GCM) under its author's *notes key*, not
only hidden by the services. The notes key is made when the author writes a first private
note and is kept in the key-slot file sealed twice: under the author's password and under
the author's own *notes recovery code*, shown to the author once (``take_new_code``).

The database key cannot open it, so neither an administrator, nor the holder of the office's
recovery key, nor an administrator's password reset reveals private notes: after a reset
the author's notes stay locked until the author enters the notes recovery code
(``unlock_with_code``); an author who lost it may ``start_over`` (the old private notes stay
unreadable). A deleted private note keeps no text at all.

A plain data home (no accounts yet: a fresh ``kinerja init``, tests) stores the text as it is.
"""

from __future__ import annotations

from enum import StrEnum

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import cipher
from kinerja_desktop.db.keyslots import KeySlots, SessionKeys
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _

PREFIX = "kpn1:"


class NotesState(StrEnum):
    PLAIN = "plain"  # the data home is not encrypted
    READY = "ready"  # the author's notes key is open in this session
    NEW = "new"  # no notes key yet: the first private note makes one
    LOCKED = "locked"  # a notes key exists but the password no longer opens it (a reset)


def state(db: Database, actor: Actor) -> NotesState:
    if db.key is None:
        return NotesState.PLAIN
    if actor.user_id is None:
        return NotesState.NEW
    if actor.user_id in db.keyring.note_keys:
        return NotesState.READY
    if KeySlots.load(db.home).has_notes(actor.user_id):
        return NotesState.LOCKED
    return NotesState.NEW


def locked_message() -> str:
    return _(
        "Your private notes are locked: your password was reset by the administrator, and a "
        "reset cannot open them. Enter your private-notes recovery code to unlock them."
    )


def _aad(author_id: str) -> bytes:
    return b"kinerja-private-note-v1|" + author_id.encode()


def _key_for_writing(db: Database, actor: Actor) -> bytes:
    if actor.user_id is None:
        raise ValidationError(
            _("A private note belongs to a person; log in with your own account to write one."),
            field="privat",
        )
    current = state(db, actor)
    if current is NotesState.LOCKED:
        raise ValidationError(locked_message(), field="privat")
    if current is NotesState.READY:
        return db.keyring.note_keys[actor.user_id]
    secret = db.keyring.secrets.get(actor.user_id)
    if secret is None:
        raise ValidationError(
            _("Log in again with your password to write private notes."), field="privat"
        )
    slots = KeySlots.load(db.home)
    key = cipher.new_key()
    db.keyring.new_codes[actor.user_id] = slots.new_notes(actor.user_id, secret, key)
    slots.save(db.home)
    db.keyring.note_keys[actor.user_id] = key
    return key


def seal_text(db: Database, actor: Actor, author_id: str, text: str) -> str:
    """What to store for the private ``text`` of ``author_id`` (sealed when encrypted)."""
    if db.key is None:
        return text
    key = _key_for_writing(db, actor)
    return PREFIX + cipher.b64(cipher.seal(key, text.encode("utf-8"), aad=_aad(author_id)))


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def open_text(keyring: SessionKeys, actor: Actor, author_id: str, stored: str) -> str:
    """The text of a stored private note for its author (a notice when it is locked)."""
    if not is_sealed(stored):
        return stored
    key = keyring.note_keys.get(actor.user_id or "")
    if key is not None:
        try:
            return cipher.unseal(
                key, cipher.unb64(stored[len(PREFIX) :]), aad=_aad(author_id)
            ).decode("utf-8")
        except (cipher.WrongKey, ValueError):
            pass
    return _("[Private note locked: unlock your private notes with your recovery code.]")


def take_new_code(db: Database, actor: Actor) -> str | None:
    """The notes recovery code made in this session for ``actor``, once (then forgotten)."""
    return db.keyring.new_codes.pop(actor.user_id or "", None)


def unlock_with_code(db: Database, *, actor: Actor, code: str) -> None:
    """The author opens their notes key with the notes recovery code; it is sealed again
    under the current password."""
    if db.key is None or actor.user_id is None:
        raise ValidationError(_("There are no encrypted private notes here."), field="code")
    slots = KeySlots.load(db.home)
    try:
        key = slots.notes_key_by_code(actor.user_id, code)
    except cipher.WrongKey:
        raise ValidationError(
            _("This is not your private-notes recovery code."), field="code"
        ) from None
    secret = db.keyring.secrets.get(actor.user_id)
    if secret is None:
        raise ValidationError(_("Log in again with your password first."), field="code")
    slots.reseal_notes(actor.user_id, secret, key)
    slots.save(db.home)
    db.keyring.note_keys[actor.user_id] = key


def start_over(db: Database, *, actor: Actor) -> str:
    """A new notes key and recovery code for an author who lost the code (the private notes
    written before stay unreadable); returns the new code."""
    if db.key is None or actor.user_id is None:
        raise ValidationError(_("There are no encrypted private notes here."), field="code")
    secret = db.keyring.secrets.get(actor.user_id)
    if secret is None:
        raise ValidationError(_("Log in again with your password first."), field="code")
    slots = KeySlots.load(db.home)
    key = cipher.new_key()
    code = slots.new_notes(actor.user_id, secret, key)
    slots.save(db.home)
    db.keyring.note_keys[actor.user_id] = key
    return code
