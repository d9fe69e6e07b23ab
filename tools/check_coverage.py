"""Per-module coverage floors: fail when a module's coverage falls under its floor.

    .venv/bin/python tools/check_coverage.py build/coverage/coverage.json
    .venv/bin/python tools/check_coverage.py build/coverage/coverage.json --raise-floors

The input is ``coverage json`` of a run of the test suite (``make coverage`` makes it). The
floors live in ``tools/coverage_floors.json``: for each module, the percentage of its lines
and branches covered (coverage.py's figure, branches included) that it may not fall under.
They are a ratchet: ``--raise-floors`` lifts each floor to today's figure less ``MARGIN``
points (rounded down) and never lowers one; the margin absorbs the paths that depend on
timing (a timer firing during a test or not), which move a module's figure by a point or
two between identical runs. A module without a floor (a new one) is reported and gets one at the next
``--raise-floors``; a floor whose module is gone fails, so the file stays true.

The rules modules (``RULES_MODULES``: the pure domain rules, listed below with why) and every
module of ``kinerja_desktop/sync/`` must cover all their lines and
branches: their floor is 100, ``--raise-floors`` keeps it there, and the check names the
missing lines and branches of one that falls short.

Tests that run the program in a subprocess (the CLI end-to-end tests, the crash writer) and
work done on a QThread (the GUI's background tasks) are not measured, so those modules' floors
are lower than their real coverage.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

FLOORS = Path(__file__).resolve().parent / "coverage_floors.json"
MARGIN = 2
FULL = 100

RULES_MODULES = (
    "kinerja_desktop/services/skp/_rules.py",  # SKP field rules and completeness
    "kinerja_desktop/services/core/nip.py",  # NIP / NI PPPK digit groups
    "kinerja_desktop/services/core/periods.py",  # period codes and the periods of a year
    "kinerja_desktop/services/evaluation/angka_kredit.py",  # angka kredit of a JF
    "kinerja_desktop/services/evaluation/distribution.py",  # pola distribusi and rounding
    "kinerja_desktop/services/siasn/codes.py",  # SIASN reference codes
)
"""The pure domain rules: every branch is a rule of a regulation, so each is tested."""

SYNC = "kinerja_desktop/sync/"


def must_be_full(path: str) -> bool:
    """A rules module or a sync module: all lines and branches covered."""
    return path in RULES_MODULES or path.startswith(SYNC)


def summaries(report: Path) -> dict[str, dict[str, Any]]:
    """{module path: coverage summary, with the missing lines} from ``coverage json``."""
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    return {
        path: data["summary"] | {"missing_lines_list": data.get("missing_lines", [])}
        for path, data in sorted(files.items())
    }


def check(today: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Every module under its floor, every floor without its module, and every rules or sync
    module without a floor of 100."""
    problems = [
        f"{path}: {today[path]:.1f} % is under its floor of {floor:g} %"
        for path, floor in sorted(floors.items())
        if path in today and today[path] < floor
    ]
    problems += [
        f"{path}: has a floor but no longer exists" for path in floors if path not in today
    ]
    problems += [
        f"{path}: a rules or sync module needs a floor of {FULL} (has {floors.get(path, 'none')})"
        for path in sorted(today)
        if must_be_full(path) and floors.get(path) != FULL
    ]
    return problems


def shortfalls(found: dict[str, dict[str, Any]]) -> list[str]:
    """What a rules or sync module under 100 % misses: its lines and its partial branches."""
    return [
        f"{path}: missing lines {summary['missing_lines_list']}, "
        f"{summary.get('missing_branches', 0)} branches not taken"
        for path, summary in found.items()
        if must_be_full(path) and summary["percent_covered"] < FULL
    ]


def raised(today: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """Each floor lifted to today's figure less the margin, rounded down; never lowered; gone
    modules dropped; rules and sync modules at 100."""
    return {
        path: FULL
        if must_be_full(path)
        else max(floors.get(path, 0), max(0, math.floor(value) - MARGIN))
        for path, value in today.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the output of `coverage json`")
    parser.add_argument("--raise-floors", action="store_true", help="lift floors to today's")
    parser.add_argument("--floors", type=Path, default=FLOORS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    found = summaries(args.report)
    today = {path: summary["percent_covered"] for path, summary in found.items()}
    floors = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors.exists() else {}
    if args.raise_floors:
        new = raised(today, floors)
        args.floors.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        lifted = sum(1 for path, floor in new.items() if floor > floors.get(path, -1))
        print(f"{lifted} floors set or raised in {args.floors.name}")
        return 0
    for path in sorted(set(today) - set(floors)):
        print(f"note: {path} ({today[path]:.1f} %) has no floor yet (--raise-floors sets it)")
    problems = check(today, floors)
    for problem in problems:
        print(f"FAIL {problem}")
    for detail in shortfalls(found):
        print(f"  {detail}")
    failing = {problem.split(": ", 1)[0] for problem in problems}
    total = len(floors)
    print(f"coverage floors: {total - len(failing & set(floors))} of {total} modules at or above "
          "their floor")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
