"""NIP and NI PPPK validation (``services.core.nip``): each digit group checked on its own,
each refusal naming the group that is wrong, and the TMT CPNS before the 18th birthday
accepted only when confirmed."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.errors import ConfirmationRequired, ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import JenisAsn, JenisKelamin
from kinerja_desktop.services.core.nip import (
    eighteenth_birthday,
    format_nip,
    normalize,
    require_confirmed_tmt,
    validate_nip,
)

PNS = "198001012005011001"  # born 1 Jan 1980, TMT CPNS Jan 2005, male, number 001
PPPK = "198502022021992003"  # born 2 Feb 1985, appointed 2021, code 99, female, number 003
EARLY_TMT = "198006151998011001"  # TMT CPNS Jan 1998, the 18th birthday 15 Jun 1998


@pytest.fixture(autouse=True)
def _english(_default_language: None) -> None:
    set_language("en")  # the messages below are matched in English


def refusal(raw: str, jenis: JenisAsn = JenisAsn.PNS) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_nip(raw, jenis, field="nip_atasan")
    assert caught.value.field == "nip_atasan"
    return str(caught.value)


def test_a_pns_nip_says_birth_date_tmt_and_gender() -> None:
    info = validate_nip("19800101 200501 1 001")
    assert (info.nip, info.jenis_asn, info.tanggal_lahir) == (
        PNS,
        JenisAsn.PNS,
        dt.date(1980, 1, 1),
    )
    assert (info.tahun_pengangkatan, info.tmt_cpns) == (2005, dt.date(2005, 1, 1))
    assert info.jenis_kelamin is JenisKelamin.LAKI_LAKI
    assert (info.tmt_before_18, info.tmt_warning()) == (False, "")


def test_an_ni_pppk_has_no_month_to_check_and_no_tmt_cpns() -> None:
    info = validate_nip(PPPK, JenisAsn.PPPK)
    assert (info.tahun_pengangkatan, info.tmt_cpns) == (2021, None)
    assert info.jenis_kelamin is JenisKelamin.PEREMPUAN
    assert not info.tmt_before_18
    assert "month" in refusal(PPPK)  # the same digits are no PNS number: month 99


@pytest.mark.parametrize(("raw", "words"), [("", "NIP is required"), ("   ", "NIP is required")])
def test_an_empty_number_is_required(raw: str, words: str) -> None:
    assert words in refusal(raw)
    assert "NI PPPK is required" in refusal("", JenisAsn.PPPK)


def test_letters_are_refused_while_spaces_dots_and_dashes_are_ignored() -> None:
    assert "digits only" in refusal("19800101-200501-1-00A")
    assert validate_nip("19800101.200501.1-001").nip == PNS
    assert normalize(None) == ""  # type: ignore[arg-type]


def test_a_number_of_the_wrong_length_says_how_many_digits_it_has() -> None:
    assert "this one has 17" in refusal(PNS[:-1])


@pytest.mark.parametrize("raw", ["198002302005011001", "198013012005011001"])
def test_digits_1_to_8_must_be_a_real_date(raw: str) -> None:
    assert f"Digits 1-8 ({raw[:8]})" in refusal(raw)


def test_a_birth_date_in_the_future_is_refused() -> None:
    assert "in the future" in refusal("29990101" + PNS[8:])


def test_the_tmt_month_runs_from_01_to_12() -> None:
    assert "Digits 9-14 (200513)" in refusal("19800101200513" + "1001")
    assert "Digits 9-14 (200500)" in refusal("19800101200500" + "1001")


@pytest.mark.parametrize("year", ["1994", "2999"])
def test_the_appointment_year_must_be_plausible(year: str) -> None:
    assert f"Digits 9-12 ({year})" in refusal("19800101" + year + "01" + "1001")
    assert f"Digits 9-12 ({year})" in refusal("19800101" + year + "01" + "1001", JenisAsn.PPPK)


def test_the_gender_digit_is_1_or_2_and_the_sequence_not_000() -> None:
    assert "Digit 15 (3)" in refusal(PNS[:14] + "3001")
    assert "cannot be 000" in refusal(PNS[:15] + "000")


def test_a_tmt_before_the_18th_birthday_needs_a_confirmation() -> None:
    info = validate_nip(EARLY_TMT)
    assert info.tmt_before_18
    warning = info.tmt_warning()
    assert warning.startswith("Digits 9-14 (199801)")
    with pytest.raises(ConfirmationRequired) as caught:
        require_confirmed_tmt(info, False, field="nip_baru")
    assert (str(caught.value), caught.value.field) == (warning, "nip_baru")
    require_confirmed_tmt(info, True)
    require_confirmed_tmt(validate_nip(PNS), False)


def test_the_18th_birthday_of_someone_born_on_29_february_is_1_march() -> None:
    assert eighteenth_birthday(dt.date(2004, 2, 29)) == dt.date(2022, 3, 1)
    assert eighteenth_birthday(dt.date(2004, 2, 28)) == dt.date(2022, 2, 28)


def test_a_nip_is_grouped_as_printed_and_anything_else_left_alone() -> None:
    assert format_nip(PNS) == "19800101 200501 1 001"
    assert format_nip("12345") == "12345"
