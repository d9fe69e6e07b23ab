"""Printing: the public entry points — the paper setting, loading and rendering forms into
a PDF, and verifying printed codes.

``load_forms`` dispatches a ``PrintRequest`` to the bulk loaders (``printing_load_skp``,
``printing_load_eval``, ``printing_load_coaching``: a fixed number of queries per batch, not
per person) and returns the plain data of ``kinerja_desktop.forms``; ``print_to_file``
renders them into one PDF written to a temporary name and renamed when complete, reporting
progress and honouring cancel. ``verify`` checks a printed verification code against the
data held now.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop import forms
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.forms import LANGUAGES as LANGUAGES  # the form languages, for the faces
from kinerja_desktop.forms.data import FormData
from kinerja_desktop.forms.lkh import LkhData
from kinerja_desktop.forms.verification import matches, parse_code, verification_code
from kinerja_desktop.i18n import _
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.coaching import SesiCoaching
from kinerja_desktop.models.evaluation import KeberatanEvaluasi
from kinerja_desktop.models.org import Pegawai, UnitKerja
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.services.coaching.forms import require_bimbingan
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.printing._load import (
    CoachingForm,
    FormKind,
    PrintRequest,
    requested_people,
)
from kinerja_desktop.services.printing._load_coaching import coaching_forms, requested_sessions
from kinerja_desktop.services.printing._load_eval import (
    evaluation_forms,
    keberatan_form,
    predikat_form,
)
from kinerja_desktop.services.printing._load_harian import lkh_form
from kinerja_desktop.services.printing._load_skp import skp_forms, skps_for_period, skps_for_year

PAPER_SETTING = "paper_size"
PAPER_SIZES = ("A4", "F4")


@dataclass(frozen=True)
class PrintResult:
    path: Path
    forms: int


# --- settings -------------------------------------------------------------------------------


def paper_size(db: Database, *, actor: Actor) -> str:
    """The paper forms are printed on ("A4" or "F4"), from the settings (default A4)."""
    with db.read(actor) as session:
        setting = session.get(Setting, PAPER_SETTING)
        value = setting.value if setting is not None else None
    return value if value in PAPER_SIZES else "A4"


def set_paper_size(db: Database, *, actor: Actor, paper: str) -> str:
    """Choose the paper of this install's printed forms (a local setting)."""
    paper = (paper or "").strip().upper()
    if paper not in PAPER_SIZES:
        raise ValidationError(
            _("Unknown paper size '{paper}'. Use A4 or F4 (215 x 330 mm).").format(paper=paper),
            field="paper",
        )
    with db.unit_of_work(actor) as session:
        setting = session.get(Setting, PAPER_SETTING)
        if setting is None:
            session.add(Setting(key=PAPER_SETTING, value=paper))
        else:
            setting.value = paper
    return paper


# --- the public entry points ----------------------------------------------------------------


def load_forms(
    db: Database,
    *,
    actor: Actor,
    request: PrintRequest,
    progress: Progress | None = None,
) -> list[FormData]:
    """The data of every form a request names, loaded in bulk. Raises ``NotFoundError``
    with what to do when there is nothing to print."""
    progress = progress or NullProgress()
    period = parse(request.periode) if request.periode else None
    with db.read(actor) as session:
        progress.update(0, 1, _("Loading the data…"))
        check_cancel(progress)
        result: Sequence[FormData]
        if request.kind is FormKind.PREDIKAT:
            if not request.unit_kode or period is None:
                raise ValidationError(
                    _("The predikat decision needs a unit code and a period."), field="unit"
                )
            result = [predikat_form(session, actor, request.unit_kode, period)]
        elif request.kind is FormKind.LKH:
            if period is None or period.bulan != 1:
                raise ValidationError(
                    _("The LKH is monthly: give a month as the period (e.g. 2026-B11)."),
                    field="periode",
                )
            people = requested_people(session, actor, request)
            month = period.mulai.month
            result = [lkh_form(session, p, period.tahun, month) for p in people]
        elif request.kind is FormKind.COACHING:
            if not request.sesi_id and period is None:
                raise ValidationError(_("Give a session, or a period."), field="periode")
            sessions = requested_sessions(session, actor, request, period)
            result = coaching_forms(session, sessions, request.coaching_forms)
            if not result and request.sesi_id:
                require_bimbingan(sessions[0])
        else:
            if period is None:
                raise ValidationError(_("Give the period (e.g. 2026 or 2026-S1)."), field="periode")
            people = requested_people(session, actor, request)
            if request.kind is FormKind.SKP:
                result = skp_forms(session, skps_for_year(session, people, period.tahun))
            else:
                dokumen = request.kind is FormKind.DOKUMEN_EVALUASI
                skps = skps_for_period(session, people, period)
                result = evaluation_forms(session, skps, period, dokumen=dokumen)
        if not result:
            raise NotFoundError(_nothing_message(request))
        progress.update(1, 1, "")
        return list(result)


def _nothing_message(request: PrintRequest) -> str:
    if request.kind is FormKind.SKP:
        return _("There is no SKP for this year to print. Draft the SKP first.")
    if request.kind is FormKind.COACHING:
        return _("There is no coaching session in this period to print.")
    return _(
        "There is no approved SKP covering this period to print. The SKP must be approved "
        "before it can be evaluated."
    )


