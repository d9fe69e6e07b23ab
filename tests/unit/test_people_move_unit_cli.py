"""``kinerja people move-unit``: the pengelola moves a unit and its sub-units; a loop, or
anyone else, is refused and changes nothing."""

from __future__ import annotations

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db import keyslots
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import directory as people
from tests.factories import Office
from tests.unit.test_permissions_cli import kinerja, world

__all__ = ["world"]


def test_move_unit_from_the_command_line(
    world: Office, home: DataHome, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    def levels() -> dict[str, tuple[str | None, int]]:
        # rina's first login on the command line encrypted the data folder (an older plain
        # folder with accounts); its key stays unlocked in this process.
        db = Database.open(home, key=keyslots.unlocked_key(home))
        try:
            units = people.list_units(db, actor=SYSTEM)
        finally:
            db.close()
        codes = {u.id: u.kode for u in units}
        return {u.kode: (codes.get(u.parent_id or ""), u.level) for u in units}

    before = levels()
    assert before["BID1"] == ("DINAS", 1)
    code, output = kinerja(home, monkeypatch, capsys, "rina", "people", "move-unit", "BID1",
                           "--parent", "SEKRE")  # fmt: skip
    assert code == 0 and "BID1" in output and "SEKRE" in output
    assert levels()["BID1"] == ("SEKRE", 2)
    code, output = kinerja(home, monkeypatch, capsys, "rina", "people", "move-unit", "DINAS",
                           "--parent", "BID1")  # fmt: skip
    assert code != 0 and "inside" in output
    code, output = kinerja(home, monkeypatch, capsys, "agus", "people", "move-unit", "BID1",
                           "--top")  # fmt: skip
    assert code == 2
    assert levels()["BID1"] == ("SEKRE", 2)
    code, _output = kinerja(home, monkeypatch, capsys, "rina", "people", "move-unit", "BID1",
                            "--top")  # fmt: skip
    assert code == 0 and levels()["BID1"] == (None, 0)
