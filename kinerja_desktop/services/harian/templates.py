"""Recurring templates of daily entries: "Apel pagi 07:30–08:00 every working day", "weekly
meeting Monday 09:00–10:00", applied to a day or a week.

A template is an entry without a date plus when it recurs: every working day, or one day of
the week. Applying templates to a span adds, on each working day of it up to today (the
office calendar, holidays and the pegawai's leave respected), the entries of the templates
that recur that day, with every rule of an entry. A template whose times overlap an entry
of that day (one already there, or one just added from another template) is not added; the
result names each refused day and template with the reason. Everything that fits is added
together.

Templates are kept in this install's settings, per pegawai, and not synced: they are a
typing aid of the person at this computer, not performance data; no supervisor, office or
hub reads them, and the entries they create travel like any entry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _, format_date, format_weekday
from kinerja_desktop.models.accounts import Setting
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.services.core import access
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.calendar import calendar_in
from kinerja_desktop.services.harian.entries import (
    TEXT_LIMIT,
    EntryError,
    EntryInput,
    EntryRow,
    entry_rows,
    format_time,
    parse_time,
    save_in_session,
)

_KEY = "harian.templates."
WORKING_DAYS = -1
"""``hari`` of a template that recurs every working day (else 0 = Monday … 6 = Sunday)."""
LIMIT = 50


def _weekday(index: int) -> str:
    """The name of weekday ``index`` (0 = Monday; 1 January 2024 was a Monday)."""
    return format_weekday(dt.date(2024, 1, 1) + dt.timedelta(days=index))


@dataclass(frozen=True)
class Template:
    id: str
    kegiatan: str
    mulai: int
    selesai: int
    hari: int
    iki_id: str | None = None
    rencana_aksi_id: str | None = None
    satuan: str | None = None
    sumber_data: str = ""

    @property
    def label(self) -> str:
        when = (
            _("every working day")
            if self.hari == WORKING_DAYS
            else _("every {day}").format(day=_weekday(self.hari))
        )
        return f"{self.kegiatan} {format_time(self.mulai)}–{format_time(self.selesai)} ({when})"

    def recurs_on(self, day: dt.date) -> bool:
        return self.hari in (WORKING_DAYS, day.weekday())


@dataclass(frozen=True)
class Applied:
    """What applying templates did: the entries added, and each refused template by day."""

    added: list[EntryRow]
    refused: list[str]


def _require_self(actor: Actor, pegawai_id: str) -> None:
    if not access.is_self(actor, pegawai_id):
        raise access.deny(_("Only the pegawai keeps their own templates."))


def _load(session: Session, pegawai_id: str) -> list[Template]:
    setting = session.get(Setting, _KEY + pegawai_id)
    value = setting.value if setting is not None else None
    found = []
    for item in value if isinstance(value, list) else []:
        try:
            found.append(Template(**item))
        except TypeError:
            continue
    return found


def _store(session: Session, pegawai_id: str, items: list[Template]) -> None:
    value: list[dict[str, Any]] = [asdict(t) for t in items]
    setting = session.get(Setting, _KEY + pegawai_id)
    if setting is None:
        session.add(Setting(key=_KEY + pegawai_id, value=value))
    else:
        setting.value = value


def list_templates(db: Database, *, actor: Actor, pegawai_id: str) -> list[Template]:
    """The pegawai's templates, by start time."""
    _require_self(actor, pegawai_id)
    with db.read(actor) as session:
        return sorted(_load(session, pegawai_id), key=lambda t: (t.mulai, t.hari, t.kegiatan))


