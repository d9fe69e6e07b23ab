"""Decoding bundle records (``sync.tables``): every value is checked against its column, one
record at a time (``decode_record``, naming the record and field) or column by column for
speed (``decode_records``, which falls back to the first on any doubt), so a hostile bundle
is refused and never stored half-read. Also the relay scope of master data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Column, LargeBinary

from kinerja_desktop.i18n import set_language
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.errors import BundleError
from kinerja_desktop.sync.tables import decode_record, decode_records

SPEC = tables.SYNCED["progres_harian"]  # a table with every kind of column
KINDS = {name: (kind, extra, nullable) for name, kind, extra, nullable in SPEC.kinds}
UTC_TEXT = "2026-01-02T03:04:05.000006+00:00"

SAMPLE = {
    "text": "isi",
    "datetime": UTC_TEXT,
    "date": "2026-01-02",
    "bool": False,
    "int": 1,
    "number": 1.5,
    "json": {"x": 1},
}


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the messages below are matched in English


def column(kind: str, *, nullable: bool | None = None) -> str:
    """A column of ``kind`` (other than id and vv), optionally of the given nullability."""
    return next(
        name
        for name, (k, _extra, null) in KINDS.items()
        if k == kind and name not in ("id", "vv") and (nullable is None or null is nullable)
    )


def record(**values: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for name, (kind, extra, _nullable) in KINDS.items():
        raw[name] = sorted(extra)[0] if kind == "enum" else SAMPLE[kind]
    return raw | {"id": "rec-1", "vv": {"office-a": 3}} | values


def refused(raw: Any, *, storage: bool = False) -> BundleError:
    with pytest.raises(BundleError) as caught:
        decode_record(SPEC, raw, storage=storage)
    return caught.value


def test_a_good_record_decodes_to_python_values_or_to_storage_text() -> None:
    out = decode_record(SPEC, record())
    stamp = column("datetime")
    assert out[stamp] == dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    assert out[column("date")] == dt.date(2026, 1, 2)
    assert out[column("number")] == 1.5
    stored = decode_record(SPEC, record(**{stamp: "2026-01-02T10:04:05+07:00"}), storage=True)
    assert stored[stamp] == "2026-01-02 03:04:05.000000"  # UTC, as the database keeps it
    assert stored[column("date")] == "2026-01-02"
    naive = decode_record(SPEC, record(**{stamp: "2026-01-02T03:04:05"}), storage=True)
    assert naive[stamp] == "2026-01-02 03:04:05.000000"
    assert decode_record(SPEC, record(**{stamp: "2026-01-02T03:04:05"}))[stamp].tzinfo is dt.UTC


@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [
        ("enum", "no_such_value", "unknown value 'no_such_value'"),
        ("bool", "yes", "a yes/no value was expected"),
        ("int", True, "a whole number was expected"),
        ("int", "3", "a whole number was expected"),
        ("number", "1.5", "a number was expected"),
        ("number", False, "a number was expected"),
        ("text", 5, "text was expected"),
        ("date", "2026-02-30", "not accepted"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_naming_record_and_field(
    kind: str, value: Any, why: str
) -> None:
    name = column(kind)
    error = refused(record(**{name: value}))
    assert error.code == "malformed"
    assert f"Record rec-1 of table progres_harian: the field {name}" in str(error)
    assert why in str(error)


def test_a_json_field_must_be_an_object_and_not_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "a JSON object was expected" in str(refused(record(vv="1")))
    monkeypatch.setattr(tables, "TEXT_LIMIT", 10)
    assert refused(record(vv={"office-a": 123456789})).code == "oversized"


def test_a_text_past_its_column_length_is_oversized() -> None:
    name, (_kind, limit, _null) = next(
        (n, v) for n, v in KINDS.items() if v[0] == "text" and n != "id" and v[1] < 10_000
    )
    assert refused(record(**{name: "x" * (limit + 1)})).code == "oversized"


@pytest.mark.parametrize("raw", [[], {"vv": {}}, {"id": ""}, {"id": 7}])
def test_a_record_without_an_id_is_refused(raw: Any) -> None:
    assert "has no id" in str(refused(raw))


def test_a_required_field_missing_or_empty_is_refused_and_an_optional_one_may_be_absent() -> None:
    required, optional = column("text", nullable=False), column("text", nullable=True)
    lacking = record()
    del lacking[required]
    assert f"lacks the field {required}" in str(refused(lacking))
    assert f"the field {required} is empty" in str(refused(record(**{required: None})))
    older = record()
    del older[optional]  # sent by a program that did not have the field yet
    assert decode_record(SPEC, older)[optional] is None
    assert decode_record(SPEC, record(**{optional: None}))[optional] is None


@pytest.mark.parametrize("vv", [{"office-a": "3"}, {"office-a": True}, []])
def test_a_record_needs_a_valid_version_vector(vv: Any) -> None:
    assert "no valid version vector" in str(refused(record(vv=vv)))


def test_fields_from_a_newer_program_are_refused_as_a_newer_schema() -> None:
    error = refused(record(tanda_tangan="x", warna="merah"))
    assert (error.code, "(tanda_tangan, warna)" in str(error)) == ("newer_schema", True)


def test_a_column_type_without_a_decoder_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="no sync decoder for column blob"):
        tables._decoder(Column("blob", LargeBinary))


# --- many records at once ---------------------------------------------------------------------


def test_the_column_path_keeps_good_records_and_makes_storage_text() -> None:
    stamp, day = column("datetime"), column("date")
    raws = [
        record(id="a"),
        record(id="b", **{stamp: "2026-01-02T10:04:05+07:00", day: "20260103"}),
        record(id="c", **{stamp: "2026-01-02T03:04:05"}),  # no zone: read as UTC
    ]
    records, columns = decode_records(SPEC, raws)
    assert records is raws
    assert columns[stamp] == [
        "2026-01-02 03:04:05.000006",
        "2026-01-02 03:04:05.000000",
        "2026-01-02 03:04:05.000000",
    ]
    assert columns[day] == ["2026-01-02", "2026-01-03", "2026-01-02"]
    assert columns["id"] == ["a", "b", "c"]


def test_nullable_columns_keep_their_empty_values_in_place() -> None:
    optional = column("text", nullable=True)
    raws = [record(id="a", **{optional: None}), record(id="b", **{optional: "isi"})]
    _records, columns = decode_records(SPEC, raws)
    assert columns[optional] == [None, "isi"]


@pytest.mark.parametrize(
    "change",
    [
        {"vv": {"office-a": "3"}},  # a version vector of text
        {"id": ""},  # an empty id
        {"vv": []},  # not an object
        {"vv": "3"},  # not JSON at all
    ],
)
def test_any_doubt_falls_back_to_the_record_by_record_check(change: dict[str, Any]) -> None:
    with pytest.raises(BundleError) as caught:
        decode_records(SPEC, [record(id="a"), record(id="b") | change])
    assert caught.value.code == "malformed"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("text", 5),
        ("datetime", "2026-13-01T00:00:00"),
        ("date", "2026-02-30"),
        ("bool", 0),
        ("int", 1.0),
        ("number", "1"),
        ("enum", "no_such_value"),
    ],
)
def test_a_value_the_column_check_doubts_is_named_by_the_record_check(
    kind: str, value: Any
) -> None:
    name = column(kind)
    with pytest.raises(BundleError) as caught:
        decode_records(SPEC, [record(id="a"), record(id="b", **{name: value})])
    assert f"Record b of table progres_harian: the field {name}" in str(caught.value)


def test_the_fallback_decodes_records_that_only_look_unusual() -> None:
    older = record(id="a")
    del older[column("text", nullable=True)]  # fewer fields: not the column path
    records, columns = decode_records(SPEC, [older])
    assert records[0][column("text", nullable=True)] is None
    assert columns["id"] == ["a"]


def test_a_renamed_field_is_a_newer_schema_even_with_the_right_number_of_fields() -> None:
    renamed = record(id="b")
    renamed["no_such_field"] = renamed.pop(column("text", nullable=True))
    with pytest.raises(BundleError) as caught:
        decode_records(SPEC, [record(id="a"), renamed])
    assert caught.value.code == "newer_schema"
    assert "no_such_field" in str(caught.value)


def test_a_long_json_value_is_checked_record_by_record(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tables.SYNCED["amandemen_evaluasi"]
    kinds = {name: (kind, extra) for name, kind, extra, _null in spec.kinds}
    raw = {
        name: sorted(extra)[0] if kind == "enum" else SAMPLE[kind]
        for name, (kind, extra) in kinds.items()
    } | {"id": "rec-1", "vv": {"office-a": 3}, "sebelum": {"catatan": "x" * 50}}
    assert decode_records(spec, [raw])[0] == [raw]
    monkeypatch.setattr(tables, "TEXT_LIMIT", 40)
    with pytest.raises(BundleError) as caught:
        decode_records(spec, [raw])
    assert caught.value.code == "oversized"


def test_master_data_is_relayed_to_every_office() -> None:
    instansi = tables.SYNCED["instansi"]
    assert tables.relay_scope(instansi) == "all"
    assert str(tables.relay_filter(instansi, "office-a")) == "true"
