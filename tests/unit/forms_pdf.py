"""Reading rendered PDFs back in tests: text (pdftotext), page sizes and fonts (pypdf), and
PNG renders for reviewers (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or one 1-based page), whitespace collapsed to single spaces."""
    if shutil.which("pdftotext"):
        args = ["pdftotext", "-raw"]
        if page is not None:
            args += ["-f", str(page), "-l", str(page)]
        raw = subprocess.run(
            [*args, str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    else:
        reader = PdfReader(str(path))
        pages = reader.pages if page is None else [reader.pages[page - 1]]
        raw = "\n".join(p.extract_text() or "" for p in pages)
    return " ".join(raw.split())


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def save_png(
    path: Path, artifacts: Path, name: str, *, first: int = 1, last: int = 2
) -> list[Path]:
    """Render pages ``first``..``last`` at 60 dpi into the test artefacts (needs pdftoppm)."""
    if not shutil.which("pdftoppm"):
        return []
    prefix = artifacts / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last), str(path),
         str(prefix)],
        check=True,
    )  # fmt: skip
    return sorted(artifacts.glob(f"{name}-*.png"))
