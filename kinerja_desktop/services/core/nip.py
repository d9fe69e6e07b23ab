"""Validation of NIP (PNS, Perka BKN 22/2007) and NI PPPK numbers.

NIP: ``YYYYMMDD`` birth date + ``YYYYMM`` TMT CPNS + gender digit (1/2) + 3-digit sequence.
NI PPPK: birth date + appointment year (4) + a 2-digit code + gender digit + sequence; the
month check does not apply to it. Each failure names the digit group that is wrong and why.
An appointment year less than 15 years after the birth year is refused; a TMT CPNS before the
18th birthday (by full date) is possible but unusual, and services accept it only confirmed
(``require_confirmed_tmt``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kinerja_desktop.errors import ConfirmationRequired, ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import JenisAsn, JenisKelamin

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NipInfo:
    """What an ASN number says about its holder."""

    nip: str
    jenis_asn: JenisAsn
    tanggal_lahir: dt.date
    jenis_kelamin: JenisKelamin
    tahun_pengangkatan: int
    tmt_cpns: dt.date | None = None
    """PNS: the first day of the TMT CPNS month (digits 9-14); ``None`` for NI PPPK."""

    @property
    def tmt_before_18(self) -> bool:
        """The TMT CPNS lies before the 18th birthday, by full date: possible only by mistake
        or in rare cases, so the user must confirm it."""
        return self.tmt_cpns is not None and self.tmt_cpns < eighteenth_birthday(self.tanggal_lahir)

    def tmt_warning(self) -> str:
        """The warning to confirm, or "" when the TMT CPNS is not before the 18th birthday."""
        if not self.tmt_before_18:
            return ""
        assert self.tmt_cpns is not None
        return _(
            "Digits 9-14 ({digits}): the TMT CPNS ({tmt}) lies before the 18th birthday "
            "({birthday}). Check the NIP; if it is right, confirm it."
        ).format(
            digits=self.nip[8:14],
            tmt=format_date(self.tmt_cpns),
            birthday=format_date(eighteenth_birthday(self.tanggal_lahir)),
        )


def eighteenth_birthday(born: dt.date) -> dt.date:
    """The 18th birthday (1 March for someone born on 29 February)."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return dt.date(born.year + 18, 3, 1)


def normalize(raw: str) -> str:
    """The number without spaces, dots or dashes."""
    return _SEPARATORS.sub("", raw or "")


def format_nip(nip: str) -> str:
    """Group an 18-digit NIP as printed: ``19660801 198803 1 001``."""
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def _birth_date(digits: str, field: str) -> dt.date:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("Digits 1-8 ({digits}) must be a real birth date (YYYYMMDD).").format(
                digits=digits[:8]
            ),
            field=field,
        ) from None


def validate_nip(raw: str, jenis: JenisAsn = JenisAsn.PNS, *, field: str = "nip") -> NipInfo:
    """Check a NIP or NI PPPK; raise ``ValidationError`` naming the wrong digit group."""
    nip = normalize(raw)
    label = _("NIP") if jenis is JenisAsn.PNS else _("NI PPPK")
    if not nip:
        raise ValidationError(_("{label} is required.").format(label=label), field=field)
    if not nip.isdigit():
        raise ValidationError(
            _("{label} may contain digits only (spaces and dots are ignored).").format(label=label),
            field=field,
        )
    if len(nip) != 18:
        raise ValidationError(
            _("{label} must have 18 digits; this one has {count}.").format(
                label=label, count=len(nip)
            ),
            field=field,
        )
    born = _birth_date(nip, field)
    today = dt.date.today()
    if born > today:
        raise ValidationError(
            _("Digits 1-8: the birth date {date} lies in the future.").format(date=nip[:8]),
            field=field,
        )
    if jenis is JenisAsn.PNS:
        year, month = int(nip[8:12]), int(nip[12:14])
        if not 1 <= month <= 12:
            raise ValidationError(
                _("Digits 9-14 ({digits}): the month of the TMT CPNS must be 01 to 12.").format(
                    digits=nip[8:14]
                ),
                field=field,
            )
    else:
        year = int(nip[8:12])
    if year <= born.year + 14 or year > today.year + 1:
        raise ValidationError(
            _(
                "Digits 9-12 ({year}): the year of appointment must come at least 15 years "
                "after the birth year {born} and not after next year."
            ).format(year=nip[8:12], born=born.year),
            field=field,
        )
    gender = nip[14]
    if gender not in "12":
        raise ValidationError(
            _("Digit 15 ({digit}) must be 1 (male) or 2 (female).").format(digit=gender),
            field=field,
        )
    if nip[15:] == "000":
        raise ValidationError(_("Digits 16-18: the sequence number cannot be 000."), field=field)
    return NipInfo(
        nip=nip,
        jenis_asn=jenis,
        tanggal_lahir=born,
        jenis_kelamin=JenisKelamin.LAKI_LAKI if gender == "1" else JenisKelamin.PEREMPUAN,
        tahun_pengangkatan=year,
        tmt_cpns=dt.date(year, int(nip[12:14]), 1) if jenis is JenisAsn.PNS else None,
    )


def require_confirmed_tmt(info: NipInfo, confirmed: bool, *, field: str = "nip") -> None:
    """Refuse a TMT CPNS before the 18th birthday unless the user confirmed it."""
    if info.tmt_before_18 and not confirmed:
        raise ConfirmationRequired(info.tmt_warning(), field=field)
