"""The key-slot file: the database key wrapped once per account and once for recovery.

``keys/keyslots.json`` in the data home is read before the database opens. It holds no
secret in clear: every slot is the 256-bit database key sealed (AES-256-GCM) under a key
derived with Argon2id from one account's password (or from the recovery key), with the
Argon2id salt and costs beside it. A slot is found by a keyed digest of the username, so the
file does not list the login names either.

An account slot may also carry that person's *private-notes key*, sealed twice: under a
sub-key of the same password derivation, and under the author's own recovery code. An
administrator's password reset writes a new database slot (the administrator holds the
database key) but cannot re-seal the notes key, which only the author's password or code
opens.

A *legacy* slot is one made when an existing plain database was encrypted: its Argon2id
salt and costs are those of the account's stored password hash, so the person's usual
password opens it; the first login replaces it with a slot of fresh salt.

Wrong passwords are counted per slot here (the database cannot be opened to count them), and
the slot is locked for a growing time, like the account itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_desktop.db import cipher
from kinerja_desktop.db.cipher import KdfParams, WrongKey
from kinerja_desktop.paths import DataHome

if TYPE_CHECKING:
    from kinerja_desktop.db.session import Database

FILE_NAME = "keyslots.json"
FORMAT = 1
# Argon2id costs of new slots (tests lower them, as they lower the password hasher's).
KDF_COSTS: dict[str, int] = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
_DB_AAD = b"kinerja-db-key-v1|"
_NOTES_AAD = b"kinerja-notes-key-v1|"


def path_of(home: DataHome) -> Path:
    return home.keys / FILE_NAME


def exists(home: DataHome) -> bool:
    """True once the data home's database is encrypted (its key-slot file exists)."""
    return path_of(home).is_file()


def _kdf_json(params: KdfParams) -> dict[str, Any]:
    return {
        "salt": cipher.b64(params.salt),
        "t": params.time_cost,
        "m": params.memory_cost,
        "p": params.parallelism,
    }


def _kdf_from(data: dict[str, Any]) -> KdfParams:
    return KdfParams(cipher.unb64(data["salt"]), int(data["t"]), int(data["m"]), int(data["p"]))


def fresh_params() -> KdfParams:
    return KdfParams.fresh(**KDF_COSTS)


@dataclass
class SessionKeys:
    """Secrets of the logins of one open database, in memory only, by account id: the
    private-notes keys unlocked, the Argon2id secret of each password (it seals a new notes
    key), and a notes recovery code made in this session and not yet shown to its author."""

    note_keys: dict[str, bytes] = field(default_factory=dict)
    secrets: dict[str, bytes] = field(default_factory=dict)
    new_codes: dict[str, str] = field(default_factory=dict)


@dataclass
class Unlocked:
    """What a password opened: the database key and the password's derived secret."""

    key: bytes
    secret: bytes
    account_id: str
    legacy: bool


