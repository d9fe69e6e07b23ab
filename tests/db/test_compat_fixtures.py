"""Compatibility: what released versions wrote, read by today's code.

``tests/fixtures/schema-*/`` holds one database per released schema revision and
``tests/fixtures/sync-v*/`` one real bundle per sync format version (made by
``tests/fixtures/make_fixtures.py`` when they were current, never remade). A database must
migrate to the head revision with its data intact; a bundle must import.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import schema_version
from kinerja_desktop.db.migrate import current_revision, head_revision
from kinerja_desktop.home import open_home
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.models.sync_state import InstallState
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.sync.bundle_file import FORMAT_VERSION
from tests.sync_world import Install

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DATABASES = sorted(FIXTURES.glob("schema-*/kinerja.sqlite3"))
BUNDLES = sorted(FIXTURES.glob("sync-v*"))


def test_there_is_a_fixture_for_the_released_revision_and_the_current_format() -> None:
    assert FIXTURES / "schema-0001" / "kinerja.sqlite3" in DATABASES
    assert FIXTURES / f"sync-v{FORMAT_VERSION}" in BUNDLES


@pytest.mark.parametrize("fixture", DATABASES, ids=lambda p: p.parent.name)
def test_a_released_database_migrates_to_head_with_its_data(fixture: Path, tmp_path: Path) -> None:
    home = DataHome(tmp_path / "home").ensure()
    shutil.copy(fixture, home.database)
    released = fixture.parent.name.removeprefix("schema-")
    assert schema_version.stamped_revision(home.database) == released
    db, result = open_home(home)
    try:
        assert result.before == released and result.after == head_revision()
        assert current_revision(home.database) == head_revision() == schema_version.HEAD
        if result.upgraded:  # a migration always keeps a backup of the file it changed
            assert result.backup is not None and result.backup.exists()
        with db.read(SYSTEM) as session:
            people = session.scalar(select(func.count()).select_from(Pegawai))
            skps = session.scalar(select(func.count()).select_from(Skp))
        assert people == 12 and skps == 12
    finally:
        db.close()
    with sqlite3.connect(home.database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("fixture", BUNDLES, ids=lambda p: p.name)
def test_a_bundle_of_each_format_version_imports(fixture: Path, tmp_path: Path) -> None:
    recipient = json.loads((fixture / "hub" / "install.json").read_text(encoding="utf-8"))
    hub = Install(tmp_path / "hub", mode=recipient["mode"], name=recipient["name"])
    try:
        # This install becomes the one the bundle was made for: its id and its keys.
        with hub.db.unit_of_work(SYSTEM) as session:
            session.execute(update(InstallState).values(install_id=recipient["install_id"]))
        for key in (fixture / "hub").glob("*.pem"):
            shutil.copy(key, hub.home.keys / key.name)
        card = fixture / "office.kinerja-id"
        seen = sync_service.read_card(hub.db, hub.home, actor=SYSTEM, card_path=card)
        sync_service.trust(hub.db, actor=SYSTEM, card_path=card, confirmed=seen.fingerprint)
        report = hub.import_bundle(fixture / "bundle.kinerja")
        assert report.status == "applied", report.message
        assert report.inserted > 0 and not report.refused and not report.conflicts
        with hub.db.read(SYSTEM) as session:
            assert session.scalar(select(func.count()).select_from(Pegawai)) == 12
            assert session.scalar(select(func.count()).select_from(Skp)) == 12
    finally:
        hub.close()
