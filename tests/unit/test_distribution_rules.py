"""The pola distribusi check (SE MenPANRB 3/2023, domain reference §3.3).

For every organisational predikat, every limit is tried just inside (the baseline team sits
exactly on it) and just outside (one person more or less); the rounding rules for small
teams are tried where they differ.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.enums import CapaianOrganisasi as C
from kinerja_desktop.models.enums import Predikat
from kinerja_desktop.services.evaluation.distribution import (
    SETTING_KEY,
    Pembulatan,
    apply_rounding,
    check_distribution,
    get_pembulatan,
    pembulatan_label,
    set_pembulatan,
)
from tests.factories import Office

SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)


def team(**counts: int) -> dict[Predikat, int]:
    return {Predikat(k.lower()): v for k, v in counts.items()}


def broken(counts: dict[Predikat, int], capaian: C, rule: Pembulatan = Pembulatan.ROUND) -> set:
    check = check_distribution(counts, capaian, rule)
    assert len(check.peringatan) == sum(not r.terpenuhi for r in check.aturan)
    return {(r.kind, r.predikat) for r in check.aturan if not r.terpenuhi}


# Teams of ten people that sit exactly on every limit of their pattern.
BASELINE = {
    C.ISTIMEWA: team(sangat_baik=7, baik=3),
    C.BAIK: team(baik=7, butuh_perbaikan=1, sangat_baik=2),
    C.BUTUH_PERBAIKAN: team(butuh_perbaikan=6, sangat_baik=1, baik=3),
    C.KURANG: team(kurang=6, butuh_perbaikan=1, sangat_baik=1, baik=2),
    C.SANGAT_KURANG: team(sangat_kurang=6, kurang=1, baik=3),
}


@pytest.mark.parametrize("capaian", list(C))
def test_baseline_teams_sit_just_inside_every_limit(capaian: C) -> None:
    check = check_distribution(BASELINE[capaian], capaian)
    assert check.total == 10
    assert check.ok, check.peringatan
    assert check.aturan, "every pattern has rules"


OUTSIDE = [
    # capaian, team just outside one limit, the rule broken
    (C.ISTIMEWA, team(sangat_baik=8, baik=2), ("max", (SB,))),
    (C.BAIK, team(baik=8, butuh_perbaikan=1, sangat_baik=1), ("max", (B,))),
    (C.BAIK, team(baik=7, sangat_baik=3), ("min", (BP, K))),
    (C.BUTUH_PERBAIKAN, team(butuh_perbaikan=5, sangat_baik=1, baik=4), ("min", (BP,))),
    (C.BUTUH_PERBAIKAN, team(butuh_perbaikan=6, sangat_baik=2, baik=2), ("max", (SB,))),
    (C.KURANG, team(kurang=5, butuh_perbaikan=1, sangat_baik=1, baik=3), ("min", (K,))),
    (C.KURANG, team(kurang=6, sangat_baik=1, baik=3), ("min", (BP,))),
    (C.KURANG, team(kurang=6, butuh_perbaikan=1, sangat_baik=2, baik=1), ("max", (SB,))),
    (C.SANGAT_KURANG, team(sangat_kurang=5, kurang=1, baik=4), ("min", (SK,))),
    (C.SANGAT_KURANG, team(sangat_kurang=6, baik=4), ("min", (K, BP))),
    (C.SANGAT_KURANG, team(sangat_kurang=6, kurang=1, sangat_baik=1, baik=2), ("max", (SB,))),
]


@pytest.mark.parametrize(("capaian", "counts", "rule"), OUTSIDE)
def test_just_outside_each_limit_warns_about_that_rule_only(
    capaian: C, counts: dict[Predikat, int], rule: tuple
) -> None:
    assert sum(counts.values()) == 10
    assert broken(counts, capaian) == {rule}


@pytest.mark.parametrize(
    ("capaian", "counts"),
    [
        (C.BAIK, team(baik=7, kurang=1, sangat_baik=2)),  # K alone satisfies "BP and/or K"
        (C.SANGAT_KURANG, team(sangat_kurang=6, butuh_perbaikan=1, baik=3)),  # BP alone
        (C.ISTIMEWA, team(sangat_baik=1, sangat_kurang=9)),  # the rest may be anything
        (C.BAIK, team(baik=1, kurang=1, sangat_kurang=8)),
    ],
)
def test_alternatives_the_pattern_allows(capaian: C, counts: dict[Predikat, int]) -> None:
    assert broken(counts, capaian) == set()


def test_warning_is_plain_and_names_counts_and_rounding_rule() -> None:
    check = check_distribution(team(sangat_baik=8, baik=2), C.ISTIMEWA, Pembulatan.CEIL)
    (warning,) = check.peringatan
    assert "8" in warning and "10" in warning and "70%" in warning
    assert pembulatan_label(Pembulatan.CEIL) in warning
    assert pembulatan_label(Pembulatan.CEIL) in check.catatan
    assert check.jumlah[SB] == 8 and check.persen[SB] == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("value", "floor", "round_", "ceil"),
    [("2.8", 2, 3, 3), ("0.5", 0, 1, 1), ("0.3", 0, 0, 1), ("1.8", 1, 2, 2), ("3", 3, 3, 3)],
)
def test_rounding_rules(value: str, floor: int, round_: int, ceil: int) -> None:
    v = Fraction(value)
    assert apply_rounding(v, Pembulatan.FLOOR) == floor
    assert apply_rounding(v, Pembulatan.ROUND) == round_
    assert apply_rounding(v, Pembulatan.CEIL) == ceil


def test_small_teams_follow_the_chosen_rounding_rule() -> None:
    # Four people, Istimewa: 70% of 4 = 2.8 -> floor allows 2, round and ceil allow 3.
    three_sb = team(sangat_baik=3, baik=1)
    assert broken(three_sb, C.ISTIMEWA, Pembulatan.FLOOR) == {("max", (SB,))}
    assert broken(three_sb, C.ISTIMEWA, Pembulatan.ROUND) == set()
    assert broken(three_sb, C.ISTIMEWA, Pembulatan.CEIL) == set()
    # Three people, Butuh Perbaikan: at least 60% of 3 = 1.8 BP; at most 10% of 3 = 0.3 SB.
    small = team(butuh_perbaikan=1, baik=2)
    assert broken(small, C.BUTUH_PERBAIKAN, Pembulatan.FLOOR) == set()
    assert broken(small, C.BUTUH_PERBAIKAN, Pembulatan.ROUND) == {("min", (BP,))}
    with_sb = team(butuh_perbaikan=2, sangat_baik=1)
    assert broken(with_sb, C.BUTUH_PERBAIKAN, Pembulatan.CEIL) == set()
    assert broken(with_sb, C.BUTUH_PERBAIKAN, Pembulatan.ROUND) == {("max", (SB,))}
    # Five people, Kurang: at least 10% of 5 = 0.5 BP -> round half up needs one.
    five = team(kurang=4, baik=1)
    assert broken(five, C.KURANG, Pembulatan.FLOOR) == set()
    assert broken(five, C.KURANG, Pembulatan.ROUND) == {("min", (BP,))}


def test_no_capaian_or_no_one_rated_checks_nothing_and_says_why() -> None:
    no_capaian = check_distribution(team(baik=3), None)
    assert no_capaian.ok and not no_capaian.aturan and no_capaian.catatan
    empty = check_distribution({}, C.BAIK)
    assert empty.ok and empty.total == 0 and not empty.aturan and empty.catatan


def test_unit_of_seven_strict_reading_is_the_default() -> None:
    """Issue 15 item 8: 5 of 7 Sangat Baik is 71.4 %, above "at most 70 %"."""
    five_of_seven = team(sangat_baik=5, baik=2)
    strict = check_distribution(five_of_seven, C.ISTIMEWA)
    assert strict.pembulatan is Pembulatan.STRICT
    (rule,) = strict.aturan
    assert (rule.batas, rule.jumlah, rule.terpenuhi) == (4, 5, False)
    (warning,) = strict.peringatan
    assert "5 dari 7" in warning and "71,4%" in warning
    assert pembulatan_label(Pembulatan.STRICT) in warning
    assert pembulatan_label(Pembulatan.STRICT) in strict.catatan
    assert broken(team(sangat_baik=4, baik=3), C.ISTIMEWA, Pembulatan.STRICT) == set()
    # the old default lets it pass: 4.9 rounds half up to 5
    assert broken(five_of_seven, C.ISTIMEWA, Pembulatan.ROUND) == set()
    # strict minimum rounds up: at least 60 % of 7 = 4.2 Butuh Perbaikan needs 5
    four_bp = team(butuh_perbaikan=4, baik=3)
    assert broken(four_bp, C.BUTUH_PERBAIKAN, Pembulatan.STRICT) == {("min", (BP,))}
    assert broken(four_bp, C.BUTUH_PERBAIKAN, Pembulatan.ROUND) == set()
    assert broken(team(butuh_perbaikan=5, baik=2), C.BUTUH_PERBAIKAN, Pembulatan.STRICT) == set()


def test_strict_rounding_direction_follows_the_kind_of_limit() -> None:
    assert apply_rounding(Fraction("4.9"), Pembulatan.STRICT, "max") == 4
    assert apply_rounding(Fraction("4.2"), Pembulatan.STRICT, "min") == 5
    assert apply_rounding(Fraction(3), Pembulatan.STRICT, "max") == 3
    assert apply_rounding(Fraction(3), Pembulatan.STRICT, "min") == 3


def test_the_rounding_rule_is_strict_until_the_administrator_chooses_another(
    db: Database, office: Office
) -> None:
    admin, pegawai = office.admin.actor, office.staf.actor
    assert get_pembulatan(db, actor=pegawai) is Pembulatan.STRICT
    assert set_pembulatan(db, actor=admin, rule="floor") is Pembulatan.FLOOR  # first choice
    assert set_pembulatan(db, actor=admin, rule="ceil") is Pembulatan.CEIL  # changed later
    assert get_pembulatan(db, actor=pegawai) is Pembulatan.CEIL
    with pytest.raises(ValidationError) as caught:
        set_pembulatan(db, actor=admin, rule="bankers")
    assert caught.value.field == "pembulatan"
    with pytest.raises(PermissionDenied):
        set_pembulatan(db, actor=pegawai, rule="round")
    assert get_pembulatan(db, actor=admin) is Pembulatan.CEIL  # neither refusal changed it


def test_a_stored_rounding_rule_this_program_does_not_know_reads_as_strict(
    db: Database, office: Office
) -> None:
    with db.unit_of_work(office.admin.actor) as session:
        session.add(Setting(key=SETTING_KEY, value="bankers"))
    assert get_pembulatan(db, actor=office.admin.actor) is Pembulatan.STRICT
