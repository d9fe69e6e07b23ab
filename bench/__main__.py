"""``python -m bench [NAME ...]``: run the benchmarks and print one table.

Without names every ``bench/bench_*.py`` runs, in name order; ``python -m bench demo gui``
runs ``bench_demo`` and ``bench_gui`` only. A benchmark that fails is reported in the table
and makes the exit status 1; the others still run.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

from bench import machine_info

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(path.stem for path in HERE.glob("bench_*.py"))


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    headers = ("benchmark", "metric", "value", "target")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str]) -> int:
    available = discover()
    wanted = [a if a.startswith("bench_") else f"bench_{a}" for a in argv] or available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
        return 2
    print(f"Machine: {machine_info()}", flush=True)
    rows: list[tuple[str, str, str, str]] = []
    failed = False
    for name in wanted:
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            results = module.run()
        except Exception:
            failed = True
            traceback.print_exc()
            rows.append((name, "FAILED (traceback above)", "", ""))
            continue
        rows.extend((name, metric, value, target) for metric, value, target in results)
        print(f"  {name} took {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
