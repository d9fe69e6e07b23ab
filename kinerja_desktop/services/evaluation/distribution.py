"""The pola distribusi check of SE MenPANRB 3/2023 (domain reference §3.3).

Given a unit's capaian kinerja organisasi and the predikat of its people in a period, each
rule of the pattern is checked and every broken one gives a plain warning. The circular
leaves the rounding of percentages for small teams open, so the office chooses it (a
``Setting``). The default, ``strict``, reads the percentages exactly: a maximum rounds down
and a minimum rounds up (in a unit of 7, "at most 70 %" allows 4, since 5 of 7 is 71.4 %).
The other rules apply ``floor``, ``round`` (half up) or ``ceil`` of ``people × percentage``
to both kinds of limit. Every result names the rule it applied. The check warns; it never
blocks an evaluation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import N_, _, format_percent
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.enums import CapaianOrganisasi, EvaluasiStatus, Predikat
from kinerja_desktop.models.evaluation import CapaianKinerjaOrganisasi, Evaluasi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access, unit_scope
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.core.reference import label

SETTING_KEY = "distribusi.pembulatan"


class Pembulatan(StrEnum):
    """How a percentage limit becomes a number of people."""

    STRICT = "strict"
    FLOOR = "floor"
    ROUND = "round"
    CEIL = "ceil"


DEFAULT_PEMBULATAN = Pembulatan.STRICT

_PEMBULATAN_LABELS = {
    Pembulatan.STRICT: N_("strict: a maximum rounds down, a minimum rounds up"),
    Pembulatan.FLOOR: N_("round down (floor)"),
    Pembulatan.ROUND: N_("round half up (round)"),
    Pembulatan.CEIL: N_("round up (ceil)"),
}


def pembulatan_label(rule: Pembulatan) -> str:
    return _(_PEMBULATAN_LABELS[rule])


def apply_rounding(value: Fraction, rule: Pembulatan, kind: str = "max") -> int:
    """``value`` as a whole number of people by ``rule`` (``round`` is half up); ``strict``
    rounds a maximum (``kind="max"``) down and a minimum up, so no share beyond the exact
    percentage is allowed."""
    if rule is Pembulatan.STRICT:
        rule = Pembulatan.FLOOR if kind == "max" else Pembulatan.CEIL
    if rule is Pembulatan.FLOOR:
        return math.floor(value)
    if rule is Pembulatan.CEIL:
        return math.ceil(value)
    return math.floor(value + Fraction(1, 2))


@dataclass(frozen=True)
class _Limit:
    """At most / at least ``persen``% of the team with one of ``predikat``.

    ``persen=None`` makes an absolute rule: "max" then means none at all, "min" at least one.
    """

    kind: str
    predikat: tuple[Predikat, ...]
    persen: int | None


P = Predikat
POLA: dict[CapaianOrganisasi, tuple[_Limit, ...]] = {
    CapaianOrganisasi.ISTIMEWA: (_Limit("max", (P.SANGAT_BAIK,), 70),),
    CapaianOrganisasi.BAIK: (
        _Limit("max", (P.BAIK,), 70),
        _Limit("min", (P.BUTUH_PERBAIKAN, P.KURANG), None),
    ),
    CapaianOrganisasi.BUTUH_PERBAIKAN: (
        _Limit("min", (P.BUTUH_PERBAIKAN,), 60),
        _Limit("max", (P.SANGAT_BAIK,), 10),
    ),
    CapaianOrganisasi.KURANG: (
        _Limit("min", (P.KURANG,), 60),
        _Limit("min", (P.BUTUH_PERBAIKAN,), 10),
        _Limit("max", (P.SANGAT_BAIK,), 10),
    ),
    CapaianOrganisasi.SANGAT_KURANG: (
        _Limit("min", (P.SANGAT_KURANG,), 60),
        _Limit("min", (P.KURANG, P.BUTUH_PERBAIKAN), 10),
        _Limit("max", (P.SANGAT_BAIK,), None),
    ),
}
"""The pola distribusi per capaian kinerja organisasi (SE MenPANRB 3/2023)."""


@dataclass(frozen=True)
class RuleResult:
    """One rule of the pattern, checked: the limit in people and whether it holds."""

    kind: str
    predikat: tuple[Predikat, ...]
    persen: int | None
    batas: int
    jumlah: int
    terpenuhi: bool
    aturan: str
    peringatan: str


@dataclass(frozen=True)
class DistributionCheck:
    """Counts, shares and the rules of the pattern for one team."""

    capaian: CapaianOrganisasi | None
    pembulatan: Pembulatan
    total: int
    jumlah: dict[Predikat, int]
    persen: dict[Predikat, float]
    aturan: list[RuleResult]
    peringatan: list[str]
    catatan: str

    @property
    def ok(self) -> bool:
        return not self.peringatan


def _names(predikat: tuple[Predikat, ...]) -> str:
    names = [label(p) for p in predikat]
    if len(names) == 1:
        return names[0]
    return _("{first} and/or {second}").format(first=", ".join(names[:-1]), second=names[-1])


def _check_rule(
    rule: _Limit,
    counts: Mapping[Predikat, int],
    total: int,
    capaian: CapaianOrganisasi,
    rounding: Pembulatan,
) -> RuleResult:
    count = sum(counts.get(p, 0) for p in rule.predikat)
    names = _names(rule.predikat)
    org = label(capaian)
    rule_name = pembulatan_label(rounding)
    share = format_percent(count / total if total else 0.0)
    if rule.persen is None and rule.kind == "max":
        limit, ok = 0, count == 0
        text = _("No one {names}").format(names=names)
        warning = _(
            "With organisational achievement {org}, no one may be rated {names}; {count} of "
            "{total} people are."
        ).format(org=org, names=names, count=count, total=total)
    elif rule.persen is None:
        limit, ok = 1, count >= 1
        text = _("At least one person {names}").format(names=names)
        warning = _(
            "With organisational achievement {org}, at least one person must be rated {names}; "
            "there is none."
        ).format(org=org, names=names)
    elif rule.kind == "max":
        limit = apply_rounding(Fraction(total * rule.persen, 100), rounding, "max")
        ok = count <= limit
        text = _("At most {pct}% {names} (at most {limit} of {total})").format(
            pct=rule.persen, names=names, limit=limit, total=total
        )
        warning = _(
            "{names}: {count} of {total} people ({share}). With organisational achievement "
            "{org} at most {pct}% is allowed, that is {limit} people by the rounding rule "
            "'{rule}'."
        ).format(
            names=names,
            count=count,
            total=total,
            share=share,
            org=org,
            pct=rule.persen,
            limit=limit,
            rule=rule_name,
        )
    else:
        limit = apply_rounding(Fraction(total * rule.persen, 100), rounding, "min")
        ok = count >= limit
        text = _("At least {pct}% {names} (at least {limit} of {total})").format(
            pct=rule.persen, names=names, limit=limit, total=total
        )
        warning = _(
            "{names}: {count} of {total} people ({share}). With organisational achievement "
            "{org} at least {pct}% is required, that is {limit} people by the rounding rule "
            "'{rule}'."
        ).format(
            names=names,
            count=count,
            total=total,
            share=share,
            org=org,
            pct=rule.persen,
            limit=limit,
            rule=rule_name,
        )
    return RuleResult(
        kind=rule.kind,
        predikat=rule.predikat,
        persen=rule.persen,
        batas=limit,
        jumlah=count,
        terpenuhi=ok,
        aturan=text,
        peringatan="" if ok else warning,
    )


def check_distribution(
    counts: Mapping[Predikat, int],
    capaian: CapaianOrganisasi | None,
    rounding: Pembulatan = DEFAULT_PEMBULATAN,
) -> DistributionCheck:
    """Check a team's predikat counts against the pattern of ``capaian``."""
    jumlah = {p: int(counts.get(p, 0)) for p in Predikat}
    total = sum(jumlah.values())
    persen = {p: (jumlah[p] / total if total else 0.0) for p in Predikat}
    results: list[RuleResult] = []
    if capaian is None:
        note = _(
            "The organisational achievement (capaian kinerja organisasi) of this period is not "
            "set, so the distribution pattern cannot be checked."
        )
    elif total == 0:
        note = _("No one in this unit has a predikat for this period yet.")
    else:
        results = [_check_rule(r, jumlah, total, capaian, rounding) for r in POLA[capaian]]
        note = _(
            "Limits in people are the percentage of {total} people, rounded by the rule "
            "'{rule}'. These are warnings: evaluations are not blocked."
        ).format(total=total, rule=pembulatan_label(rounding))
    return DistributionCheck(
        capaian=capaian,
        pembulatan=rounding,
        total=total,
        jumlah=jumlah,
        persen=persen,
        aturan=results,
        peringatan=[r.peringatan for r in results if not r.terpenuhi],
        catatan=note,
    )


