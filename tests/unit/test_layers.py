"""The core layers never import Qt: checked in a fresh interpreter, as a user of them sees it."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = [
    "kinerja_desktop.models",
    "kinerja_desktop.db",
    "kinerja_desktop.services",
    "kinerja_desktop.forms",
    "kinerja_desktop.sync",
    "kinerja_desktop.cli",
]

# Imports every module of each package given, then reports which Qt or ui modules each
# package brought in (walk_packages imports subpackages; modules are imported one by one).
PROBE = """
import importlib, json, pkgutil, sys

def qt():
    return {m for m in sys.modules
            if m.split(".")[0] == "PySide6" or m.startswith("kinerja_desktop.ui")}

report = {}
for root in sys.argv[1:]:
    before = qt()
    package = importlib.import_module(root)
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), root + "."):
        importlib.import_module(info.name)
    report[root] = sorted(qt() - before)
print(json.dumps(report))
"""


def probe(*packages: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *packages], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_core_packages_and_all_their_modules_do_not_import_qt() -> None:
    report = probe(*CORE)
    assert set(report) == set(CORE)
    assert {package: found for package, found in report.items() if found} == {}


def test_the_probe_sees_qt_when_it_is_imported() -> None:
    report = probe("kinerja_desktop.ui.context")
    assert any(name.startswith("PySide6") for name in report["kinerja_desktop.ui.context"])
