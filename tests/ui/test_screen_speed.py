"""Areas that are fast by construction (issue 16: switching under 100 ms, the first visit of
Evaluasi under 300 ms on the 20,000-person demo; bench/bench_screens.py measures it): showing
an area again reads nothing when nothing changed, the change events make it read again; the
Evaluation area opens with its first tab alone, loading neither the SIASN export's libraries
nor the office's units before they are wanted."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import unit_scope
from kinerja_desktop.services.evaluation import evaluations
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.factories import Office

PROBE = """
import json, sys
import kinerja_desktop.ui.evaluation.screen
print(json.dumps(sorted(m for m in (
    "reportlab", "openpyxl", "kinerja_desktop.ui.evaluation.siasn_tab",
    "kinerja_desktop.ui.evaluation.distribution_tab",
) if m in sys.modules)))
"""


def test_the_evaluation_area_loads_no_export_library() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_showing_an_area_again_reads_nothing_until_something_changes(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _counting(monkeypatch, people, "list_people")
    evaluated = _counting(monkeypatch, evaluations, "evaluatees")
    window = MainWindow(AppContext(db, home, office.kabid.actor))
    qtbot.addWidget(window)
    window.show()
    for area in AREAS:
        window.open_area(area.key, None)
    before = (len(listed), len(evaluated))
    assert before[0] and before[1]
    for _round in range(3):
        for key in ("home", "people", "evaluation", "monitoring", "people"):
            window.open_area(key, None)
            qtbot.wait(1)
    assert (len(listed), len(evaluated)) == before
    # A change to a person: the people list (and the evaluation's list) are read again.
    row = people.get_person(db, actor=office.admin.actor, pegawai_id=office.staf.id)
    data = people.PegawaiInput(
        nip=row.nip, nama="Dewi Lestari Putri", golongan=row.golongan, unit_kode=row.unit_kode,
        penilai_nip=row.penilai_nip, jabatan_id=row.jabatan_id,
    )  # fmt: skip
    people.update_person(db, actor=office.admin.actor, pegawai_id=office.staf.id, data=data)
    qtbot.waitUntil(lambda: len(listed) > before[0])
    assert len(evaluated) > before[1]


def test_the_siasn_tab_reads_the_units_when_first_shown(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _counting(monkeypatch, unit_scope, "viewable_units")
    window = MainWindow(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(window)
    window.show()
    window.open_area("evaluation", None)
    screen = window.area_screen("evaluation")
    assert screen.siasn_page.built is None  # type: ignore[attr-defined]
    assert screen.distribution_page.built is None  # type: ignore[attr-defined]
    shown_units = len(read)
    screen.tabs.setCurrentWidget(screen.siasn_page)  # type: ignore[attr-defined]
    assert len(read) == shown_units + 1
    assert screen.siasn_page.built.unit.findData("BID1") >= 0  # type: ignore[attr-defined]
    screen.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    screen.tabs.setCurrentWidget(screen.siasn_page)  # type: ignore[attr-defined]
    assert len(read) == shown_units + 1
