"""Composition root of the GUI: paths -> database (migrated) -> acting user -> Qt window.

``kinerja-desktop [--home DIR] [BUNDLE]`` opens the program (a bundle path opens the sync
import preview); ``--self-test`` checks a frozen install; ``--benchmark-startup`` starts as usual
(logging in with ``KINERJA_USER`` and ``KINERJA_PASSWORD`` where accounts exist) and prints when the main window and then the login dialog (or the first-start wizard) were
shown, and quits there (used by ``bench/bench_gui.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kinerja_desktop import __version__
from kinerja_desktop.i18n import LANGUAGES, _, set_language
from kinerja_desktop.paths import resolve_home
from kinerja_desktop.preferences import language as preferred_language


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kinerja-desktop", description=_("Kinerja Desktop"))
    parser.add_argument("--version", action="version", version=f"kinerja-desktop {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help=_("data folder (default: KINERJA_HOME or the user data folder)"),
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of the program"))
    parser.add_argument(
        "--self-test", action="store_true", help=_("check that this installation works, then exit")
    )
    parser.add_argument(
        "--benchmark-startup",
        action="store_true",
        help=_("show the main window, print the time it took, and quit"),
    )
    parser.add_argument("bundle", nargs="?", help=_("a sync bundle file to preview for import"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from kinerja_desktop.selftest import main as self_test

        return self_test([])
    home = resolve_home(args.home)
    set_language(args.lang or preferred_language(home.settings_file))

    from kinerja_desktop.ui.application import run_gui

    return run_gui(
        home,
        bundle=Path(args.bundle) if args.bundle else None,
        benchmark_started=started if args.benchmark_startup else None,
    )


if __name__ == "__main__":
    sys.exit(main())
