"""The program runs on PySide6-Essentials alone: every Qt module that the interface imports
(all of kinerja_desktop.ui, the app and its self-test, imported in a fresh interpreter) is
one that the PySide6-Essentials distribution ships, so PySide6-Addons is not needed."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
import kinerja_desktop.ui
for info in pkgutil.walk_packages(kinerja_desktop.ui.__path__, "kinerja_desktop.ui."):
    importlib.import_module(info.name)
for name in ("kinerja_desktop.app", "kinerja_desktop.selftest"):
    importlib.import_module(name)
print(json.dumps(sorted({m.split(".")[1] for m in sys.modules
                         if m.startswith("PySide6.Qt") and m.count(".") == 1})))
"""


def _essentials() -> set[str]:
    """Qt module names of the binding files (``PySide6/QtX.*.so|.pyd``) Essentials installs."""
    files = metadata.files("PySide6_Essentials") or []
    return {
        file.name.split(".")[0]
        for file in files
        if file.parent.name == "PySide6"
        and file.name.startswith("Qt")
        and file.suffix in (".so", ".pyd")
    }


def test_every_qt_module_the_interface_imports_is_in_essentials() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    essentials = _essentials()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= imported  # the probe works
    assert "QtPdf" not in essentials  # the list is Essentials', not Addons'
    assert imported <= essentials, sorted(imported - essentials)


def test_addons_is_not_a_dependency() -> None:
    requires = metadata.requires("kinerja-desktop") or []
    names = {r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip()
             for r in requires}  # fmt: skip
    assert "PySide6-Essentials" in names
    assert not {"PySide6-Addons", "PySide6"} & names