def get_pembulatan(db: Database, *, actor: Actor) -> Pembulatan:
    """The office's rounding rule for the distribution limits."""
    with db.read(actor) as session:
        return _pembulatan(session)


def _pembulatan(session: Session) -> Pembulatan:
    setting = session.get(Setting, SETTING_KEY)
    try:
        return Pembulatan(setting.value) if setting is not None else DEFAULT_PEMBULATAN
    except ValueError:
        return DEFAULT_PEMBULATAN


def set_pembulatan(db: Database, *, actor: Actor, rule: str) -> Pembulatan:
    """Choose the rounding rule (pengelola kinerja only)."""
    access.require_pengelola(actor)
    try:
        value = Pembulatan(rule)
    except ValueError:
        raise ValidationError(
            _("Unknown rounding rule '{rule}'. Use strict, floor, round or ceil.").format(
                rule=rule
            ),
            field="pembulatan",
        ) from None
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, SETTING_KEY)
        if setting is None:
            session.add(Setting(key=SETTING_KEY, value=value.value))
        else:
            setting.value = value.value
    return value


@dataclass(frozen=True)
class LatestPredikat:
    """A person's predikat in a period, from the evaluation changed last that has one."""

    unit_id: str
    predikat: Predikat
    status: EvaluasiStatus


