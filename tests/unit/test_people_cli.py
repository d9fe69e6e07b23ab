"""``kinerja people add|edit|move`` through the people services, and the NIP whose TMT CPNS
lies before the 18th birthday (a warning the user confirms: service flag, CLI flag)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ConfirmationRequired
from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core.nip import eighteenth_birthday, validate_nip
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people.directory import PegawaiInput
from tests.factories import Office
from tests.unit import test_accounts_cli as accounts_cli
from tests.unit.test_accounts_cli import _fast_hashing, admin_home

__all__ = ["_fast_hashing", "admin_home"]

YOUNG = "199003152007012001"  # born 15 March 1990, TMT CPNS January 2007: aged 16
EDGE_BEFORE = "199003152008022001"  # TMT 1 February 2008, the 18th birthday is 15 March 2008
EDGE_AFTER = "199003012008032001"  # born 1 March 1990, TMT 1 March 2008: exactly 18


def test_tmt_before_the_18th_birthday_by_full_date() -> None:
    assert validate_nip(YOUNG).tmt_before_18
    assert validate_nip(EDGE_BEFORE).tmt_before_18
    assert not validate_nip(EDGE_AFTER).tmt_before_18
    assert not validate_nip("199105252023211031", JenisAsn.PPPK).tmt_before_18
    assert eighteenth_birthday(dt.date(2000, 2, 29)) == dt.date(2018, 3, 1)
    warning = validate_nip(EDGE_BEFORE).tmt_warning()
    assert "200802" in warning and "1 Februari 2008" in warning and "15 Maret 2008" in warning


def test_service_needs_the_confirmation(db: Database, office: Office) -> None:
    admin = office.admin.actor
    data = PegawaiInput(nip=YOUNG, nama="Budi Santoso", unit_kode="BID1")
    with pytest.raises(ConfirmationRequired, match="18"):
        people.create_person(db, actor=admin, data=data)
    assert people.list_people(db, actor=admin, search="Budi") == []
    row = people.create_person(db, actor=admin, data=data, confirm_tmt=True)
    # once stored, other changes do not ask again; a new young NIP does
    people.update_person(db, actor=admin, pegawai_id=row.id,
                         data=PegawaiInput(nip=YOUNG, nama="Budi S.", unit_kode="BID1"))  # fmt: skip
    with pytest.raises(ConfirmationRequired):
        people.update_person(db, actor=admin, pegawai_id=office.staf2.id,
                             data=PegawaiInput(nip=EDGE_BEFORE, nama="Agus"))  # fmt: skip


def _run(home: DataHome, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home.root), "--lang", "id", "people", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_people_add_edit_move(
    home: DataHome, office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(home, capsys, "add", "--nip", YOUNG, "--name", "Budi Santoso",
                          "--unit", "BID1", "--golongan", "III/a", "--penilai", office.kabid.nip)  # fmt: skip
    assert code == 2 and "18" in err and "TMT CPNS" in err and out == ""
    code, out, _err = _run(home, capsys, "add", "--nip", YOUNG, "--name", "Budi Santoso",
                           "--unit", "BID1", "--golongan", "III/a", "--penilai", office.kabid.nip,
                           "--jabatan", "Analis Kebijakan Ahli Pertama", "--confirm-tmt",
                           "--json")  # fmt: skip
    assert code == 0
    added = json.loads(out)
    assert (added["nip"], added["nama"], added["unit_kode"], added["golongan"],
            added["penilai_nip"], added["jabatan"]) == (
        YOUNG, "Budi Santoso", "BID1", "III/a", office.kabid.nip, "Analis Kebijakan Ahli Pertama",
    )  # fmt: skip
    code, out, _err = _run(home, capsys, "edit", "--nip", YOUNG, "--gelar-belakang", "S.E.",
                           "--email", "budi@contoh.go.id", "--json")  # fmt: skip
    edited = json.loads(out)
    assert code == 0 and edited["nama_lengkap"] == "Budi Santoso, S.E."
    assert edited["email"] == "budi@contoh.go.id" and edited["unit_kode"] == "BID1"
    code, out, _err = _run(home, capsys, "move", "--nip", YOUNG, "--unit", "SEKRE",
                           "--penilai", office.kepala.nip, "--json")  # fmt: skip
    moved = json.loads(out)
    assert code == 0 and (moved["unit_kode"], moved["penilai_nip"]) == ("SEKRE", office.kepala.nip)
    assert moved["email"] == "budi@contoh.go.id"
    code, out, _err = _run(home, capsys, "move", "--nip", YOUNG, "--unit", "BID1")
    assert code == 0 and "BID1" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["add", "--nip", "12345", "--name", "X"], "18 digit"),
        (["add", "--nip", YOUNG, "--name", "X", "--unit", "NOPE", "--confirm-tmt"], "NOPE"),
        (["add", "--nip", YOUNG, "--name", "X", "--jabatan", "Raja", "--confirm-tmt"], "Raja"),
        (["edit", "--nip", "199901012020011001", "--name", "X"], "199901012020011001"),
        (["move", "--nip", "198001012005011001", "--unit", "NOPE"], "NOPE"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_changes_nothing(
    home: DataHome, db: Database, office: Office, capsys: pytest.CaptureFixture[str],
    argv: list[str], fragment: str,
) -> None:  # fmt: skip
    before = len(people.list_people(db, actor=office.admin.actor))
    code, out, err = _run(home, capsys, *argv)
    assert code == 2 and fragment in err and out == ""
    assert len(people.list_people(db, actor=office.admin.actor)) == before


def test_only_the_pengelola_adds_people(
    admin_home: DataHome, office: Office, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert accounts_cli.run(admin_home, monkeypatch, "--user", "rina", "account", "add", "dewi",
                            "--nip", office.staf.nip, "--no-change", password="admin-pass-1",
                            new_password="dewi-pass-12") == 0  # fmt: skip
    capsys.readouterr()
    assert accounts_cli.run(admin_home, monkeypatch, "--user", "dewi", "people", "add", "--nip",
                            EDGE_AFTER, "--name", "X", password="dewi-pass-12") == 2  # fmt: skip
    assert "pengelola" in capsys.readouterr().err.lower()
    assert accounts_cli.run(admin_home, monkeypatch, "--user", "rina", "people", "add", "--nip",
                            EDGE_AFTER, "--name", "Citra", password="admin-pass-1") == 0  # fmt: skip
