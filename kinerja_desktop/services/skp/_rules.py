"""The rules an SKP's content must follow, as plain functions on plain data.

Two levels, because people draft in several sittings:

- *field rules* (``check_period``, ``clean_rhk``, ``clean_iki``) run on every save: a number
  must be a number, a maximum not below the minimum, a period inside its year. A draft may
  still be incomplete.
- *completeness* (``completeness``) runs on submit: at least one RHK utama, every RHK with an
  IKI and a target, the intervened RHK named on JA/JF rows (unless the pegawai has no
  pejabat penilai: the head of the instansi), aspek or perspektif chosen. It returns every
  problem at once, each with the place it concerns, so the editor can point at them.

Services and the JSON import share these functions, so the GUI, the CLI and an imported file
get the same messages.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
)

_E = TypeVar("_E", bound=StrEnum)

MAX_TEXT = 2000
MAX_SATUAN = 100
MAX_PENUGASAN = 300
MAX_TARGET = 999_999_999_999.0


@dataclass(frozen=True)
class IkiInput:
    """An indicator and its target as a form or a file gives it."""

    teks: str
    aspek: Aspek | None = None
    perspektif: Perspektif | None = None
    target_min: float | None = None
    target_max: float | None = None
    satuan: str = ""
    target_teks: str = ""


@dataclass(frozen=True)
class RhkInput:
    """A planned work result as a form or a file gives it (its IKI are edited separately)."""

    teks: str
    jenis: JenisRhk = JenisRhk.UTAMA
    intervensi_rhk_id: str | None = None
    klasifikasi: KlasifikasiRhk | None = None
    penugasan_dari: str = ""


@dataclass(frozen=True)
class Problem:
    """One reason an SKP cannot be submitted yet; ``field`` is a path like ``rhk[1].iki[0]``."""

    message: str
    field: str
    rhk_id: str | None = None
    iki_id: str | None = None


@dataclass(frozen=True)
class IkiView:
    """What completeness needs to know of an IKI."""

    id: str
    teks: str
    aspek: Aspek | None
    perspektif: Perspektif | None
    target_min: float | None
    target_teks: str
    satuan: str


@dataclass(frozen=True)
class RhkView:
    """What completeness needs to know of an RHK; ``intervensi_ok`` is None when unset."""

    id: str
    jenis: JenisRhk
    teks: str
    intervensi_rhk_id: str | None
    intervensi_problem: str = ""
    iki: tuple[IkiView, ...] = field(default_factory=tuple)


def clean_text(value: str, *, field: str, label: str, required: bool, max_len: int) -> str:
    """Trimmed text; refuses an empty required value and an overlong one."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(_("{label} is required.").format(label=label), field=field)
    if len(text) > max_len:
        raise ValidationError(
            _("{label} is longer than {n} characters.").format(label=label, n=max_len),
            field=field,
        )
    return text


def check_period(tahun: int, mulai: dt.date, selesai: dt.date) -> None:
    """The period lies inside the year ``tahun`` and does not end before it starts."""
    if not 2000 <= tahun <= 2100:
        raise ValidationError(
            _("The year {year} is out of range (2000 to 2100).").format(year=tahun), field="tahun"
        )
    if mulai.year != tahun or selesai.year != tahun:
        raise ValidationError(
            _(
                "The period must lie inside the year {year} (from 1 January to 31 December at "
                "most); an SKP never spans two years."
            ).format(year=tahun),
            field="periode",
        )
    if selesai < mulai:
        raise ValidationError(
            _("The period ends before it starts; check the two dates."), field="periode"
        )


