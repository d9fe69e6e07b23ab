"""The people table model filters by every word, narrows while typing, and widens on delete."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kinerja_desktop.i18n import set_language
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


def test_deleting_and_retyping_give_the_same_rows_as_a_fresh_filter() -> None:
    """Each result comes from the one kept for a shorter text; any order of typing,
    deleting, sorting and reloading shows exactly the rows a fresh model would."""
    people = [  # one unit each: sorting by unit has no ties
        _person(1, "Budi Santoso", "DINKES 1"), _person(2, "Budi Hartono", "BPKAD 1"),
        _person(3, "Siti Budiarti", "DINKES 2"), _person(4, "Agus Salim", "DINKES 3"),
        _person(5, "Dewi Lestari", "BPKAD 2"),
    ]  # fmt: skip
    model = PeopleTableModel()
    model.set_people(people)
    shown, descending = people, False
    steps = ["b", "bu", "bud", "budi", "budi ", "budi s", "budi sa", "budi s", "budi ",
             "budi h", "budi", "bu", "b", "", "s", "sa", "s", "si", "", "dinkes a",
             "dinkes", "dinkes budi", "<sort>", "dinkes bud", "<load>", "dinkes b", "x", ""]  # fmt: skip
    for typed in steps:
        if typed == "<sort>":
            model.sort(4, Qt.SortOrder.DescendingOrder)
            descending = True
        elif typed == "<load>":
            shown = people[1:]
            model.set_people(shown)
        else:
            model.set_filter(typed)
        fresh = PeopleTableModel()
        fresh.set_people(shown)
        if descending:
            fresh.sort(4, Qt.SortOrder.DescendingOrder)
        fresh.set_filter(model._filter)
        assert _names(model) == _names(fresh), typed


def test_column_titles_follow_the_language() -> None:
    model = PeopleTableModel()
    titles = {}
    try:
        for language in ("en", "id"):
            set_language(language)
            titles[language] = [
                model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            ]
    finally:
        set_language("en")
    assert titles["en"][1] == "Name" and titles["id"][1] == "Nama"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
