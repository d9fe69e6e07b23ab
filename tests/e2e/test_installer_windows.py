"""The NSIS script compiles on Linux (``make test-installer``, slow).

The Windows program can only be built and installed on Windows (``.github/workflows/
windows.yml`` does that on a Windows runner). Here ``makensis`` compiles
``installer/windows/kinerja.nsi`` with warnings as errors against the Linux one-folder build
as a stand-in payload, which proves the script: its pages, both languages, MultiUser, the
sections, the registry and file association lines. 7-Zip then lists the setup.exe to show the
payload and the uninstaller's pieces are inside.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "kinerja-desktop"
SCRIPT = ROOT / "installer" / "windows" / "kinerja.nsi"


def test_nsis_script_compiles_against_the_linux_build(tmp_path: Path) -> None:
    if not (DIST / "kinerja-desktop").is_file():
        pytest.fail("dist/kinerja-desktop is missing: run `make dist` first")
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: `make test-installer` installs the nsis package")
    setup = tmp_path / "kinerja-desktop-setup.exe"
    done = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",
            "-DVERSION=0.1.0",
            f"-DPAYLOAD={DIST}",
            f"-DOUTFILE={setup}",
            "-DCOMPRESSOR=zlib",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    assert len(data) > 50 * 1024**2  # the whole program is inside
    if shutil.which("7z") is None:
        pytest.fail("7z is missing: `make test-installer` installs p7zip-full")
    listing = subprocess.run(
        ["7z", "l", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    for entry in (
        "kinerja-desktop",
        "_internal/kinerja_desktop/db/migrations/env.py",
        "_internal/i18n/id/LC_MESSAGES/kinerja.mo",
        "_internal/resources/icons/kinerja-bundle.ico",
    ):
        assert entry.replace("/", "\\") in listing or entry in listing, entry
