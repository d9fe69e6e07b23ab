"""Build the Debian package ``kinerja-desktop_<version>_<arch>.deb`` from the one-folder program.

    python installer/linux/build_deb.py [--dist dist/kinerja-desktop] [--out dist]
                                        [--version 0.1.0]

What goes where (the program never writes inside its install folder; each user's data lives in
``~/.local/share/KinerjaDesktop``, so upgrades and removal leave it alone):

    /opt/kinerja-desktop/                  the one-folder program, as PyInstaller made it
    /usr/bin/kinerja-desktop, kinerja      links to the two programs in it
    /usr/share/applications/               desktop entry (opens *.kinerja bundle files)
    /usr/share/mime/packages/              MIME type application/x-kinerja-bundle
    /usr/share/icons/hicolor/              program and bundle-file icons

The desktop and MIME databases are refreshed by the dpkg triggers of desktop-file-utils and
shared-mime-info, so the package needs no maintainer scripts. Needs ``dpkg-deb`` only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ICONS = ROOT / "resources" / "icons"
PACKAGE = "kinerja-desktop"
INSTALL_DIR = Path("opt") / PACKAGE
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def program_version() -> str:
    text = (ROOT / "kinerja_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in kinerja_desktop/__init__.py")
    return match.group(1)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def glibc_needed(folder: Path) -> str:
    """The newest glibc symbol version any program or library in ``folder`` asks for."""
    newest = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) != b"\x7fELF":
                    continue
                versions = re.findall(rb"GLIBC_2\.(\d+)", handle.read())
            newest = max([newest, *map(int, versions)])
    return f"2.{newest}"


def install_icons(stage: Path) -> None:
    hicolor = stage / "usr/share/icons/hicolor"
    for source, name, context in (
        ("kinerja", PACKAGE, "apps"),
        ("kinerja-bundle", "application-x-kinerja-bundle", "mimetypes"),
    ):
        for size in PNG_SIZES:
            target = hicolor / f"{size}x{size}" / context / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ICONS / f"{source}-{size}.png", target)
        scalable = hicolor / "scalable" / context / f"{name}.svg"
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / f"{source}.svg", scalable)


def stage_package(dist: Path, stage: Path, version: str, arch: str) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(dist, stage / INSTALL_DIR, symlinks=True)
    bin_dir = stage / "usr/bin"
    bin_dir.mkdir(parents=True)
    for program in ("kinerja-desktop", "kinerja"):
        if not (dist / program).is_file():
            raise SystemExit(f"{dist / program} is missing: run `make dist` first")
        (bin_dir / program).symlink_to(Path("/") / INSTALL_DIR / program)
    share = stage / "usr/share"
    for source, target in (
        ("kinerja-desktop.desktop", "applications/kinerja-desktop.desktop"),
        ("kinerja-desktop-mime.xml", "mime/packages/kinerja-desktop.xml"),
        ("copyright", f"doc/{PACKAGE}/copyright"),
    ):
        (share / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / source, share / target)
    install_icons(stage)
    for path in stage.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644)
    installed_kib = (
        sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink())
        // 1024
    )
    control = (
        (HERE / "control")
        .read_text(encoding="utf-8")
        .format(
            version=version,
            arch=arch,
            installed_size=installed_kib,
            glibc=glibc_needed(stage / INSTALL_DIR),
        )
    )
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN/control").write_text(control, encoding="utf-8")


def build(dist: Path, out: Path, version: str) -> Path:
    arch = architecture()
    name = f"{PACKAGE}_{version}_{arch}"
    stage = ROOT / "build" / "deb" / name
    stage_package(dist, stage, version, arch)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{name}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(stage), str(deb)],
        check=True,
    )
    shutil.rmtree(stage)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=None, help="package version (default: the program's)")
    args = parser.parse_args(argv)
    deb = build(args.dist.resolve(), args.out.resolve(), args.version or program_version())
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
