"""The Debian package, installed on a clean Debian 12 root (``make test-installer``, slow).

What this does, precisely (no container engine is needed, but root is):

1. builds ``kinerja-desktop_<version>_<arch>.deb`` from ``dist/kinerja-desktop`` (``make
   dist`` first) with ``installer/linux/build_deb.py``, plus a copy numbered as a newer
   version, and checks the package's control data and desktop entry;
2. ``debootstrap --variant=minbase bookworm`` makes a fresh minimal Debian 12 root under
   ``build/installer/`` (nothing of this machine's libraries is in it);
3. in that root, through ``chroot`` with ``/proc`` mounted and this machine's DNS settings,
   ``apt-get install ./kinerja-desktop_*.deb`` installs the package, apt fetching its
   dependencies from deb.debian.org, exactly as an administrator would;
4. ``ldd`` on every library and program in ``/opt/kinerja-desktop`` finds nothing missing
   (so the package's Depends are complete), the MIME and desktop databases send
   ``*.kinerja`` files to the program;
5. as an ordinary user, ``kinerja-desktop --self-test`` passes (offscreen: there is no
   display in the root), and ``kinerja init`` makes that user's data folder;
6. the newer package installs over the old one and the user's data is still there; removing
   the package leaves the data too.

The root is deleted at the end. What it cannot show here: a real desktop session (the
program runs offscreen), and other distributions than Debian 12.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kinerja_desktop.selftest import STEPS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "kinerja-desktop"
WORK = ROOT / "build" / "installer"
CHROOT = WORK / "debian12-root"
MIRROR = "http://deb.debian.org/debian"
USER = "clerk"
DATA = Path("/home") / USER / ".local/share/KinerjaDesktop"
REQUIRED_DEPENDS = [
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libdbus-1-3",
    "fonts-dejavu-core",
    "fontconfig-config",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True)
    if check and done.returncode:
        pytest.fail(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def in_root(
    *args: str, user: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    home = f"/home/{user}" if user else "/root"
    env = [
        "env",
        "-i",
        "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        f"HOME={home}",
        "LANG=C.UTF-8",
        "QT_QPA_PLATFORM=offscreen",
        "DEBIAN_FRONTEND=noninteractive",
    ]
    userspec = [f"--userspec={user}:{user}"] if user else []
    return run("chroot", *userspec, str(CHROOT), *env, *args, check=check)


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_deb", ROOT / "installer" / "linux" / "build_deb.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_deb = _load_builder()
version = build_deb.program_version


def remove_root() -> None:
    proc = CHROOT / "proc"
    if proc.is_dir() and os.path.ismount(proc):
        run("umount", "-l", str(proc))
    shutil.rmtree(CHROOT, ignore_errors=True)


@pytest.fixture(scope="module")
def debs() -> dict[str, Path]:
    if not (DIST / "kinerja-desktop").is_file():
        pytest.fail("dist/kinerja-desktop is missing: run `make dist` first")
    out = WORK / "debs"
    shutil.rmtree(out, ignore_errors=True)
    return {
        "current": build_deb.build(DIST, out, version()),
        "newer": build_deb.build(DIST, out, version() + "+upgrade1"),
    }


@pytest.fixture(scope="module")
def debian_root(debs: dict[str, Path]) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.fail("installing into a Debian root needs root (chroot, mount): run as root")
    if shutil.which("debootstrap") is None:
        pytest.fail("debootstrap is missing: `make test-installer` installs it")
    remove_root()
    WORK.mkdir(parents=True, exist_ok=True)
    run("debootstrap", "--variant=minbase", "bookworm", str(CHROOT), MIRROR)
    shutil.copy2("/etc/resolv.conf", CHROOT / "etc" / "resolv.conf")
    run("mount", "-t", "proc", "proc", str(CHROOT / "proc"))
    for deb in debs.values():
        shutil.copy2(deb, CHROOT / "tmp" / deb.name)
    in_root("useradd", "--create-home", USER)
    try:
        yield CHROOT
    finally:
        remove_root()


def test_package_control_data_and_desktop_entry(debs: dict[str, Path], tmp_path: Path) -> None:
    deb = debs["current"]
    fields = run("dpkg-deb", "--field", str(deb), "Package", "Version", "Depends").stdout
    assert "Package: kinerja-desktop" in fields
    assert f"Version: {version()}" in fields
    depends = {d.strip().split(" ")[0] for d in fields.split("Depends:")[1].split(",")}
    assert set(REQUIRED_DEPENDS) <= depends
    listing = run("dpkg-deb", "--contents", str(deb)).stdout
    for path in (
        "./opt/kinerja-desktop/kinerja-desktop",
        "./opt/kinerja-desktop/_internal/kinerja_desktop/db/migrations/env.py",
        "./opt/kinerja-desktop/_internal/i18n/id/LC_MESSAGES/kinerja.mo",
        "./usr/bin/kinerja-desktop -> /opt/kinerja-desktop/kinerja-desktop",
        "./usr/share/applications/kinerja-desktop.desktop",
        "./usr/share/mime/packages/kinerja-desktop.xml",
        "./usr/share/icons/hicolor/256x256/apps/kinerja-desktop.png",
        "./usr/share/icons/hicolor/scalable/mimetypes/application-x-kinerja-bundle.svg",
    ):
        assert path in listing, path
    run("dpkg-deb", "-x", str(deb), str(tmp_path))
    if shutil.which("desktop-file-validate") is None:
        pytest.fail("desktop-file-validate is missing: `make test-installer` installs it")
    run("desktop-file-validate", str(tmp_path / "usr/share/applications/kinerja-desktop.desktop"))


def test_apt_installs_it_on_clean_debian_12(debian_root: Path, debs: dict[str, Path]) -> None:
    assert "bookworm" in (debian_root / "etc" / "os-release").read_text()
    assert not (debian_root / "usr/lib/x86_64-linux-gnu/libGL.so.1").exists()
    in_root("apt-get", "install", "-y", "-q", f"/tmp/{debs['current'].name}")
    status = in_root("dpkg-query", "-W", "-f=${Status} ${Version}", "kinerja-desktop").stdout
    assert status == f"install ok installed {version()}"


def test_every_library_of_the_program_resolves(debian_root: Path) -> None:
    script = (
        "cd /opt/kinerja-desktop && "
        "export LD_LIBRARY_PATH=$PWD/_internal:$PWD/_internal/PySide6/Qt/lib && "
        "find . -type f \\( -name '*.so*' -o -name kinerja -o -name kinerja-desktop \\) "
        "-exec ldd {} + 2>&1"
    )
    output = in_root("sh", "-c", script).stdout
    missing = sorted({line.strip() for line in output.splitlines() if "not found" in line})
    assert output.count("=>") > 100
    assert missing == []


def test_bundle_files_open_with_the_program(debian_root: Path) -> None:
    assert (debian_root / "usr/share/mime/application/x-kinerja-bundle.xml").is_file()
    cache = (debian_root / "usr/share/applications/mimeinfo.cache").read_text()
    assert "application/x-kinerja-bundle=kinerja-desktop.desktop;" in cache
    globs = (debian_root / "usr/share/mime/globs2").read_text()
    assert "application/x-kinerja-bundle:*.kinerja" in globs


def test_installed_self_test_passes_for_an_ordinary_user(debian_root: Path) -> None:
    done = in_root("kinerja-desktop", "--self-test", user=USER, check=False)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = done.stdout.splitlines()[1:-1]
    assert len(steps) == len(STEPS) and all(line.startswith("OK ") for line in steps)
    assert "frozen" in done.stdout.splitlines()[0] or "terpaket" in done.stdout.splitlines()[0]


def test_upgrade_and_removal_keep_the_users_data(debian_root: Path, debs: dict[str, Path]) -> None:
    created = in_root(
        "kinerja",
        "init",
        "--instansi-kode",
        "9999",
        "--instansi-nama",
        "Dinas Uji",
        "--json",
        user=USER,
    )
    before = json.loads(created.stdout)
    assert before["home"] == str(DATA)
    in_root("apt-get", "install", "-y", "-q", f"/tmp/{debs['newer'].name}")
    status = in_root("dpkg-query", "-W", "-f=${Version}", "kinerja-desktop").stdout
    assert status == version() + "+upgrade1"
    after = json.loads(in_root("kinerja", "init", "--json", user=USER).stdout)
    assert (after["install_id"], after["instansi_nama"]) == (before["install_id"], "Dinas Uji")
    in_root("apt-get", "remove", "-y", "-q", "kinerja-desktop")
    assert not (debian_root / "opt/kinerja-desktop").exists()
    assert not (debian_root / "usr/bin/kinerja-desktop").exists()
    assert (debian_root / DATA.relative_to("/") / "kinerja.sqlite3").is_file()
