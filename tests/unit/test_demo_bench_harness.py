"""The benchmark harness (``python -m bench``): discovery, selection, the table, and the
targets checked in code (a missed one, or an artificially tightened one, fails the run)."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

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
    assert lines[header].split()[:3] == ["benchmark", "figure", "value"]
    assert lines[header + 2].split() == ["bench_good", "speed", "12", "ms", "<", "50", "ms"]
    assert lines[header + 3].startswith("bench_bad") and "FAILED" in lines[header + 3]


def test_machine_info_names_cores() -> None:
    assert f"{os.cpu_count()} cores" in bench.machine_info()


def _module(*figures: bench.Figure) -> types.ModuleType:
    module = types.ModuleType("bench.bench_fake")
    module.run = lambda: list(figures)  # type: ignore[attr-defined]
    return module


SAMPLE = bench.Sample((10.0, 11.0, 12.0, 13.0, 30.0))


def test_a_met_target_passes_and_the_table_shows_median_spread_floor_and_ratio(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = _module(
        bench.Figure("open", SAMPLE, "ms", target=bench.Target("<", 200)),
        bench.Figure("start", SAMPLE, "ms", floor=8.0, target=bench.Target("<=", 2), on_ratio=True),
    )
    assert harness.main([], modules={"bench_fake": module}) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("bench_fake  start"))
    assert row.split() == ["bench_fake", "start", "12.0", "ms", "10.0–30.0", "ms", "(5)",
                           "8.00", "ms", "1.50", "ratio", "<=", "2", "met"]  # fmt: skip
    assert "Every target met." in out


def test_a_missed_target_fails_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    module = _module(bench.Figure("open", SAMPLE, "ms", target=bench.Target("<", 12)))
    assert harness.main([], modules={"bench_fake": module}) == 1
    assert "MISSED" in capsys.readouterr().out


def test_an_artificially_tightened_target_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = (
        bench.Figure("open", SAMPLE, "ms", target=bench.Target("<", 20)),  # 12 ms: met
        bench.Figure("rate", 30.0, "forms/s", target=bench.Target(">=", 20)),  # met
    )
    assert harness.main([], modules={"bench_fake": _module(*figures)}) == 0
    monkeypatch.setenv("KINERJA_BENCH_TIGHTEN", "2")  # < 10 ms and >= 40 forms/s: both missed
    results = tmp_path / "RESULTS.md"
    assert harness.main(["--results", str(results)], modules={"bench_fake": _module(*figures)}) == 1
    out = capsys.readouterr().out
    assert out.count("MISSED") == 2 and "2 target(s) missed" in out
    written = results.read_text(encoding="utf-8")
    assert "| bench_fake | open | 12.0 ms |" in written and "2 target(s) missed" in written


def test_a_figure_needs_five_runs() -> None:
    with pytest.raises(ValueError, match="at least 5 runs"):
        bench.Sample((1.0, 2.0, 3.0))


def test_encryption_benchmark_compares_encrypted_with_plain_per_figure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """At a tiny size: every figure has the plain one as its floor and the 1.3x target on
    the ratio, from samples of at least five runs (the full-size run is ``make bench``); the
    bare count of the people table stands beside them as context, with its ratio."""
    from bench import bench_encryption

    monkeypatch.setattr(bench, "_SCRATCH", tmp_path)
    monkeypatch.setattr(bench_encryption, "EMPLOYEES", 80)
    monkeypatch.setattr(bench_encryption, "WRITE_EMPLOYEES", 20)
    figures = bench_encryption.run()
    checked = [f for f in figures if isinstance(f, bench.Figure)]
    context = [f for f in figures if not isinstance(f, bench.Figure)]
    assert len(checked) == 8
    for figure in checked:
        assert figure.on_ratio and figure.target == bench.Target("<=", 1.3)
        assert figure.floor_value is not None and figure.floor_value > 0
        assert "encrypted (floor: plain)" in figure.metric
    samples = [f for f in checked if isinstance(f.value, bench.Sample)]
    assert len(samples) == 8 and all(len(f.value.values) >= 5 for f in samples)  # type: ignore[union-attr]
    assert any(f.metric.startswith("open the database") for f in checked)
    assert any(f.metric.startswith("first people list, 80 people") for f in checked)
    assert [c[0] for c in context] == [
        "context: bare count of 80 live people on a new connection (CPU)"
    ]
    assert context[0][2].startswith("encrypted / plain = ")
