"""The core layers never import Qt: checked in a fresh interpreter, as a user of them sees it."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

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


SERVICES = Path(__file__).resolve().parents[2] / "kinerja_desktop" / "services"
AREAS = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").exists())

# Imports every module of ``services.core`` and lists the service-area modules that came with it.
CORE_PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module("kinerja_desktop.services.core")
for info in pkgutil.iter_modules(package.__path__, "kinerja_desktop.services.core."):
    importlib.import_module(info.name)
print(json.dumps(sorted(
    m for m in sys.modules
    if m.startswith("kinerja_desktop.services.") and m.split(".")[2] != "core"
)))
"""


def test_services_are_grouped_in_area_packages_only() -> None:
    assert [p.name for p in SERVICES.glob("*.py")] == ["__init__.py"]
    assert "core" in AREAS and "home" in AREAS


def test_importing_core_loads_no_service_area() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CORE_PROBE], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_every_private_module_is_guarded_by_an_import_contract() -> None:
    config = tomllib.loads((SERVICES.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    guarded = {
        module
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["name"].endswith("private modules stay inside the area")
        for module in contract["forbidden_modules"]
    }
    private = {
        f"kinerja_desktop.services.{p.parent.name}.{p.stem}"
        for p in SERVICES.glob("*/_*.py")
        if p.stem != "__init__"
    }
    assert private == guarded


# Imports the home screen's items and lists the heavy libraries that came with them.
HOME_PROBE = """
import json, sys
import kinerja_desktop.services.home.items
print(json.dumps(sorted(
    m for m in ("argon2", "cryptography", "reportlab", "alembic", "PySide6") if m in sys.modules
)))
"""


def test_importing_the_home_items_loads_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HOME_PROBE], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
