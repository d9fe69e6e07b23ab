"""Verification codes printed on every form.

A form's footer carries a short code and a QR code. Both identify the record the form was
printed from, its version, and the SHA-256 of the printed content's canonical data (the
form's data as sorted JSON, without the fields marked not hashed). The QR code holds the
full payload ``KINERJA:1:<kind>:<record id>:<period>:<version>:<sha256>`` (in capitals); the short code,
meant to be typed, holds the kind, the first 8 characters of the record id, the period where
the kind needs it, the version and 8 characters of the hash, e.g. ``S-3F2A91BC-4-K7QD2MXA``.
``services.printing.verify`` rebuilds the data of the record and compares.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from kinerja_desktop.forms.data import FormData

PAYLOAD_PREFIX = "KINERJA"
PAYLOAD_VERSION = "1"
# Kinds whose record id (the SKP, the unit, the person) does not say the period: evaluations,
# predikat, the monthly LKH.
KINDS_WITH_PERIOD = {"E", "D", "P", "H"}
_SHORT = re.compile(
    r"^(?P<kind>[A-Z][0-9]?)-(?P<id>[0-9A-F]{8})(?:-(?P<periode>\d{4}(?:S[12]|TW[1-4]|B\d\d)?))?"
    r"-(?P<version>\d+)-(?P<hash>[A-Z2-7]{8})$"
)


@dataclass(frozen=True)
class Verification:
    """What a form's footer prints, and what ``verify`` parses back."""

    kind: str
    record_id: str
    periode: str
    version: int
    sha256: str

    @property
    def short_code(self) -> str:
        parts = [self.kind, self.record_id.replace("-", "")[:8].upper()]
        if self.kind in KINDS_WITH_PERIOD:
            parts.append(self.periode.replace("-", ""))
        parts += [str(self.version), hash_code(self.sha256)]
        return "-".join(parts)

    @property
    def payload(self) -> str:
        """The QR code's content: every field in full, in capitals (a QR code holds capitals,
        digits and ``:-`` in alphanumeric mode, which makes it smaller than bytes would)."""
        fields = [PAYLOAD_PREFIX, PAYLOAD_VERSION, self.kind, self.record_id, self.periode]
        return ":".join([*fields, str(self.version), self.sha256]).upper()


@dataclass(frozen=True)
class ParsedCode:
    """A code read back: full (from the QR code) or short (typed by a person)."""

    kind: str
    record_prefix: str
    periode: str | None
    version: int
    hash_prefix: str
    full: bool


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("hash", True)
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical_json(data: FormData) -> str:
    """The form's data as canonical JSON: sorted keys, no version, no unhashed fields."""
    plain = _plain(data)
    plain.pop("version", None)
    plain["kind"] = data.KIND
    return json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(data: FormData) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def hash_code(sha256_hex: str) -> str:
    """8 base32 characters of a SHA-256 (40 bits), easy to read aloud and to type."""
    return base64.b32encode(bytes.fromhex(sha256_hex)[:5]).decode("ascii")


def verification_code(data: FormData) -> Verification:
    """The verification of a form's data, as printed in its footer."""
    return Verification(
        kind=data.KIND,
        record_id=data.record_id,
        periode=data.periode,
        version=data.version,
        sha256=content_hash(data),
    )


def parse_code(text: str) -> ParsedCode | None:
    """Read a printed code back: the QR payload or the short code (case and spaces ignored)."""
    text = text.strip()
    if text.upper().startswith(PAYLOAD_PREFIX + ":"):
        parts = text.split(":")
        if len(parts) != 7 or parts[1] != PAYLOAD_VERSION or not parts[5].isdigit():
            return None
        if not re.fullmatch(r"[0-9a-f]{64}", parts[6].lower()):
            return None
        kind, record, periode = parts[2].upper(), parts[3].lower(), parts[4].upper()
        return ParsedCode(kind, record, periode, int(parts[5]), parts[6].lower(), True)
    match = _SHORT.match(re.sub(r"\s+", "", text).upper())
    if not match:
        return None
    periode = match.group("periode")
    if periode and len(periode) > 4:
        periode = f"{periode[:4]}-{periode[4:]}"
    return ParsedCode(
        kind=match.group("kind"),
        record_prefix=match.group("id").lower(),
        periode=periode,
        version=int(match.group("version")),
        hash_prefix=match.group("hash"),
        full=False,
    )


def matches(parsed: ParsedCode, current: Verification) -> bool:
    """The printed content hash equals the current data's."""
    if parsed.full:
        return parsed.hash_prefix == current.sha256
    return parsed.hash_prefix == hash_code(current.sha256)
