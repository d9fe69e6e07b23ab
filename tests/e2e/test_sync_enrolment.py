"""Enrolment through ``kinerja sync`` (issue 12, hole 5): both key fingerprints are shown and
a person confirms before anything is trusted; ``untrust`` removes the peer and its keys; a
peer with new keys is enrolled again by removing it and trusting its new card."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kinerja_desktop.cli.main import main
from tests.e2e.test_sync_cli import run, run_json


def kinerja(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--home", str(home), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    office, hub, mail = tmp_path / "office", tmp_path / "hub", tmp_path / "mail"
    mail.mkdir()
    run(capsys, office, "init")
    run(capsys, hub, "init")
    run(capsys, hub, "sync", "hub-init", "--name", "BKD")
    run(capsys, hub, "sync", "enrol-file", "--out", str(mail / "hub.kinerja-id"))
    run(capsys, office, "sync", "enrol-file", "--out", str(mail / "office.kinerja-id"))
    return office, hub, mail


def fingerprint(capsys: pytest.CaptureFixture[str], home: Path) -> str:
    return str(run_json(capsys, home, "sync", "status")["fingerprint"])


def peers(capsys: pytest.CaptureFixture[str], home: Path) -> list[dict[str, object]]:
    return list(run_json(capsys, home, "sync", "peers"))


def test_without_a_terminal_and_without_fingerprint_nothing_is_trusted(pair, capsys, monkeypatch):
    office, hub, mail = pair
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = kinerja(capsys, office, "sync", "trust", str(mail / "hub.kinerja-id"))
    assert code == 2
    # both fingerprints were shown, then the refusal says what to do
    assert fingerprint(capsys, hub) in out and fingerprint(capsys, office) in out
    assert "--fingerprint" in err
    assert peers(capsys, office) == []


def test_a_wrong_fingerprint_or_a_swapped_card_is_not_trusted(pair, capsys, tmp_path):
    office, hub, mail = pair
    code, _out, err = kinerja(capsys, office, "sync", "trust", str(mail / "hub.kinerja-id"),
                              "--fingerprint", "0000-0000-0000-0000-0000-0000")  # fmt: skip
    assert code == 2 and "does not match" in err
    # an attacker's own card (its own keys) left on the stick instead of the hub's
    fake = tmp_path / "fake"
    run(capsys, fake, "init")
    run(capsys, fake, "sync", "hub-init", "--name", "BKD")
    run(capsys, fake, "sync", "enrol-file", "--out", str(mail / "swapped.kinerja-id"))
    code, _out, err = kinerja(capsys, office, "sync", "trust", str(mail / "swapped.kinerja-id"),
                              "--fingerprint", fingerprint(capsys, hub))  # fmt: skip
    assert code == 2 and "does not match" in err
    assert peers(capsys, office) == []


def test_interactive_confirmation(pair, capsys, monkeypatch):
    office, _hub, mail = pair

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("no\n"))
    code, out, _err = kinerja(capsys, office, "sync", "trust", str(mail / "hub.kinerja-id"))
    assert code == 1 and "Not trusted" in out
    assert peers(capsys, office) == []
    monkeypatch.setattr("sys.stdin", Terminal("yes\n"))
    code, out, _err = kinerja(capsys, office, "sync", "trust", str(mail / "hub.kinerja-id"))
    assert code == 0 and "Now trusting BKD" in out
    assert [p["name"] for p in peers(capsys, office)] == ["BKD"]


def test_untrust_removes_and_a_new_key_is_enrolled_again(pair, capsys, tmp_path):
    office, hub, mail = pair
    run(capsys, office, "sync", "trust", str(mail / "hub.kinerja-id"),
        "--fingerprint", fingerprint(capsys, hub))  # fmt: skip
    run(capsys, hub, "sync", "trust", str(mail / "office.kinerja-id"),
        "--fingerprint", fingerprint(capsys, office))  # fmt: skip
    hub_id = str(run_json(capsys, hub, "sync", "status")["install_id"])
    old_fp = fingerprint(capsys, hub)
    # the hub lost its keys: new ones are made on first use, and a new card
    shutil.rmtree(hub / "keys")
    new_fp = fingerprint(capsys, hub)
    assert new_fp != old_fp
    run(capsys, hub, "sync", "enrol-file", "--out", str(mail / "hub-new.kinerja-id"))
    code, _out, err = kinerja(capsys, office, "sync", "trust", str(mail / "hub-new.kinerja-id"),
                              "--fingerprint", new_fp)  # fmt: skip
    assert code == 2 and "untrust" in err
    office_id = str(run_json(capsys, office, "sync", "status")["install_id"])
    # a bundle signed with the new key is refused while the old key is enrolled
    early = run_json(capsys, hub, "sync", "export", "--to", office_id, "--out", str(mail))
    code, _out, err = kinerja(capsys, office, "sync", "import", early["path"])
    assert code == 2 and "signature" in err
    run(capsys, office, "sync", "untrust", hub_id[:8])
    assert peers(capsys, office) == []
    run(capsys, office, "sync", "trust", str(mail / "hub-new.kinerja-id"), "--fingerprint", new_fp)
    [peer] = peers(capsys, office)
    assert peer["fingerprint"] == new_fp and peer["install_id"] == hub_id
    # the exchange works with the new key
    exported = run_json(capsys, hub, "sync", "export", "--to", office_id, "--out", str(mail))
    report = run_json(capsys, office, "sync", "import", exported["path"])
    assert report["status"] == "applied"
