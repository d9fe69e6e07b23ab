"""Entry point of ``kinerja``: global options, command discovery, error reporting."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import kinerja_desktop.cli as cli_package
from kinerja_desktop import __version__
from kinerja_desktop.cli.common import open_context
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import LANGUAGES, _, set_language
from kinerja_desktop.paths import resolve_home


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinerja",
        description=_("Kinerja Desktop: offline ASN performance management (command line)."),
    )
    parser.add_argument("--version", action="version", version=f"kinerja {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help=_(
            "data folder holding every file of the program (default: KINERJA_HOME or the user data folder)"
        ),
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of messages"))
    parser.add_argument("--user", metavar="USERNAME", help=_("act as this account"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{cli_package.__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _peek_language(argv)
    if lang:
        set_language(lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not (getattr(args, "handler", None) or getattr(args, "home_handler", None)):
        parser.print_help()
        return 2
    try:
        home_handler = getattr(args, "home_handler", None)
        if home_handler is not None:
            return int(home_handler(resolve_home(args.home), args))
        context = open_context(args)
        try:
            for notice in context.notices:
                print(notice, file=sys.stderr)
            return int(args.handler(context, args))
        finally:
            context.db.close()
    except KinerjaError as error:
        print(_("Error: {message}").format(message=error.message), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("Interrupted; nothing more was written."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``kinerja people list | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _peek_language(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


if __name__ == "__main__":
    sys.exit(main())
