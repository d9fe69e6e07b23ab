"""Shared fixtures: a fresh data home with a migrated database, and a small office in it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import set_language
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.harian import clock as harian_clock
from tests.factories import Office, make_office
from tests.unit.harian_fixtures import TODAY as HARIAN_TODAY

ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def home(tmp_path: Path) -> DataHome:
    return DataHome(tmp_path / "home").ensure()


@pytest.fixture(scope="session")
def _template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated once per test run; each test gets a copy (migrating is slow)."""
    home = DataHome(tmp_path_factory.mktemp("template")).ensure()
    database, _result = open_home(home)
    database.close()
    return home.database


@pytest.fixture
def db(home: DataHome, _template_database: Path) -> Iterator[Database]:
    shutil.copyfile(_template_database, home.database)
    with sqlite3.connect(home.database) as connection:
        connection.execute("UPDATE install_state SET install_id = ?", (str(uuid.uuid4()),))
    connection.close()
    database, _result = open_home(home)
    yield database
    tasks = sys.modules.get("kinerja_desktop.ui.tasks")
    if tasks is not None:
        tasks.shutdown()
    database.close()


@pytest.fixture
def office(db: Database) -> Office:
    return make_office(db)


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots and PDFs that reviewers look at (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def harian_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The daily log's "today" set to Monday 30 November 2026, after the November 2026 dates
    the daily-log tests enter, whatever the machine's clock says."""
    monkeypatch.setattr(harian_clock, "today", lambda: HARIAN_TODAY)
    return HARIAN_TODAY
