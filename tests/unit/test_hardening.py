"""Smaller hardening items of issue 12 (hole 9): symbolic links are not stored as evidence,
and ``--benchmark-startup`` opens nothing without a real login."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts, audit
from kinerja_desktop.services.core import attachments
from tests.factories import Office

PDF = b"%PDF-1.4\n% evidence\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinked_evidence_is_refused(home: DataHome, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(PDF)
    link = tmp_path / "bukti.pdf"
    link.symlink_to(secret)
    with pytest.raises(ValidationError) as exc:
        attachments.store_file(home, link)
    assert exc.value.field == "berkas" and str(link) in exc.value.message
    assert not [p for p in home.attachments.rglob("*") if p.is_file()]
    stored = attachments.store_file(home, secret)
    assert stored.size == len(PDF)


def _benchmark(home: DataHome, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    clean["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "kinerja_desktop", "--home", str(home.root), "--lang", "en",
         "--benchmark-startup"],
        capture_output=True, text=True, env=clean | env, check=False, timeout=300,
    )  # fmt: skip


def test_benchmark_startup_stops_at_the_login(db: Database, office: Office) -> None:
    """``--benchmark-startup`` goes the real start path and stops where a person would log in:
    it never opens the data as the program itself."""
    home = db.home
    accounts.create_account(
        db, actor=SYSTEM, username="rina", password="admin-pass-1",
        nip=office.admin.nip, roles={Role.PENGELOLA}, must_change_password=False,
    )  # fmt: skip
    db.close()
    run = _benchmark(home)
    assert run.returncode == 0, run.stderr
    assert "shown_after_ms=" in run.stdout and "login_after_ms=" in run.stdout
    assert "ready_after_ms" not in run.stdout
    reopened = Database.open(home)
    try:
        assert not [
            e for e in audit.list_entries(reopened, actor=SYSTEM) if e.action.startswith("login")
        ]
    finally:
        reopened.close()