def render_forms(
    data: Sequence[FormData],
    out: Path,
    *,
    language: str = "id",
    paper: str = "A4",
    progress: Progress | None = None,
) -> PrintResult:
    """Render form data into ``out``: written to a temporary name, renamed when complete;
    a cancel or an error leaves no partial file behind."""
    progress = progress or NullProgress()
    if paper not in PAPER_SIZES:
        raise ValidationError(
            _("Unknown paper size '{paper}'. Use A4 or F4 (215 x 330 mm).").format(paper=paper),
            field="paper",
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    total = len(data)

    def on_form(index: int) -> None:
        check_cancel(progress)
        progress.update(index, total, _("Form {n} of {total}").format(n=index + 1, total=total))

    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            forms.render(data, fh, language=language, paper=paper, on_form=on_form)
        check_cancel(progress)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    progress.update(total, total, "")
    return PrintResult(path=out, forms=total)


def print_to_file(
    db: Database,
    *,
    actor: Actor,
    request: PrintRequest,
    out: Path,
    language: str = "id",
    paper: str | None = None,
    progress: Progress | None = None,
) -> PrintResult:
    """Load and render the forms of ``request`` into one PDF at ``out``."""
    chosen = paper or paper_size(db, actor=actor)
    data = load_forms(db, actor=actor, request=request, progress=progress)
    return render_forms(data, out, language=language, paper=chosen, progress=progress)


def print_keberatan(
    db: Database,
    *,
    actor: Actor,
    keberatan_id: str,
    out: Path,
    language: str = "id",
    paper: str | None = None,
) -> PrintResult:
    """The keberatan letter of one objection, signed by the pegawai and the atasan."""
    chosen = paper or paper_size(db, actor=actor)
    with db.read(actor) as session:
        data = keberatan_form(session, actor, keberatan_id)
    return render_forms([data], out, language=language, paper=chosen)


def lkh_data(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    tahun: int,
    bulan: int,
    tanggal: dt.date | None = None,
) -> LkhData:
    """The LKH of ``pegawai_id`` for a month (``tanggal``: the signing date, default today)."""
    with db.read(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        access.require_read_performance(session, actor, pegawai_id)
        return lkh_form(session, person, tahun, bulan, tanggal)


# --- verification ---------------------------------------------------------------------------


class VerifyStatus(StrEnum):
    VALID = "valid"
    CHANGED = "changed"
    UNKNOWN = "unknown"
    INVALID = "invalid"


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    message: str
    kind: str = ""
    record_id: str = ""
    periode: str = ""
    printed_version: int | None = None
    current_version: int | None = None


_KIND_MODEL: dict[str, Any] = {
    "S": Skp,
    "E": Skp,
    "D": Skp,
    "B8": SesiCoaching,
    "B9": SesiCoaching,
    "C": SesiCoaching,
    "P": UnitKerja,
    "K": KeberatanEvaluasi,
    "H": Pegawai,
}


def verify(db: Database, code: str, *, actor: Actor = SYSTEM) -> VerifyResult:
    """Check a printed verification code (the QR payload or the short code) against the data
    held now: ``valid`` when the printed content is what the data says today, ``changed``
    when the record exists but its content differs, ``unknown`` when no record matches."""
    parsed = parse_code(code)
    if parsed is None or parsed.kind not in _KIND_MODEL:
        return VerifyResult(VerifyStatus.INVALID, _("This is not a Kinerja Desktop form code."))
    model = _KIND_MODEL[parsed.kind]
    with db.read(actor) as session:
        if parsed.full:
            candidates = [parsed.record_prefix]
        else:
            candidates = list(
                session.execute(
                    select(model.id).where(model.id.like(f"{parsed.record_prefix}%"))
                ).scalars()
            )
        for record_id in candidates:
            data = _rebuild(session, parsed.kind, record_id, parsed.periode or "")
            if data is None:
                continue
            current = verification_code(data)
            if matches(parsed, current):
                return VerifyResult(
                    VerifyStatus.VALID,
                    _("The printed form matches the data held (version {v}).").format(
                        v=current.version
                    ),
                    parsed.kind,
                    record_id,
                    current.periode,
                    parsed.version,
                    current.version,
                )
            return VerifyResult(
                VerifyStatus.CHANGED,
                _(
                    "The record exists but its data changed since printing (printed version "
                    "{printed}, now {now}): print the form again to get the current content."
                ).format(printed=parsed.version, now=current.version),
                parsed.kind,
                record_id,
                current.periode,
                parsed.version,
                current.version,
            )
    return VerifyResult(
        VerifyStatus.UNKNOWN,
        _("No record here matches this code; it may belong to data not yet received."),
        parsed.kind,
    )


def _rebuild(session: Session, kind: str, record_id: str, periode: str) -> FormData | None:
    """The form data of one record as it would print now (``None`` if it does not exist)."""
    if kind in ("S", "E", "D"):
        skp = session.get(Skp, record_id)
        if skp is None or skp.deleted:
            return None
        if kind == "S":
            return skp_forms(session, [skp])[0]
        return evaluation_forms(session, [skp], parse(periode), dokumen=kind == "D")[0]
    if kind == "K":
        record = session.get(KeberatanEvaluasi, record_id)
        if record is None or record.deleted:
            return None
        return keberatan_form(session, SYSTEM, record_id)
    if kind == "H":
        person = session.get(Pegawai, record_id)
        if person is None or person.deleted:
            return None
        month = parse(periode)
        if month.bulan != 1:
            return None
        return lkh_form(session, person, month.tahun, month.mulai.month)
    if kind == "P":
        unit = session.get(UnitKerja, record_id)
        if unit is None or unit.deleted:
            return None
        return predikat_form(session, SYSTEM, unit.kode, parse(periode))
    sesi = session.get(SesiCoaching, record_id)
    if sesi is None or sesi.deleted:
        return None
    which = {"C": CoachingForm.RECORD, "B8": CoachingForm.B18, "B9": CoachingForm.B19}[kind]
    forms = coaching_forms(session, [sesi], [which])
    return forms[0] if forms else None
