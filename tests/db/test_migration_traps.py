"""The two SQLite migration traps of the platform notes, run against the program's recipe.

A throwaway Alembic script directory (parent and child tables, a batch rebuild of the
parent, a migration that fails halfway) is run with ``_migration_engine`` exactly as
``migrate.upgrade`` runs the real one: one ``BEGIN IMMEDIATE`` transaction with foreign keys
off, closed by ``PRAGMA foreign_key_check``. The same scripts on an ordinary engine show that
the traps are real.
"""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

from kinerja_desktop.db.engine import make_engine
from kinerja_desktop.db.migrate import _migration_engine

ENV = """
from alembic import context

context.configure(connection=context.config.attributes["connection"], render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
"""

VERSIONS = {
    "0001_parent_child.py": """
        import sqlalchemy as sa
        from alembic import op

        revision = "0001"
        down_revision = None

        def upgrade():
            op.create_table("parent", sa.Column("id", sa.Integer, primary_key=True),
                            sa.Column("nama", sa.String(50)))
            op.create_table("child", sa.Column("id", sa.Integer, primary_key=True),
                            sa.Column("parent_id", sa.Integer,
                                      sa.ForeignKey("parent.id", ondelete="CASCADE")))
            op.execute("INSERT INTO parent (id, nama) VALUES (1, 'Dinas'), (2, 'Badan')")
            op.execute("INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 1), (3, 2)")
        """,
    "0002_rebuild_parent.py": """
        import sqlalchemy as sa
        from alembic import op

        revision = "0002"
        down_revision = "0001"

        def upgrade():
            with op.batch_alter_table("parent", recreate="always") as batch:
                batch.add_column(sa.Column("kode", sa.String(10), nullable=True))
        """,
    "0003_fails_halfway.py": """
        import sqlalchemy as sa
        from alembic import op

        revision = "0003"
        down_revision = "0002"

        def upgrade():
            with op.batch_alter_table("child", recreate="always") as batch:
                batch.add_column(sa.Column("catatan", sa.Text, nullable=True))
            op.execute("INSERT INTO _alembic_tmp_nowhere VALUES (1)")
        """,
}


@pytest.fixture
def scripts(tmp_path: Path) -> Config:
    folder = tmp_path / "migrations"
    (folder / "versions").mkdir(parents=True)
    (folder / "env.py").write_text(ENV, encoding="utf-8")
    for name, body in VERSIONS.items():
        (folder / "versions" / name).write_text(textwrap.dedent(body), encoding="utf-8")
    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    return cfg


def run_recipe(cfg: Config, database: Path, target: str) -> None:
    """Upgrade as ``kinerja_desktop.db.migrate.upgrade`` does."""
    engine = _migration_engine(database)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        engine.dispose()


def run_plain(cfg: Config, database: Path, target: str) -> None:
    """Upgrade on the program's ordinary engine (foreign keys on, pysqlite transactions)."""
    engine = make_engine(database)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    finally:
        engine.dispose()


def query(database: Path, sql: str) -> list[Any]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def leftovers(database: Path) -> list[Any]:
    return query(database, "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'")


def test_rebuilding_a_parent_keeps_its_children(scripts: Config, tmp_path: Path) -> None:
    database = tmp_path / "recipe.sqlite3"
    run_recipe(scripts, database, "0001")
    run_recipe(scripts, database, "0002")
    assert query(database, "SELECT id, parent_id FROM child ORDER BY id") == [
        (1, 1),
        (2, 1),
        (3, 2),
    ]
    assert "kode" in {row[1] for row in query(database, "PRAGMA table_info(parent)")}
    assert query(database, "SELECT version_num FROM alembic_version") == [("0002",)]


def test_trap_one_is_real_on_an_ordinary_engine(scripts: Config, tmp_path: Path) -> None:
    database = tmp_path / "plain.sqlite3"
    run_plain(scripts, database, "0001")
    run_plain(scripts, database, "0002")
    assert query(database, "SELECT count(*) FROM child") == [(0,)], "children were cascaded away"


def test_a_failed_migration_leaves_nothing_behind(scripts: Config, tmp_path: Path) -> None:
    database = tmp_path / "recipe.sqlite3"
    run_recipe(scripts, database, "0002")
    schema = query(database, "SELECT name, sql FROM sqlite_master ORDER BY name")
    for _attempt in range(2):
        with pytest.raises(Exception, match="_alembic_tmp_nowhere"):
            run_recipe(scripts, database, "head")
        assert leftovers(database) == []
        assert query(database, "SELECT name, sql FROM sqlite_master ORDER BY name") == schema
        assert query(database, "SELECT version_num FROM alembic_version") == [("0002",)]
        assert query(database, "SELECT count(*) FROM child") == [(3,)]


def test_trap_two_is_real_on_an_ordinary_engine(scripts: Config, tmp_path: Path) -> None:
    database = tmp_path / "plain.sqlite3"
    run_plain(scripts, database, "0002")
    with pytest.raises(Exception, match="_alembic_tmp_nowhere"):
        run_plain(scripts, database, "head")
    assert leftovers(database) != [], "pysqlite committed the half-done rebuild"
