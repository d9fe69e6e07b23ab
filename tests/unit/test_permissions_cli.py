"""A pegawai cannot read another's evaluation or coaching through any command of ``kinerja``;
their own, and their supervisor's view of them, still work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import JenisSesi, Rating, Role
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import accounts
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.evaluation import evaluations as evaluation
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp
from tests.unit.test_accounts_service import _fast_hashing

__all__ = ["_fast_hashing"]

SECRET_EVAL = "Catatan evaluasi khusus Dewi"
SECRET_SESSION = "Tempat rahasia sesi Dewi"


@pytest.fixture
def world(db: Database, office: Office) -> Office:
    for username, person, roles in (
        ("dewi", office.staf, set()), ("agus", office.staf2, set()),
        ("siti", office.kabid, set()), ("rina", office.admin, {Role.PENGELOLA}),
    ):  # fmt: skip
        accounts.create_account(db, actor=SYSTEM, username=username, password=f"{username}-pass-1",
                                nip=person.nip, roles=roles, must_change_password=False)  # fmt: skip
    make_skp(db, office.staf, office.kabid)
    make_skp(db, office.staf2, office.kabid)
    evaluation.save_evaluation(db, actor=office.kabid.actor, pegawai_id=office.staf.id,
                               periode="2026-TW1", rating_hasil=Rating.DI_ATAS,
                               rating_perilaku=Rating.SESUAI, catatan=SECRET_EVAL)  # fmt: skip
    coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=coaching.SessionInput(jenis=JenisSesi.COACHING, tanggal=dt.date(2026, 3, 2),
                                   coach_id=office.kabid.id, pegawai_id=office.staf.id,
                                   tempat=SECRET_SESSION),
    )  # fmt: skip
    return office


def kinerja(
    home: DataHome, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    user: str, *argv: str,
) -> tuple[int, str]:  # fmt: skip
    monkeypatch.setenv("KINERJA_PASSWORD", f"{user}-pass-1")
    capsys.readouterr()
    code = main(["--home", str(home.root), "--lang", "en", "--user", user, *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def commands(office: Office, out: Path | None = None) -> list[list[str]]:
    """Every command that shows or prints a person's evaluation or coaching, aimed at Dewi."""
    pdf = str(out or Path("unused.pdf"))
    return [
        ["eval", "show", "--nip", office.staf.nip, "--period", "2026-TW1", "--json"],
        ["eval", "show", "--nip", office.staf.nip, "--period", "2026-TW1"],
        ["eval", "distribusi", "--unit", "BID1", "--period", "2026-TW1", "--json"],
        ["eval", "board", "--unit", "BID1", "--period", "2026-TW1", "--json"],
        ["coaching", "list", "--nip", office.staf.nip, "--json"],
        ["coaching", "list", "--nip", office.staf.nip],
        ["print", "evaluasi", "--nip", office.staf.nip, "--period", "2026-TW1", "--out", pdf],
        ["print", "dokumen-evaluasi", "--nip", office.staf.nip, "--year", "2026", "--out", pdf],
        ["print", "coaching", "--nip", office.staf.nip, "--period", "2026-TW1", "--out", pdf],
        ["print", "predikat", "--unit", "BID1", "--period", "2026-TW1", "--out", pdf],
    ]


def test_other_pegawai_is_refused_by_every_command(
    world: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:  # fmt: skip
    out = tmp_path / "form.pdf"
    for argv in commands(world, out):
        code, output = kinerja(home, monkeypatch, capsys, "agus", *argv)
        assert code == 2 and "only" in output.lower(), (argv, output)
        assert not out.exists(), argv
        assert SECRET_EVAL not in output and SECRET_SESSION not in output, argv
        assert "sangat_baik" not in output and "baik" not in output.lower().split(), argv


def test_owner_and_supervisor_can_read(
    world: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    for user in ("dewi", "siti"):
        code, output = kinerja(home, monkeypatch, capsys, user, *commands(world)[0])
        assert code == 0 and SECRET_EVAL in output, user
        code, output = kinerja(home, monkeypatch, capsys, user, *commands(world)[4])
        assert code == 0 and SECRET_SESSION in output, user
