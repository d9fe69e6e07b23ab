"""``python -m bench [--results FILE] [NAME ...]``: run the benchmarks and print one table.

Without names every ``bench/bench_*.py`` runs, in name order; ``python -m bench demo gui``
runs ``bench_demo`` and ``bench_gui`` only. The table has, per figure, its median and spread,
the floor it is compared with, the ratio, the target and whether it was met. The exit status
is 1 when a target is missed or a benchmark fails (the others still run). ``--results FILE``
also writes the table as Markdown (``make bench`` regenerates ``bench/RESULTS.md`` so).
``KINERJA_BENCH_TIGHTEN=2`` makes every target twice as hard: the run must then fail, which
is how the harness itself is tested.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

from bench import Figure, Sample, machine_info

HERE = Path(__file__).resolve().parent
HEADERS = ("benchmark", "figure", "value", "spread (runs)", "floor", "ratio", "target", "result")
Row = tuple[str, str, str, str, str, str, str, str]


def discover() -> list[str]:
    return sorted(path.stem for path in HERE.glob("bench_*.py"))


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _with_unit(value: float, unit: str) -> str:
    return f"{_number(value)} {unit}".strip()


def _spread(value: Sample | float | None, unit: str) -> str:
    if not isinstance(value, Sample):
        return ""
    return f"{_number(value.low)}–{_with_unit(value.high, unit)} ({len(value.values)})"


def figure_row(name: str, figure: Figure, tighten: float) -> Row:
    ratio = figure.ratio
    floor = figure.floor_value
    target = figure.target.tightened(tighten) if figure.target else None
    met = figure.met(tighten)
    return (
        name,
        figure.metric,
        _with_unit(figure.measured, figure.unit),
        _spread(figure.value, figure.unit),
        _with_unit(floor, figure.unit) if floor is not None else "",
        f"{ratio:.2f}" if ratio is not None else "",
        (f"ratio {target}" if figure.on_ratio else f"{target} {figure.unit}".strip())
        if target
        else "",
        "" if met is None else ("met" if met else "MISSED"),
    )


def format_table(rows: list[Row]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def markdown(rows: list[Row], machine: str, missed: int) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%d %B %Y %H:%M UTC")
    verdict = "Every target met." if not missed else f"{missed} target(s) missed or failed."
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench --results bench/RESULTS.md`) from the table",
        "it prints: do not edit by hand. Each figure is the median of at least 5 runs, with the",
        "lowest and highest run; the floor is the same work done by the bare tool in the same",
        "run; targets are in the benchmarks' code. What each benchmark measures is said at the",
        "top of its module in `bench/`.",
        "",
        f"## `make bench`, {when}",
        "",
        f"{machine}. {verdict}",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
    ]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str], modules: dict[str, ModuleType] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, help="also write the table as Markdown here")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)
    tighten = float(os.environ.get("KINERJA_BENCH_TIGHTEN") or 1.0)
    available = sorted(modules) if modules is not None else discover()
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in args.names] or available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
        return 2
    machine = machine_info()
    print(f"Machine: {machine}", flush=True)
    rows: list[Row] = []
    missed = 0
    for name in wanted:
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        try:
            module = (
                modules[name] if modules is not None else importlib.import_module(f"bench.{name}")
            )
            results = module.run()
        except Exception:
            missed += 1
            traceback.print_exc()
            rows.append((name, "FAILED (traceback above)", "", "", "", "", "", "FAILED"))
            continue
        for result in results:
            if isinstance(result, Figure):
                rows.append(figure_row(name, result, tighten))
                missed += result.met(tighten) is False
            else:
                metric, value, note = result
                rows.append((name, metric, value, "", "", "", note, ""))
        print(f"  {name} took {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print(format_table(rows))
    if args.results is not None:
        args.results.write_text(markdown(rows, machine, missed), encoding="utf-8")
    print(f"\n{missed} target(s) missed or failed" if missed else "\nEvery target met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
