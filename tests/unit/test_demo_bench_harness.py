"""The benchmark harness (``python -m bench``): discovery, selection and the table."""

from __future__ import annotations

import os
import sys
import types

import pytest

import bench
from bench import __main__ as harness


def test_discovers_every_bench_module() -> None:
    names = harness.discover()
    assert {"bench_demo", "bench_gui"} <= set(names)
    assert names == sorted(names)
    assert all(name.startswith("bench_") for name in names)


def test_unknown_benchmark_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert harness.main(["no_such_thing"]) == 2
    out = capsys.readouterr().out
    assert "bench_no_such_thing" in out and "bench_demo" in out


def test_runs_the_chosen_modules_and_reports_failures(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = types.ModuleType("bench.bench_good")
    good.run = lambda: [("speed", "12 ms", "< 50 ms")]  # type: ignore[attr-defined]
    bad = types.ModuleType("bench.bench_bad")

    def broken() -> list[tuple[str, str, str]]:
        raise RuntimeError("measurement broke")

    bad.run = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bench.bench_good", good)
    monkeypatch.setitem(sys.modules, "bench.bench_bad", bad)
    monkeypatch.setattr(harness, "discover", lambda: ["bench_bad", "bench_good"])
    assert harness.main(["good", "bad"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Machine: ") and "cores" in lines[0]
    header = next(i for i, line in enumerate(lines) if line.startswith("benchmark"))
    assert lines[header].split() == ["benchmark", "metric", "value", "target"]
    assert lines[header + 2].split() == ["bench_good", "speed", "12", "ms", "<", "50", "ms"]
    assert lines[header + 3].startswith("bench_bad") and "FAILED" in lines[header + 3]


def test_machine_info_names_cores() -> None:
    assert f"{os.cpu_count()} cores" in bench.machine_info()
