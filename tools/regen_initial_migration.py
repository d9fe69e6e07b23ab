"""Regenerate the initial migration from the models (development only, before release 1).

Until the first release no database in the field carries the initial revision, so while the
schema settles it is rewritten from the models instead of stacking migrations. Runs under a
file lock so that several developers in one tree do not race.
"""

from __future__ import annotations

import fcntl
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata  # noqa: F401  (ensures autogenerate loads)

from kinerja_desktop.db.migrate import MIGRATIONS_DIR, _migration_engine, alembic_config

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = MIGRATIONS_DIR / "versions"
INITIAL = VERSIONS / "0001_initial.py"

SEED = """
    from kinerja_desktop.db.reference_data import perilaku_rows

    nilai, panduan = perilaku_rows()
    op.bulk_insert(sa.table("perilaku_nilai", sa.column("id"), sa.column("urutan"),
                            sa.column("nama")), nilai)
    op.bulk_insert(sa.table("perilaku_panduan", sa.column("id"), sa.column("nilai_id"),
                            sa.column("urutan"), sa.column("teks")), panduan)
    op.bulk_insert(
        sa.table("install_state", sa.column("id"), sa.column("install_id"), sa.column("nama"),
                 sa.column("mode"), sa.column("change_counter"), sa.column("created_at")),
        [{"id": 1, "install_id": str(uuid.uuid4()), "nama": "", "mode": "office",
          "change_counter": 0, "created_at": datetime.datetime.now(datetime.UTC).replace(tzinfo=None)}],
    )
"""


def main() -> None:
    lock_path = ROOT / "build" / "migration.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        INITIAL.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            engine = _migration_engine(Path(tmp) / "empty.sqlite3")
            cfg = alembic_config()
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
            engine.dispose()
        generated = next(VERSIONS.glob("0001_*.py"))
        text = generated.read_text()
        text = re.sub(
            r"    # ### end Alembic commands ###\n",
            SEED + "    # ### end Alembic commands ###\n",
            text,
            count=1,
        )
        text = text.replace(
            "from collections.abc import Sequence\n",
            "import datetime\nimport uuid\nfrom collections.abc import Sequence\n",
            1,
        )
        text = text.replace(
            '"""initial schema',
            '"""Initial schema of the whole performance cycle, with reference data',
            1,
        )
        generated.unlink()
        INITIAL.write_text(text)
        for args in (["check", "--fix", "-q"], ["format", "-q"]):
            subprocess.run([sys.executable, "-m", "ruff", *args, str(INITIAL)], check=False)
        print(f"wrote {INITIAL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
