"""``kinerja backup``, ``kinerja restore FILE`` and ``kinerja check``.

``backup`` needs the performance administrator once accounts exist (a backup holds everyone's
data). ``restore`` and ``check`` work on the data home without migrating it, so they also run
on a damaged database; ``check`` also compares the schema with the one its revision should
have (any extra trigger, view or table is named) and verifies the audit log's hash chain,
naming the first broken entry (exit code 1). ``restore`` takes the data home's lock (refused
while the program is open on it) and, while the current database is healthy and has
accounts, needs the performance administrator too; a damaged database cannot check a
password, and whoever can reach the data folder can copy its files anyway.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.cli.common import (
    CliContext,
    print_json,
    print_table,
    read_password,
    resolve_actor,
)
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, audit, backup, vault
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.database import Database, InstanceLock


def register(subparsers: Any) -> None:
    make = subparsers.add_parser("backup", help=_("copy the database to a backup file"))
    make.add_argument(
        "--out",
        metavar="FILE",
        help=_("where to write the copy (default: an automatic backup in the data folder)"),
    )
    make.add_argument("--list", action="store_true", help=_("list the backups in the data folder"))
    make.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    make.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore", help=_("replace the database with a backup file, after checking it")
    )
    restore.add_argument("file", help=_("the backup file"))
    restore.set_defaults(home_handler=run_restore)

    check = subparsers.add_parser(
        "check", help=_("check the database for damage and list good backups")
    )
    check.add_argument(
        "--quick", action="store_true", help=_("a faster, less thorough check (quick_check)")
    )
    check.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    check.set_defaults(home_handler=run_check)


def run_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    access.require_pengelola(ctx.actor)
    if args.list:
        rows = backup.list_backups(ctx.home)
        if args.json:
            print_json(
                [{"path": str(b.path), "automatic": b.automatic, "size": b.size} for b in rows]
            )
            return 0
        print_table(
            [_("File"), _("Made"), _("Size (KB)")],
            [
                [b.path.name, b.created.strftime("%Y-%m-%d %H:%M"), format_number(b.size // 1024)]
                for b in rows
            ],
        )
        return 0
    path = backup.export_backup(
        ctx.home, actor=ctx.actor, out=Path(args.out).resolve() if args.out else None
    )
    if args.json:
        print_json({"path": str(path), "size": path.stat().st_size})
    else:
        print(_("Backup written and checked: {path}").format(path=path))
    return 0


def _unlock(home: DataHome, args: argparse.Namespace) -> None:
    """An encrypted data home: the --user password opens the database key (kept for this
    run), so that the database and its backups can be checked and restored."""
    if not vault.is_encrypted(home):
        return
    username = getattr(args, "user", None)
    if not username:
        raise PermissionDenied(
            _("This data folder is encrypted: add --user NAME (the password is read from "
              "KINERJA_PASSWORD or asked for).")
        )  # fmt: skip
    vault.unlock(home, username=username, password=read_password(username))


def _require_restorer(home: DataHome, args: argparse.Namespace) -> Actor:
    """Who restores: the performance administrator once accounts exist (SYSTEM otherwise,
    or when the current database is too damaged to check a password)."""
    if not backup.check_database(home).ok:
        return SYSTEM
    db = Database.open(home, key=backup.home_key(home))
    try:
        if not accounts.has_accounts(db):
            return SYSTEM
        actor = resolve_actor(db, args)
        access.require_pengelola(actor)
        return actor
    finally:
        db.close()


def run_restore(home: DataHome, args: argparse.Namespace) -> int:
    with InstanceLock(home.lock_file).acquire("restore"):
        _unlock(home, args)
        backup.verify_restorable(home, Path(args.file))
        actor = _require_restorer(home, args)
        result = backup.restore(home, Path(args.file), actor=actor)
    print(_("Database restored from {path}.").format(path=result.restored_from))
    if result.previous_copy is not None:
        print(_("The database it replaced was kept at {path}.").format(path=result.previous_copy))
    return 0


def run_check(home: DataHome, args: argparse.Namespace) -> int:
    _unlock(home, args)
    result = backup.check_database(home, full=not args.quick, schema=not args.quick)
    good = None if result.ok else backup.latest_good_backup(home)
    chain = (
        audit.verify_chain(home.database, backup.home_key(home))
        if result.ok and home.database.exists()
        else None
    )
    intact = chain is None or chain.ok
    if args.json:
        print_json(
            {
                "database": str(result.path),
                "ok": result.ok and intact,
                "problems": result.problems,
                "revision": result.revision,
                "audit_chain": None
                if chain is None
                else {"ok": chain.ok, "rows": chain.rows, "first_broken": chain.broken_id,
                      "message": chain.message},
                "latest_good_backup": str(good.path) if good else None,
            }
        )  # fmt: skip
        return 0 if result.ok and intact else 1
    if result.ok:
        print(_("The database is healthy: {path}").format(path=result.path))
        if chain is not None:
            print(chain.message, file=sys.stdout if chain.ok else sys.stderr)
        return 0 if intact else 1
    print(
        _("The database is damaged: {problems}").format(problems=result.message()), file=sys.stderr
    )
    if good is not None:
        print(
            _('The latest good backup is {path}; restore it with: kinerja restore "{path}"').format(
                path=good.path
            ),
            file=sys.stderr,
        )
    else:
        print(_("No good backup was found in {path}.").format(path=home.backups), file=sys.stderr)
    return 1
