"""The start-up fast path agrees with Alembic and never skips a needed migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kinerja_desktop.db import schema_version
from kinerja_desktop.db.migrate import head_revision
from kinerja_desktop.home import open_home
from kinerja_desktop.paths import DataHome


def test_head_constant_matches_newest_migration() -> None:
    assert head_revision() == schema_version.HEAD


def test_fast_path_reads_the_stamp(tmp_path: Path) -> None:
    home = DataHome(tmp_path / "h")
    assert schema_version.stamped_revision(home.database) is None
    database, first = open_home(home)
    database.close()
    assert first.before is None and first.upgraded
    assert schema_version.is_current(home.database)
    database, second = open_home(home)
    database.close()
    assert not second.upgraded


def test_an_unstamped_file_is_not_current(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert schema_version.stamped_revision(path) is None
    assert not schema_version.is_current(path)
