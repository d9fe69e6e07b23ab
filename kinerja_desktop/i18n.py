"""Translation and locale-aware formatting.

Message ids are English; the Indonesian catalog is the default language. ``_()`` translates
with the active language at call time, so a language switch takes effect on the next redraw.
``N_()`` marks module-level constants for extraction; translate them with ``_()`` where shown.
Dates, numbers and percentages go through Babel with the active locale.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent

from kinerja_desktop.paths import i18n_dir

DOMAIN = "kinerja"
DEFAULT_LANGUAGE = "id"
LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
_LOCALES = {"id": "id_ID", "en": "en_GB"}

_lock = threading.Lock()
_active: gettext.NullTranslations = gettext.NullTranslations()
_active_language = "en"
_cache: dict[str, gettext.NullTranslations] = {}


def _load(language: str) -> gettext.NullTranslations:
    """The catalog for ``language``: the compiled .mo if current, else the .po compiled now."""
    folder = i18n_dir() / language / "LC_MESSAGES"
    po_path = folder / f"{DOMAIN}.po"
    mo_path = folder / f"{DOMAIN}.mo"
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po_path.exists():
        compiled = compile_po(po_path)
        _keep_compiled(compiled, mo_path)
        return gettext.GNUTranslations(io.BytesIO(compiled))
    return gettext.NullTranslations()


def _keep_compiled(compiled: bytes, mo_path: Path) -> None:
    """Save the catalog compiled from a source checkout's .po beside it, so the next start
    reads the .mo (as an installed program does) instead of parsing the .po again. A folder
    that cannot be written (a read-only install) only means compiling again next time."""
    tmp = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(compiled)
        os.replace(tmp, mo_path)
    except OSError:
        tmp.unlink(missing_ok=True)


def compile_po(po_path: Path) -> bytes:
    """Compile a .po file to .mo bytes (fuzzy entries are left out, as gettext does)."""
    # Imported here: a start that finds its .mo files never needs Babel's catalog tools.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def set_language(language: str) -> None:
    """Make ``language`` ("id" or "en") the active one for messages and formatting."""
    global _active, _active_language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    with _lock:
        if language not in _cache:
            _cache[language] = _load(language)
        _active = _cache[language]
        _active_language = language


def current_language() -> str:
    return _active_language


def translator(language: str) -> Callable[[str], str]:
    """A gettext function for ``language`` regardless of the active one (printed forms)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    with _lock:
        if language not in _cache:
            _cache[language] = _load(language)
        return _cache[language].gettext


def current_locale() -> Locale:
    return Locale.parse(_LOCALES[_active_language])


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def format_date(value: dt.date, language: str | None = None) -> str:
    """A full date, e.g. ``27 November 2026`` (never a two-digit year)."""
    locale = _LOCALES[language] if language else current_locale()
    return _babel_format_date(value, "long", locale=locale)


def format_day(value: dt.date) -> str:
    """A day within a week shown beside its neighbours, e.g. ``Sen 30 Nov`` (column headers)."""
    return _babel_format_date(value, "EEE d MMM", locale=current_locale())


def format_weekday(value: dt.date) -> str:
    """The name of the day of the week, e.g. ``Senin`` / ``Monday``."""
    return _babel_format_date(value, "EEEE", locale=current_locale())


def format_datetime(value: dt.datetime) -> str:
    """Date and time for logs and histories, e.g. ``27 Nov 2026 14.05``."""
    return _babel_format_datetime(value, "d MMM yyyy HH:mm", locale=current_locale())


def format_number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """A number with the locale's separators, e.g. ``1.234,5``."""
    if decimals is None:
        return _babel_format_decimal(value, locale=current_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _babel_format_decimal(value, format=pattern, locale=current_locale())


def format_percent(value: float, decimals: int = 1) -> str:
    """A fraction as a percentage, e.g. ``0.855`` -> ``85,5%``."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return _babel_format_percent(value, format=pattern, locale=current_locale())


set_language(DEFAULT_LANGUAGE)
