"""``kinerja init``: create the data home and its database."""

from __future__ import annotations

import argparse
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json
from kinerja_desktop.i18n import _
from kinerja_desktop.services.admin import office
from kinerja_desktop.services.sync import exchange as sync_service


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("init", help=_("create the data folder and its database"))
    parser.add_argument("--instansi-kode", metavar="CODE", help=_("code of the instansi"))
    parser.add_argument("--instansi-nama", metavar="NAME", help=_("name of the instansi"))
    parser.add_argument("--kota", default="", help=_("city printed on signatures"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.set_defaults(handler=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.instansi_kode or args.instansi_nama:
        office.set_instansi(
            ctx.db,
            actor=ctx.actor,
            kode=args.instansi_kode or "",
            nama=args.instansi_nama or "",
            kota=args.kota,
        )
    info = office.office_info(ctx.db, actor=ctx.actor)
    sync_key = sync_service.own_fingerprint(ctx.home)
    if args.json:
        print_json({"home": str(ctx.home.root), **info.__dict__, "sync_key": sync_key})
        return 0
    print(_("Data folder: {path}").format(path=ctx.home.root))
    print(_("Database: {path}").format(path=ctx.home.database))
    print(_("Install id: {id}").format(id=info.install_id))
    print(_("Sync key fingerprint: {fp}").format(fp=sync_key))
    return 0