_CHUNK = 900  # unit ids per query, well under SQLite's limit of bound parameters


def latest_predikat(
    session: Session, unit_ids: Iterable[str], code: str
) -> dict[str, LatestPredikat]:
    """{pegawai id: latest predikat} of the active people of ``unit_ids`` in period ``code``.

    One evaluation per person, the one changed last among those with a predikat (drafts
    count): the distribution check and the printed forms count people the same way.
    """
    ids = sorted(set(unit_ids))
    latest: dict[str, LatestPredikat] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(Skp.pegawai_id, Pegawai.unit_id, Evaluasi.predikat, Evaluasi.status)
            .join(Skp, Skp.id == Evaluasi.skp_id)
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(
                Evaluasi.periode == code,
                Evaluasi.deleted.is_(False),
                Evaluasi.predikat.is_not(None),
                Skp.deleted.is_(False),
                Pegawai.unit_id.in_(ids[start : start + _CHUNK]),
                Pegawai.aktif.is_(True),
                Pegawai.deleted.is_(False),
            )
            .order_by(Evaluasi.updated_at)
        )
        # A person's rows all fall in one chunk (one unit), oldest first: the last one wins.
        # The filters above leave neither the unit nor the predikat empty.
        for pegawai_id, unit_id, predikat, status in rows:
            latest[pegawai_id] = LatestPredikat(
                cast(str, unit_id), cast(Predikat, predikat), status
            )
    return latest


@dataclass(frozen=True)
class UnitDistribution:
    """A unit's predikat distribution in a period, checked against its pattern."""

    unit_id: str
    unit_kode: str
    unit_nama: str
    periode: str
    jumlah_pegawai: int
    jumlah_final: int
    check: DistributionCheck


def unit_distribution(
    db: Database, *, actor: Actor, unit_kode: str, periode: str, include_sub_units: bool = True
) -> UnitDistribution:
    """The predikat of the unit's people (and its sub-units') in ``periode``, checked.

    Draft evaluations count too (the check helps while evaluating); ``jumlah_final`` says
    how many are finished. One evaluation per person: the latest changed.
    """
    code = parse(periode).code
    with db.read(actor) as session:
        unit = unit_scope.unit_by_code(session, unit_kode)
        unit_scope.require_unit_reader(session, actor, unit.id)
        ids = unit_scope.subtree_ids(session, unit.id) if include_sub_units else [unit.id]
        people = session.execute(
            select(Pegawai.id).where(
                Pegawai.unit_id.in_(ids), Pegawai.aktif.is_(True), Pegawai.deleted.is_(False)
            )
        ).all()
        latest = latest_predikat(session, ids, code)
        counts: dict[Predikat, int] = {}
        for one in latest.values():
            counts[one.predikat] = counts.get(one.predikat, 0) + 1
        capaian = session.execute(
            select(CapaianKinerjaOrganisasi.capaian).where(
                CapaianKinerjaOrganisasi.unit_id == unit.id,
                CapaianKinerjaOrganisasi.periode == code,
                CapaianKinerjaOrganisasi.deleted.is_(False),
            )
        ).scalar_one_or_none()
        return UnitDistribution(
            unit_id=unit.id,
            unit_kode=unit.kode,
            unit_nama=unit.nama,
            periode=code,
            jumlah_pegawai=len(people),
            jumlah_final=sum(1 for p in latest.values() if p.status is EvaluasiStatus.FINAL),
            check=check_distribution(counts, capaian, _pembulatan(session)),
        )
