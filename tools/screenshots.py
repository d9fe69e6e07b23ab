"""Screenshots of every area at 1366×768 and 1024×600, from a fresh demo office, offscreen:

    make screenshots        (QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py)

writes docs/images/screen-<area>.png (1366×768, the README's) and
docs/images/screen-<area>-1024.png (1024×600), and copies the 1024×600 ones into
resources/guide/images/ for the user guide (Panduan Pengguna) the program ships. The demo
office is generated with a fixed seed and date; the areas are shown as a supervisor who is
also the office's administrator sees them (in Monitoring, the realisasi form of their first
indicator).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo import generator as demo
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.ui.application import install_translators
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
GUIDE = ROOT / "resources" / "guide" / "images"
TODAY = dt.date(2026, 11, 27)
SIZES = {"": QSize(1366, 768), "-1024": QSize(1024, 600)}


def _settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def _show_first_indicator(screen: object) -> None:
    """Choose the first indicator of the period shown: its realisasi form is what the guide
    describes."""
    panel = screen.sheet  # type: ignore[attr-defined]
    sheet = panel.sheet
    first = next((iki for rhk in sheet.rhk for iki in rhk.iki), None) if sheet else None
    if first is not None:
        panel.select("iki", first.id)


def main() -> int:
    set_language("id")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_translators(app)
    OUT.mkdir(parents=True, exist_ok=True)
    GUIDE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = DataHome(Path(tmp) / "home")
        db, _result = open_home(home)
        demo.generate_demo(db, employees=300, seed=7, year=TODAY.year, today=TODAY)
        everyone = people.list_people(db, actor=SYSTEM)
        counts: dict[str, int] = {}
        for person in everyone:
            if person.penilai_id:
                counts[person.penilai_id] = counts.get(person.penilai_id, 0) + 1
        supervisor = max(
            (p for p in everyone if p.penilai_id),
            key=lambda p: (min(counts.get(p.id, 0), 8), p.nip),
        )
        actor = Actor(user_id=None, pegawai_id=supervisor.id, name=supervisor.nama_lengkap,
                      roles=frozenset({Role.PEGAWAI, Role.PENGELOLA}))  # fmt: skip
        own_skp = skp_queries.list_skp(db, actor=actor, tahun=TODAY.year, scope="mine")
        payloads: dict[str, object] = {"skp": own_skp[0].id if own_skp else None}
        for suffix, size in SIZES.items():
            window = MainWindow(AppContext(db, home, actor))
            window.resize(size)
            window.show()
            for area in AREAS:
                window.open_area(area.key, payloads.get(area.key))
                home_screen = window.area_screen("home")
                if area.key == "home":
                    home_screen.reload(TODAY)  # type: ignore[attr-defined]
                if area.key == "monitoring":
                    _show_first_indicator(window.area_screen("monitoring"))
                _settle(app)
                target = OUT / f"screen-{area.key}{suffix}.png"
                window.grab().save(str(target))
                print(f"wrote {target.relative_to(ROOT)}")
                if suffix:
                    shutil.copyfile(target, GUIDE / f"{area.key}.png")
            window.close()
            window.deleteLater()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
