"""What every command shares: opening the data home, the acting user, output helpers."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.errors import PermissionDenied
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _
from kinerja_desktop.paths import DataHome, resolve_home
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.core.database import Database

Handler = Callable[["CliContext", argparse.Namespace], int]
ENV_PASSWORD = "KINERJA_PASSWORD"


@dataclass
class CliContext:
    """The open data home of one command run."""

    home: DataHome
    db: Database
    actor: Actor
    notices: list[str]


def open_context(args: argparse.Namespace) -> CliContext:
    """Open (and migrate) the data home named by ``--home`` / ``KINERJA_HOME``."""
    home = resolve_home(args.home)
    db, migration = open_home(home)
    notices: list[str] = []
    if migration.upgraded and migration.before is not None:
        notices.append(
            _("The database was upgraded to schema {rev}; a backup is at {path}.").format(
                rev=migration.after, path=migration.backup
            )
        )
    try:
        actor = resolve_actor(db, args)
    except BaseException:
        db.close()
        raise
    return CliContext(home=home, db=db, actor=actor, notices=notices)


def resolve_actor(db: Database, args: argparse.Namespace) -> Actor:
    """The acting user of this run.

    ``--user NAME`` logs in as that account, with the password from ``KINERJA_PASSWORD`` or
    asked for on the terminal; wrong passwords count towards the account's lock as in the
    GUI. Without ``--user`` the program itself acts (``SYSTEM``) only while the install has
    no account yet (setting up); once one exists, ``--user`` is required for every command
    that opens the database. An account that must change its password may only run
    ``kinerja account passwd``.
    """
    username = getattr(args, "user", None)
    if not username:
        if not accounts.has_accounts(db):
            return SYSTEM
        raise PermissionDenied(
            _("This install has accounts: add --user NAME (the password is read from "
              "KINERJA_PASSWORD or asked for).")
        )  # fmt: skip
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = getpass.getpass(_("Password for {user}: ").format(user=username))
    result = accounts.login(db, username=username, password=password)
    if result.must_change_password and not getattr(args, "password_change_ok", False):
        raise PermissionDenied(
            _("You must choose a new password first: kinerja --user {user} account passwd")
            .format(user=username)
        )  # fmt: skip
    return result.actor


def to_jsonable(value: Any) -> Any:
    """Plain JSON for dataclasses, enums, dates and containers of them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


class PrintProgress:
    """Progress on stderr, one line rewritten in place."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def update(self, done: int, total: int, message: str = "") -> None:
        if self.enabled:
            sys.stderr.write(f"\r{done}/{total} {message}".ljust(70)[:79])
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    def cancelled(self) -> bool:
        return False
