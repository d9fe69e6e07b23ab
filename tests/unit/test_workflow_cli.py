"""The command line for every workflow step (issue 15 item 12): ``kinerja skp
submit|approve|return`` and ``kinerja eval rate|finalize|amend|capaian|pembulatan``, through
the same services and permissions as the GUI, with --json and exit code 2 on bad input."""

from __future__ import annotations

import json

import pytest

from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import evaluations as evaluation
from tests.factories import Office
from tests.unit import test_accounts_cli as accounts_cli
from tests.unit.eval_fixtures import make_skp
from tests.unit.skp_helpers import draft
from tests.unit.test_accounts_cli import _fast_hashing, admin_home

__all__ = ["_fast_hashing", "admin_home"]


def _cli(home: DataHome, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--home", str(home.root), "--lang", "id", *argv])
    except SystemExit as exit_:  # argparse refuses a bad choice with status 2 and a message
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _accounts(home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    for user, nip in (("dewi", office.staf.nip), ("siti", office.kabid.nip)):
        assert accounts_cli.run(home, monkeypatch, "--user", "rina", "account", "add", user,
                                "--nip", nip, "--no-change", password="admin-pass-1",
                                new_password=f"{user}-pass-123") == 0  # fmt: skip


def _as(home: DataHome, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        user: str, *argv: str) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setenv("KINERJA_PASSWORD", "admin-pass-1" if user == "rina" else f"{user}-pass-123")
    capsys.readouterr()
    return _cli(home, capsys, "--user", user, *argv)


def test_skp_submit_return_submit_approve(
    home: DataHome, db: Database, office: Office, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    kabid_skp = make_skp(db, office.kabid, office.kepala)
    draft(db, office.staf, intervensi=kabid_skp.rhk_ids[0])
    admin_home = accounts_cli.add_first_admin(db, office, home, monkeypatch)
    _accounts(admin_home, office, monkeypatch)
    who = ("--nip", office.staf.nip, "--year", "2026")
    code, out, err = _as(admin_home, monkeypatch, capsys, "dewi", "skp", "submit", *who, "--json")
    assert code == 0, err
    assert json.loads(out)["summary"]["status"] == "diajukan"
    code, out, err = _as(admin_home, monkeypatch, capsys, "siti", "skp", "return", *who,
                         "--reason", "  ")  # fmt: skip
    assert code == 2 and "alasan" in err.lower() and out == ""
    code, out, err = _as(admin_home, monkeypatch, capsys, "dewi", "skp", "approve", *who)
    assert code == 2 and out == "" and err  # the pegawai cannot approve her own SKP
    code, out, _err = _as(admin_home, monkeypatch, capsys, "siti", "skp", "return", *who,
                          "--reason", "Target kurang jelas", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["summary"]["status"] == "dikembalikan"
    assert data["alasan_dikembalikan"] == "Target kurang jelas"
    assert _as(admin_home, monkeypatch, capsys, "dewi", "skp", "submit", *who)[0] == 0
    code, out, _err = _as(admin_home, monkeypatch, capsys, "siti", "skp", "approve", *who)
    assert code == 0 and "Disetujui" in out
    code, out, err = _as(admin_home, monkeypatch, capsys, "siti", "skp", "approve", *who)
    assert code == 2 and out == "" and err
    code, _out, err = _as(admin_home, monkeypatch, capsys, "dewi", "skp", "submit", "--nip",
                          office.staf.nip, "--year", "2031")  # fmt: skip
    assert code == 2 and "2031" in err


def test_eval_rate_finalize_amend(
    db: Database, home: DataHome, office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    make_skp(db, office.staf, office.kabid)
    who = ("--nip", office.staf.nip, "--period", "2026-S1")
    code, out, _err = _cli(home, capsys, "eval", "rate", *who, "--hasil", "sesuai", "--json")
    data = json.loads(out)
    assert code == 0 and data["rating_hasil"] == "sesuai" and data["predikat"] is None
    code, out, _err = _cli(home, capsys, "eval", "rate", *who, "--perilaku", "di_atas",
                           "--catatan", "Stabil", "--json")  # fmt: skip
    data = json.loads(out)
    assert (data["rating_hasil"], data["predikat"], data["catatan"]) == ("sesuai", "baik", "Stabil")
    code, _out, err = _cli(home, capsys, "eval", "amend", *who, "--hasil", "di_atas",
                           "--reason", "Salah ketik")  # fmt: skip
    assert code == 2 and "final" in err
    code, out, _err = _cli(home, capsys, "eval", "finalize", *who, "--json")
    assert code == 0 and json.loads(out)["status"] == "final"
    code, _out, err = _cli(home, capsys, "eval", "rate", *who, "--hasil", "di_bawah")
    assert code == 2 and "final" in err
    code, out, _err = _cli(home, capsys, "eval", "amend", *who, "--hasil", "di_atas",
                           "--reason", "Bukti baru diterima", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["predikat"] == "sangat_baik" and data["catatan"] == "Stabil"
    assert [a["alasan"] for a in data["amandemen"]] == ["Bukti baru diterima"]
    code, _out, err = _cli(home, capsys, "eval", "rate", *who, "--hasil", "hebat")
    assert code == 2 and "hebat" in err


def test_eval_capaian_and_pembulatan(
    db: Database, home: DataHome, office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = ("--unit", "BID1", "--period", "2026")
    code, out, _err = _cli(home, capsys, "eval", "capaian", *unit, "--json")
    assert code == 0 and json.loads(out)["capaian"] is None
    code, out, _err = _cli(home, capsys, "eval", "capaian", *unit, "--set", "baik", "--json")
    assert code == 0 and json.loads(out)["capaian"] == "baik"
    assert evaluation.get_capaian(db, actor=office.admin.actor, unit_kode="BID1",
                                  periode="2026").capaian is not None  # fmt: skip
    code, _out, err = _cli(home, capsys, "eval", "capaian", "--unit", "NOPE", "--period", "2026")
    assert code == 2 and "NOPE" in err
    code, out, _err = _cli(home, capsys, "eval", "pembulatan", "--json")
    assert code == 0 and json.loads(out)["pembulatan"] == "strict"
    code, out, _err = _cli(home, capsys, "eval", "pembulatan", "--set", "round")
    assert code == 0 and out.startswith("round")
    code, _out, err = _cli(home, capsys, "eval", "pembulatan", "--set", "banker")
    assert code == 2 and "banker" in err


def test_the_steps_keep_their_permissions(
    home: DataHome, office: Office, db: Database, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    make_skp(db, office.staf, office.kabid)
    admin_home = accounts_cli.add_first_admin(db, office, home, monkeypatch)
    _accounts(admin_home, office, monkeypatch)

    def as_user(user: str, *argv: str) -> int:
        return _as(admin_home, monkeypatch, capsys, user, *argv)[0]

    rate = ("eval", "rate", "--nip", office.staf.nip, "--period", "2026")
    assert as_user("dewi", *rate, "--hasil", "di_atas") == 2
    assert as_user("dewi", "eval", "pembulatan", "--set", "ceil") == 2
    assert as_user("siti", "eval", "capaian", "--unit", "DINAS", "--period", "2026",
                   "--set", "baik") == 2  # fmt: skip
    assert as_user("siti", *rate, "--hasil", "di_atas", "--perilaku", "sesuai") == 0
    assert as_user("dewi", "eval", "finalize", "--nip", office.staf.nip, "--period", "2026") == 2
    assert as_user("rina", "eval", "pembulatan", "--set", "ceil") == 0
