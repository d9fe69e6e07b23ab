"""Take the README's screenshots (docs/images/) from a fresh demo office, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

The demo office is generated with a fixed seed; the windows are shown as a supervisor of
that office would see them (people as the administrator).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
AREAS = ["home", "people", "skp", "monitoring", "coaching", "evaluation", "print", "sync"]


def main() -> int:
    set_language("id")
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        home = DataHome(Path(tmp) / "home")
        db, _result = open_home(home)
        demo.generate_demo(db, employees=300, seed=7)
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
        window = MainWindow(AppContext(db, home, actor))
        window.resize(1366, 800)
        window.show()
        OUT.mkdir(parents=True, exist_ok=True)
        own_skp = skp_queries.list_skp(db, actor=actor, scope="mine")
        payloads: dict[str, object] = {
            "skp": own_skp[0].id if own_skp else None,
            "monitoring": supervisor.id,
            "coaching": supervisor.id,
        }
        for key in AREAS:
            window.open_area(key, payloads.get(key))
            for _ in range(20):
                app.processEvents()
            window.grab().save(str(OUT / f"screen-{key}.png"))
            print(f"wrote docs/images/screen-{key}.png")
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
