"""The cryptographic primitives of data at rest, in one small Qt-free module.

The cryptography libraries are imported where they are used, so that opening the database
layer (the start, the home screen) does not load them before a login needs them.

Nothing here is home-made: Argon2id (argon2-cffi's ``hash_secret_raw``) turns a password or
a recovery key into a 256-bit key-encryption key, AES-256-GCM (``cryptography``) wraps keys
and seals small secrets, HKDF-SHA256 derives sub-keys, and SQLCipher 4 (``sqlcipher3``)
encrypts the database pages with a raw 256-bit key (no passphrase KDF per connection).

* ``new_key`` / ``derive`` / ``seal`` / ``unseal`` / ``subkey``: keys and authenticated
  encryption; ``unseal`` raises ``WrongKey`` for a wrong key or an altered blob.
* ``new_recovery_key`` / ``parse_recovery_key``: a random 160-bit secret written as eight
  groups of four base32 letters (easy to print, read and type back).
* ``connect``: a DB-API connection to a database file, keyed when a key is given, with the
  page settings that open it (``SETTINGS`` for what this program encrypts now,
  ``LEGACY_SETTINGS`` for a database encrypted by an earlier version; ``settings_of``).
* ``is_plain`` / ``encrypt_copy``: tell a plain SQLite file from an encrypted one, and make an
  encrypted copy of a plain one (``sqlcipher_export``).
"""

from __future__ import annotations

import base64
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_desktop.db.sqlite_safe import harden

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
RECOVERY_BYTES = 20
_SQLITE_MAGIC = b"SQLite format 3\x00"


class WrongKey(Exception):
    """A sealed blob did not open: wrong key, or the blob was altered."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters of one derivation (stored beside what it protects)."""

    salt: bytes
    time_cost: int = 3
    memory_cost: int = 65536
    parallelism: int = 4

    @classmethod
    def fresh(
        cls, *, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4
    ) -> KdfParams:
        return cls(os.urandom(SALT_BYTES), time_cost, memory_cost, parallelism)


def new_key() -> bytes:
    """A random 256-bit key."""
    return os.urandom(KEY_BYTES)


def derive(secret: bytes, params: KdfParams, *, length: int = KEY_BYTES) -> bytes:
    """Argon2id of ``secret`` with ``params``: a key-encryption key."""
    from argon2.low_level import Type, hash_secret_raw  # loaded at the first login only

    return hash_secret_raw(
        secret,
        params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
    )


def subkey(key: bytes, info: str) -> bytes:
    """A 256-bit key for one purpose (``info``) derived from ``key`` with HKDF-SHA256."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info.encode()).derive(
        key
    )


def seal(key: bytes, plaintext: bytes, *, aad: bytes = b"") -> bytes:
    """AES-256-GCM with a random nonce; the nonce is the first 12 bytes of the result."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, blob: bytes, *, aad: bytes = b"") -> bytes:
    """Open what ``seal`` made; ``WrongKey`` if the key is wrong or the blob was altered."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(key) != KEY_BYTES or len(blob) < NONCE_BYTES + 16:
        raise WrongKey
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise WrongKey from exc


def seal_file(key: bytes, content: bytes) -> bytes:
    """A whole file sealed under a sub-key of the database ``key`` (see ``unseal_file``)."""
    return seal(subkey(key, "sealed-file"), content, aad=b"kinerja-sealed-file-v1")


def unseal_file(key: bytes, blob: bytes) -> bytes:
    return unseal(subkey(key, "sealed-file"), blob, aad=b"kinerja-sealed-file-v1")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_recovery_key() -> str:
    """A random recovery key, e.g. ``K7QM-2XAB-...`` (eight groups of four characters)."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The secret of a typed recovery key (spaces, dashes and case ignored), or None."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != RECOVERY_BYTES * 8 // 5:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None


def _pragma_key(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


# The SQLCipher page settings of a database this program encrypts: 16 KiB pages, each
# authenticated with HMAC-SHA256. Reading a page costs one AES decryption and one HMAC,
# plus a fixed cost per page; against SQLCipher 4's defaults (4 KiB pages, HMAC-SHA512) a
# cold read of a table costs about a third of the extra time (bench/bench_encryption.py).
# AES-256 and an HMAC on every page stay as they were. A database encrypted by an earlier
# version keeps the defaults (LEGACY_SETTINGS) and opens as it is.
PAGE_BYTES = 16384
"""The page size of every database this program makes, encrypted or plain."""
SETTINGS: tuple[str, ...] = (
    f"cipher_page_size = {PAGE_BYTES}",
    "cipher_hmac_algorithm = HMAC_SHA256",
)
LEGACY_SETTINGS: tuple[str, ...] = ()


def _keyed(path: Path | str, key: bytes, settings: tuple[str, ...], **kwargs: Any) -> Any:
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), **kwargs)
    connection.execute(_pragma_key(key))
    apply_settings(connection, settings)
    quiet(connection)
    return connection


