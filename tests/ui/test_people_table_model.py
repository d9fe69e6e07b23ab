"""The people table model filters by every word, narrows while typing, and widens on delete."""

from __future__ import annotations

from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.services.people.directory import PegawaiRow
from kinerja_desktop.ui.people.people_table_model import PeopleTableModel


def _person(i: int, nama: str, unit: str) -> PegawaiRow:
    return PegawaiRow(
        id=f"id{i}", nip=f"1990010120150110{i:02d}", nama=nama, nama_lengkap=nama,
        jenis_asn=JenisAsn.PNS, golongan="III/a", jabatan_id=None, jabatan="Analis",
        jenis_jabatan=None, jenjang=None, unit_id=None, unit_kode=unit, unit_nama=unit,
        penilai_id=None, penilai_nama="", penilai_nip="", aktif=True,
    )  # fmt: skip


def _names(model: PeopleTableModel) -> list[str]:
    return [model.person(r).nama for r in range(model.rowCount())]  # type: ignore[union-attr]


def test_filter_narrows_and_widens() -> None:
    model = PeopleTableModel()
    model.set_people([
        _person(1, "Budi Santoso", "DINKES"), _person(2, "Budi Hartono", "BPKAD"),
        _person(3, "Siti Budiarti", "DINKES"), _person(4, "Agus Salim", "DINKES"),
    ])  # fmt: skip
    assert _names(model) == ["Agus Salim", "Budi Hartono", "Budi Santoso", "Siti Budiarti"]
    for typed, expected in [
        ("b", ["Budi Hartono", "Budi Santoso", "Siti Budiarti"]),
        ("bu", ["Budi Hartono", "Budi Santoso", "Siti Budiarti"]),
        ("budi ", ["Budi Hartono", "Budi Santoso", "Siti Budiarti"]),
        ("budi din", ["Budi Santoso", "Siti Budiarti"]),
        ("budi dinkes s", ["Budi Santoso", "Siti Budiarti"]),
        ("budi dinkes sa", ["Budi Santoso"]),
        ("budi", ["Budi Hartono", "Budi Santoso", "Siti Budiarti"]),
        ("", ["Agus Salim", "Budi Hartono", "Budi Santoso", "Siti Budiarti"]),
        ("199001012015011004", ["Agus Salim"]),
    ]:
        model.set_filter(typed)
        assert _names(model) == expected, typed
    assert model.row_of("id4") == 0 and model.row_of("id1") == -1


def test_sort_by_column_keeps_filter() -> None:
    model = PeopleTableModel()
    model.set_people([_person(1, "Budi", "B"), _person(2, "Ani", "C"), _person(3, "Cici", "A")])
    model.set_filter("i")
    model.sort(4)
    assert _names(model) == ["Cici", "Budi", "Ani"]
