"""The bukti dukung file store: content-addressed files inside the data home.

A file is named by the SHA-256 of its content (``attachments/ab/abcdef…``), so the same
file attached twice, by anyone, is stored once. It is copied to a temporary name in the
store and renamed only once complete, so a crash never leaves a half file under a real
name. Before copying, the file is checked: it must exist, be readable, be no larger than
the limit and be of an accepted type (by extension, and by content for PDF and images).
Links (http/https) are checked too. Opening a stored file is the UI's job.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from kinerja_desktop.errors import ValidationError
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
    if not path.exists():
        raise ValidationError(
            _("The file {name} does not exist (was it moved or renamed?). Choose it again.").format(
                name=str(path)
            ),
            field="berkas",
        )
    if path.is_symlink():
        raise ValidationError(
            _(
                "{name} is a shortcut (symbolic link) to another file. Choose the file itself."
            ).format(name=str(path)),
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


def store_file(home: DataHome, path: Path, max_bytes: int = MAX_BYTES) -> StoredFile:
    """Copy ``path`` into the store (once per content) and return what was stored."""
    path = Path(path)
    mime, _size = check_file(path, max_bytes)
    home.attachments.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=home.attachments)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            while chunk := src.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise ValidationError(
                        _(
                            "The file {name} grew past the limit of {limit} MB while it was "
                            "being read."
                        ).format(name=path.name, limit=_megabytes(max_bytes)),
                        field="berkas",
                    )
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = stored_path(home, sha)
        if target.exists():
            tmp.unlink()
            return StoredFile(sha, size, mime, path.name, target, new=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        return StoredFile(sha, size, mime, path.name, target, new=True)
    except OSError as error:
        raise ValidationError(
            _("The file {name} could not be stored ({reason}).").format(
                name=path.name, reason=error.strerror or error
            ),
            field="berkas",
        ) from error
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


def check_link(url: str) -> str:
    """A cleaned http(s) link, or ``ValidationError`` saying what a link must look like."""
    text = url.strip()
    parsed = urlparse(text)
    if parsed.scheme.lower() not in {"http", "https"} or not parsed.netloc:
        raise ValidationError(
            _("'{url}' is not a web link. A link starts with https:// or http://.").format(
                url=text
            ),
            field="url",
        )
    if len(text) > 2000:
        raise ValidationError(_("The link is longer than 2000 characters."), field="url")
    return text
