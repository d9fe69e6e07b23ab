"""``kinerja demo``: the same seed in two fresh data homes gives the same people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kinerja_desktop.cli.main import main


def _people_json(home: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["--home", str(home), "people", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_same_seed_twice_gives_identical_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listings = []
    for name in ("first", "second"):
        home = tmp_path / name
        assert main(["--home", str(home), "init"]) == 0
        assert main(["--home", str(home), "demo", "--employees", "80", "--seed", "5",
                     "--year", "2025"]) == 0  # fmt: skip
        printed = capsys.readouterr().out
        assert "80" in printed and "pegawai" in printed
        listings.append(_people_json(home, capsys))
    assert len(listings[0]) == 80
    assert listings[0] == listings[1]
    assert {p["jenis_asn"] for p in listings[0]} == {"pns", "pppk"}


def test_demo_json_summary_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert main(["--home", str(home), "demo", "--employees", "25", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["people"] == 25
    assert summary["counts"]["pegawai"] == 25
    assert summary["rows"] == sum(summary["counts"].values())
    assert main(["--home", str(home), "demo", "--employees", "25"]) == 2
    error = capsys.readouterr().err
    assert "25" in error and "--home" in error
    assert len(_people_json(home, capsys)) == 25
