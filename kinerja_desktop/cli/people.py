"""``kinerja people``: list people, import them from a sheet."""

from __future__ import annotations

import argparse
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table
from kinerja_desktop.cli.people_import import add_import_command
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
    add_import_command(sub)


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
