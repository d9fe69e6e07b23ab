"""The sync screen: preview of an import before anything is written, apply, the conflict
queue side by side with a decision, export to a folder, and the history of bundles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.sync.screen import SyncScreen
from kinerja_desktop.ui.tasks import writer_pool
from tests.factories import Office, make_office
from tests.sync_world import Install, enrol, tree_digest


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Install, Install, Office]]:
    office_install = Install(tmp_path / "a", mode="office", name="Dinas A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    enrol(hub, office_install)
    office = make_office(office_install.db)
    yield office_install, hub, office
    office_install.close()
    hub.close()


def people_count(install: Install) -> int:
    with install.db.read(SYSTEM) as session:
        return int(session.scalar(select(func.count()).select_from(Pegawai)) or 0)


def test_preview_apply_conflict_export_history(
    qtbot: QtBot, pair: tuple[Install, Install, Office], tmp_path: Path, artifacts: Path
) -> None:
    a, hub, office = pair
    bundle = a.export_to(hub).path
    screen = SyncScreen(AppContext(hub.db, hub.home, SYSTEM))
    qtbot.addWidget(screen)
    screen.resize(1100, 650)
    screen.show()
    qtbot.waitUntil(lambda: screen.peers.rowCount() == 1)
    assert "Dinas A" in screen.peers.item(0, 0).text()
    assert "BKD" in screen.identity.text() and not screen.empty_peers.isVisible()
    screen.grab().save(str(artifacts / "sync_exchange.png"))

    hub.db.engine.dispose()
    before = tree_digest(hub.root)
    screen.open_item(bundle)
    qtbot.waitUntil(lambda: screen.apply_button.isEnabled(), timeout=10000)
    counts = {
        screen.preview_counts.item(r, 0).text(): screen.preview_counts.item(r, 1).text()
        for r in range(screen.preview_counts.rowCount())
    }
    assert counts["pegawai"] == "5" and "Dinas A" in screen.preview_title.text()
    hub.db.engine.dispose()
    assert tree_digest(hub.root) == before  # the preview wrote nothing
    screen.grab().save(str(artifacts / "sync_import_preview.png"))

    screen.apply_pending()
    qtbot.waitUntil(lambda: screen.pending is None, timeout=10000)
    assert people_count(hub) == 5 and "14" in screen.preview_title.text()

    # a concurrent edit: the hub's version and office A's
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "dewi@kantor-a.go.id"
    with hub.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "dewi@bkd.go.id"
    screen.open_item(a.export_to(hub).path)
    qtbot.waitUntil(lambda: screen.apply_button.isEnabled(), timeout=10000)
    assert "pegawai" in screen.preview_notes.toPlainText()
    screen.apply_pending()
    qtbot.waitUntil(lambda: screen.pending is None, timeout=10000)
    assert screen.conflict_list.count() == 1, screen.preview_notes.toPlainText()
    screen.tabs.setCurrentIndex(2)
    rows = {
        screen.fields.item(r, 1).text(): (
            screen.fields.item(r, 2).text(),
            screen.fields.item(r, 3).text(),
        )
        for r in range(screen.fields.rowCount())
    }
    assert rows["email"] == ("dewi@bkd.go.id", "dewi@kantor-a.go.id")
    screen.grab().save(str(artifacts / "sync_conflict.png"))
    email_row = next(r for r in range(screen.fields.rowCount())
                     if screen.fields.item(r, 1).text() == "email")  # fmt: skip
    screen.fields.item(email_row, 0).setCheckState(
        screen.fields.item(email_row, 0).checkState().Checked
    )
    assert screen.ticked_fields() == ("email",)
    screen.resolve_current("merge")
    assert screen.conflict_list.count() == 0
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).email == "dewi@kantor-a.go.id"

    # another concurrent edit, merged by editing the text by hand
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).telepon = "0811-A"
    with hub.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).telepon = "0822-BKD"
    screen.open_item(a.export_to(hub).path)
    qtbot.waitUntil(lambda: screen.apply_button.isEnabled(), timeout=10000)
    screen.apply_pending()
    qtbot.waitUntil(lambda: screen.pending is None, timeout=10000)
    assert screen.conflict_list.count() == 1, screen.preview_notes.toPlainText()
    assert screen.fields.item(0, 1).text() == "telepon"  # differences listed first
    screen.fields.item(0, 4).setText("0811-A / 0822-BKD")
    assert screen.edited_texts() == {"telepon": "0811-A / 0822-BKD"}
    screen.resolve_current("merge")
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).telepon == "0811-A / 0822-BKD"

    # export back to the office, into a chosen folder
    folder = tmp_path / "usb"
    folder.mkdir()
    screen.tabs.setCurrentIndex(0)
    screen.peers.selectRow(0)
    assert screen.export_button.isEnabled()
    screen.export_to(a.install_id, folder)
    qtbot.waitUntil(lambda: screen.last_export is not None, timeout=10000)
    assert screen.last_export is not None and screen.last_export.path.parent == folder
    assert a.import_bundle(screen.last_export.path).status == "applied"
    screen.tabs.setCurrentIndex(3)
    directions = [screen.history.item(r, 1).text() for r in range(screen.history.rowCount())]
    assert sorted(set(directions)) == ["keluar", "masuk"]
    screen.grab().save(str(artifacts / "sync_history.png"))


def test_a_file_opened_while_an_import_ends_keeps_its_own_preview(
    qtbot: QtBot, pair: tuple[Install, Install, Office]
) -> None:
    a, hub, office = pair
    first = a.export_to(hub).path
    screen = SyncScreen(AppContext(hub.db, hub.home, SYSTEM))
    qtbot.addWidget(screen)
    screen.show()
    screen.open_item(first)
    qtbot.waitUntil(lambda: screen.apply_button.isEnabled(), timeout=10000)
    screen.apply_pending()
    writer_pool().waitForDone()  # the import has ended; its result waits in the event queue
    with a.db.unit_of_work(SYSTEM) as session:
        session.get(Pegawai, office.staf.id).email = "dewi@kantor-a.go.id"
    second = a.export_to(hub).path
    screen.open_item(second)  # before the first import's result reaches the screen
    qtbot.waitUntil(lambda: screen.apply_button.isEnabled(), timeout=10000)
    assert screen.pending == second
    screen.apply_pending()
    qtbot.waitUntil(lambda: screen.pending is None, timeout=10000)
    with hub.db.read(SYSTEM) as session:
        assert session.get(Pegawai, office.staf.id).email == "dewi@kantor-a.go.id"


def test_hostile_file_is_refused_in_the_preview(
    qtbot: QtBot, pair: tuple[Install, Install, Office], tmp_path: Path
) -> None:
    _a, hub, _office = pair
    junk = tmp_path / "rusak.kinerja"
    junk.write_bytes(b"PK\x03\x04 not really a bundle")
    screen = SyncScreen(AppContext(hub.db, hub.home, SYSTEM))
    qtbot.addWidget(screen)
    screen.show()
    screen.open_item(junk)
    qtbot.waitUntil(lambda: screen.preview_notes.toPlainText() != "", timeout=10000)
    assert not screen.apply_button.isEnabled()
    assert screen.pending is None


def test_trusting_a_card_shows_both_fingerprints_and_asks_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from kinerja_desktop.services.sync import exchange as sync_service

    office = Install(tmp_path / "o", mode="office", name="Dinas C")
    hub = Install(tmp_path / "h", mode="hub", name="BKD")
    screen = SyncScreen(AppContext(office.db, office.home, SYSTEM))
    qtbot.addWidget(screen)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    card = hub.card()
    screen.trust_card(card)
    assert sync_service.peers(office.db, actor=SYSTEM) == []  # said no: nothing trusted
    theirs = sync_service.status(hub.db, hub.home, actor=SYSTEM).fingerprint
    mine = sync_service.status(office.db, office.home, actor=SYSTEM).fingerprint
    assert theirs in asked[0] and mine in asked[0]
    screen.trust_card(card)
    assert [p.name for p in sync_service.peers(office.db, actor=SYSTEM)] == ["BKD"]
    office.close()
    hub.close()


def test_removing_a_peer_names_it_with_its_fingerprint_and_asks_first(
    qtbot: QtBot, pair: tuple[Install, Install, Office], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from kinerja_desktop.services.sync import exchange as sync_service

    office_install, hub, _office = pair
    screen = SyncScreen(AppContext(office_install.db, office_install.home, SYSTEM))
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.remove_button.isEnabled()  # the only peer is the one selected
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    fingerprint = sync_service.status(hub.db, hub.home, actor=SYSTEM).fingerprint
    screen.remove_button.click()
    assert "BKD" in asked[0] and fingerprint in asked[0]
    assert [p.name for p in sync_service.peers(office_install.db, actor=SYSTEM)] == ["BKD"]
    screen.remove_button.click()
    assert sync_service.peers(office_install.db, actor=SYSTEM) == []
    assert screen.peers.rowCount() == 0 and not screen.remove_button.isEnabled()
    assert "BKD" in screen.exchange_message.text()
    # Its bundles are refused from now on.
    with pytest.raises(BundleError):
        office_install.import_bundle(hub.export_to(office_install).path)
