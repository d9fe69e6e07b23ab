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

FLOORS = Path(__file__).resolve().parent / "coverage_floors.json"
MARGIN = 2


def figures(report: Path) -> dict[str, float]:
    """{module path: percent covered} from a ``coverage json`` report."""
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    return {path: data["summary"]["percent_covered"] for path, data in sorted(files.items())}


def check(today: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Every module under its floor, and every floor without its module."""
    problems = [
        f"{path}: {today[path]:.1f} % is under its floor of {floor:g} %"
        for path, floor in sorted(floors.items())
        if path in today and today[path] < floor
    ]
    problems += [
        f"{path}: has a floor but no longer exists" for path in floors if path not in today
    ]
    return problems


def raised(today: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """Each floor lifted to today's figure less the margin, rounded down; never lowered; gone
    modules dropped."""
    return {
        path: max(floors.get(path, 0), max(0, math.floor(value) - MARGIN))
        for path, value in today.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the output of `coverage json`")
    parser.add_argument("--raise-floors", action="store_true", help="lift floors to today's")
    parser.add_argument("--floors", type=Path, default=FLOORS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    today = figures(args.report)
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
    total = len(floors)
    print(f"coverage floors: {total - len(problems)} of {total} modules at or above their floor")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
