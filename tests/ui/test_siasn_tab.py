"""The "Serah ke SIASN" tab of the Evaluasi screen, offscreen at 1024x600: the report per
person, the export through the background task, the status afterwards, and "changed since
handed over" on the evaluation form after an amendment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisJabatan, Rating
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation import evaluation_tab, siasn_tab
from kinerja_desktop.ui.evaluation.screen import EvaluationScreen
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (evaluation_tab, siasn_tab):
        monkeypatch.setattr(module, "show_error", fail)


def _statuses(tab: siasn_tab.SiasnTab) -> dict[str, str]:
    people = tab.people
    return {
        people.topLevelItem(i).text(0): people.topLevelItem(i).text(4)
        for i in range(people.topLevelItemCount())
    }


def test_serah_ke_siasn_tab(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path, tmp_path: Path
) -> None:
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    kabid = office.kabid.actor
    for person in (office.staf, office.staf2):
        evaluation.save_evaluation(db, actor=kabid, pegawai_id=person.id, periode="2026",
                                   rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026")
    ctx = AppContext(db, home, office.admin.actor)
    screen = EvaluationScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    screen.set_period("2026")
    tab = screen.siasn
    assert screen.tabs.isTabVisible(screen.tabs.indexOf(screen.siasn_page))
    screen.tabs.setCurrentWidget(screen.siasn_page)
    statuses = _statuses(tab)
    assert statuses[office.staf.nip] == "Siap"
    assert "belum final" in statuses[office.staf2.nip]
    assert "SKP" in statuses[office.kepala.nip]  # no approved SKP
    assert "1 siap, 4 tidak dapat diserahkan" in tab.summary.text()
    assert tab.minimumSizeHint().width() <= 1024 and screen.minimumSizeHint().height() <= 600
    assert screen.grab().save(str(artifacts / "siasn_tab.png"))
    out = tmp_path / "serah"
    tab.export_to(out)
    qtbot.waitUntil(lambda: (out / "manifest.json").exists(), timeout=20000)
    qtbot.waitUntil(lambda: "Diserahkan" in _statuses(tab)[office.staf.nip], timeout=10000)
    assert (out / f"{office.staf.nip}_2026.pdf").exists()
    evaluation.amend_evaluation(
        db, actor=kabid, pegawai_id=office.staf.id, periode="2026", alasan="Koreksi",
        rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS,
    )  # fmt: skip
    tab.reload()
    assert "Berubah sejak diserahkan" in _statuses(tab)[office.staf.nip]
    kabid_ctx = AppContext(db, home, kabid)
    form = evaluation_tab.EvaluationTab(kabid_ctx)
    qtbot.addWidget(form)
    form.set_period("2026")
    form.open_person(office.staf.id)
    assert "berubah sejak diserahkan ke SIASN" in form.status.text()
    screen.tabs.setCurrentWidget(screen.evaluation)
    screen.reload()
    assert tab.stale  # hidden: the report waits until the tab is shown again
    screen.tabs.setCurrentWidget(screen.siasn_page)
    assert not tab.stale
    other = EvaluationScreen(kabid_ctx)
    qtbot.addWidget(other)
    assert not other.tabs.isTabVisible(other.tabs.indexOf(other.siasn_page))
