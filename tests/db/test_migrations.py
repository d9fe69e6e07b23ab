"""The program's migrations: an empty database reaches head, the models and the migrations
agree (what ``alembic check`` checks), a newer database is refused, data is backed up first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import kinerja_desktop.models  # noqa: F401  (registers every table on the metadata)
from kinerja_desktop.db.migrate import backup_file, current_revision, head_revision, upgrade
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.base import Base


def _tables(database: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{database}")
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_empty_database_is_upgraded_to_head(tmp_path: Path) -> None:
    database = tmp_path / "kinerja.sqlite3"
    result = upgrade(database, tmp_path / "backups")
    assert result.before is None and result.after == head_revision()
    assert result.backup is None, "nothing to back up in a new database"
    assert current_revision(database) == head_revision()
    assert set(Base.metadata.tables) <= _tables(database)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM perilaku_nilai").fetchone() == (7,)
        assert conn.execute("SELECT count(*) FROM perilaku_panduan").fetchone() == (21,)
        assert conn.execute("SELECT count(*) FROM install_state").fetchone() == (1,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    again = upgrade(database, tmp_path / "backups")
    assert not again.upgraded and again.backup is None


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """The equivalent of ``alembic check``: autogenerate finds nothing to add or change."""
    database = tmp_path / "kinerja.sqlite3"
    upgrade(database, tmp_path / "backups")
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diffs == []


def test_database_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "kinerja.sqlite3"
    upgrade(database, tmp_path / "backups")
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfacef00d'")
    before = database.read_bytes()
    set_language("en")
    with pytest.raises(DatabaseError) as error:
        upgrade(database, tmp_path / "backups")
    assert "made by a newer version" in error.value.message
    assert "f00dfacef00d" in error.value.message
    assert database.read_bytes() == before
    assert not (tmp_path / "backups").exists(), "nothing is backed up or changed"


def test_backup_file_copies_the_data(tmp_path: Path) -> None:
    source = tmp_path / "a.sqlite3"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(100)])
    target = backup_file(source, tmp_path / "backups" / "copy.sqlite3")
    assert target.exists() and not target.with_name("copy.sqlite3.part").exists()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*), sum(x) FROM t").fetchone() == (100, 4950)


def test_upgrade_backs_up_a_database_that_holds_data(tmp_path: Path) -> None:
    """A file with tables but no schema stamp (data of unknown age) is copied first."""
    database = tmp_path / "kinerja.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE catatan_lama (teks TEXT)")
        conn.execute("INSERT INTO catatan_lama VALUES ('jangan hilang')")
    result = upgrade(database, tmp_path / "backups")
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert result.backup.name.startswith("pre-migration-none-")
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT teks FROM catatan_lama").fetchall() == [("jangan hilang",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "pegawai" not in tables, "the backup is the state before the upgrade"
    assert current_revision(database) == head_revision()
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT teks FROM catatan_lama").fetchall() == [("jangan hilang",)]
