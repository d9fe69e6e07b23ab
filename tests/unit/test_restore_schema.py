"""Restore refuses a backup whose schema differs from its revision's (issue 12, hole 4),
and every connection the program opens runs with ``trusted_schema=OFF``."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kinerja_desktop.db import schema_check, schema_version
from kinerja_desktop.db.session import Database
from kinerja_desktop.db.sqlite_safe import connect
from kinerja_desktop.errors import DatabaseError
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import backup
from tests.factories import Office

HOSTILE = [
    """CREATE TRIGGER hidden_admin AFTER UPDATE ON user_account BEGIN
         INSERT OR IGNORE INTO user_account (id, username, password_hash, roles, aktif,
           harus_ganti_password, gagal_login)
         VALUES ('evil', 'evil', 'x', 'pengelola', 1, 0, 0);
       END""",
    """CREATE TRIGGER eat_audit AFTER INSERT ON audit_log BEGIN
         DELETE FROM audit_log WHERE id = NEW.id;
       END""",
    "CREATE VIEW peek AS SELECT username, password_hash FROM user_account",
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hostile_copy(home: DataHome, tmp_path: Path, statements: list[str]) -> Path:
    bad = backup.make_backup(home, out=tmp_path / "hostile.sqlite3")
    with sqlite3.connect(bad) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return bad


def test_backup_with_triggers_and_a_view_is_refused_naming_them(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    bad = _hostile_copy(home, tmp_path, HOSTILE)
    db.close()
    before = digest(home.database)
    with pytest.raises(DatabaseError) as exc:
        backup.restore(home, bad)
    message = exc.value.message
    for name in ("hidden_admin", "eat_audit", "peek"):
        assert name in message
    assert str(bad) in message
    assert digest(home.database) == before
    assert not list(home.root.glob(".restore-*"))
    with pytest.raises(DatabaseError):
        backup.verify_restorable(home, bad)


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("CREATE TABLE stash (x TEXT)", "stash"),
        ("ALTER TABLE pegawai ADD COLUMN extra TEXT", "extra"),
        ("CREATE INDEX ix_sneaky ON pegawai (nama)", "ix_sneaky"),
        ("DROP INDEX ix_audit_at", "ix_audit_at"),
    ],
)
def test_extra_or_missing_schema_objects_are_refused(
    db: Database, office: Office, home: DataHome, tmp_path: Path, statement: str, named: str
) -> None:
    bad = _hostile_copy(home, tmp_path, [statement])
    db.close()
    before = digest(home.database)
    with pytest.raises(DatabaseError) as exc:
        backup.restore(home, bad)
    assert named in exc.value.message
    assert digest(home.database) == before


def test_unchanged_backup_passes_the_schema_check(
    db: Database, office: Office, home: DataHome, tmp_path: Path
) -> None:
    good = backup.make_backup(home, out=tmp_path / "good.sqlite3")
    result = backup.check_restorable(good)
    assert result.ok, result.message()
    assert result.revision == schema_version.HEAD


def test_connections_do_not_trust_the_schema(db: Database, home: DataHome) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA trusted_schema")).scalar_one() == 0
    raw = connect(home.database)
    try:
        assert raw.execute("PRAGMA trusted_schema").fetchone() == (0,)
    finally:
        raw.close()


def test_kinerja_check_names_a_trigger_added_to_the_live_database(
    db: Database, office: Office, home: DataHome, capsys: pytest.CaptureFixture[str]
) -> None:
    from kinerja_desktop.cli.main import main

    db.close()
    assert main(["--home", str(home.root), "--lang", "en", "check"]) == 0
    with sqlite3.connect(home.database) as conn:
        conn.execute(HOSTILE[0])
    conn.close()
    capsys.readouterr()
    assert main(["--home", str(home.root), "--lang", "en", "check"]) == 1
    assert "hidden_admin" in capsys.readouterr().err


def test_backup_of_an_older_revision_is_checked_against_that_revision(
    db: Database, home: DataHome, tmp_path: Path
) -> None:
    from kinerja_desktop.db.migrate import upgrade
    from kinerja_desktop.services.admin import audit

    old = tmp_path / "old.sqlite3"
    upgrade(old, tmp_path / "backups", target="0001")
    assert backup.check_restorable(old).ok
    db.close()
    result = backup.restore(home, old)
    assert result.revision == "0001"
    assert schema_version.is_current(home.database)
    assert audit.verify_chain(home.database).ok
    altered = tmp_path / "old-altered.sqlite3"
    upgrade(altered, tmp_path / "backups", target="0001")
    with sqlite3.connect(altered) as conn:
        conn.execute("CREATE VIEW v_peek AS SELECT * FROM user_account")
    conn.close()
    with pytest.raises(DatabaseError) as exc:
        backup.restore(home, altered)
    assert "v_peek" in exc.value.message


def test_a_tables_constraints_may_come_in_any_order() -> None:
    one = "CREATE TABLE t (a TEXT, b TEXT, CONSTRAINT fk_a FOREIGN KEY(a) REFERENCES x (id), CONSTRAINT fk_b FOREIGN KEY(b) REFERENCES y (id))"
    two = "CREATE TABLE t (a TEXT, b TEXT, CONSTRAINT fk_b FOREIGN KEY(b) REFERENCES y (id), CONSTRAINT fk_a FOREIGN KEY(a) REFERENCES x (id))"
    assert schema_check._normalised(one) == schema_check._normalised(two)
    swapped_columns = "CREATE TABLE t (b TEXT, a TEXT, CONSTRAINT fk_a FOREIGN KEY(a) REFERENCES x (id), CONSTRAINT fk_b FOREIGN KEY(b) REFERENCES y (id))"
    assert schema_check._normalised(one) != schema_check._normalised(swapped_columns)
    checked = one.replace("b TEXT,", "b TEXT CHECK (b <> 'x'),")
    assert schema_check._normalised(one) != schema_check._normalised(checked)
