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
from kinerja_desktop.services.admin import accounts, vault
from kinerja_desktop.services.coaching import private_notes
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
    """Open (and migrate) the data home named by ``--home`` / ``KINERJA_HOME``.

    An encrypted data home is opened by the login itself (``--user``): the password opens
    the database key first.
    """
    home = resolve_home(args.home)
    if vault.is_encrypted(home):
        return _open_encrypted(home, args)
    db, migration = open_home(home)
    notices: list[str] = []
    if migration.upgraded and migration.before is not None:
        notices.append(
            _("The database was upgraded to schema {rev}; a backup is at {path}.").format(
                rev=migration.after, path=migration.backup
            )
        )
    try:
        actor, password = _login(db, args)
        if password is not None and actor.is_pengelola:
            # A data folder made before encryption: the administrator's login encrypts it
            # (after a backup), as the first administrator login in the GUI does.
            recovery = vault.encrypt_home(db, username=args.user, password=password)
            notices.append(recovery_key_notice(recovery))
    except BaseException:
        db.close()
        raise
    return CliContext(home=home, db=db, actor=actor, notices=notices)


def recovery_key_notice(text: str) -> str:
    """What to say when a login has just encrypted the data folder: the recovery key, shown
    once, with what to do with it."""
    return "\n".join(
        [
            _("The data folder is now encrypted (a backup was made first, in backups/). Its "
              "recovery key (shown only this once):"),
            "",
            "    " + text,
            "",
            _("Print it or write it down and give it to the head of office to keep locked "
              "away. Without a password or this key nobody can read the data, not even a "
              "technician."),
        ]
    )  # fmt: skip


def _open_encrypted(home: DataHome, args: argparse.Namespace) -> CliContext:
    username = getattr(args, "user", None)
    if not username:
        raise PermissionDenied(
            _("This data folder is encrypted: add --user NAME (the password is read from "
              "KINERJA_PASSWORD or asked for).")
        )  # fmt: skip
    outcome = vault.login(home, username=username, password=read_password(username))
    try:
        _require_changed(outcome.result, args, username)
    except BaseException:
        outcome.db.close()
        raise
    notices: list[str] = []
    if private_notes.state(outcome.db, outcome.result.actor) is private_notes.NotesState.LOCKED:
        notices.append(private_notes.locked_message())
    if outcome.migration.upgraded and outcome.migration.before is not None:
        notices.append(
            _("The database was upgraded to schema {rev}; a backup is at {path}.").format(
                rev=outcome.migration.after, path=outcome.migration.backup
            )
        )
    return CliContext(home=home, db=outcome.db, actor=outcome.result.actor, notices=notices)


def read_password(username: str) -> str:
    """The password of ``username``: ``KINERJA_PASSWORD``, else asked on the terminal."""
    password = os.environ.get(ENV_PASSWORD)
    if password is None and not sys.stdin.isatty():
        raise PermissionDenied(
            _("There is no terminal to ask for the password of {user}: set {env}.").format(
                user=username, env=ENV_PASSWORD
            )
        )
    if password is None:
        password = getpass.getpass(_("Password for {user}: ").format(user=username))
    return password


def _require_changed(result: accounts.LoginResult, args: argparse.Namespace, user: str) -> None:
    if result.must_change_password and not getattr(args, "password_change_ok", False):
        raise PermissionDenied(
            _("You must choose a new password first: kinerja --user {user} account passwd")
            .format(user=user)
        )  # fmt: skip


def resolve_actor(db: Database, args: argparse.Namespace) -> Actor:
    """The acting user of this run.

    ``--user NAME`` logs in as that account, with the password from ``KINERJA_PASSWORD`` or
    asked for on the terminal; wrong passwords count towards the account's lock as in the
    GUI. Without ``--user`` the program itself acts (``SYSTEM``) only while the install has
    no account yet (setting up); once one exists, ``--user`` is required for every command
    that opens the database. An account that must change its password may only run
    ``kinerja account passwd``.
    """
    return _login(db, args)[0]


def _login(db: Database, args: argparse.Namespace) -> tuple[Actor, str | None]:
    """``resolve_actor``, with the password of a login that may go on to encrypt the data
    folder (None for ``SYSTEM`` and for an account that must change its password first)."""
    username = getattr(args, "user", None)
    if not username:
        if not accounts.has_accounts(db):
            return SYSTEM, None
        raise PermissionDenied(
            _("This install has accounts: add --user NAME (the password is read from "
              "KINERJA_PASSWORD or asked for).")
        )  # fmt: skip
    password = read_password(username)
    result = accounts.login(db, username=username, password=password)
    _require_changed(result, args, username)
    return result.actor, None if result.must_change_password else password


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
