"""Settings panels: the administrator adds an account and resets a password (temporary
passwords shown once), a pegawai sees only "change my password"; backups made from the panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, backup
from kinerja_desktop.ui.accounts import accounts_panel
from kinerja_desktop.ui.accounts.accounts_panel import AccountDialog, AccountsPanel, BackupsPanel
from kinerja_desktop.ui.context import AppContext
from tests.factories import Office
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]


@pytest.fixture
def admin_ctx(db: Database, home: DataHome, office: Office) -> AppContext:
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1", nip=office.admin.nip,
        roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    actor = accounts.login(db, username="rina", password="admin-pass-1").actor
    return AppContext(db, home, actor)


def test_add_account_and_reset_password(
    qtbot: QtBot, admin_ctx: AppContext, office: Office, monkeypatch: pytest.MonkeyPatch,
    artifacts: Path,
) -> None:  # fmt: skip
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        accounts_panel, "show_temporary_password", lambda _p, u, pw, **_kw: shown.append((u, pw))
    )
    panel = AccountsPanel(admin_ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 1

    def fill() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, AccountDialog) and w.isVisible()
        )
        dialog.username.setText("dewi")
        assert dialog.person.select(office.staf.id)
        dialog.save()

    QTimer.singleShot(0, fill)
    panel.add_account()
    assert panel.table.rowCount() == 2 and shown[0][0] == "dewi"
    first = accounts.login(admin_ctx.db, username="dewi", password=shown[0][1])
    assert first.must_change_password and first.actor.pegawai_id == office.staf.id
    panel.table.selectRow([r.username for r in panel.rows].index("dewi"))
    panel.reset_password()
    assert shown[1][0] == "dewi" and shown[1][1] != shown[0][1]
    assert accounts.login(admin_ctx.db, username="dewi", password=shown[1][1]).must_change_password
    panel.grab().save(str(artifacts / "accounts_panel.png"))


def test_pegawai_sees_only_own_password(
    qtbot: QtBot, admin_ctx: AppContext, office: Office
) -> None:
    admin_ctx.set_actor(office.staf.actor)
    panel = AccountsPanel(admin_ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.admin.isVisible() and panel.change_own.isVisible()
    holder = QWidget()
    qtbot.addWidget(holder)
    backups = BackupsPanel(admin_ctx, holder)
    holder.show()
    assert not backups.isVisible()


def test_backup_now_and_check(qtbot: QtBot, admin_ctx: AppContext, home: DataHome) -> None:
    panel = BackupsPanel(admin_ctx)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 0
    panel.now.click()
    assert panel.table.rowCount() == 1 and len(backup.list_backups(home)) == 1
    panel.check.click()
    assert str(home.database) in panel.status.text()
    assert "audit" in panel.status.text().lower()


def test_check_names_the_first_tampered_audit_entry(
    qtbot: QtBot, admin_ctx: AppContext, home: DataHome
) -> None:
    import sqlite3

    with sqlite3.connect(home.database) as conn:
        first = conn.execute("SELECT min(id) FROM audit_log").fetchone()[0]
        conn.execute("UPDATE audit_log SET actor_name = 'x' WHERE id = ?", (first,))
    conn.close()
    panel = BackupsPanel(admin_ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.check.click()
    assert str(first) in panel.status.text()
    assert str(home.database) not in panel.status.text()
