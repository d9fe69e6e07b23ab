"""``kinerja account``: add, list, change roles, change or reset passwords.

New passwords come from ``KINERJA_NEW_PASSWORD``, the first line of standard input
(``--password-stdin``) or are asked for twice on the terminal; without a terminal and without
either, the command says so and exits with code 2. The acting user's own password (``--user``)
comes from ``KINERJA_PASSWORD`` or a prompt. ``reset`` prints a one-time password that must be
changed at the next login.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from kinerja_desktop.cli.common import ENV_PASSWORD, CliContext, print_json, print_table
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, vault
from kinerja_desktop.services.coaching import private_notes
from kinerja_desktop.services.core.database import InstanceLock

ENV_NEW_PASSWORD = "KINERJA_NEW_PASSWORD"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("account", help=_("accounts: add, list, passwords, roles"))
    sub = parser.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help=_("add an account (performance administrator only)"))
    add.add_argument("username", help=_("login name"))
    add.add_argument("--nip", default="", help=_("NIP / NI PPPK of the person it belongs to"))
    add.add_argument(
        "--role",
        action="append",
        choices=[r.value for r in Role],
        default=[],
        help=_("a role besides pegawai (repeat for several)"),
    )
    add.add_argument(
        "--no-change",
        action="store_true",
        help=_("do not ask for a new password at the first login"),
    )
    _stdin_option(add)
    add.set_defaults(handler=run_add)

    listing = sub.add_parser("list", help=_("list accounts (performance administrator only)"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)

    passwd = sub.add_parser("passwd", help=_("change your own password (needs --user)"))
    _stdin_option(passwd)
    passwd.set_defaults(handler=run_passwd, password_change_ok=True)

    reset = sub.add_parser(
        "reset", help=_("set a temporary password for an account (performance administrator)")
    )
    reset.add_argument("username", help=_("login name"))
    reset.set_defaults(handler=run_reset)

    unlock = sub.add_parser(
        "notes-unlock",
        help=_("open your private notes after a password reset, with your notes recovery code"),
    )
    unlock.set_defaults(handler=run_notes_unlock, password_change_ok=True)

    fresh = sub.add_parser(
        "notes-new",
        help=_(
            "lost your notes recovery code: start a new private-notes key (earlier private "
            "notes stay unreadable)"
        ),
    )
    fresh.set_defaults(handler=run_notes_new)

    recover = sub.add_parser(
        "recover",
        help=_(
            "with the data folder's recovery key: give an account a new temporary password "
            "(no --user needed)"
        ),
    )
    recover.add_argument("username", help=_("login name"))
    recover.set_defaults(home_handler=run_recover)

    change = sub.add_parser("set", help=_("change roles or (de)activate an account"))
    change.add_argument("username", help=_("login name"))
    change.add_argument(
        "--roles",
        metavar="R1,R2",
        help=_("the account's roles, comma-separated (pegawai is implied)"),
    )
    group = change.add_mutually_exclusive_group()
    group.add_argument("--disable", action="store_true", help=_("deactivate the account"))
    group.add_argument("--enable", action="store_true", help=_("activate the account"))
    change.set_defaults(handler=run_set)


def _stdin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the new password from the first line of standard input"),
    )


def _new_password(args: argparse.Namespace) -> str:
    value = os.environ.get(ENV_NEW_PASSWORD)
    if value is not None:
        return value
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValidationError(
            _("There is no terminal to ask for the new password: set {env} or use "
              "--password-stdin; nothing was changed.").format(env=ENV_NEW_PASSWORD),
            field="password",
        )  # fmt: skip
    first = getpass.getpass(_("New password: "))
    second = getpass.getpass(_("New password again: "))
    if first != second:
        raise ValidationError(_("The two passwords differ; nothing was changed."))
    return first


def run_add(ctx: CliContext, args: argparse.Namespace) -> int:
    first = not accounts.has_accounts(ctx.db)
    password = _new_password(args)
    row = accounts.create_account(
        ctx.db,
        actor=ctx.actor,
        username=args.username,
        password=password,
        nip=args.nip,
        roles=frozenset(Role(r) for r in args.role) | {Role.PEGAWAI},
        must_change_password=not args.no_change,
    )
    print(_("Account {name} added.").format(name=row.username))
    if first and not ctx.db.encrypted:
        print_recovery_key(vault.encrypt_home(ctx.db, username=row.username, password=password))
    return 0


def print_recovery_key(text: str) -> None:
    """The recovery key, shown once, with what to do with it."""
    print(_("The data folder is now encrypted. Its recovery key (shown only this once):"))
    print()
    print("    " + text)
    print()
    print(
        _(
            "Print it or write it down and give it to the head of office to keep locked away. "
            "Without a password or this key nobody can read the data, not even a technician."
        )
    )


def _roles_label(roles: frozenset[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles))


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = accounts.list_accounts(ctx.db, actor=ctx.actor)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Username"), _("Name"), _("NIP"), _("Roles"), _("Active"), _("Last login")],
        [
            [
                r.username,
                r.pegawai_nama,
                r.pegawai_nip,
                _roles_label(r.roles),
                _("yes") if r.aktif else _("no"),
                format_date(r.last_login_at.date()) if r.last_login_at else "",
            ]
            for r in rows
        ],
    )
    return 0


def run_passwd(ctx: CliContext, args: argparse.Namespace) -> int:
    if ctx.actor.user_id is None:
        raise PermissionDenied(_("Say whose password to change with --user NAME."))
    old = os.environ.get(ENV_PASSWORD)
    if old is None:
        old = getpass.getpass(_("Current password: "))
    accounts.change_password(
        ctx.db, actor=ctx.actor, old_password=old, new_password=_new_password(args)
    )
    print(_("Password changed."))
    return 0


def run_reset(ctx: CliContext, args: argparse.Namespace) -> int:
    reset = accounts.reset_password(ctx.db, actor=ctx.actor, username=args.username)
    print(
        _("One-time password for {name}: {password}\nGive it to the person in private; it must "
          "be changed at the next login.").format(
            name=reset.account.username, password=reset.one_time_password
        )
    )  # fmt: skip
    print(
        _(
            "A reset cannot open {name}'s private coaching notes: they stay locked until "
            "{name} enters their own private-notes recovery code (kinerja account notes-unlock)."
        ).format(name=reset.account.username)
    )
    return 0


ENV_NOTES_CODE = "KINERJA_NOTES_CODE"
ENV_RECOVERY_KEY = "KINERJA_RECOVERY_KEY"


def run_recover(home: DataHome, args: argparse.Namespace) -> int:
    recovery_key = os.environ.get(ENV_RECOVERY_KEY)
    if recovery_key is None:
        recovery_key = getpass.getpass(_("Recovery key: "))
    with InstanceLock(home.lock_file).acquire("recover"):
        vault.recover(
            home,
            recovery_key=recovery_key,
            username=args.username,
            new_password=_new_password(args),
        )
    print(
        _("Temporary password set for {name}; it must be changed at the next login.").format(
            name=args.username
        )
    )
    return 0


def run_notes_unlock(ctx: CliContext, args: argparse.Namespace) -> int:
    code = os.environ.get(ENV_NOTES_CODE)
    if code is None:
        code = getpass.getpass(_("Private-notes recovery code: "))
    private_notes.unlock_with_code(ctx.db, actor=ctx.actor, code=code)
    print(_("Your private notes are open again."))
    return 0


def run_notes_new(ctx: CliContext, args: argparse.Namespace) -> int:
    code = private_notes.start_over(ctx.db, actor=ctx.actor)
    print(
        _(
            "A new private-notes key is made; your earlier private notes stay unreadable. "
            "Your new private-notes recovery code (shown only this once; keep it yourself):"
        )
    )
    print()
    print("    " + code)
    return 0


def run_set(ctx: CliContext, args: argparse.Namespace) -> int:
    aktif = True if args.enable else False if args.disable else None
    roles = accounts.parse_roles(args.roles) if args.roles is not None else None
    row = accounts.update_account(
        ctx.db, actor=ctx.actor, username=args.username, roles=roles, aktif=aktif
    )
    print(
        _("Account {name}: roles {roles}; {state}.").format(
            name=row.username,
            roles=_roles_label(row.roles),
            state=_("active") if row.aktif else _("deactivated"),
        )
    )
    return 0
