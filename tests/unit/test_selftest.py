"""The installation self-test (``kinerja-desktop --self-test``) run from the source tree.

The frozen program runs the same steps in ``make dist`` and ``make test-installer``; here they
run against the source, and the reporting rules are checked: a missing part or a failed step
is FAILED (never OK), the exit status is 0 only when every step passed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kinerja_desktop import i18n, selftest
from kinerja_desktop.paths import DataHome
from kinerja_desktop.selftest import SelfTestRun, Step, require, run_steps, self_test


def _lines(steps: list[Step]) -> tuple[int, list[str]]:
    lines: list[str] = []
    return self_test(steps, lines.append), lines


@pytest.mark.ui
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_every_step_passes_from_source(qapp: object, tmp_path: Path) -> None:
    report = tmp_path / "self-test.txt"
    assert selftest.main(["--report", str(report)]) == 0
    lines = report.read_text(encoding="utf-8").splitlines()
    results = lines[1:-1]
    assert len(results) == len(selftest.STEPS)
    assert all(line.startswith("OK ") for line in results), lines
    assert str(len(selftest.STEPS)) in lines[-1]


def test_missing_part_is_reported_failed_with_its_name() -> None:
    status, lines = _lines(
        [
            Step("Present", lambda run: "fine"),
            Step("Absent", lambda run: str(require("kinerja_desktop.no_such_part"))),
        ]
    )
    assert status == 1
    assert lines[1].startswith("OK ")
    assert lines[2].startswith("FAILED ") and "kinerja_desktop.no_such_part" in lines[2]
    assert "FAILED" in lines[-1]


def test_part_with_a_missing_dependency_is_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A frozen build that left out a library a present part imports (reportlab's barcodes
    # once) must name the library, not claim the part itself is absent.
    (tmp_path / "selftest_probe_part.py").write_text("import selftest_probe_absent_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as caught:
        require("selftest_probe_part")
    assert caught.value.name == "selftest_probe_absent_dependency"
    sys.modules.pop("selftest_probe_part", None)


def test_failed_step_does_not_stop_the_others_and_database_users_say_why(
    tmp_path: Path,
) -> None:
    def broken_database(run: SelfTestRun) -> str:
        raise OSError("disk full")

    lines: list[str] = []
    results = run_steps(
        [
            Step("Database", broken_database),
            Step("Demo data", selftest.check_demo_data),
            Step("Program files", selftest.check_program_files),
        ],
        SelfTestRun(home=DataHome(tmp_path / "home")),
        lines.append,
    )
    assert [r.ok for r in results] == [False, False, True]
    assert "OSError: disk full" in lines[0]
    assert results[1].detail == i18n._("needs the database, which failed above")


def test_database_step_migrates_to_head(tmp_path: Path) -> None:
    run = SelfTestRun(home=DataHome(tmp_path / "home"))
    try:
        detail = selftest.check_database(run)
    finally:
        run.db.close()
    assert (tmp_path / "home" / "kinerja.sqlite3").is_file()
    assert selftest.head_revision() in detail


def test_translation_step_fails_without_catalogs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "_cache", {})
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    with pytest.raises(AssertionError, match="catalog"):
        selftest.check_translations(SelfTestRun(home=DataHome(tmp_path / "home")))


def test_report_file_and_exit_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.txt"
    monkeypatch.setattr(selftest, "STEPS", [Step("Program files", selftest.check_program_files)])
    monkeypatch.setenv(selftest.ENV_REPORT, str(report))
    assert selftest.main([]) == 0
    assert report.read_text(encoding="utf-8").splitlines()[1].startswith("OK ")
    monkeypatch.setattr(selftest, "STEPS", [Step("Broken", lambda run: str(1 / 0))])
    assert selftest.main([]) == 1
    assert "ZeroDivisionError" in report.read_text(encoding="utf-8")