def _number(value: float | None, *, field: str, label: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(_("{label} must be a number.").format(label=label), field=field)
    if value < 0:
        raise ValidationError(_("{label} cannot be negative.").format(label=label), field=field)
    if value > MAX_TARGET:
        raise ValidationError(_("{label} is too large.").format(label=label), field=field)
    return round(float(value), 2)


def clean_iki(data: IkiInput, *, pendekatan: Pendekatan, jenis_jabatan: JenisJabatan) -> IkiInput:
    """Field rules of an IKI; returns it trimmed, with the fields of the other layout cleared.

    A kuantitatif target is a number (or a range ``min``..``max``) with a unit; a kualitatif
    target is one quality statement. The target itself may still be missing in a draft.
    """
    teks = clean_text(
        data.teks, field="iki.teks", label=_("The indicator"), required=True, max_len=MAX_TEXT
    )
    data = replace(
        data,
        aspek=_member(Aspek, data.aspek, "iki.aspek"),
        perspektif=_member(Perspektif, data.perspektif, "iki.perspektif"),
    )
    if jenis_jabatan is JenisJabatan.JPT and data.aspek is not None:
        raise ValidationError(
            _("An IKI of a JPT SKP has a perspective (perspektif), not an aspect (aspek)."),
            field="iki.aspek",
        )
    if jenis_jabatan is not JenisJabatan.JPT and data.perspektif is not None:
        raise ValidationError(
            _("An IKI of a JA/JF SKP has an aspect (aspek), not a perspective (perspektif)."),
            field="iki.perspektif",
        )
    if pendekatan is Pendekatan.KUALITATIF:
        if data.target_min is not None or data.target_max is not None:
            raise ValidationError(
                _("A qualitative SKP states its targets in words, not as numbers."),
                field="iki.target_min",
            )
        target_teks = clean_text(
            data.target_teks,
            field="iki.target_teks",
            label=_("The target"),
            required=False,
            max_len=MAX_TEXT,
        )
        return replace(data, teks=teks, satuan="", target_teks=target_teks)
    low = _number(data.target_min, field="iki.target_min", label=_("The target"))
    high = _number(data.target_max, field="iki.target_max", label=_("The upper target"))
    if low is None and high is not None:
        raise ValidationError(
            _("Give the lower target first; the upper target only makes a range."),
            field="iki.target_min",
        )
    if low is not None and high is not None and high < low:
        raise ValidationError(
            _("The upper target ({high}) is below the lower target ({low}).").format(
                high=_plain(high), low=_plain(low)
            ),
            field="iki.target_max",
        )
    satuan = clean_text(
        data.satuan,
        field="iki.satuan",
        label=_("The unit (satuan)"),
        required=low is not None,
        max_len=MAX_SATUAN,
    )
    if data.target_teks.strip():
        raise ValidationError(
            _("A quantitative SKP gives its targets as numbers with a unit, not as a statement."),
            field="iki.target_teks",
        )
    return replace(
        data,
        teks=teks,
        target_min=low,
        target_max=high if high is not None else low,
        satuan=satuan,
        target_teks="",
    )


def clean_rhk(data: RhkInput, *, jenis_jabatan: JenisJabatan) -> RhkInput:
    """Field rules of an RHK; klasifikasi belongs to JPT rows only."""
    teks = clean_text(
        data.teks,
        field="rhk.teks",
        label=_("The work result (RHK)"),
        required=True,
        max_len=MAX_TEXT,
    )
    penugasan = clean_text(
        data.penugasan_dari,
        field="rhk.penugasan_dari",
        label=_("Assigned by"),
        required=False,
        max_len=MAX_PENUGASAN,
    )
    data = replace(
        data,
        jenis=_member(JenisRhk, data.jenis, "rhk.jenis") or JenisRhk.UTAMA,
        klasifikasi=_member(KlasifikasiRhk, data.klasifikasi, "rhk.klasifikasi"),
    )
    if jenis_jabatan is not JenisJabatan.JPT and data.klasifikasi is not None:
        raise ValidationError(
            _("Only a JPT SKP classifies its RHK (organisation or individual)."),
            field="rhk.klasifikasi",
        )
    if data.jenis is JenisRhk.UTAMA and penugasan:
        raise ValidationError(
            _("'Assigned by' belongs to an additional RHK (tambahan), not a core one."),
            field="rhk.penugasan_dari",
        )
    return replace(data, teks=teks, penugasan_dari=penugasan)


def _member(cls: type[_E], value: str | None, field: str) -> _E | None:
    """``value`` as a member of ``cls`` (forms may hand over the plain stored value)."""
    if value is None:
        return None
    try:
        return cls(value)
    except ValueError:
        raise ValidationError(
            _("Unknown choice '{value}'.").format(value=value), field=field
        ) from None


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def completeness(
    rhk: list[RhkView], *, pendekatan: Pendekatan, jenis_jabatan: JenisJabatan, has_penilai: bool
) -> list[Problem]:
    """Every reason the SKP is not complete enough to submit, in reading order."""
    problems: list[Problem] = []
    if not any(r.jenis is JenisRhk.UTAMA for r in rhk):
        problems.append(Problem(_("Add at least one core work result (RHK utama)."), "rhk"))
    for index, item in enumerate(rhk):
        where = f"rhk[{index}]"
        name = _("RHK {n} ('{text}')").format(n=index + 1, text=_short(item.teks))
        needs_link = (
            jenis_jabatan is not JenisJabatan.JPT and has_penilai and item.jenis is JenisRhk.UTAMA
        )
        if item.intervensi_problem:
            problems.append(
                Problem(f"{name}: {item.intervensi_problem}", f"{where}.intervensi", item.id)
            )
        elif needs_link and item.intervensi_rhk_id is None:
            problems.append(
                Problem(
                    _("{rhk}: choose the supervisor's work result it supports.").format(rhk=name),
                    f"{where}.intervensi",
                    item.id,
                )
            )
        if not item.iki:
            problems.append(
                Problem(
                    _("{rhk}: add at least one indicator (IKI) with its target.").format(rhk=name),
                    f"{where}.iki",
                    item.id,
                )
            )
        for j, iki in enumerate(item.iki):
            problems.extend(
                _iki_problems(iki, f"{where}.iki[{j}]", name, j, item.id, pendekatan, jenis_jabatan)
            )
    return problems


def _iki_problems(
    iki: IkiView,
    where: str,
    rhk_name: str,
    j: int,
    rhk_id: str,
    pendekatan: Pendekatan,
    jenis_jabatan: JenisJabatan,
) -> list[Problem]:
    name = _("{rhk}, IKI {n}").format(rhk=rhk_name, n=j + 1)
    found: list[Problem] = []
    if pendekatan is Pendekatan.KUANTITATIF and iki.target_min is None:
        found.append(
            Problem(
                _("{iki}: give the target as a number with its unit.").format(iki=name),
                f"{where}.target_min",
                rhk_id,
                iki.id,
            )
        )
    if pendekatan is Pendekatan.KUALITATIF and not iki.target_teks:
        found.append(
            Problem(
                _("{iki}: state the target (the expected quality).").format(iki=name),
                f"{where}.target_teks",
                rhk_id,
                iki.id,
            )
        )
    if jenis_jabatan is JenisJabatan.JPT and iki.perspektif is None:
        found.append(
            Problem(
                _("{iki}: choose the perspective.").format(iki=name),
                f"{where}.perspektif",
                rhk_id,
                iki.id,
            )
        )
    if jenis_jabatan is not JenisJabatan.JPT and iki.aspek is None:
        found.append(
            Problem(
                _("{iki}: choose the aspect (quantity, quality, time or cost).").format(iki=name),
                f"{where}.aspek",
                rhk_id,
                iki.id,
            )
        )
    return found


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
