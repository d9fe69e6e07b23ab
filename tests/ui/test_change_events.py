"""Screens refresh from the data layer's change events, with no notify call by anyone.

An account created through the service (as another window or the command line would) shows
in the open accounts panel; a sync import run on a worker thread refreshes, on the GUI thread,
the screens of the tables it touched.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.ui.accounts.accounts_panel import AccountsPanel
from kinerja_desktop.ui.context import TABLE_AREAS, AppContext, areas_of
from kinerja_desktop.ui.people.screen import PeopleScreen
from tests.factories import Office
from tests.sync_world import Install, add_person, enrol
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


def test_creating_an_account_refreshes_the_accounts_panel(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    accounts.create_account(db, actor=SYSTEM, username="rina", password="admin-pass-1",
                            nip=office.admin.nip, roles={Role.PENGELOLA})  # fmt: skip
    admin = accounts.login(db, username="rina", password="admin-pass-1").actor
    panel = AccountsPanel(AppContext(db, home, admin))
    qtbot.addWidget(panel)
    assert [r.username for r in panel.rows] == ["rina"]
    accounts.create_account(db, actor=admin, username="dewi", password="dewi-pass-1",
                            nip=office.staf.nip)  # fmt: skip
    assert sorted(r.username for r in panel.rows) == ["dewi", "rina"]
    assert panel.table.rowCount() == 2


def test_a_sync_import_on_a_worker_thread_refreshes_the_screens_it_touched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    office = Install(tmp_path / "a", mode="office", name="Kantor A")
    hub = Install(tmp_path / "hub", mode="hub", name="BKD")
    try:
        enrol(hub, office)
        add_person(office, "199001012015012001", "Dewi Lestari")
        bundle = office.export_to(hub).path
        ctx = AppContext(hub.db, hub.home, SYSTEM)
        screen = PeopleScreen(ctx)
        qtbot.addWidget(screen)
        screen.reload()
        assert screen.model.total() == 0
        areas: list[tuple[str, bool]] = []
        ctx.data_changed.connect(
            lambda area: areas.append((area, QThread.currentThread() is ctx.thread()))
        )
        worker = threading.Thread(target=hub.import_bundle, args=(bundle,))
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: screen.model.total() == 1)
        assert ("people", True) in areas and ("sync", True) in areas
        assert all(on_gui_thread for _area, on_gui_thread in areas)
        assert "Dewi Lestari" in screen.model.person(0).nama
    finally:
        office.close()
        hub.close()


def test_every_table_belongs_to_areas_and_an_unknown_one_refreshes_everything() -> None:
    from kinerja_desktop.models.base import Base

    assert set(Base.metadata.tables) == set(TABLE_AREAS)
    assert areas_of(frozenset({"pegawai", "audit_log", "install_state"})) == ["audit", "people"]
    assert areas_of(frozenset({"pegawai", "a_new_table"})) == ["*"]


def test_every_table_belongs_to_the_areas_it_concerns() -> None:
    """A table missing from ``TABLE_AREAS`` would refresh every screen on each change."""
    import kinerja_desktop.models  # noqa: F401  (registers every table)
    from kinerja_desktop.models.base import Base
    from kinerja_desktop.ui.context import TABLE_AREAS

    assert set(Base.metadata.tables) - set(TABLE_AREAS) == set()
