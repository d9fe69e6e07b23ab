"""``kinerja people``: list people; move a unit (with its sub-units) under another parent."""

from __future__ import annotations

import argparse
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table
from kinerja_desktop.i18n import _
from kinerja_desktop.services.people import directory as people


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("people", help=_("people (pegawai)"))
    sub = parser.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("list people"))
    listing.add_argument("--unit", metavar="CODE", help=_("only this unit and its sub-units"))
    listing.add_argument("--search", default="", help=_("part of a name or NIP"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)
    move = sub.add_parser(
        "move-unit", help=_("move a unit and its sub-units under another parent unit")
    )
    move.add_argument("unit", metavar="CODE", help=_("code of the unit to move"))
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--parent", metavar="CODE", help=_("code of the new parent unit"))
    target.add_argument("--top", action="store_true", help=_("make it a top-level unit"))
    move.set_defaults(handler=run_move_unit)


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = people.list_people(ctx.db, actor=ctx.actor, unit_kode=args.unit, search=args.search)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("NIP"), _("Name"), _("Grade"), _("Position"), _("Unit"), _("Supervisor")],
        [[r.nip, r.nama_lengkap, r.golongan, r.jabatan, r.unit_kode, r.penilai_nama] for r in rows],
    )
    print(_("{count} people").format(count=len(rows)))
    return 0


def run_move_unit(ctx: CliContext, args: argparse.Namespace) -> int:
    moved = people.move_unit(ctx.db, actor=ctx.actor, kode=args.unit, new_parent_kode=args.parent)
    where = args.parent or _("the top level")
    print(_("Unit {unit} now lies under {parent}.").format(unit=moved.kode, parent=where))
    return 0
