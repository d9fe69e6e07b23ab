"""Choosing a unit: every unit picker lists the units as their tree, each under its parent
(depth first, siblings by code), indented, written the same way everywhere."""

from __future__ import annotations

from kinerja_desktop.actor import Actor
from kinerja_desktop.services.core.database import Database
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people.directory import UnitRow

INDENT = "    "


def tree_order(units: list[UnitRow]) -> list[tuple[UnitRow, int]]:
    """``units`` depth first, each with its depth (a unit whose parent is not listed is a
    root)."""
    known = {u.id for u in units}
    children: dict[str | None, list[UnitRow]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in known else None
        children.setdefault(parent, []).append(unit)
    ordered: list[tuple[UnitRow, int]] = []
    stack = [(u, 0) for u in sorted(children.get(None, []), key=lambda u: u.kode, reverse=True)]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        below = sorted(children.get(unit.id, []), key=lambda u: u.kode, reverse=True)
        stack.extend((child, depth + 1) for child in below)
    return ordered


def unit_choices(
    db: Database, *, actor: Actor, only: set[str] | None = None
) -> list[tuple[str, str]]:
    """(label, code) of each unit in tree order; ``only`` keeps just those codes."""
    return [
        (f"{INDENT * depth}{unit.nama} ({unit.kode})", unit.kode)
        for unit, depth in tree_order(people.list_units(db, actor=actor))
        if only is None or unit.kode in only
    ]
