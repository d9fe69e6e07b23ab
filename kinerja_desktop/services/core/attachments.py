"""The bukti dukung file store: content-addressed files inside the data home.

A file is named by the SHA-256 of its content (``attachments/ab/abcdef…``), so the same
file attached twice, by anyone, is stored once. It is copied to a temporary name in the
store and renamed only once complete, so a crash never leaves a half file under a real
name. Before copying, the file is checked: it must exist, be readable (not a symbolic link),
be no larger than the limit and be of an accepted type (by extension, and by content for PDF
and images). Links (http/https) are checked too.

Paths into the store are built only from a valid hash (64 lowercase hexadecimal digits).
Opening evidence follows one policy, here and Qt-free, so the GUI only hands the system what
it allowed: a web link only if it is http(s) with a host (the GUI shows the address and asks
first); a stored file only through a temporary copy named with the safe extension of its
accepted type (on Windows marked as downloaded from the Internet, the Mark-of-the-Web, so
Office and Windows open it with their protections). Nothing else is opened.

In an encrypted data home (``db/keyslots.py``) every stored file is sealed at rest: AES-256-GCM
under a sub-key of the database key the login opened, behind a short header, its content
hash bound in. The file keeps the name of its plaintext's hash, so de-duplication and sync
work as before; ``read_stored`` gives the plaintext (checked against its hash), the copy for
opening is decrypted, and ``seal_store`` seals the files of a data home that was encrypted
after they were stored. A plain data home keeps plain files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlsplit

from kinerja_desktop.db import cipher, keyslots
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.paths import DataHome

MAX_BYTES = 20 * 1024 * 1024
"""The largest file accepted as bukti dukung (20 MB)."""

MIME_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".zip": "application/zip",
}
"""Accepted file types by extension."""

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
}
_CHUNK = 1024 * 1024
SEALED_MAGIC = b"KINERJA-BUKTI-1\n"
"""The first bytes of a stored file sealed at rest (the plaintext's hash names the file)."""
_HEX64 = re.compile(r"[0-9a-f]{64}").fullmatch


@dataclass(frozen=True)
class StoredFile:
    """A file now in the store."""

    sha256: str
    size: int
    mime: str
    name: str
    path: Path
    new: bool


def _megabytes(size: int) -> str:
    return format_number(size / (1024 * 1024), 1)


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Check ``path`` before storing; returns (mime type, size) or raises ``ValidationError``."""
    name = path.name
    if path.is_symlink():
        raise ValidationError(
            _(
                "{name} is a link to another file; links are not followed. Choose the file itself."
            ).format(name=str(path)),
            field="berkas",
        )
    if not path.exists():
        raise ValidationError(
            _("The file {name} does not exist (was it moved or renamed?). Choose it again.").format(
                name=str(path)
            ),
            field="berkas",
        )
    if not path.is_file():
        raise ValidationError(
            _("{name} is a folder, not a file. Choose a file.").format(name=str(path)),
            field="berkas",
        )
    mime = MIME_TYPES.get(path.suffix.lower())
    if mime is None:
        raise ValidationError(
            _(
                "Files of type '{ext}' are not accepted as evidence. Accepted: {types}. "
                "Save it as PDF or an image, or attach a link instead."
            ).format(
                ext=path.suffix or name,
                types=", ".join(sorted({e.lstrip(".") for e in MIME_TYPES})),
            ),
            field="berkas",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as error:
        raise ValidationError(
            _(
                "The file {name} cannot be read ({reason}). Check that it is not open "
                "elsewhere and that you may read it, then try again."
            ).format(name=name, reason=error.strerror or error),
            field="berkas",
        ) from error
    if size > max_bytes:
        raise ValidationError(
            _(
                "The file {name} is {size} MB; the limit is {limit} MB. Make it smaller (for "
                "example scan at a lower resolution) or attach a link instead."
            ).format(name=name, size=_megabytes(size), limit=_megabytes(max_bytes)),
            field="berkas",
        )
    if size == 0:
        raise ValidationError(_("The file {name} is empty.").format(name=name), field="berkas")
    signatures = _SIGNATURES.get(path.suffix.lower())
    if signatures and not head.startswith(signatures):
        raise ValidationError(
            _(
                "The file {name} is not really a {ext} file (its content does not match its "
                "name). Open and save it again in the right format."
            ).format(name=name, ext=path.suffix.lstrip(".").upper()),
            field="berkas",
        )
    return mime, size


def is_sha256(value: object) -> bool:
    """True for a content hash as the store names files: 64 lowercase hexadecimal digits."""
    return isinstance(value, str) and _HEX64(value) is not None


def stored_path(home: DataHome, sha256: str) -> Path:
    """Where the file with content hash ``sha256`` lives in the store.

    The path is built only from a valid hash (64 lowercase hexadecimal digits), never from
    other text: anything else raises ``ValueError``, so no value can lead outside the store.
    """
    if not is_sha256(sha256):
        raise ValueError(f"not a content hash: {sha256!r}")
    return home.attachments / sha256[:2] / sha256


def stored_file(home: DataHome, sha256: str) -> Path | None:
    """The stored file for ``sha256`` if it is a regular file inside the store (not a
    symbolic link, not a folder); None otherwise (an invalid hash included)."""
    if not is_sha256(sha256):
        return None
    path = stored_path(home, sha256)
    if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
        return None
    return path


def _file_key(home: DataHome) -> bytes | None:
    """The key that seals the stored files of an encrypted ``home`` (a sub-key of the database
    key its login opened); None for a plain home. An encrypted home not unlocked in this
    process cannot store or read files (``ValidationError``)."""
    key = keyslots.unlocked_key(home)
    if key is not None:
        return cipher.subkey(key, "attachments")
    if keyslots.exists(home):
        raise ValidationError(
            _("The evidence files of this encrypted data folder open only after a login."),
            field="berkas",
        )
    return None


def _aad(sha256: str) -> bytes:
    return SEALED_MAGIC + sha256.encode("ascii")


def _sealed(key: bytes | None, sha256: str, content: bytes) -> bytes:
    return content if key is None else SEALED_MAGIC + cipher.seal(key, content, aad=_aad(sha256))


def _opened(key: bytes | None, sha256: str, raw: bytes) -> bytes | None:
    """The plaintext of a stored file's bytes ``raw`` if it has hash ``sha256``, else None.

    A sealed file is opened with ``key``; a plain file (a plain home, or one stored before
    its home was encrypted) is its own plaintext. Only content with the right hash counts,
    so a plain file that happens to start like a sealed one is still read correctly."""
    content = raw
    if key is not None and raw.startswith(SEALED_MAGIC):
        try:
            content = cipher.unseal(key, raw[len(SEALED_MAGIC) :], aad=_aad(sha256))
        except cipher.WrongKey:
            content = raw
    return content if hashlib.sha256(content).hexdigest() == sha256 else None


def _write_new(home: DataHome, target: Path, data: bytes) -> None:
    """Write ``data`` under ``target`` through a temporary file renamed once complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=home.attachments)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)


