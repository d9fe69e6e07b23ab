"""Compare a database file's schema with the one its revision should have.

A restored file is only trusted as data: ``differences`` lists every table, index, trigger or
view it holds that an empty database migrated to the same revision does not have (and what it
lacks), and every table whose columns or definition differ. The expected schema is built once
per revision in a temporary folder by the program's own migrations. Files are read with
``trusted_schema=OFF`` (``db.sqlite_safe``), so reading a hostile schema runs nothing.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kinerja_desktop.db import cipher
from kinerja_desktop.i18n import _

Columns = tuple[tuple[str, str, int, int, int], ...]


@dataclass(frozen=True)
class SchemaObject:
    """One entry of ``sqlite_master``: a table, index, trigger or view."""

    kind: str
    name: str
    table: str
    sql: str
    columns: Columns = ()


_CONSTRAINT = ("constraint ", "primary key", "foreign key", "unique", "check")


def _top_level_parts(body: str) -> list[str]:
    """``body`` split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:at].strip())
            start = at + 1
    parts.append(body[start:].strip())
    return parts


def _normalised(sql: str | None) -> str:
    """The definition in one spelling: whitespace, quotes and case folded, and a table's
    constraints sorted (a table rebuilt by a migration lists its foreign keys in any order)."""
    text = re.sub(r"\s+", " ", (sql or "").replace('"', "").replace("`", "")).strip().lower()
    head, paren, rest = text.partition("(")
    if not head.startswith("create table") or not rest.endswith(")"):
        return text
    parts = _top_level_parts(rest[:-1])
    columns = [p for p in parts if not p.startswith(_CONSTRAINT)]
    constraints = sorted(p for p in parts if p.startswith(_CONSTRAINT))
    return head + paren + " " + ", ".join(columns + constraints) + " )"


def read_schema(connection: sqlite3.Connection) -> dict[tuple[str, str], SchemaObject]:
    """The schema objects of an open database, by (kind, name); SQLite's own ones left out."""
    found: dict[tuple[str, str], SchemaObject] = {}
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        kind, name = str(kind), str(name)
        if name.startswith("sqlite_"):
            continue
        columns: Columns = ()
        if kind == "table":
            quoted = name.replace('"', '""')
            columns = tuple(
                (str(c[1]), str(c[2]).upper(), int(c[3]), int(c[5]), int(c[6]))
                for c in connection.execute(f'PRAGMA table_xinfo("{quoted}")').fetchall()
            )
        found[(kind, name)] = SchemaObject(kind, name, str(table), _normalised(sql), columns)
    return found


def read_file_schema(
    database: Path, key: bytes | None = None
) -> dict[tuple[str, str], SchemaObject]:
    """The schema of a database file, opened read-only (with ``key`` when encrypted)."""
    with closing(cipher.connect(f"file:{database}?mode=ro", key, uri=True)) as connection:
        return read_schema(connection)


@functools.cache
def expected_schema(revision: str) -> dict[tuple[str, str], SchemaObject]:
    """The schema an empty database has once migrated to ``revision``."""
    from kinerja_desktop.db.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="kinerja-schema-") as folder:
        database = Path(folder) / "expected.sqlite3"
        upgrade(database, Path(folder) / "backups", target=revision)
        return read_file_schema(database)


def _kind_label(kind: str) -> str:
    labels = {
        "table": _("table"),
        "index": _("index"),
        "trigger": _("trigger"),
        "view": _("view"),
    }
    return labels.get(kind, kind)


def _describe(obj: SchemaObject) -> str:
    return f"{_kind_label(obj.kind)} '{obj.name}'"


def _column_differences(name: str, have: Columns, want: Columns) -> str | None:
    have_names = {c[0]: c for c in have}
    want_names = {c[0]: c for c in want}
    parts = []
    extra = [c for c in have_names if c not in want_names]
    missing = [c for c in want_names if c not in have_names]
    changed = [c for c in want_names if c in have_names and have_names[c] != want_names[c]]
    if extra:
        parts.append(_("extra columns: {names}").format(names=", ".join(extra)))
    if missing:
        parts.append(_("missing columns: {names}").format(names=", ".join(missing)))
    if changed:
        parts.append(_("changed columns: {names}").format(names=", ".join(changed)))
    if not parts:
        return None
    return _("table '{name}' has {details}").format(name=name, details="; ".join(parts))


def differences(
    found: dict[tuple[str, str], SchemaObject], expected: dict[tuple[str, str], SchemaObject]
) -> list[str]:
    """What differs between ``found`` and ``expected``, one sentence per kind of difference."""
    problems: list[str] = []
    extra = [found[key] for key in sorted(found) if key not in expected]
    missing = [expected[key] for key in sorted(expected) if key not in found]
    if extra:
        problems.append(
            _("it holds objects that do not belong in a Kinerja Desktop database: {items}").format(
                items=", ".join(_describe(o) for o in extra)
            )
        )
    if missing:
        problems.append(
            _("it lacks parts of a Kinerja Desktop database: {items}").format(
                items=", ".join(_describe(o) for o in missing)
            )
        )
    for key in sorted(found.keys() & expected.keys()):
        have, want = found[key], expected[key]
        columns = _column_differences(have.name, have.columns, want.columns)
        if columns:
            problems.append(columns)
        elif have.sql != want.sql or have.table != want.table:
            problems.append(_("the definition of {item} differs").format(item=_describe(have)))
    return problems


def file_differences(database: Path, revision: str, *, key: bytes | None = None) -> list[str]:
    """``differences`` between a database file (encrypted with ``key``, if given) and the
    schema of ``revision``."""
    return differences(read_file_schema(database, key), expected_schema(revision))
