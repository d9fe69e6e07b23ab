"""Write the user guide as PDFs for printing (run by ``make guide``, after ``make screenshots``):

docs/panduan-pengguna.pdf   Indonesian
docs/user-guide.pdf         English
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kinerja_desktop.ui.guide import write_pdf

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main() -> int:
    _app = QApplication.instance() or QApplication(sys.argv)
    for language, name in (("id", "panduan-pengguna.pdf"), ("en", "user-guide.pdf")):
        pages = write_pdf(DOCS / name, language)
        print(f"wrote docs/{name} ({pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