def _read_limited(path: Path, max_bytes: int) -> bytes:
    content = bytearray()
    with path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            content += chunk
            if len(content) > max_bytes:
                raise ValidationError(
                    _(
                        "The file {name} grew past the limit of {limit} MB while it was being read."
                    ).format(name=path.name, limit=_megabytes(max_bytes)),
                    field="berkas",
                )
    return bytes(content)


def store_file(home: DataHome, path: Path, max_bytes: int = MAX_BYTES) -> StoredFile:
    """Copy ``path`` into the store (once per content, sealed in an encrypted home) and
    return what was stored."""
    path = Path(path)
    mime, _size = check_file(path, max_bytes)
    key = _file_key(home)
    home.attachments.mkdir(parents=True, exist_ok=True)
    try:
        content = _read_limited(path, max_bytes)
        sha = hashlib.sha256(content).hexdigest()
        target = stored_path(home, sha)
        if target.exists():
            return StoredFile(sha, len(content), mime, path.name, target, new=False)
        _write_new(home, target, _sealed(key, sha, content))
        return StoredFile(sha, len(content), mime, path.name, target, new=True)
    except OSError as error:
        raise ValidationError(
            _("The file {name} could not be stored ({reason}).").format(
                name=path.name, reason=error.strerror or error
            ),
            field="berkas",
        ) from error


def store_content(home: DataHome, sha256: str, content: bytes) -> Path | None:
    """Store ``content`` (arrived by sync, already checked to have hash ``sha256``) unless
    the store has it; sealed in an encrypted home. Returns the path written, or None."""
    target = stored_path(home, sha256)
    if target.exists():
        return None
    _write_new(home, target, _sealed(_file_key(home), sha256, content))
    return target


