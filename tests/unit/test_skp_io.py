"""The JSON form of an SKP: export/import round trips, malformed files that change nothing
and name the bad path, the published schema, and the ``kinerja skp`` commands."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import Aspek, JenisLampiran, JenisRhk, SkpStatus
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import json_io as skp_io
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import IkiInput, RhkInput
from tests.factories import Office, make_office
from tests.unit.skp_helpers import YEAR, draft, kabid_approved

ROOT = Path(__file__).resolve().parents[2]


def _rich_staf_skp(db: Database, office: Office) -> str:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    skp_id = draft(db, office.staf, intervensi=kabid_rhk, texts=("Layanan prima", "Laporan"))
    actor = office.staf.actor
    rhk_id = skp_edit.add_rhk(
        db,
        actor=actor,
        skp_id=skp_id,
        data=RhkInput("Panitia HUT", JenisRhk.TAMBAHAN, penugasan_dari="Kepala Dinas"),
        iki=[
            IkiInput(
                "Acara terlaksana",
                Aspek.KUANTITAS,
                target_min=1.5,
                target_max=2.25,
                satuan="kegiatan",
            )
        ],
    )
    assert rhk_id
    skp_edit.set_ekspektasi(
        db, actor=office.kabid.actor, skp_id=skp_id, nilai_id="loyal", teks="Menjaga rahasia"
    )
    skp_edit.set_lampiran(
        db, actor=actor, skp_id=skp_id, jenis=JenisLampiran.KONSEKUENSI, items=["Teguran", "TPP"]
    )
    return skp_id


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield


def test_round_trip_replacing_a_draft(db: Database, office: Office) -> None:
    skp_id = _rich_staf_skp(db, office)
    first = skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id)
    assert first["rhk"][0]["intervensi"] == {
        "nip": office.kabid.nip,
        "teks": "Terlaksananya pelayanan bidang",
    }
    assert first["rhk"][2]["iki"][0]["target_max"] == 2.25
    result = skp_io.import_skp(db, actor=office.staf.actor, document=copy.deepcopy(first))
    assert (result.skp_id, result.replaced, result.rhk_count) == (skp_id, True, 3)
    assert skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id) == first
    # the owner's import kept the supervisor's expectation
    detail = skp_queries.get_skp(db, actor=office.staf.actor, skp_id=skp_id)
    assert {p.nilai_id: p.ekspektasi for p in detail.perilaku}["loyal"] == "Menjaga rahasia"
    assert detail.events[-1].jenis == "import"


def test_round_trip_into_another_home(db: Database, office: Office, tmp_path: Path) -> None:
    first = skp_io.export_skp(db, actor=SYSTEM, skp_id=_rich_staf_skp(db, office))
    other, _migration = open_home(DataHome(tmp_path / "other").ensure())
    try:
        office2 = make_office(other)
        kabid_approved(other, office2)
        path = tmp_path / "skp.json"
        path.write_text(json.dumps(first), encoding="utf-8")
        result = skp_io.import_file(other, actor=SYSTEM, path=path)
        assert not result.replaced
        assert skp_io.export_skp(other, actor=SYSTEM, skp_id=result.skp_id) == first
        imported = skp_queries.get_skp(other, actor=office2.staf.actor, skp_id=result.skp_id)
        assert imported.status is SkpStatus.DRAFT and imported.problems == ()
    finally:
        other.close()


def _mutate(doc: dict[str, Any], path: str, value: Any) -> None:
    parts = path.replace("]", "").replace("[", ".").split(".")
    target: Any = doc
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    if value is _DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value


_DELETE = object()

MALFORMED = [
    ("rhk[1].iki[0].target_min", "12", "$.rhk[1].iki[0].target_min: must be a number"),
    ("tahun", _DELETE, "$.tahun: is required"),
    ("rhk[0].warna", "merah", "$.rhk[0].warna: unknown field"),
    ("pendekatan", "campuran", "$.pendekatan: must be one of: kuantitatif, kualitatif"),
    ("periode_mulai", "2026-02-30", "$.periode_mulai: must be a date written YYYY-MM-DD"),
    ("rhk[0].teks", " ", "$.rhk[0].teks: must not be empty"),
    ("rhk[2].iki[0].target_max", 1, "$.rhk[2].iki[0].target_max: The upper target (1) is below"),
    ("rhk[0].intervensi.teks", "Tidak ada", "$.rhk[0].intervensi: the supervisor's SKP of 2026"),
    ("pegawai.nip", "199001012020011999", "$.pegawai.nip: no person has NIP 199001012020011999"),
    ("periode_selesai", "2027-01-31", "$.periode_mulai: The period must lie inside the year"),
    ("jenis_jabatan", "jpt", "$.jenis_jabatan: Dewi Lestari's position is jf, not jpt"),
    ("rhk[0].klasifikasi", "individu", "$.rhk[0].klasifikasi: Only a JPT SKP classifies"),
    ("rhk[0].iki[0].aspek", "rasa", "$.rhk[0].iki[0].aspek: must be one of: kuantitas"),
    ("ekspektasi.loyal", "Lain", "$.ekspektasi.loyal: only the supervisor writes"),
]


def test_malformed_file_changes_nothing_and_names_the_path(
    db: Database, office: Office, english: None
) -> None:
    skp_id = _rich_staf_skp(db, office)
    before = skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id)
    events = len(skp_queries.get_skp(db, actor=SYSTEM, skp_id=skp_id).events)
    for where, value, expected in MALFORMED:
        doc = copy.deepcopy(before)
        doc["rhk"][1]["teks"] = "Laporan baru"  # a valid change that must not be written either
        _mutate(doc, where, value)
        with pytest.raises(skp_io.ImportProblems) as err:
            skp_io.import_skp(db, actor=office.staf.actor, document=doc)
        assert any(line.startswith(expected) for line in err.value.errors), err.value.errors
        assert skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id) == before, where
        assert len(skp_queries.get_skp(db, actor=SYSTEM, skp_id=skp_id).events) == events
        assert len(skp_queries.list_skp(db, actor=SYSTEM)) == 3


def test_several_problems_are_all_reported(db: Database, office: Office, english: None) -> None:
    doc = skp_io.export_skp(db, actor=SYSTEM, skp_id=_rich_staf_skp(db, office))
    doc["rhk"][0]["iki"][0]["satuan"] = 5
    doc["rhk"][1]["jenis"] = "lain"
    doc["version"] = 2
    errors = skp_io.schema_errors(doc)
    assert errors == [
        "$.version: must be 1",
        "$.rhk[0].iki[0].satuan: must be text",
        "$.rhk[1].jenis: must be one of: utama, tambahan",
    ]


def test_replacing_a_submitted_skp_is_refused(db: Database, office: Office, english: None) -> None:
    skp_id = _rich_staf_skp(db, office)
    doc = skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id)
    skp_workflow.submit(db, actor=office.staf.actor, skp_id=skp_id)
    with pytest.raises(skp_io.ImportProblems) as err:
        skp_io.import_skp(db, actor=SYSTEM, document=doc)
    assert err.value.errors[0].startswith("$.periode_mulai:") and "draft" in err.value.errors[0]


def test_published_schema_matches_the_code() -> None:
    published = ROOT / "docs" / "schemas" / "skp.schema.json"
    assert published.read_text(encoding="utf-8") == skp_io.schema_json()


def _cli(home: DataHome, *args: str) -> int:
    return main(["--home", str(home.root), "--lang", "en", *args])


def test_cli_list_show_export_import(
    db: Database, office: Office, home: DataHome, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    skp_id = _rich_staf_skp(db, office)
    assert _cli(home, "skp", "list", "--year", str(YEAR), "--unit", "BID1", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["nama"], r["status"]) for r in rows} == {
        ("Dewi Lestari", "draft"),
        ("Siti Rahmawati", "disetujui"),
    }
    assert _cli(home, "skp", "list", "--status", "disetujui") == 0
    assert "Ir. Bambang Sutrisno" in capsys.readouterr().out
    assert _cli(home, "skp", "show", "--nip", office.staf.nip, "--year", str(YEAR)) == 0
    shown = capsys.readouterr().out
    assert "Layanan prima" in shown and "assigned by: Kepala Dinas" in shown
    assert _cli(home, "skp", "show", "--nip", office.staf.nip, "--year", str(YEAR), "--json") == 0
    assert json.loads(capsys.readouterr().out)["summary"]["id"] == skp_id
    out = tmp_path / "dewi.json"
    assert (
        _cli(
            home, "skp", "export", "--nip", office.staf.nip, "--year", str(YEAR), "--out", str(out)
        )
        == 0
    )
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported == skp_io.export_skp(db, actor=SYSTEM, skp_id=skp_id)
    bad = tmp_path / "bad.json"
    exported["rhk"][1]["iki"][0]["target_min"] = "dua belas"
    bad.write_text(json.dumps(exported), encoding="utf-8")
    capsys.readouterr()
    assert _cli(home, "skp", "import", str(bad)) == 2
    assert "$.rhk[1].iki[0].target_min: must be a number" in capsys.readouterr().err
    (tmp_path / "broken.json").write_text("{ not json", encoding="utf-8")
    assert _cli(home, "skp", "import", str(tmp_path / "broken.json")) == 2
    assert "$: not valid JSON (line 1" in capsys.readouterr().err
    assert _cli(home, "skp", "import", str(out)) == 0
    assert "Replaced the draft SKP 2026" in capsys.readouterr().out
    assert _cli(home, "skp", "show", "--nip", office.staf2.nip, "--year", "2026") == 2
    assert "has no SKP for 2026" in capsys.readouterr().err
