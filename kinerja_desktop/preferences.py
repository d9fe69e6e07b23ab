"""Preferences of this install kept in the data home's ``settings.json`` (language, window).

Office-wide rules (period rhythm, paper size, rounding) live in the database instead, so they
travel with the data; these are the user's own choices on this PC.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kinerja_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES


def load(path: Path) -> dict[str, Any]:
    """The stored preferences; an unreadable file counts as empty (it is only preferences)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(path: Path, values: dict[str, Any]) -> None:
    """Write the preferences atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(path)


def language(path: Path) -> str:
    value = load(path).get("language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_value(path: Path, key: str, value: Any) -> None:
    values = load(path)
    values[key] = value
    save(path, values)