def read_stored(home: DataHome, sha256: str) -> bytes | None:
    """The plaintext of the stored file ``sha256``, or None when the store has no regular
    file of that name or its content does not have that hash (damaged, or foreign)."""
    path = stored_file(home, sha256)
    if path is None:
        return None
    return _opened(_file_key(home), sha256, path.read_bytes())


def seal_store(home: DataHome, database_key: bytes) -> int:
    """Seal every plain file of the store with the key of ``database_key`` (the data home
    was just encrypted, or was encrypted by a program that stored files plain); returns how
    many were sealed. A file whose content does not match its name is left as it is."""
    key = cipher.subkey(database_key, "attachments")
    sealed = 0
    if not home.attachments.is_dir():
        return 0
    for folder in sorted(home.attachments.iterdir()):
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            sha = path.name
            if stored_file(home, sha) != path:
                continue
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() != sha:
                continue  # sealed already (or damaged: left for the check to report)
            _write_new(home, path, _sealed(key, sha, raw))
            sealed += 1
    return sealed


def check_link(url: str) -> str:
    """A cleaned http(s) link, or ``ValidationError`` saying what a link must look like."""
    text = url.strip()
    parsed = urlparse(text)
    if (
        parsed.scheme.lower() not in {"http", "https"}
        or not parsed.netloc
        or "@" in parsed.netloc
        or "\\" in text
        or not text.isprintable()
        or any(c.isspace() for c in text)
    ):
        raise ValidationError(
            _("'{url}' is not a web link. A link starts with https:// or http://.").format(
                url=text
            ),
            field="url",
        )
    if len(text) > 2000:
        raise ValidationError(_("The link is longer than 2000 characters."), field="url")
    return text


SAFE_EXTENSIONS: dict[str, str] = {mime: ext for ext, mime in reversed(MIME_TYPES.items())}
"""The extension a stored file of each accepted type is opened with (the first one listed
for it in ``MIME_TYPES``)."""

_MOTW = "[ZoneTransfer]\r\nZoneId=3\r\n"
"""The Mark-of-the-Web: Windows treats the file as downloaded from the Internet."""


def link_to_open(url: str) -> str:
    """``url`` if it may be opened in the web browser (http or https, a host, no user name,
    no spaces or control characters); ``ValidationError`` otherwise."""
    try:
        allowed = check_link(url) == url and urlsplit(url).scheme.lower() in {"http", "https"}
    except ValidationError:
        allowed = False
    if not allowed:
        raise ValidationError(
            _(
                "This evidence link is not a web address (http:// or https://) and is not "
                "opened: {url}"
            ).format(url=url[:200]),
            field="url",
        )
    return url


def safe_extension(mime: str) -> str:
    """The extension to open a stored file of type ``mime`` with; ``ValidationError`` for a
    type that is not accepted as evidence."""
    ext = SAFE_EXTENSIONS.get(mime)
    if ext is None:
        raise ValidationError(
            _("Files of type {mime} are not opened by this program.").format(mime=mime[:100]),
            field="berkas",
        )
    return ext


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "_", Path(name).stem, flags=re.ASCII).strip(" ._")
    return stem[:60] or "bukti"


def copy_for_opening(
    home: DataHome, sha256: str, mime: str, name: str, *, windows: bool | None = None
) -> Path:
    """A temporary copy of the stored file ``sha256`` to open with the system's viewer.

    Named ``<name's safe stem><extension of mime>`` in a new temporary folder, so neither
    the name nor the extension of the copy comes from arriving text; on Windows the copy
    carries the Mark-of-the-Web (a ``Zone.Identifier`` stream). ``ValidationError`` or
    ``NotFoundError`` explain what cannot be opened.
    """
    ext = safe_extension(mime)
    source = stored_file(home, sha256)
    if source is None:
        raise NotFoundError(
            _(
                "The file {name} is not in this data folder yet (it may arrive with the next "
                "sync bundle)."
            ).format(name=name)
        )
    content = _opened(_file_key(home), sha256, source.read_bytes())
    if content is None:
        raise ValidationError(
            _(
                "The stored file {name} is damaged (its content no longer matches it) and is "
                "not opened. Attach it again, or restore a backup of the data folder."
            ).format(name=name),
            field="berkas",
        )
    folder = Path(tempfile.mkdtemp(prefix="kinerja-bukti-"))
    target = folder / f"{_safe_stem(name)}{ext}"
    target.write_bytes(content)
    if sys.platform == "win32" if windows is None else windows:
        with open(f"{target}:Zone.Identifier", "w", encoding="ascii", newline="") as stream:
            stream.write(_MOTW)
    return target
