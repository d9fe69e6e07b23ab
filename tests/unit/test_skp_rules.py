"""The SKP content rules (``services.skp._rules``) on plain data, one rule at a time.

Field rules refuse bad input with the field named; completeness lists every reason an SKP
cannot be submitted yet, in reading order. The services and the JSON import call these same
functions, so each refusal here is what a user of the editor, the CLI or an import sees.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
)
from kinerja_desktop.services.skp._rules import (
    MAX_TARGET,
    IkiInput,
    IkiView,
    RhkInput,
    RhkView,
    check_period,
    clean_iki,
    clean_rhk,
    clean_text,
    completeness,
)

JA, JPT = JenisJabatan.JA, JenisJabatan.JPT
KUANT, KUAL = Pendekatan.KUANTITATIF, Pendekatan.KUALITATIF


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the messages below are matched in English


def refused(call: Any, *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- clean_text -----------------------------------------------------------------------------


def test_text_is_trimmed_and_an_empty_optional_text_is_kept_empty() -> None:
    assert clean_text("  Laporan  ", field="f", label="L", required=True, max_len=20) == "Laporan"
    assert clean_text("", field="f", label="L", required=False, max_len=20) == ""


def test_a_required_text_left_blank_is_refused_naming_its_field() -> None:
    error = refused(clean_text, "   ", field="rhk.teks", label="RHK", required=True, max_len=20)
    assert error.field == "rhk.teks"
    assert "RHK" in str(error)


def test_a_text_past_its_limit_is_refused_with_the_limit() -> None:
    error = refused(clean_text, "x" * 21, field="f", label="L", required=False, max_len=20)
    assert "20" in str(error)
    assert clean_text("x" * 20, field="f", label="L", required=False, max_len=20) == "x" * 20


# --- check_period ---------------------------------------------------------------------------


def test_a_period_inside_its_year_passes() -> None:
    check_period(2026, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    check_period(2026, dt.date(2026, 3, 5), dt.date(2026, 3, 5))


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_out_of_range_is_refused(year: int) -> None:
    error = refused(check_period, year, dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert error.field == "tahun"
    assert str(year) in str(error)


@pytest.mark.parametrize(
    ("mulai", "selesai"),
    [
        (dt.date(2025, 12, 1), dt.date(2026, 6, 30)),  # starts the year before
        (dt.date(2026, 7, 1), dt.date(2027, 1, 31)),  # ends the year after
    ],
)
def test_a_period_spanning_two_years_is_refused(mulai: dt.date, selesai: dt.date) -> None:
    error = refused(check_period, 2026, mulai, selesai)
    assert error.field == "periode"
    assert "2026" in str(error)


def test_a_period_ending_before_it_starts_is_refused() -> None:
    error = refused(check_period, 2026, dt.date(2026, 6, 1), dt.date(2026, 5, 31))
    assert error.field == "periode"
    assert "ends before it starts" in str(error)


# --- clean_iki ------------------------------------------------------------------------------


def test_a_quantitative_target_is_rounded_and_a_single_number_makes_both_ends() -> None:
    iki = clean_iki(
        IkiInput(" Laporan selesai ", aspek=Aspek.KUANTITAS, target_min=12.345, satuan=" dok "),
        pendekatan=KUANT,
        jenis_jabatan=JA,
    )
    assert (iki.teks, iki.target_min, iki.target_max, iki.satuan) == (
        "Laporan selesai",
        12.35,
        12.35,
        "dok",
    )


def test_a_quantitative_range_is_kept_and_an_integer_counts_as_a_number() -> None:
    iki = clean_iki(
        IkiInput("x", aspek="waktu", target_min=2, target_max=4, satuan="hari"),  # type: ignore[arg-type]
        pendekatan=KUANT,
        jenis_jabatan=JA,
    )
    assert iki.aspek is Aspek.WAKTU  # the plain stored value becomes the member
    assert (iki.target_min, iki.target_max) == (2.0, 4.0)


def test_a_draft_indicator_without_a_target_needs_no_unit() -> None:
    iki = clean_iki(IkiInput("x"), pendekatan=KUANT, jenis_jabatan=JA)
    assert (iki.target_min, iki.target_max, iki.satuan) == (None, None, "")


def test_a_target_needs_its_unit() -> None:
    error = refused(clean_iki, IkiInput("x", target_min=3), pendekatan=KUANT, jenis_jabatan=JA)
    assert error.field == "iki.satuan"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (True, "must be a number"),
        ("12", "must be a number"),
        (math.inf, "must be a number"),
        (math.nan, "must be a number"),
        (-1, "cannot be negative"),
        (MAX_TARGET * 10, "too large"),
    ],
)
def test_a_target_that_is_not_a_usable_number_is_refused(value: Any, words: str) -> None:
    error = refused(
        clean_iki, IkiInput("x", target_min=value, satuan="u"), pendekatan=KUANT, jenis_jabatan=JA
    )
    assert error.field == "iki.target_min"
    assert words in str(error)


def test_an_upper_target_alone_is_refused() -> None:
    error = refused(
        clean_iki, IkiInput("x", target_max=5, satuan="u"), pendekatan=KUANT, jenis_jabatan=JA
    )
    assert error.field == "iki.target_min"


@pytest.mark.parametrize(("low", "high", "shown"), [(5, 4, "(4) is below the lower target (5)"),
                                                    (2.5, 1.5, "(1.5) is below the lower target (2.5)")])  # fmt: skip
def test_an_upper_target_below_the_lower_one_is_refused(
    low: float, high: float, shown: str
) -> None:
    error = refused(
        clean_iki,
        IkiInput("x", target_min=low, target_max=high, satuan="u"),
        pendekatan=KUANT,
        jenis_jabatan=JA,
    )
    assert error.field == "iki.target_max"
    assert shown in str(error)


def test_a_quantitative_indicator_refuses_a_target_statement() -> None:
    error = refused(
        clean_iki,
        IkiInput("x", target_min=1, satuan="u", target_teks="Tepat waktu"),
        pendekatan=KUANT,
        jenis_jabatan=JA,
    )
    assert error.field == "iki.target_teks"


def test_a_qualitative_indicator_keeps_its_statement_and_drops_the_unit() -> None:
    iki = clean_iki(
        IkiInput("x", aspek=Aspek.KUALITAS, satuan="dok", target_teks="  Sesuai standar "),
        pendekatan=KUAL,
        jenis_jabatan=JA,
    )
    assert (iki.target_teks, iki.satuan) == ("Sesuai standar", "")


@pytest.mark.parametrize("numbers", [{"target_min": 1.0}, {"target_max": 1.0}])
def test_a_qualitative_indicator_refuses_numbers(numbers: dict[str, float]) -> None:
    error = refused(clean_iki, IkiInput("x", **numbers), pendekatan=KUAL, jenis_jabatan=JA)
    assert error.field == "iki.target_min"


def test_a_jpt_indicator_takes_a_perspective_and_refuses_an_aspect() -> None:
    ok = clean_iki(
        IkiInput("x", perspektif=Perspektif.ANGGARAN), pendekatan=KUANT, jenis_jabatan=JPT
    )
    assert ok.perspektif is Perspektif.ANGGARAN
    error = refused(
        clean_iki, IkiInput("x", aspek=Aspek.BIAYA), pendekatan=KUANT, jenis_jabatan=JPT
    )
    assert error.field == "iki.aspek"


def test_a_ja_jf_indicator_refuses_a_perspective() -> None:
    error = refused(
        clean_iki,
        IkiInput("x", perspektif=Perspektif.ANGGARAN),
        pendekatan=KUANT,
        jenis_jabatan=JenisJabatan.JF,
    )
    assert error.field == "iki.perspektif"


def test_an_unknown_choice_is_refused_naming_the_value() -> None:
    error = refused(
        clean_iki,
        IkiInput("x", aspek="mutu"),
        pendekatan=KUANT,
        jenis_jabatan=JA,  # type: ignore[arg-type]
    )
    assert error.field == "iki.aspek"
    assert "'mutu'" in str(error)


# --- clean_rhk ------------------------------------------------------------------------------


def test_an_rhk_without_a_kind_is_a_core_one_and_is_trimmed() -> None:
    rhk = clean_rhk(RhkInput("  Menyusun laporan ", jenis=None), jenis_jabatan=JA)  # type: ignore[arg-type]
    assert (rhk.teks, rhk.jenis) == ("Menyusun laporan", JenisRhk.UTAMA)


def test_an_additional_rhk_may_say_who_assigned_it() -> None:
    rhk = clean_rhk(
        RhkInput("x", jenis="tambahan", penugasan_dari=" Kepala Dinas "),  # type: ignore[arg-type]
        jenis_jabatan=JA,
    )
    assert (rhk.jenis, rhk.penugasan_dari) == (JenisRhk.TAMBAHAN, "Kepala Dinas")


def test_a_core_rhk_refuses_an_assignment() -> None:
    error = refused(clean_rhk, RhkInput("x", penugasan_dari="Kepala"), jenis_jabatan=JA)
    assert error.field == "rhk.penugasan_dari"


def test_only_a_jpt_rhk_is_classified() -> None:
    rhk = clean_rhk(RhkInput("x", klasifikasi=KlasifikasiRhk.ORGANISASI), jenis_jabatan=JPT)
    assert rhk.klasifikasi is KlasifikasiRhk.ORGANISASI
    error = refused(clean_rhk, RhkInput("x", klasifikasi=KlasifikasiRhk.INDIVIDU), jenis_jabatan=JA)
    assert error.field == "rhk.klasifikasi"


# --- completeness ---------------------------------------------------------------------------


def iki_view(**fields: Any) -> IkiView:
    values: dict[str, Any] = {
        "id": "iki-1",
        "teks": "Laporan",
        "aspek": Aspek.KUANTITAS,
        "perspektif": None,
        "target_min": 1.0,
        "target_teks": "",
        "satuan": "dok",
    }
    return IkiView(**(values | fields))


def rhk_view(**fields: Any) -> RhkView:
    values: dict[str, Any] = {
        "id": "rhk-1",
        "jenis": JenisRhk.UTAMA,
        "teks": "Menyusun laporan",
        "intervensi_rhk_id": "atasan-rhk",
        "iki": (iki_view(),),
    }
    return RhkView(**(values | fields))


def fields_of(problems: list[Any]) -> list[str]:
    return [p.field for p in problems]


def test_a_complete_ja_skp_has_no_problem() -> None:
    assert completeness([rhk_view()], pendekatan=KUANT, jenis_jabatan=JA, has_penilai=True) == []


def test_an_empty_skp_needs_a_core_rhk() -> None:
    problems = completeness([], pendekatan=KUANT, jenis_jabatan=JA, has_penilai=True)
    assert fields_of(problems) == ["rhk"]


def test_additional_rhk_alone_do_not_make_a_plan() -> None:
    problems = completeness(
        [rhk_view(jenis=JenisRhk.TAMBAHAN, intervensi_rhk_id=None)],
        pendekatan=KUANT,
        jenis_jabatan=JA,
        has_penilai=True,
    )
    assert fields_of(problems) == ["rhk"]  # a tambahan needs no intervened RHK


def test_a_core_rhk_names_the_supervisors_work_result_unless_there_is_no_penilai() -> None:
    linkless = [rhk_view(intervensi_rhk_id=None)]
    problems = completeness(linkless, pendekatan=KUANT, jenis_jabatan=JA, has_penilai=True)
    assert [(p.field, p.rhk_id) for p in problems] == [("rhk[0].intervensi", "rhk-1")]
    assert completeness(linkless, pendekatan=KUANT, jenis_jabatan=JA, has_penilai=False) == []
    jpt = [rhk_view(intervensi_rhk_id=None, iki=(iki_view(aspek=None, perspektif="anggaran"),))]
    assert completeness(jpt, pendekatan=KUANT, jenis_jabatan=JPT, has_penilai=True) == []


def test_a_problem_with_the_intervened_rhk_is_reported_in_its_words() -> None:
    problems = completeness(
        [rhk_view(intervensi_problem="the supervisor's RHK was deleted")],
        pendekatan=KUANT,
        jenis_jabatan=JA,
        has_penilai=True,
    )
    assert fields_of(problems) == ["rhk[0].intervensi"]
    assert problems[0].message.endswith("the supervisor's RHK was deleted")
    assert "RHK 1 ('Menyusun laporan')" in problems[0].message


def test_an_rhk_without_indicators_is_named_with_its_text_shortened() -> None:
    long_text = "Menyusun laporan kinerja triwulanan seluruh bidang di lingkungan dinas"
    problems = completeness(
        [rhk_view(), rhk_view(id="rhk-2", teks=long_text, iki=())],
        pendekatan=KUANT,
        jenis_jabatan=JA,
        has_penilai=True,
    )
    assert [(p.field, p.rhk_id) for p in problems] == [("rhk[1].iki", "rhk-2")]
    assert "RHK 2 ('Menyusun laporan kinerja triwulanan sel…')" in problems[0].message


def test_every_missing_part_of_an_indicator_is_listed_at_once() -> None:
    bare = iki_view(aspek=None, target_min=None, target_teks="")
    kuant = completeness(
        [rhk_view(iki=(iki_view(), bare))], pendekatan=KUANT, jenis_jabatan=JA, has_penilai=True
    )
    assert fields_of(kuant) == ["rhk[0].iki[1].target_min", "rhk[0].iki[1].aspek"]
    assert [p.iki_id for p in kuant] == ["iki-1", "iki-1"]
    kual = completeness(
        [rhk_view(iki=(bare,))], pendekatan=KUAL, jenis_jabatan=JA, has_penilai=True
    )
    assert fields_of(kual) == ["rhk[0].iki[0].target_teks", "rhk[0].iki[0].aspek"]
    jpt = completeness(
        [rhk_view(iki=(bare,))], pendekatan=KUANT, jenis_jabatan=JPT, has_penilai=True
    )
    assert fields_of(jpt) == ["rhk[0].iki[0].target_min", "rhk[0].iki[0].perspektif"]
    assert "RHK 1 ('Menyusun laporan'), IKI 1" in jpt[1].message
