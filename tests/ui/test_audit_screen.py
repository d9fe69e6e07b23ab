"""The audit log screen: entries listed newest first, filtered by person and record, the
selected entry's before/after shown, nothing editable, and a pegawai sees only their own."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.audit.screen import AuditScreen
from kinerja_desktop.ui.context import AppContext
from tests.factories import Office


def rename(db: Database, office: Office, name: str) -> None:
    row = people.get_person(db, actor=office.admin.actor, pegawai_id=office.staf.id)
    data = people.PegawaiInput(
        nip=row.nip, nama=name, golongan=row.golongan, unit_kode=row.unit_kode,
        penilai_nip=row.penilai_nip, jabatan_id=row.jabatan_id,
    )  # fmt: skip
    people.update_person(db, actor=office.admin.actor, pegawai_id=office.staf.id, data=data)


def test_audit_screen_filters_and_shows_changes(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    rename(db, office, "Dewi Lestari Putri")
    ctx = AppContext(db, home, office.admin.actor)
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 600)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    everything = screen.model.rowCount()
    screen.open_item(office.staf.id)
    assert 0 < screen.model.rowCount() < everything
    assert {r.pegawai_id for r in screen.model.rows} == {office.staf.id}
    first = screen.model.index(0, 0)
    screen.table.setCurrentIndex(first)
    assert "Dewi Lestari → Dewi Lestari Putri" in screen.detail.toPlainText()
    assert screen.detail.isReadOnly()
    assert not (screen.model.flags(first) & screen.model.flags(first).ItemIsEditable)
    screen.grab().save(str(artifacts / "audit_screen.png"))
    screen.open_item({"table": "pegawai", "record_id": office.kabid.id})
    assert [r.record_id for r in screen.model.rows] == [office.kabid.id]


def test_pegawai_sees_only_own_entries(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    rename(db, office, "Dewi L.")
    ctx = AppContext(db, home, office.staf2.actor)
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.count.text() != "")
    assert {r.pegawai_id for r in screen.model.rows} <= {office.staf2.id}
    screen.open_item(office.staf.id)
    assert screen.model.rowCount() == 0 or all(
        r.pegawai_id == office.staf2.id for r in screen.model.rows
    )


def test_security_events_are_shown_with_labels(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    from kinerja_desktop.db import tracking
    from kinerja_desktop.i18n import set_language
    from kinerja_desktop.services.admin import audit

    set_language("en")
    with db.unit_of_work(office.admin.actor) as session:
        tracking.record_event(
            session, action=audit.EVENT_LOGIN_FAILED, subject=audit.SUBJECT_SESSION,
            details={"username": "nobody"},
        )  # fmt: skip
        tracking.record_event(
            session, action=audit.EVENT_SYNC_IMPORT, subject=audit.SUBJECT_SYNC,
            record_id="bundle-1", details={"sender": "Kantor A", "inserted": 3},
        )  # fmt: skip
    ctx = AppContext(db, home, office.admin.actor)
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    shown = [
        [screen.model.data(screen.model.index(row, col)) for col in range(6)] for row in range(2)
    ]
    assert shown[0][2:4] == ["sync bundle imported", "Sync"]
    assert shown[1][2:4] == ["login failed", "Login"]
    kinds = [screen.kind.itemText(i) for i in range(screen.kind.count())]
    assert "Login" in kinds and "session" not in kinds and "pegawai" not in kinds
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    assert "Sender: Kantor A" in screen.detail.toPlainText()
    screen.grab().save(str(artifacts / "audit_screen_events.png"))


def test_audit_screen_shows_labels_not_table_or_column_names(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    """Problem 8 of issue 16: no database names (pegawai, user_account, alamat, deleted, id,
    system) anywhere a user reads in the audit screen."""
    from kinerja_desktop.models.base import Base

    rename(db, office, "Dewi Lestari Putri")
    screen = AuditScreen(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    raw = (
        set(Base.metadata.tables)
        | {c.name for t in Base.metadata.tables.values() for c in t.columns if "_" in c.name}
        | {"id", "deleted", "vv", "system", "nama", "alamat"}
    )
    shown: list[str] = []
    for row in range(screen.model.rowCount()):
        index = screen.model.index(row, 0)
        screen.table.setCurrentIndex(index)
        shown += [str(screen.model.data(screen.model.index(row, c))) for c in range(6)]
        shown += screen.detail.toPlainText().replace("→", ",").replace("\n", ",").split(",")
    shown += [screen.kind.itemText(i) for i in range(screen.kind.count())]
    words = {part.split(":")[0].strip() for text in shown for part in text.split(", ")}
    assert not words & raw, sorted(words & raw)
    assert any("Nama" in w for w in words)
