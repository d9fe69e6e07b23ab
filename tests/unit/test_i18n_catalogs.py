"""Shipped catalogs are complete, and the Indonesian formats are the official ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from kinerja_desktop.i18n import (
    LANGUAGES,
    _,
    format_date,
    format_number,
    format_percent,
    set_language,
)
from kinerja_desktop.paths import i18n_dir

CATALOGS = sorted(i18n_dir().glob("*/LC_MESSAGES/kinerja.po"))


def _load(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh)


def _problems(catalog: Catalog) -> list[str]:
    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            found.append(f"untranslated: {message.id!r}")
    return found


def test_every_language_ships_a_catalog() -> None:
    assert {path.parent.parent.name for path in CATALOGS} == set(LANGUAGES)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_catalog_has_no_untranslated_or_fuzzy_entry(path: Path) -> None:
    catalog = _load(path)
    assert len(catalog) > 50
    assert _problems(catalog) == []


def test_the_check_catches_untranslated_and_fuzzy_entries() -> None:
    catalog = Catalog(locale="id")
    catalog.add("Saved", "Tersimpan")
    catalog.add("Cancel", "")
    catalog.add("Delete", "Hapus", flags=["fuzzy"])
    assert _problems(catalog) == ["untranslated: 'Cancel'", "fuzzy: 'Delete'"]


def test_indonesian_formats() -> None:
    set_language("id")
    assert format_date(dt.date(2026, 11, 27)) == "27 November 2026"
    assert format_number(1234.5) == "1.234,5"
    assert format_percent(0.855) == "85,5%"
    assert _("Error: {message}") != "Error: {message}"


def test_english_formats() -> None:
    set_language("en")
    assert format_date(dt.date(2026, 11, 27)) == "27 November 2026"
    assert format_number(1234.5) == "1,234.5"
    assert format_percent(0.855) == "85.5%"
    assert _("Error: {message}") == "Error: {message}"
