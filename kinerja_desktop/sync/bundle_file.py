"""The bundle file: a zip holding ``manifest.json`` and encrypted parts, read defensively.

Writing: parts are added as they are made (stored, not compressed: they are encrypted, and
were compressed before encryption), then the signed manifest; the file is written under a
temporary name and renamed when complete.

Reading: nothing is extracted to disk. The reader refuses, each with its own message, a file
that is not a complete zip, entries with unsafe paths (``..``, absolute, drive letters),
entries not named in the manifest, sizes or compression ratios past the limits (decompression
bombs), a manifest of another format or a newer version, a bad signature, and any part whose
SHA-256 differs from the manifest's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

import msgspec

from kinerja_desktop.i18n import _
from kinerja_desktop.sync.errors import BundleError

FORMAT = "kinerja-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
EXTENSION = ".kinerja"

MAX_FILE_BYTES = 4 * 1024**3
MAX_ENTRIES = 200_000
MAX_MANIFEST_BYTES = 64 * 1024**2
MAX_PART_BYTES = 256 * 1024**2
MAX_PLAIN_PART_BYTES = 512 * 1024**2
MAX_RATIO = 50
MAX_LINE_BYTES = 8 * 1024**2

_PART_NAME = re.compile(r"^p/[0-9]{5,6}$")


def canonical(data: Any) -> bytes:
    """The bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signed_bytes(manifest: dict[str, Any]) -> bytes:
    return canonical({k: v for k, v in manifest.items() if k != "signature"})


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 1)


