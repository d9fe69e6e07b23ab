"""This install's key pairs and the cryptography of bundles.

Every install has an Ed25519 signing key pair (it signs the bundles and receipts it makes)
and an X25519 key pair (bundles for it are encrypted to its public half). The private keys
live in ``home.keys`` as PKCS#8 PEM files readable only by their owner (on Windows: files in
the user's own data folder). They are made on first use (``kinerja init`` makes them too).
In an encrypted data home they are encrypted PKCS#8 (``BestAvailableEncryption``) under a
sub-key of the database key, which a login opened (``db.keyslots``); plain ones found there
are sealed at their next use.

A bundle's parts are encrypted with a random 256-bit content key (AES-256-GCM, a random
nonce per part, the bundle id and part name as associated data); the content key is wrapped
for the recipient: ECDH with a one-time X25519 key, HKDF-SHA256, AES-256-GCM.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kinerja_desktop.db import cipher, keyslots
from kinerja_desktop.i18n import _
from kinerja_desktop.paths import DataHome
from kinerja_desktop.sync.errors import BundleError

SIGNING_FILE = "sync-signing-ed25519.pem"
BOX_FILE = "sync-box-x25519.pem"
_HKDF_INFO = b"kinerja-bundle-key-v1"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, *, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeError) as exc:
        raise BundleError(
            "malformed", _("The {what} is not valid base64.").format(what=what)
        ) from exc


def fingerprint(sign_public_b64: str) -> str:
    """A short, readable digest of a signing key, to compare by phone when enrolling."""
    digest = hashlib.sha256(sign_public_b64.encode("ascii")).hexdigest()[:24].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class InstallKeys:
    """The private keys of this install."""

    signing: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public(self) -> str:
        return b64(self.signing.public_key().public_bytes_raw())

    @property
    def box_public(self) -> str:
        return b64(self.box.public_key().public_bytes_raw())

    def sign(self, data: bytes) -> str:
        return b64(self.signing.sign(data))


def _write_private(path: Path, pem: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.replace(tmp, path)


def _pem(key: Ed25519PrivateKey | X25519PrivateKey, password: bytes | None = None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def _storage_password(keys_dir: Path) -> bytes | None:
    """The password sealing the private keys: a sub-key of the unlocked database key."""
    home = DataHome(keys_dir.parent)
    if not keyslots.exists(home):
        return None
    key = keyslots.unlocked_key(home)
    if key is None:
        raise BundleError(
            "keys", _("The data folder is encrypted: log in first (in the CLI: --user NAME).")
        )
    return cipher.subkey(key, "sync-private-keys").hex().encode("ascii")


def _load(path: Path, password: bytes | None) -> object:
    data = path.read_bytes()
    if b"ENCRYPTED PRIVATE KEY" not in data:
        key = serialization.load_pem_private_key(data, password=None)
        if password is not None:
            _write_private(path, _pem(key, password))  # type: ignore[arg-type]
        return key
    if password is None:
        raise BundleError(
            "keys", _("The key files in {path} are damaged.").format(path=path.parent)
        )
    return serialization.load_pem_private_key(data, password=password)


def load_or_create(keys_dir: Path) -> InstallKeys:
    """This install's keys, made (and saved) the first time they are needed."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    password = _storage_password(keys_dir)
    signing_path, box_path = keys_dir / SIGNING_FILE, keys_dir / BOX_FILE
    if not signing_path.is_file():
        _write_private(signing_path, _pem(Ed25519PrivateKey.generate(), password))
    if not box_path.is_file():
        _write_private(box_path, _pem(X25519PrivateKey.generate(), password))
    try:
        signing = _load(signing_path, password)
        box = _load(box_path, password)
    except ValueError as exc:
        raise BundleError(
            "keys", _("The key files in {path} are damaged.").format(path=keys_dir)
        ) from exc
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(box, X25519PrivateKey):
        raise BundleError("keys", _("The key files in {path} are damaged.").format(path=keys_dir))
    return InstallKeys(signing=signing, box=box)


def verify_signature(sign_public_b64: str, data: bytes, signature_b64: str) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(unb64(sign_public_b64, what="public key"))
        public.verify(unb64(signature_b64, what="signature"), data)
    except (InvalidSignature, ValueError, BundleError):
        return False
    return True


def _kek(shared: bytes, salt: bytes, context: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_HKDF_INFO + context)
    return hkdf.derive(shared)


def wrap_key(content_key: bytes, recipient_box_public_b64: str, context: bytes) -> dict[str, str]:
    """The content key wrapped for the holder of the recipient's X25519 private key."""
    recipient = X25519PublicKey.from_public_bytes(
        unb64(recipient_box_public_b64, what="public key")
    )
    ephemeral = X25519PrivateKey.generate()
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = _kek(ephemeral.exchange(recipient), salt, context)
    return {
        "alg": "X25519-HKDF-SHA256-A256GCM",
        "ephemeral": b64(ephemeral.public_key().public_bytes_raw()),
        "salt": b64(salt),
        "nonce": b64(nonce),
        "wrapped": b64(AESGCM(kek).encrypt(nonce, content_key, context)),
    }


def unwrap_key(wrapped: dict[str, str], keys: InstallKeys, context: bytes) -> bytes:
    try:
        ephemeral = X25519PublicKey.from_public_bytes(unb64(wrapped["ephemeral"], what="key"))
        kek = _kek(keys.box.exchange(ephemeral), unb64(wrapped["salt"], what="salt"), context)
        return AESGCM(kek).decrypt(
            unb64(wrapped["nonce"], what="nonce"), unb64(wrapped["wrapped"], what="key"), context
        )
    except (KeyError, TypeError, ValueError, InvalidTag) as exc:
        raise BundleError(
            "not_for_us",
            _("This install cannot open the bundle: it was encrypted for another key."),
        ) from exc


def encrypt_part(content_key: bytes, data: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(content_key).encrypt(nonce, data, aad)


def decrypt_part(content_key: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(content_key).decrypt(blob[:12], blob[12:], aad)
    except (InvalidTag, ValueError) as exc:
        raise BundleError(
            "tampered", _("A part of the bundle cannot be decrypted: it was altered.")
        ) from exc
