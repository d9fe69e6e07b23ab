"""The coverage ratchet (tools/check_coverage.py): a module under its floor fails the check."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import check_coverage


def report(tmp_path: Path, figures: dict[str, float]) -> Path:
    path = tmp_path / "coverage.json"
    files = {name: {"summary": {"percent_covered": value}} for name, value in figures.items()}
    path.write_text(json.dumps({"files": files}), encoding="utf-8")
    return path


def run(tmp_path: Path, figures: dict[str, float], floors: dict[str, float], *extra: str) -> int:
    floors_file = tmp_path / "floors.json"
    floors_file.write_text(json.dumps(floors), encoding="utf-8")
    return check_coverage.main(
        [str(report(tmp_path, figures)), "--floors", str(floors_file), *extra]
    )


def test_modules_at_or_above_their_floor_pass(tmp_path: Path) -> None:
    assert run(tmp_path, {"a.py": 91.4, "b.py": 100.0}, {"a.py": 91, "b.py": 100}) == 0


def test_a_module_under_its_floor_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, {"a.py": 90.9, "b.py": 100.0}, {"a.py": 91, "b.py": 100}) == 1
    assert "FAIL a.py: 90.9 % is under its floor of 91 %" in capsys.readouterr().out


def test_a_floor_whose_module_is_gone_fails(tmp_path: Path) -> None:
    assert run(tmp_path, {"a.py": 95.0}, {"a.py": 91, "gone.py": 80}) == 1


def test_raising_lifts_floors_less_the_margin_and_never_lowers_one(tmp_path: Path) -> None:
    assert run(tmp_path, {"a.py": 95.7, "b.py": 50.0, "new.py": 12.5, "c.py": 1.0},
               {"a.py": 91, "b.py": 60}, "--raise-floors") == 0  # fmt: skip
    floors = json.loads((tmp_path / "floors.json").read_text(encoding="utf-8"))
    assert floors == {"a.py": 93, "b.py": 60, "new.py": 10, "c.py": 0}
