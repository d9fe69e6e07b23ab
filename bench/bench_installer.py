"""Size of what the installers ship: the one-folder program.

Target (issue 9): the one-folder program under 250 MB unpacked. This benchmark measures what
``make dist`` last built; it does not build (a build takes minutes), and says so when nothing
is built.
"""

from __future__ import annotations

from pathlib import Path

from bench import Figure, Target

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "kinerja-desktop"
TARGET_MB = 250


def folder_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symlinks counted once, as links)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run() -> list[Figure | tuple[str, str, str]]:
    if not (DIST / "_internal").is_dir():
        # Not a measurement, so it cannot meet the target: the run says it was not measured.
        return [("one-folder program, unpacked", "not built (run make dist)", f"< {TARGET_MB} MB")]
    return [
        Figure("one-folder program, unpacked", folder_size(DIST) / 1024**2, "MB",
               target=Target("<", TARGET_MB)),
        ("files in it", str(sum(1 for p in DIST.rglob("*") if p.is_file())), ""),
    ]  # fmt: skip
