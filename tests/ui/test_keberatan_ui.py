"""The keberatan in the evaluation tab offscreen: the pegawai objects to their final
evaluation, the atasan pejabat penilai sets new ratings and decides; afterwards nothing is
offered any more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Predikat, Rating
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.evaluation import evaluation_tab
from kinerja_desktop.ui.evaluation.evaluation_tab import EvaluationTab
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    monkeypatch.setattr(evaluation_tab, "show_error", fail)


def _tab(qtbot: QtBot, db: Database, home: DataHome, office: Office, who: str) -> EvaluationTab:
    tab = EvaluationTab(AppContext(db, home, getattr(office, who).actor))
    qtbot.addWidget(tab)
    tab.resize(1000, 560)
    tab.show()
    tab.set_period("2026-S1")
    tab.open_person(office.staf.id)
    return tab


def test_object_and_decide_in_the_evaluation_tab(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    make_skp(db, office.staf, office.kabid)
    kabid = office.kabid.actor
    evaluation.save_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-S1",
                               rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    evaluation.finalize_evaluation(db, actor=kabid, pegawai_id=office.staf.id, periode="2026-S1")

    mine = _tab(qtbot, db, home, office, "staf")
    assert mine.object_button.isVisible() and not mine.decide_button.isVisible()
    mine.file_objection("Realisasi Juni belum dihitung")
    assert not mine.object_button.isVisible()
    assert "menunggu keputusan Ir. Bambang Sutrisno" in mine.objection.text()

    penilai = _tab(qtbot, db, home, office, "kabid")
    assert not penilai.amend_button.isVisible() and not penilai.decide_button.isVisible()

    atasan = _tab(qtbot, db, home, office, "kepala")
    assert atasan.decide_button.isVisible() and atasan.rating_hasil.isEnabled()
    atasan.rating_hasil.setCurrentIndex(atasan.rating_hasil.findData(Rating.DI_ATAS))
    atasan.rating_perilaku.setCurrentIndex(atasan.rating_perilaku.findData(Rating.DI_ATAS))
    atasan.decide_objection("Bukti laporan Juni sah")
    assert atasan.row is not None and atasan.row.predikat is Predikat.SANGAT_BAIK
    assert not atasan.decide_button.isVisible()
    assert "(final)" in atasan.objection.text()
    atasan.grab().save(str(artifacts / "evaluation-keberatan-decided.png"))