def apply_settings(connection: Any, settings: tuple[str, ...], schema: str = "") -> None:
    """Set the page ``settings`` on a keyed connection (before its first read), or on its
    attached database ``schema``."""
    prefix = f"{schema}." if schema else ""
    for setting in settings:
        connection.execute(f"PRAGMA {prefix}{setting}")


# The settings found for a database file, by the file's identity: a file keeps its page
# settings for life (a database with other settings is always another file, renamed into
# place), so a start that checks the schema and then opens the engine tries them once.
_FOUND: dict[tuple[str, int, int, int, bytes], tuple[str, ...]] = {}


def _identity(path: Path | str, key: bytes) -> tuple[str, int, int, int, bytes] | None:
    name = str(path).removeprefix("file:").split("?", 1)[0]
    try:
        stat = os.stat(name)
    except OSError:
        return None
    if not stat.st_size:
        return None
    return (os.path.abspath(name), stat.st_dev, stat.st_ino, stat.st_ctime_ns, key)


def _opened(path: Path | str, key: bytes, **kwargs: Any) -> tuple[Any, tuple[str, ...]]:
    """A keyed connection to ``path`` with the page settings that read it, and those."""
    identity = _identity(path, key)
    known = _FOUND.get(identity) if identity is not None else None
    if known is not None:
        return _keyed(path, key, known, **kwargs), known
    for settings in (SETTINGS, LEGACY_SETTINGS):
        connection = _keyed(path, key, settings, **kwargs)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except database_error_types():
            connection.close()
            continue
        if identity is not None:
            _FOUND[identity] = settings
        return connection, settings
    return _keyed(path, key, SETTINGS, **kwargs), SETTINGS


def settings_of(path: Path | str, key: bytes, **kwargs: Any) -> tuple[str, ...]:
    """The page settings that open the encrypted database at ``path`` with ``key``:
    ``SETTINGS`` for a new or empty file and for one made with them, ``LEGACY_SETTINGS`` for
    one encrypted by an earlier version (``SETTINGS`` too when neither opens it: the wrong
    key, reported by the caller's own use of the file)."""
    identity = _identity(path, key)
    known = _FOUND.get(identity) if identity is not None else None
    if known is not None:
        return known
    connection, settings = _opened(path, key, **kwargs)
    connection.close()
    return settings


def connect(
    path: Path | str,
    key: bytes | None = None,
    *,
    settings: tuple[str, ...] | None = None,
    **kwargs: Any,
) -> Any:
    """A DB-API connection to ``path``: plain ``sqlite3`` without a key, SQLCipher with one
    (with the page ``settings`` given, else those that open the file: ``settings_of``);
    ``trusted_schema=OFF`` on both (``sqlite_safe.harden``).

    ``path`` may be a ``file:`` URI when ``uri=True`` is passed, as with ``sqlite3.connect``.
    """
    if key is None:
        connection = sqlite3.connect(path, **kwargs)
    else:
        if settings is None:
            connection, settings = _opened(path, key, **kwargs)
        else:
            connection = _keyed(path, key, settings, **kwargs)
    try:
        harden(connection)
    except database_error_types():
        connection.close()
        raise
    return connection


def quiet(connection: Any) -> None:
    """SQLCipher's own log goes to stderr; the program reports problems itself."""
    connection.execute("PRAGMA cipher_log_level = NONE")


def database_error_types() -> tuple[type[BaseException], ...]:
    """The DB-API error classes of both drivers (to catch either)."""
    import sqlcipher3

    return (sqlite3.DatabaseError, sqlcipher3.DatabaseError)


def header_page_size(header: bytes) -> int:
    """The page size a plain database's header (its first 100 bytes) announces."""
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def is_plain(path: Path) -> bool:
    """True when ``path`` starts with the plain SQLite header (an encrypted file does not)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def encrypt_copy(plain: Path, target: Path, key: bytes) -> Path:
    """Write an encrypted copy of the plain database ``plain`` to ``target`` (replaced),
    with the page ``SETTINGS``."""
    import sqlcipher3

    target.unlink(missing_ok=True)
    source = sqlcipher3.connect(str(plain))
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        apply_settings(source, SETTINGS, "encrypted")
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.commit()
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    return target
