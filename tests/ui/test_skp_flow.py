"""The whole SKP planning path driven through the SKP screen, offscreen: a pegawai drafts an
SKP with two RHK utama (each supporting one of the supervisor's RHK) and one tambahan, using
the keyboard (Insert, F2, Delete with Ctrl+Z, Ctrl+Up/Down), and submits; the supervisor
writes an expectation and returns it with a reason; the pegawai reads the reason, fixes a
target and resubmits; the supervisor approves. Screenshots of the editor and the matriks
peran hasil go to the test artefacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import JenisRhk, SkpStatus
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import plan as skp_service
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.skp import editor, hasil_kerja, panels, screen
from kinerja_desktop.ui.skp.dialogs import IkiDialog, RhkDialog, ServiceDialog
from kinerja_desktop.ui.skp.screen import SkpScreen
from tests.factories import Office
from tests.unit.skp_helpers import YEAR, kabid_approved

REASON = "Target laporan terlalu rendah; naikkan menjadi 24."


@pytest.fixture(autouse=True)
def _errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block offscreen: any error shown fails the test instead."""

    def fail(_parent: Any, error: BaseException, *_args: Any) -> None:
        raise AssertionError(f"error shown: {error}")

    for module in (screen, editor, hasil_kerja, panels):
        monkeypatch.setattr(module, "show_error", fail)


