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


RULES = check_coverage.RULES_MODULES[0]
SYNC_MODULE = "kinerja_desktop/sync/versions.py"
ORDINARY = "kinerja_desktop/services/people/directory.py"


def test_rules_and_sync_modules_pass_only_when_fully_covered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = {path: 100 for path in check_coverage.RULES_MODULES} | {SYNC_MODULE: 100}
    full = dict.fromkeys(floors, 100.0)
    assert run(tmp_path, full | {ORDINARY: 93.0}, floors | {ORDINARY: 90}) == 0
    assert run(tmp_path, full | {SYNC_MODULE: 99.5}, floors) == 1
    assert "FAIL kinerja_desktop/sync/versions.py: 99.5 % is under its floor of 100 %" in (
        capsys.readouterr().out
    )


def test_a_rules_or_sync_module_needs_a_floor_of_100(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = {path: 100 for path in check_coverage.RULES_MODULES}
    full = dict.fromkeys(floors, 100.0)
    assert run(tmp_path, full | {SYNC_MODULE: 100.0}, floors | {SYNC_MODULE: 98}) == 1
    assert f"FAIL {SYNC_MODULE}: a rules or sync module needs a floor of 100 (has 98)" in (
        capsys.readouterr().out
    )
    assert run(tmp_path, full | {"kinerja_desktop/sync/new.py": 100.0}, floors) == 1


def test_every_rules_module_listed_exists() -> None:
    root = Path(__file__).resolve().parents[2]
    assert all((root / path).is_file() for path in check_coverage.RULES_MODULES)


def test_the_check_names_what_a_rules_module_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = {path: 100 for path in check_coverage.RULES_MODULES}
    path = tmp_path / "coverage.json"
    files = {
        name: {"summary": {"percent_covered": 100.0, "missing_branches": 0}, "missing_lines": []}
        for name in floors
    }
    files[RULES] = {"summary": {"percent_covered": 97.0, "missing_branches": 2},
                    "missing_lines": [12, 40]}  # fmt: skip
    path.write_text(json.dumps({"files": files}), encoding="utf-8")
    floors_file = tmp_path / "floors.json"
    floors_file.write_text(json.dumps(floors), encoding="utf-8")
    assert check_coverage.main([str(path), "--floors", str(floors_file)]) == 1
    assert f"{RULES}: missing lines [12, 40], 2 branches not taken" in capsys.readouterr().out


def test_raising_keeps_rules_and_sync_modules_at_100(tmp_path: Path) -> None:
    today = {RULES: 100.0, SYNC_MODULE: 100.0, ORDINARY: 95.0}
    assert run(tmp_path, today, {}, "--raise-floors") == 0
    floors = json.loads((tmp_path / "floors.json").read_text(encoding="utf-8"))
    assert floors == {RULES: 100, SYNC_MODULE: 100, ORDINARY: 93}