def decompress(data: bytes, *, part: str) -> bytes:
    """Inflate a part, refusing one that would grow past the limit (a decompression bomb)."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_PLAIN_PART_BYTES + 1)
    except zlib.error as exc:
        raise BundleError(
            "damaged", _("Part {part} of the bundle is damaged.").format(part=part)
        ) from exc
    if len(out) > MAX_PLAIN_PART_BYTES or inflater.unconsumed_tail:
        raise BundleError(
            "bomb",
            _(
                "Part {part} would unpack to more than {limit} MB: the bundle is refused "
                "as a decompression bomb."
            ).format(part=part, limit=MAX_PLAIN_PART_BYTES // 1024**2),
        )
    return out


class BundleWriter:
    """Writes a bundle to ``target`` atomically (``with`` block; discarded on error)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.parts: list[dict[str, Any]] = []
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".writing-", suffix=EXTENSION, dir=target.parent)
        os.close(fd)
        self._tmp = Path(name)
        self._zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_STORED, allowZip64=True)

    def __enter__(self) -> BundleWriter:
        return self

    def __exit__(self, exc_type: Any, *_exc: Any) -> None:
        if exc_type is not None:
            self._zip.close()
            with contextlib.suppress(OSError):
                self._tmp.unlink()

    def next_name(self) -> str:
        """The name the next part will get (it is bound into the part's encryption)."""
        return f"p/{len(self.parts) + 1:05d}"

    def add_part(self, blob: bytes, **info: Any) -> dict[str, Any]:
        name = self.next_name()
        self._zip.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), blob)
        entry = {"name": name, "size": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}
        entry.update(info)
        self.parts.append(entry)
        return entry

    def finish(self, manifest: dict[str, Any]) -> None:
        info = zipfile.ZipInfo(MANIFEST, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(info, json.dumps(manifest, ensure_ascii=False, indent=1))
        self._zip.close()
        os.replace(self._tmp, self.target)


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    parts = re.split(r"[\\/]", name)
    return ".." in parts or "\x00" in name


class BundleReader:
    """An opened bundle file: its checked zip directory and (unverified) manifest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise BundleError(
                "missing", _("The file {path} cannot be read.").format(path=path)
            ) from exc
        if size > MAX_FILE_BYTES:
            raise BundleError(
                "too_large",
                _("The file is larger than {limit} GB: it is not a bundle this program made.")
                .format(limit=MAX_FILE_BYTES // 1024**3),
            )  # fmt: skip
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise BundleError(
                "truncated",
                _(
                    "The file is incomplete or is not a bundle (it cannot be read as one). "
                    "Copy it again from the sender."
                ),
            ) from exc
        self.infos: dict[str, zipfile.ZipInfo] = {}
        if len(infos) > MAX_ENTRIES:
            raise BundleError("too_large", _("The bundle has too many entries."))
        for info in infos:
            if _unsafe(info.filename):
                raise BundleError(
                    "unsafe_path",
                    _(
                        "The bundle holds an entry with an unsafe path ({name}); it is refused "
                        "so that nothing can be written outside the data folder."
                    ).format(name=info.filename),
                )
            if info.filename in self.infos:
                raise BundleError(
                    "malformed",
                    _("The bundle holds the entry {name} twice.").format(name=info.filename),
                )
            limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST else MAX_PART_BYTES
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limit or (info.file_size > 1024**2 and ratio > MAX_RATIO):
                raise BundleError(
                    "bomb",
                    _(
                        "The entry {name} would unpack to {size} MB: the bundle is refused as "
                        "a decompression bomb."
                    ).format(name=info.filename, size=info.file_size // 1024**2),
                )
            self.infos[info.filename] = info
        if MANIFEST not in self.infos:
            raise BundleError(
                "malformed", _("The file has no manifest: it is not a Kinerja bundle.")
            )
        try:
            manifest = json.loads(self._read(MANIFEST))
        except (ValueError, UnicodeDecodeError) as exc:
            raise BundleError("damaged", _("The bundle's manifest is damaged.")) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BundleError("malformed", _("The file is not a Kinerja bundle."))
        version = manifest.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise BundleError(
                "newer_version",
                _(
                    "The bundle was made by a newer version of the program (format {found}; "
                    "this program reads up to {known}). Update the program, then import again."
                ).format(found=version, known=FORMAT_VERSION),
            )
        self.manifest: dict[str, Any] = manifest

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()

    def _read(self, name: str) -> bytes:
        info = self.infos[name]
        try:
            with self._zip.open(info) as handle:
                # zipfile stops at the declared size and fails the CRC when the data differs
                return handle.read(info.file_size)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as exc:
            raise BundleError(
                "damaged",
                _("The entry {name} of the bundle is damaged. Ask the sender for it again.")
                .format(name=name),
            ) from exc  # fmt: skip

    def check_parts(self) -> None:
        """Every entry is named in the manifest and every part matches its SHA-256."""
        parts = self.manifest.get("parts")
        if not isinstance(parts, list):
            raise BundleError("malformed", _("The bundle's manifest lists no parts."))
        listed = set()
        for part in parts:
            name = part.get("name") if isinstance(part, dict) else None
            if not isinstance(name, str) or not _PART_NAME.match(name):
                raise BundleError("malformed", _("The manifest names an invalid part."))
            if name not in self.infos:
                raise BundleError(
                    "truncated",
                    _("Part {part} is missing from the bundle: the file is incomplete.").format(
                        part=name
                    ),
                )
            listed.add(name)
        extra = set(self.infos) - listed - {MANIFEST}
        if extra:
            raise BundleError(
                "malformed",
                _("The bundle holds entries its manifest does not name: {names}.").format(
                    names=", ".join(sorted(extra)[:5])
                ),
            )
        for part in parts:
            self.part(part)

    def part(self, part: dict[str, Any]) -> bytes:
        """The stored bytes of ``part``, checked against its SHA-256."""
        blob = self._read(part["name"])
        if hashlib.sha256(blob).hexdigest() != part.get("sha256"):
            raise BundleError(
                "damaged",
                _(
                    "Part {part} does not match its checksum: the file was damaged or altered "
                    "after it was made. Ask the sender for the bundle again."
                ).format(part=part["name"]),
            )
        return blob


def records_of(data: bytes, *, part: str) -> list[Any]:
    """The JSON records of a decrypted, inflated records part (one per line)."""
    lines = list(filter(None, data.split(b"\n")))
    if lines and max(map(len, lines)) > MAX_LINE_BYTES:
        raise BundleError(
            "oversized",
            _("A record in part {part} is larger than {limit} MB; the bundle is refused.")
            .format(part=part, limit=MAX_LINE_BYTES // 1024**2),
        )  # fmt: skip
    try:
        # msgspec parses the largest parts about a third faster than json; it is also
        # stricter (no NaN, no lone surrogates, numbers in range), which refuses nothing
        # this program writes
        records = msgspec.json.decode(b"[" + b",".join(lines) + b"]")
    except msgspec.DecodeError as exc:
        raise BundleError(
            "damaged", _("A record in part {part} is not valid JSON.").format(part=part)
        ) from exc
    return list(records)