def _ok(dialog: ServiceDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _key(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, mods)


def _select(view: screen.SkpScreen, kind: str, text: str) -> None:
    panel = view.editor.hasil_kerja
    for item in panel._items():
        key = item.data(0, hasil_kerja.ROLE)
        if key and key[0] == kind and item.text(1).startswith(text):
            panel.tree.setCurrentItem(item)
            return
    raise AssertionError(f"no {kind} row {text!r}")


def _fill_rhk(
    dialog: RhkDialog,
    text: str,
    *,
    supports: int | None,
    jenis: JenisRhk,
    iki: str,
    target: str,
    satuan: str,
    penugasan: str = "",
) -> None:
    dialog.jenis.setCurrentIndex(dialog.jenis.findData(jenis))
    dialog.teks.setPlainText(text)
    if supports is not None:
        dialog.intervensi.setCurrentIndex(supports)
    dialog.penugasan.setText(penugasan)
    assert dialog.first_iki is not None
    dialog.first_iki.teks.setText(iki)
    dialog.first_iki.target_min.setText(target)
    dialog.first_iki.satuan.setText(satuan)


def test_draft_submit_return_fix_approve(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    set_language("en")
    kabid_approved(db, office)
    ctx = AppContext(db, home, office.staf.actor)
    view = SkpScreen(ctx)
    qtbot.addWidget(view)
    view.resize(1500, 900)
    view.show()
    view.year.setValue(YEAR)
    assert (
        view.mine.topLevelItem(0).text(0).startswith("You have no SKP")
    )  # empty list says what to do

    # the pegawai creates the SKP (annual by default)
    new = view.new_skp()
    assert new is not None and new.person.currentData() == office.staf.id
    _ok(new)
    assert view.editor.detail is not None
    skp_id = view.editor.detail.id
    panel = view.editor.hasil_kerja
    tree = panel.tree
    assert view.editor.buttons["submit"].isHidden() is False
    assert not view.editor.buttons["submit"].isEnabled()  # nothing in it yet

    # Insert on the empty tree adds a core RHK; the picker offers the supervisor's RHK
    tree.setFocus()
    _select_group(panel, JenisRhk.UTAMA)
    _key(qtbot, tree, Qt.Key.Key_Insert)
    dialog = panel.dialog
    assert isinstance(dialog, RhkDialog)
    offered = [dialog.intervensi.itemText(i) for i in range(dialog.intervensi.count())]
    assert offered == [
        "(none)",
        "1. Terlaksananya pelayanan bidang",
        "2. Tersusunnya laporan bidang",
    ]
    _fill_rhk(
        dialog,
        "Terlayaninya permohonan dokumen kependudukan",
        supports=1,
        jenis=JenisRhk.UTAMA,
        iki="Jumlah permohonan terlayani",
        target="dua belas",
        satuan="permohonan",
    )
    _ok(dialog)
    assert (
        dialog.isVisible() and "must be a number" in dialog.error.text()
    )  # "1.200" is refused here
    dialog.first_iki.target_min.setText("1200")
    _ok(dialog)
    assert not dialog.isVisible()

    # second core RHK, from the button, supporting the supervisor's second RHK
    dialog = panel.add_rhk(JenisRhk.UTAMA)
    assert dialog is not None
    _fill_rhk(
        dialog,
        "Tersusunnya laporan pelayanan bulanan",
        supports=2,
        jenis=JenisRhk.UTAMA,
        iki="Jumlah laporan",
        target="12",
        satuan="laporan",
    )
    _ok(dialog)
    # an additional RHK, assigned by the head of the office
    _select_group(panel, JenisRhk.TAMBAHAN)
    _key(qtbot, tree, Qt.Key.Key_Insert)
    dialog = panel.dialog
    assert isinstance(dialog, RhkDialog)
    assert dialog.jenis.currentData() == JenisRhk.TAMBAHAN
    _fill_rhk(
        dialog,
        "Menjadi panitia Hari Jadi Kabupaten",
        supports=None,
        jenis=JenisRhk.TAMBAHAN,
        iki="Kegiatan terlaksana",
        target="1",
        satuan="kegiatan",
        penugasan="Kepala Dinas",
    )
    _ok(dialog)

    detail = view.editor.detail
    assert [(r.jenis, r.teks[:12]) for r in detail.rhk] == [
        (JenisRhk.UTAMA, "Terlayaninya"),
        (JenisRhk.UTAMA, "Tersusunnya "),
        (JenisRhk.TAMBAHAN, "Menjadi pani"),
    ]
    assert detail.problems == ()

    # keyboard: reorder, delete with undo, duplicate then undo
    _select(view, "rhk", "Tersusunnya laporan")
    _key(qtbot, tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.detail.rhk[0].teks.startswith("Tersusunnya")
    _key(qtbot, tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.detail.rhk[0].teks.startswith("Terlayaninya")
    _select(view, "rhk", "Terlayaninya")
    _key(qtbot, tree, Qt.Key.Key_Delete)
    assert len(view.editor.detail.rhk) == 2
    _key(qtbot, tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = view.editor.detail.rhk
    assert len(restored) == 3 and restored[0].teks.startswith("Terlayaninya")
    assert restored[0].iki[0].target_min == 1200
    _select(view, "rhk", "Terlayaninya")
    _key(qtbot, tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(view.editor.detail.rhk) == 4
    _key(qtbot, tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(view.editor.detail.rhk) == 3

    # appendix
    view.editor.lampiran.edits[next(iter(view.editor.lampiran.edits))].setPlainText(
        "Komputer dan akses SIAK\nPelatihan layanan"
    )
    view.editor.lampiran.save_button.click()
    assert len(next(iter(view.editor.detail.lampiran.values()))) == 2

    view.editor.buttons["submit"].click()
    assert view.editor.detail.status is SkpStatus.DIAJUKAN
    assert panel.buttons["add_rhk"].isHidden()

    # the supervisor: inbox, expectation, return with a reason
    ctx.set_actor(office.kabid.actor)
    assert view.lists.tabText(2) == "Waiting for me (1)"
    view.lists.setCurrentIndex(2)
    view.inbox.setCurrentItem(view.inbox.topLevelItem(0))
    assert view.editor.detail is not None and view.editor.detail.id == skp_id
    assert view.editor.buttons["approve"].isVisible()
    view.editor.tabs.setCurrentIndex(1)
    view.editor.perilaku.edits["kolaboratif"].setPlainText("Aktif berbagi data dengan bidang lain")
    view.editor.perilaku.save_button.click()
    assert {p.nilai_id: p.ekspektasi for p in view.editor.detail.perilaku}["kolaboratif"]
    view.editor.tabs.setCurrentIndex(0)
    view.editor.grab().save(str(artifacts / "skp-editor-supervisor.png"))
    reason = view.editor.return_skp()
    assert reason is not None
    _ok(reason)
    assert reason.isVisible() and reason.error.isVisible()  # a reason is required
    reason.reason.setPlainText(REASON)
    _ok(reason)
    assert view.editor.detail.status is SkpStatus.DIKEMBALIKAN
    assert view.lists.tabText(2) == "Waiting for me (0)"

    # the pegawai reads the reason, raises the target (F2 on the IKI) and resubmits
    ctx.set_actor(office.staf.actor)
    view.open_item(skp_id)
    assert view.editor.returned.isVisible() and REASON in view.editor.returned.text()
    assert not view.editor.perilaku.save_button.isVisibleTo(view.editor.perilaku)
    _select(view, "iki", "Jumlah laporan")
    _key(qtbot, tree, Qt.Key.Key_F2)
    iki_dialog = panel.dialog
    assert isinstance(iki_dialog, IkiDialog)
    iki_dialog.iki.target_min.setText("24")
    _ok(iki_dialog)
    fixed = [i for r in view.editor.detail.rhk for i in r.iki if i.teks == "Jumlah laporan"]
    assert fixed[0].target_min == 24
    view.editor.grab().save(str(artifacts / "skp-editor-returned.png"))
    view.editor.buttons["submit"].click()
    assert view.editor.detail.status is SkpStatus.DIAJUKAN

    # the supervisor approves
    ctx.set_actor(office.kabid.actor)
    view.open_item(skp_id)
    view.editor.buttons["approve"].click()
    approved = skp_queries.get_skp(db, actor=office.kabid.actor, skp_id=skp_id)
    assert approved.status is SkpStatus.DISETUJUI
    assert approved.penilai is not None and approved.penilai.nama == "Siti Rahmawati"
    assert [e.jenis for e in approved.events] == [
        "create",
        "submit",
        "return",
        "submit",
        "approve",
    ]
    assert view.editor.buttons["revise"].isVisible()
    view.editor.grab().save(str(artifacts / "skp-editor-approved.png"))

    # the matriks peran hasil of the unit, with a colleague's RHK that supports nothing yet
    loose = skp_create.create_skp(
        db, actor=office.staf2.actor, pegawai_id=office.staf2.id, tahun=YEAR
    )
    skp_edit.add_rhk(
        db,
        actor=office.staf2.actor,
        skp_id=loose.id,
        data=skp_service.RhkInput("Terkelolanya arsip bidang"),
    )
    view.tabs.setCurrentIndex(1)
    view.matriks.year.setValue(YEAR)
    view.matriks.select_unit("BID1")
    task = view.matriks.load()
    assert task is not None
    qtbot.waitUntil(lambda: view.matriks.matriks is not None, timeout=5000)
    model = view.matriks.model
    top = model.index(0, 0)
    assert top.data() == "Terlaksananya pelayanan bidang"
    assert model.index(0, 0, top).data() == "Terlayaninya permohonan dokumen kependudukan"
    assert model.index(0, 1, top).data() == "Dewi Lestari"
    assert view.matriks.tree.isExpanded(top)
    loose_section = model.index(2, 0)
    assert str(loose_section.data()).startswith("Staff RHK that support")
    assert model.index(0, 0, loose_section).data() == "Terkelolanya arsip bidang"
    assert model.index(0, 0, loose_section).data(Qt.ItemDataRole.ForegroundRole) is not None
    view.grab().save(str(artifacts / "skp-matriks-peran-hasil.png"))


def _select_group(panel: hasil_kerja.HasilKerjaPanel, jenis: JenisRhk) -> None:
    for item in panel._items():
        if item.data(0, hasil_kerja.ROLE) == ("group", jenis.value):
            panel.tree.setCurrentItem(item)
            return
    raise AssertionError("no group row")