@dataclass
class KeySlots:
    """The parsed key-slot file of one data home."""

    lookup_salt: bytes
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    recovery: dict[str, Any] | None = None
    # While a plain database is being replaced by its encrypted copy: the SHA-256 of that
    # plain file, so that only it (not any plain file put in its place) is finished later.
    pending_plain: str | None = None
    # True once every stored evidence file is sealed (``services/core/attachments.py``); a
    # data home encrypted by an older program has plain ones, sealed at the next login.
    attachments_sealed: bool = False

    @classmethod
    def new(cls) -> KeySlots:
        return cls(lookup_salt=os.urandom(16))

    @classmethod
    def load(cls, home: DataHome) -> KeySlots:
        data = json.loads(path_of(home).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown key-slot format {data.get('format')!r}")
        return cls(
            lookup_salt=cipher.unb64(data["lookup_salt"]),
            accounts=dict(data.get("accounts", {})),
            recovery=data.get("recovery"),
            pending_plain=data.get("pending_plain"),
            attachments_sealed=bool(data.get("attachments_sealed", False)),
        )

    def save(self, home: DataHome) -> None:
        """Write the file atomically, readable by its owner only."""
        target = path_of(home)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "lookup_salt": cipher.b64(self.lookup_salt),
            "accounts": self.accounts,
            "recovery": self.recovery,
            "pending_plain": self.pending_plain,
            "attachments_sealed": self.attachments_sealed,
        }
        tmp = target.with_name(target.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)

    # -- finding a slot -------------------------------------------------------------------

    def lookup(self, username: str) -> str:
        name = username.strip().casefold().encode("utf-8")
        return hmac.new(self.lookup_salt, name, hashlib.sha256).hexdigest()

    def slot_for(self, username: str) -> dict[str, Any] | None:
        return self.accounts.get(self.lookup(username))

    def _by_account(self, account_id: str) -> tuple[str, dict[str, Any]] | None:
        for lookup, slot in self.accounts.items():
            if slot.get("account_id") == account_id:
                return lookup, slot
        return None

    # -- the database key -----------------------------------------------------------------

    def put_account(
        self,
        *,
        account_id: str,
        username: str,
        password: str,
        key: bytes,
        params: KdfParams | None = None,
        legacy: bool = False,
    ) -> bytes:
        """Seal ``key`` for the account (replacing its slot); return the password secret.

        A private-notes entry the account already had is kept as it is.
        """
        params = params or fresh_params()
        secret = cipher.derive(password.encode("utf-8"), params)
        return self.put_account_secret(
            account_id=account_id,
            username=username,
            secret=secret,
            params=params,
            key=key,
            legacy=legacy,
        )

    def put_account_secret(
        self,
        *,
        account_id: str,
        username: str,
        secret: bytes,
        params: KdfParams,
        key: bytes,
        legacy: bool = False,
    ) -> bytes:
        old = self._by_account(account_id)
        notes = None
        if old is not None:
            notes = old[1].get("notes")
            del self.accounts[old[0]]
        self.accounts[self.lookup(username)] = {
            "account_id": account_id,
            "kdf": _kdf_json(params),
            "wrapped": cipher.b64(
                cipher.seal(
                    cipher.subkey(secret, "db-slot"), key, aad=_DB_AAD + account_id.encode()
                )
            ),
            "legacy": legacy,
            "failures": 0,
            "locked_until": None,
            "notes": notes,
        }
        return secret

    def remove_account(self, account_id: str) -> None:
        old = self._by_account(account_id)
        if old is not None:
            del self.accounts[old[0]]

    def has_account(self, account_id: str) -> bool:
        return self._by_account(account_id) is not None

    @staticmethod
    def unlock(slot: dict[str, Any], password: str) -> Unlocked:
        """Open ``slot`` with ``password``; ``WrongKey`` if it is not the password."""
        params = _kdf_from(slot["kdf"])
        secret = cipher.derive(password.encode("utf-8"), params)
        key = cipher.unseal(
            cipher.subkey(secret, "db-slot"),
            cipher.unb64(slot["wrapped"]),
            aad=_DB_AAD + str(slot["account_id"]).encode(),
        )
        return Unlocked(
            key=key, secret=secret, account_id=str(slot["account_id"]), legacy=bool(slot["legacy"])
        )

    # -- wrong passwords ------------------------------------------------------------------

    @staticmethod
    def locked_until(slot: dict[str, Any]) -> dt.datetime | None:
        value = slot.get("locked_until")
        return dt.datetime.fromisoformat(value) if value else None

    @staticmethod
    def count_failure(slot: dict[str, Any], until: dt.datetime | None) -> int:
        slot["failures"] = int(slot.get("failures", 0)) + 1
        slot["locked_until"] = until.isoformat() if until else None
        return int(slot["failures"])

    @staticmethod
    def clear_failures(slot: dict[str, Any]) -> None:
        slot["failures"] = 0
        slot["locked_until"] = None

    # -- the recovery key -----------------------------------------------------------------

    def put_recovery(self, key: bytes) -> str:
        """A new recovery key sealing ``key`` (the old one stops working); return its text."""
        text = cipher.new_recovery_key()
        secret = cipher.parse_recovery_key(text)
        assert secret is not None
        params = fresh_params()
        kek = cipher.derive(secret, params)
        self.recovery = {
            "kdf": _kdf_json(params),
            "wrapped": cipher.b64(cipher.seal(kek, key, aad=_DB_AAD + b"recovery")),
        }
        return text

    def unlock_recovery(self, text: str) -> bytes:
        """The database key from the recovery key; ``WrongKey`` otherwise."""
        secret = cipher.parse_recovery_key(text)
        if secret is None or self.recovery is None:
            raise WrongKey
        kek = cipher.derive(secret, _kdf_from(self.recovery["kdf"]))
        return cipher.unseal(kek, cipher.unb64(self.recovery["wrapped"]), aad=_DB_AAD + b"recovery")

    # -- private-notes keys ---------------------------------------------------------------

    def notes_key(self, account_id: str, secret: bytes) -> bytes | None:
        """The author's notes key opened with the password ``secret``; None if it cannot be."""
        found = self._by_account(account_id)
        notes = found[1].get("notes") if found else None
        if not notes:
            return None
        try:
            return cipher.unseal(
                cipher.subkey(secret, "notes-slot"),
                cipher.unb64(notes["by_password"]),
                aad=_NOTES_AAD + account_id.encode(),
            )
        except WrongKey:
            return None

    def has_notes(self, account_id: str) -> bool:
        found = self._by_account(account_id)
        return bool(found and found[1].get("notes"))

    def _notes_seal(self, account_id: str, secret: bytes, notes_key: bytes) -> str:
        aad = _NOTES_AAD + account_id.encode()
        return cipher.b64(cipher.seal(cipher.subkey(secret, "notes-slot"), notes_key, aad=aad))

    def new_notes(self, account_id: str, secret: bytes, notes_key: bytes) -> str:
        """Seal a new notes key under the password ``secret`` and a new recovery code of the
        author (returned, to be shown to the author once)."""
        found = self._by_account(account_id)
        if found is None:
            raise KeyError(account_id)
        text = cipher.new_recovery_key()
        code_secret = cipher.parse_recovery_key(text)
        assert code_secret is not None
        params = fresh_params()
        kek = cipher.derive(code_secret, params)
        found[1]["notes"] = {
            "by_password": self._notes_seal(account_id, secret, notes_key),
            "code_kdf": _kdf_json(params),
            "by_code": cipher.b64(
                cipher.seal(kek, notes_key, aad=_NOTES_AAD + account_id.encode())
            ),
        }
        return text

    def reseal_notes(self, account_id: str, secret: bytes, notes_key: bytes) -> None:
        """Seal the author's existing notes key under a new password ``secret``."""
        found = self._by_account(account_id)
        if found is None or not found[1].get("notes"):
            raise KeyError(account_id)
        found[1]["notes"]["by_password"] = self._notes_seal(account_id, secret, notes_key)

    def notes_key_by_code(self, account_id: str, code: str) -> bytes:
        """The author's notes key from their recovery code; ``WrongKey`` otherwise."""
        found = self._by_account(account_id)
        notes = found[1].get("notes") if found else None
        secret = cipher.parse_recovery_key(code)
        if not notes or secret is None:
            raise WrongKey
        kek = cipher.derive(secret, _kdf_from(notes["code_kdf"]))
        return cipher.unseal(
            kek, cipher.unb64(notes["by_code"]), aad=_NOTES_AAD + account_id.encode()
        )