def save_template(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    kegiatan: str,
    mulai: str | int,
    selesai: str | int,
    hari: int = WORKING_DAYS,
    iki_id: str | None = None,
    rencana_aksi_id: str | None = None,
    satuan: str | None = None,
    sumber_data: str = "",
) -> Template:
    """Add a template (times ``HH:MM``; ``hari`` -1 for every working day, else 0..6)."""
    _require_self(actor, pegawai_id)
    start = parse_time(mulai, field="mulai")
    end = parse_time(selesai, field="selesai")
    if end <= start:
        raise EntryError(
            _("the end ({end}) must be after the start ({start}).").format(
                end=format_time(end), start=format_time(start)
            ),
            field="selesai",
        )
    text = " ".join(kegiatan.split())
    if not text:
        raise EntryError(_("describe the activity."), field="kegiatan")
    if len(text) > TEXT_LIMIT:
        raise EntryError(
            _("at most {limit} characters.").format(limit=TEXT_LIMIT), field="kegiatan"
        )
    if hari != WORKING_DAYS and not 0 <= hari <= 6:
        raise ValidationError(_("Choose every working day or one day of the week."), field="hari")
    template = Template(str(uuid.uuid4()), text, start, end, hari, iki_id or None,
                        rencana_aksi_id or None, satuan, sumber_data.strip()[:300])  # fmt: skip
    with db.unit_of_work(actor) as session:
        items = _load(session, pegawai_id)
        if len(items) >= LIMIT:
            raise ValidationError(
                _("At most {limit} templates; delete one first.").format(limit=LIMIT)
            )
        _store(session, pegawai_id, [*items, template])
    return template


def template_from_entry(db: Database, *, actor: Actor, entry_id: str, hari: int) -> Template:
    """A template from one of my entries: its times, activity, IKI and rencana aksi."""
    with db.read(actor) as session:
        record = session.get(ProgresHarian, entry_id)
        if record is None or record.deleted:
            raise NotFoundError(_("This daily entry does not exist."))
        _require_self(actor, record.pegawai_id)
        row = entry_rows(session, [record])[0]
    return save_template(
        db,
        actor=actor,
        pegawai_id=row.pegawai_id,
        kegiatan=row.kegiatan,
        mulai=row.mulai,
        selesai=row.selesai,
        hari=hari,
        iki_id=row.iki_id,
        rencana_aksi_id=row.rencana_aksi_id,
        satuan=row.satuan,
        sumber_data=row.sumber_data,
    )


def delete_template(db: Database, *, actor: Actor, pegawai_id: str, template_id: str) -> None:
    _require_self(actor, pegawai_id)
    with db.unit_of_work(actor) as session:
        items = _load(session, pegawai_id)
        kept = [t for t in items if t.id != template_id]
        if len(kept) == len(items):
            raise NotFoundError(_("This template does not exist."))
        _store(session, pegawai_id, kept)


def apply_templates(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    mulai: dt.date,
    selesai: dt.date,
    today: dt.date | None = None,
) -> Applied:
    """Add the templates' entries on the working days from ``mulai`` to ``selesai`` (not
    after today); overlapping or otherwise refused ones are named, not added."""
    _require_self(actor, pegawai_id)
    day_now = today or clock.today()
    last = min(selesai, day_now)
    added: list[ProgresHarian] = []
    refused: list[str] = []
    with db.unit_of_work(actor) as session:
        items = sorted(_load(session, pegawai_id), key=lambda t: (t.mulai, t.selesai))
        if not items:
            raise ValidationError(
                _("You have no templates yet: choose an entry and save it as a template.")
            )
        if last < mulai:
            return Applied([], [])
        cal = calendar_in(session, [pegawai_id], mulai, last)
        day = mulai
        while day <= last:
            if cal.off_reason(day, pegawai_id) is None:
                for template in (t for t in items if t.recurs_on(day)):
                    data = EntryInput(day, template.mulai, template.selesai, template.kegiatan,
                                      template.iki_id, template.rencana_aksi_id, None,
                                      template.satuan, template.sumber_data)  # fmt: skip
                    try:
                        added.append(save_in_session(session, actor, pegawai_id, data,
                                                     today=day_now))  # fmt: skip
                    except EntryError as error:
                        refused.append(
                            _("{date}, {template}: {reason}").format(
                                date=format_date(day), template=template.label, reason=error.detail
                            )
                        )
            day += dt.timedelta(days=1)
        return Applied(entry_rows(session, added), refused)
