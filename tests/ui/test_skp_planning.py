"""Faster planning through the SKP screen, offscreen: the supervisor hands one RHK to two
staff at once, a pegawai edits and undoes with the keyboard, next year's SKP is copied from
this year's, and the administrator browses SKPs by unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import set_language
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.skp import editor, hasil_kerja, panels, screen
from kinerja_desktop.ui.skp.dialogs import HandOutDialog, IkiDialog, NewSkpDialog, RhkDialog
from kinerja_desktop.ui.skp.screen import SkpScreen
from tests.factories import Office
from tests.unit.skp_helpers import YEAR, kabid_approved


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (screen, editor, hasil_kerja, panels):
        monkeypatch.setattr(module, "show_error", fail)


def _select(panel: hasil_kerja.HasilKerjaPanel, kind: str, text: str) -> None:
    for item in panel._items():
        key = item.data(0, hasil_kerja.ROLE)
        if key and key[0] == kind and item.text(1).startswith(text):
            panel.tree.setCurrentItem(item)
            return
    raise AssertionError(f"no {kind} row {text!r}")


def test_hand_out_edit_undo_copy_and_unit_list(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    set_language("en")
    kabid_skp, _kabid_rhk = kabid_approved(db, office)
    ctx = AppContext(db, home, office.kabid.actor)
    view = SkpScreen(ctx)
    qtbot.addWidget(view)
    view.resize(1500, 900)
    view.show()
    view.year.setValue(YEAR)

    # the supervisor opens their own approved SKP and hands an RHK to both staff
    view.open_item(kabid_skp)
    panel = view.editor.hasil_kerja
    assert panel.buttons["add_rhk"].isHidden()  # approved: no editing
    _select(panel, "rhk", "Tersusunnya laporan bidang")
    assert not panel.buttons["handout"].isHidden()
    dialog = panel.hand_out()
    assert isinstance(dialog, HandOutDialog)
    assert dialog.people.count() == 2
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [(r.nama, r.added) for r in dialog.results] == [
        ("Agus Pratama", True),
        ("Dewi Lestari", True),
    ]
    assert "Handed out" in panel.hint.text()
    assert view.team.topLevelItemCount() == 2  # both now have a draft

    # a pegawai adjusts the handed-out RHK: adds an IKI with Shift+Insert, edits it, undoes
    ctx.set_actor(office.staf.actor)
    view.open_item(None)
    assert view.editor.detail is not None
    rhk = view.editor.detail.rhk[0]
    assert rhk.intervensi_teks == "Tersusunnya laporan bidang" and len(rhk.iki) == 1
    panel.tree.setFocus()
    _select(panel, "rhk", "Tersusunnya laporan bidang")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    iki_dialog = panel.dialog
    assert isinstance(iki_dialog, IkiDialog)
    iki_dialog.iki.teks.setText("Ketepatan waktu laporan")
    iki_dialog.iki.kind.setCurrentIndex(iki_dialog.iki.kind.findData("waktu"))
    iki_dialog.iki.target_min.setText("12")
    iki_dialog.iki.satuan.setText("bulan")
    iki_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(view.editor.detail.rhk[0].iki) == 2
    _select(panel, "rhk", "Tersusunnya laporan bidang")
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    rhk_dialog = panel.dialog
    assert isinstance(rhk_dialog, RhkDialog) and rhk_dialog.first_iki is None
    rhk_dialog.teks.setPlainText("Tersusunnya laporan pelayanan bulanan")
    rhk_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert view.editor.detail.rhk[0].teks == "Tersusunnya laporan pelayanan bulanan"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.detail.rhk[0].teks == "Tersusunnya laporan bidang"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(view.editor.detail.rhk[0].iki) == 1
    qtbot.keyClick(panel.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(view.editor.detail.rhk[0].iki) == 2
    view.grab().save(str(artifacts / "skp-screen-handed-out.png"))

    # next year: "New SKP" offers to copy this year's
    new = view.new_skp()
    assert isinstance(new, NewSkpDialog)
    new.year.setValue(YEAR + 1)
    assert new.copy.isEnabled() and new.copy.isChecked()
    new.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    copied = view.editor.detail
    assert copied is not None and copied.summary.tahun == YEAR + 1
    assert [len(r.iki) for r in copied.rhk] == [2]
    assert copied.rhk[0].intervensi_rhk_id is None and copied.problems  # link chosen again
    assert view.year.value() == YEAR + 1

    # the administrator browses by unit
    ctx.set_actor(office.admin.actor)
    assert view.lists.isTabVisible(view.unit_tab)
    view.year.setValue(YEAR)
    view.unit.setCurrentIndex(view.unit.findData("BID1"))
    names = sorted(
        view.unit_list.topLevelItem(i).text(0) for i in range(view.unit_list.topLevelItemCount())
    )
    assert names == ["Agus Pratama", "Dewi Lestari", "Siti Rahmawati"]
    assert skp_queries.list_skp(db, actor=office.admin.actor, tahun=YEAR + 1)[0].nama == (
        "Dewi Lestari"
    )