def legacy_params(password_hash: str) -> tuple[KdfParams, bytes] | None:
    """The Argon2id salt, costs and raw output of a stored ``$argon2id$`` password hash.

    The raw output is what Argon2id of the person's password with that salt gives, so a slot
    sealed under it opens with the usual password (see the module note on legacy slots).
    """
    parts = password_hash.split("$")
    if len(parts) != 6 or parts[1] != "argon2id":
        return None
    try:
        costs = dict(item.split("=", 1) for item in parts[3].split(","))
        salt = cipher.unb64(parts[4] + "=" * (-len(parts[4]) % 4))
        raw = cipher.unb64(parts[5] + "=" * (-len(parts[5]) % 4))
        params = KdfParams(salt, int(costs["t"]), int(costs["m"]), int(costs["p"]))
    except (ValueError, KeyError):
        return None
    if len(raw) != cipher.KEY_BYTES:
        return None
    return params, raw


# The database keys unlocked in this process, by data home: backups, checks and restores of
# an encrypted data home use the key its login opened (forgotten when the program ends).
_unlocked: dict[Path, bytes] = {}


def remember(home: DataHome, key: bytes) -> None:
    _unlocked[home.root.resolve()] = key


def forget(home: DataHome) -> None:
    _unlocked.pop(home.root.resolve(), None)


def unlocked_key(home: DataHome) -> bytes | None:
    """The database key of ``home`` if a login in this process opened it."""
    return _unlocked.get(home.root.resolve())


def password_set(
    db: Database, *, account_id: str, username: str, password: str, by_owner: bool
) -> None:
    """After an account's password was set in an encrypted database: seal the database key
    for the new password. ``by_owner`` (the person changed their own password) also reseals
    their private-notes key, if it is unlocked in this session; an administrator's reset
    cannot, so the author's notes stay closed until the author's recovery code opens them."""
    if db.key is None:
        return
    slots = KeySlots.load(db.home)
    secret = slots.put_account(
        account_id=account_id, username=username, password=password, key=db.key
    )
    notes_key = db.keyring.note_keys.get(account_id)
    if by_owner:
        db.keyring.secrets[account_id] = secret
        if notes_key is not None and slots.has_notes(account_id):
            slots.reseal_notes(account_id, secret, notes_key)
    else:
        db.keyring.note_keys.pop(account_id, None)
        db.keyring.secrets.pop(account_id, None)
    slots.save(db.home)


def account_removed(db: Database, *, account_id: str) -> None:
    """A deactivated account's slot is removed: its password no longer opens the database
    key, even on a copy of the data folder. Enabled again, it needs a password reset (which
    makes a new slot)."""
    if db.key is None:
        return
    slots = KeySlots.load(db.home)
    if slots.has_account(account_id):
        slots.remove_account(account_id)
        slots.save(db.home)
