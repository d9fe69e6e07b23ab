"""Daily entries: add, edit, delete, copy a day, list a day, a month and a week; submit and
acknowledge (replies: ``harian.replies``).

Only the pegawai writes their own entries; their pejabat penilai acknowledges them and
replies; everyone who may read the pegawai's performance data reads them
(``access.can_read_performance``). Every rule names the field and the row (the entry's
number in its day, or the line of an imported file) and nothing is written when one fails:
times in order, no overlap with another entry of the day, the date inside the pegawai's
approved SKP, a non-working day only with an explicit confirmation, a numeric realisasi for
a quantitative IKI, an IKI (and rencana aksi) of the pegawai's own approved SKP.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import Pendekatan, SkpStatus
from kinerja_desktop.models.harian import BuktiHarian, ProgresHarian, StatusHarian
from kinerja_desktop.models.monitoring import RencanaAksi, UmpanBalik
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.harian import clock
from kinerja_desktop.services.harian.calendar import calendar_in, rules_in

TEXT_LIMIT = 4000
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class EntryError(ValidationError):
    """A refused entry, with the row (1-based) it concerns when known."""

    def __init__(self, message: str, *, field: str, row: int | None = None) -> None:
        text = _("Row {row}, {field}: {message}").format(
            row=row, field=field_label(field), message=message
        )
        super().__init__(text if row is not None else message, field=field)
        self.row = row
        self.detail = message


_FIELD_LABELS = {
    "tanggal": "Tanggal",
    "mulai": "Jam Mulai",
    "selesai": "Jam Selesai",
    "kegiatan": "Kegiatan Harian",
    "iki": "IKI",
    "rencana_aksi": "Rencana Aksi",
    "realisasi": "Realisasi",
    "satuan": "Satuan",
    "sumber_data": "Sumber Data",
}


def field_label(field: str) -> str:
    """The label of a field as e-Kinerja names it (the same in both languages)."""
    return _FIELD_LABELS.get(field, field)


def parse_time(value: str | int, *, field: str, row: int | None = None) -> int:
    """``"HH:MM"`` (or minutes) as minutes after midnight, 00:00..24:00."""
    if isinstance(value, int):
        minutes = value
    else:
        match = _TIME.match(value.strip())
        if not match:
            raise EntryError(
                _("{value!r} is not a time; write it as HH:MM, for example 07:30.").format(
                    value=value
                ),
                field=field,
                row=row,
            )
        hours, mins = int(match.group(1)), int(match.group(2))
        if mins > 59:
            raise EntryError(_("Minutes go from 00 to 59."), field=field, row=row)
        minutes = hours * 60 + mins
    if not 0 <= minutes <= 24 * 60:
        raise EntryError(_("A time lies between 00:00 and 24:00."), field=field, row=row)
    return minutes


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_number(value: str | float | None, *, field: str, row: int | None) -> float | None:
    """A realisasi typed as ``12``, ``12,5`` or ``1.234,5`` (or a number); None when empty."""
    if value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = value.strip()
        if not text:
            return None
        normal = text.replace(".", "").replace(",", ".") if "," in text else text
        try:
            number = float(normal)
        except ValueError:
            raise EntryError(
                _("{value!r} is not a number; write for example 3 or 2,5.").format(value=text),
                field=field,
                row=row,
            ) from None
    if not 0 <= number < 10**12 or number != number:
        raise EntryError(
            _("The number must be between 0 and 999,999,999,999."), field=field, row=row
        )
    return number


@dataclass(frozen=True)
class EntryInput:
    """What the pegawai types for one entry. Times as ``HH:MM`` (or minutes)."""

    tanggal: dt.date
    mulai: str | int
    selesai: str | int
    kegiatan: str
    iki_id: str | None = None
    rencana_aksi_id: str | None = None
    realisasi: str | float | None = None
    satuan: str | None = None
    sumber_data: str = ""


@dataclass(frozen=True)
class EntryRow:
    """One entry as the faces show it."""

    id: str
    pegawai_id: str
    tanggal: dt.date
    mulai: int
    selesai: int
    kegiatan: str
    iki_id: str | None
    iki_teks: str
    rencana_aksi_id: str | None
    rencana_aksi_teks: str
    realisasi: float | None
    satuan: str
    sumber_data: str
    status: StatusHarian
    dicatat: dt.date
    terlambat: bool
    bukti: int
    tanggapan: int

    @property
    def jam_mulai(self) -> str:
        return format_time(self.mulai)

    @property
    def jam_selesai(self) -> str:
        return format_time(self.selesai)

    @property
    def menit(self) -> int:
        return self.selesai - self.mulai


@dataclass(frozen=True)
class IkiChoice:
    """An IKI of the pegawai's approved SKP that entries may advance."""

    id: str
    teks: str
    rhk_teks: str
    satuan: str
    numerik: bool
    rencana_aksi: tuple[tuple[str, str], ...]


# --- reading -------------------------------------------------------------------------------


def entry_rows(session: Session, records: Sequence[ProgresHarian]) -> list[EntryRow]:
    if not records:
        return []
    rules = rules_in(session)
    iki_ids = {r.iki_id for r in records if r.iki_id}
    ra_ids = {r.rencana_aksi_id for r in records if r.rencana_aksi_id}
    iki_text = (
        dict(session.execute(select(Iki.id, Iki.teks).where(Iki.id.in_(iki_ids))).all())
        if iki_ids
        else {}
    )
    ra_text = (
        dict(
            session.execute(
                select(RencanaAksi.id, RencanaAksi.teks).where(RencanaAksi.id.in_(ra_ids))
            ).all()
        )
        if ra_ids
        else {}
    )
    ids = [r.id for r in records]
    bukti = dict(
        session.execute(
            select(BuktiHarian.progres_id, func.count())
            .where(BuktiHarian.progres_id.in_(ids), BuktiHarian.deleted.is_(False))
            .group_by(BuktiHarian.progres_id)
        ).all()
    )
    replies = dict(
        session.execute(
            select(UmpanBalik.progres_id, func.count())
            .where(UmpanBalik.progres_id.in_(ids), UmpanBalik.deleted.is_(False))
            .group_by(UmpanBalik.progres_id)
        ).all()
    )
    return [
        EntryRow(
            id=r.id,
            pegawai_id=r.pegawai_id,
            tanggal=r.tanggal,
            mulai=r.mulai,
            selesai=r.selesai,
            kegiatan=r.kegiatan,
            iki_id=r.iki_id,
            iki_teks=iki_text.get(r.iki_id, "") if r.iki_id else "",
            rencana_aksi_id=r.rencana_aksi_id,
            rencana_aksi_teks=ra_text.get(r.rencana_aksi_id, "") if r.rencana_aksi_id else "",
            realisasi=r.realisasi,
            satuan=r.satuan,
            sumber_data=r.sumber_data,
            status=r.status,
            dicatat=r.dicatat,
            terlambat=rules.is_late(r.tanggal, r.dicatat),
            bukti=bukti.get(r.id, 0),
            tanggapan=replies.get(r.id, 0),
        )
        for r in records
    ]


def records_between(
    session: Session, pegawai_id: str, mulai: dt.date, selesai: dt.date
) -> list[ProgresHarian]:
    return list(
        session.execute(
            select(ProgresHarian)
            .where(
                ProgresHarian.pegawai_id == pegawai_id,
                ProgresHarian.tanggal.between(mulai, selesai),
                ProgresHarian.deleted.is_(False),
            )
            .order_by(ProgresHarian.tanggal, ProgresHarian.mulai, ProgresHarian.selesai)
        ).scalars()
    )


def list_range(
    db: Database, *, actor: Actor, pegawai_id: str, mulai: dt.date, selesai: dt.date
) -> list[EntryRow]:
    """The entries of ``pegawai_id`` from ``mulai`` to ``selesai``, by day and time."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return entry_rows(session, records_between(session, pegawai_id, mulai, selesai))


def list_day(db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date) -> list[EntryRow]:
    return list_range(db, actor=actor, pegawai_id=pegawai_id, mulai=tanggal, selesai=tanggal)


def month_bounds(tahun: int, bulan: int) -> tuple[dt.date, dt.date]:
    first = dt.date(tahun, bulan, 1)
    nxt = dt.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def list_month(
    db: Database, *, actor: Actor, pegawai_id: str, tahun: int, bulan: int
) -> list[EntryRow]:
    first, last = month_bounds(tahun, bulan)
    return list_range(db, actor=actor, pegawai_id=pegawai_id, mulai=first, selesai=last)


@dataclass(frozen=True)
class WeekDay:
    tanggal: dt.date
    menit: int
    entries: tuple[EntryRow, ...]
    libur: str | None


@dataclass(frozen=True)
class Week:
    """Monday to Sunday of the week containing a day, with minutes worked per day."""

    mulai: dt.date
    days: tuple[WeekDay, ...]

    @property
    def menit(self) -> int:
        return sum(d.menit for d in self.days)


def week(db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date) -> Week:
    monday = tanggal - dt.timedelta(days=tanggal.weekday())
    sunday = monday + dt.timedelta(days=6)
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        rows = entry_rows(session, records_between(session, pegawai_id, monday, sunday))
        cal = calendar_in(session, [pegawai_id], monday, sunday)
    days = []
    for n in range(7):
        day = monday + dt.timedelta(days=n)
        mine = tuple(r for r in rows if r.tanggal == day)
        days.append(WeekDay(day, sum(r.menit for r in mine), mine, cal.off_reason(day, pegawai_id)))
    return Week(monday, tuple(days))


def earlier_texts(db: Database, *, actor: Actor, pegawai_id: str, limit: int = 500) -> list[str]:
    """My earlier activity texts, the most used first (for autocompletion)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return list(
            session.execute(
                select(ProgresHarian.kegiatan)
                .where(ProgresHarian.pegawai_id == pegawai_id, ProgresHarian.deleted.is_(False))
                .group_by(ProgresHarian.kegiatan)
                .order_by(func.count().desc(), func.max(ProgresHarian.tanggal).desc())
                .limit(limit)
            ).scalars()
        )


def _approved_skps(session: Session, pegawai_id: str) -> list[Skp]:
    return list(
        session.execute(
            select(Skp).where(
                Skp.pegawai_id == pegawai_id,
                Skp.status == SkpStatus.DISETUJUI,
                Skp.deleted.is_(False),
            )
        ).scalars()
    )


def iki_choices(
    db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date
) -> list[IkiChoice]:
    """The IKI of the pegawai's approved SKP covering ``tanggal``, with their rencana aksi."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        skp = _skp_covering(session, pegawai_id, tanggal)
        if skp is None:
            return []
        numeric = skp.pendekatan is Pendekatan.KUANTITATIF
        result = []
        rows = session.execute(
            select(Iki, Rhk)
            .join(Rhk, Rhk.id == Iki.rhk_id)
            .where(Rhk.skp_id == skp.id, Rhk.deleted.is_(False), Iki.deleted.is_(False))
            .order_by(Rhk.urutan, Iki.urutan)
        )
        for iki, rhk in rows:
            plans = session.execute(
                select(RencanaAksi.id, RencanaAksi.teks)
                .where(RencanaAksi.rhk_id == rhk.id, RencanaAksi.deleted.is_(False))
                .order_by(RencanaAksi.periode, RencanaAksi.urutan)
            )
            result.append(IkiChoice(iki.id, iki.teks, rhk.teks, iki.satuan, numeric, tuple(plans)))
        return result


# --- rules ---------------------------------------------------------------------------------


def _skp_covering(session: Session, pegawai_id: str, tanggal: dt.date) -> Skp | None:
    for skp in _approved_skps(session, pegawai_id):
        if skp.periode_mulai <= tanggal <= skp.periode_selesai:
            return skp
    return None


@dataclass(frozen=True)
class _Checked:
    tanggal: dt.date
    mulai: int
    selesai: int
    kegiatan: str
    iki_id: str | None
    rencana_aksi_id: str | None
    realisasi: float | None
    satuan: str
    sumber_data: str


def _check(
    session: Session,
    pegawai_id: str,
    data: EntryInput,
    *,
    row: int | None,
    today: dt.date,
    non_working_ok: bool,
) -> _Checked:
    """The entry checked in the order a person fixes it: times, text, day, links, quantity."""
    mulai, selesai = _check_times(data, row)
    text = _check_text(data, row)
    skp = _check_day(session, pegawai_id, data, row=row, today=today, non_working_ok=non_working_ok)
    iki, ra_id = _check_links(session, data, skp, row)
    realisasi = parse_number(data.realisasi, field="realisasi", row=row)
    satuan = (data.satuan if data.satuan is not None else (iki.satuan if iki else "")).strip()
    return _Checked(
        data.tanggal,
        mulai,
        selesai,
        text,
        iki.id if iki else None,
        ra_id,
        realisasi,
        satuan[:100],
        data.sumber_data.strip()[:300],
    )


def _check_times(data: EntryInput, row: int | None) -> tuple[int, int]:
    """Start and end (minutes of the day), the end after the start."""
    mulai = parse_time(data.mulai, field="mulai", row=row)
    selesai = parse_time(data.selesai, field="selesai", row=row)
    if selesai <= mulai:
        raise EntryError(
            _("the end ({end}) must be after the start ({start}).").format(
                end=format_time(selesai), start=format_time(mulai)
            ),
            field="selesai",
            row=row,
        )
    return mulai, selesai


def _check_text(data: EntryInput, row: int | None) -> str:
    """The activity's text, whitespace collapsed: not empty, not too long."""
    text = " ".join(data.kegiatan.split())
    if not text:
        raise EntryError(_("describe the activity."), field="kegiatan", row=row)
    if len(text) > TEXT_LIMIT:
        raise EntryError(
            _("at most {limit} characters.").format(limit=TEXT_LIMIT), field="kegiatan", row=row
        )
    return text


def _check_day(
    session: Session,
    pegawai_id: str,
    data: EntryInput,
    *,
    row: int | None,
    today: dt.date,
    non_working_ok: bool,
) -> Skp | None:
    """The day: not in the future, inside an approved SKP's period if the pegawai has one (that
    SKP is returned), and a working day unless confirmed."""
    if data.tanggal > today:
        raise EntryError(
            _("{date} is in the future; record what was done.").format(
                date=format_date(data.tanggal)
            ),
            field="tanggal",
            row=row,
        )
    skps = _approved_skps(session, pegawai_id)
    skp = next((s for s in skps if s.periode_mulai <= data.tanggal <= s.periode_selesai), None)
    if skps and skp is None:
        years = ", ".join(sorted({str(s.tahun) for s in skps}))
        raise EntryError(
            _("{date} lies outside the period of your approved SKP ({years}).").format(
                date=format_date(data.tanggal), years=years
            ),
            field="tanggal",
            row=row,
        )
    if not non_working_ok:
        reason = calendar_in(session, [pegawai_id], data.tanggal, data.tanggal).off_reason(
            data.tanggal, pegawai_id
        )
        if reason is not None:
            raise EntryError(
                _("{date} is not a working day ({reason}); confirm to record it anyway.").format(
                    date=format_date(data.tanggal), reason=reason
                ),
                field="tanggal",
                row=row,
            )
    return skp


def _check_links(
    session: Session, data: EntryInput, skp: Skp | None, row: int | None
) -> tuple[Iki | None, str | None]:
    """The IKI and the action plan the entry advances: both of the day's approved SKP, the
    plan of the IKI's RHK."""
    iki: Iki | None = None
    if data.iki_id:
        iki = session.get(Iki, data.iki_id)
        rhk = session.get(Rhk, iki.rhk_id) if iki is not None else None
        if iki is None or iki.deleted or rhk is None or skp is None or rhk.skp_id != skp.id:
            raise EntryError(
                _("this indicator is not in your approved SKP for {date}.").format(
                    date=format_date(data.tanggal)
                ),
                field="iki",
                row=row,
            )
    ra_id = data.rencana_aksi_id or None
    if ra_id:
        plan = session.get(RencanaAksi, ra_id)
        plan_rhk = session.get(Rhk, plan.rhk_id) if plan is not None else None
        if (
            plan is None
            or plan.deleted
            or plan_rhk is None
            or skp is None
            or plan_rhk.skp_id != skp.id
            or (iki is not None and plan.rhk_id != iki.rhk_id)
        ):
            raise EntryError(
                _("this action plan is not one of your approved SKP's for this indicator."),
                field="rencana_aksi",
                row=row,
            )
    return iki, ra_id


def _check_overlap(
    others: Iterable[tuple[str | None, int, int, str]], mulai: int, selesai: int, row: int
) -> None:
    """Refuse an entry whose times overlap another entry of the day, naming both rows."""
    ordered = sorted(others, key=lambda e: (e[1], e[2]))
    for number, other in enumerate(ordered, start=1):
        if mulai < other[2] and other[1] < selesai:
            raise EntryError(
                _(
                    "{start}–{end} overlaps row {other_row} ({other_start}–{other_end}, {other})."
                ).format(
                    start=format_time(mulai),
                    end=format_time(selesai),
                    other_row=number if number < row else number + 1,
                    other_start=format_time(other[1]),
                    other_end=format_time(other[2]),
                    other=other[3][:60],
                ),
                field="mulai",
                row=row,
            )


def check_free(
    session: Session, pegawai_id: str, tanggal: dt.date, mulai: int, selesai: int
) -> None:
    """Refuse ``mulai``..``selesai`` on ``tanggal`` when it overlaps an entry of that day
    (the message names the row), as adding an entry does."""
    slots = _day_slots(session, pegawai_id, tanggal)
    row = sum(1 for s in slots if s[1] <= mulai) + 1
    _check_overlap(slots, mulai, selesai, row)


def _day_slots(
    session: Session, pegawai_id: str, tanggal: dt.date, *, skip: str | None = None
) -> list[tuple[str | None, int, int, str]]:
    return [
        (r.id, r.mulai, r.selesai, r.kegiatan)
        for r in records_between(session, pegawai_id, tanggal, tanggal)
        if r.id != skip
    ]


def _require_writer(session: Session, actor: Actor, pegawai_id: str) -> None:
    if session.get(Pegawai, pegawai_id) is None:
        raise NotFoundError(_("This person does not exist."))
    if not (actor.is_system or access.is_self(actor, pegawai_id)):
        raise access.deny(_("Only the pegawai writes their own daily log."))


# --- writing -------------------------------------------------------------------------------


def _save(
    session: Session,
    actor: Actor,
    pegawai_id: str,
    data: EntryInput,
    *,
    entry_id: str | None,
    today: dt.date,
    non_working_ok: bool,
) -> ProgresHarian:
    existing: ProgresHarian | None = None
    if entry_id is not None:
        existing = session.get(ProgresHarian, entry_id)
        if existing is None or existing.deleted or existing.pegawai_id != pegawai_id:
            raise NotFoundError(_("This daily entry does not exist."))
        if existing.status is StatusHarian.DITERIMA:
            raise WorkflowError(_("This entry was acknowledged by the supervisor; it is final."))
    slots = _day_slots(session, pegawai_id, data.tanggal, skip=entry_id)
    try:  # the row this entry takes in its day, for the messages
        minutes: int | None = parse_time(data.mulai, field="mulai")
    except EntryError:
        minutes = None
    row = len(slots) + 1 if minutes is None else sum(1 for s in slots if s[1] <= minutes) + 1
    checked = _check(session, pegawai_id, data, row=row, today=today, non_working_ok=non_working_ok)
    _check_overlap(slots, checked.mulai, checked.selesai, row)
    record = existing or ProgresHarian(pegawai_id=pegawai_id, dicatat=today)
    record.tanggal, record.mulai, record.selesai = checked.tanggal, checked.mulai, checked.selesai
    record.kegiatan, record.iki_id = checked.kegiatan, checked.iki_id
    record.rencana_aksi_id, record.realisasi = checked.rencana_aksi_id, checked.realisasi
    record.satuan, record.sumber_data = checked.satuan, checked.sumber_data
    if existing is None:
        session.add(record)
    session.flush()
    return record


def save_in_session(
    session: Session,
    actor: Actor,
    pegawai_id: str,
    data: EntryInput,
    *,
    today: dt.date,
    non_working_ok: bool = False,
) -> ProgresHarian:
    """Add one entry inside an open unit of work (imports of many rows), with every check."""
    _require_writer(session, actor, pegawai_id)
    return _save(
        session,
        actor,
        pegawai_id,
        data,
        entry_id=None,
        today=today,
        non_working_ok=non_working_ok,
    )


def add_entry(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    data: EntryInput,
    today: dt.date | None = None,
    non_working_ok: bool = False,
) -> EntryRow:
    """Record one activity (``non_working_ok`` confirms a weekend, holiday or leave day)."""
    with db.unit_of_work(actor) as session:
        _require_writer(session, actor, pegawai_id)
        record = _save(
            session,
            actor,
            pegawai_id,
            data,
            entry_id=None,
            today=today or clock.today(),
            non_working_ok=non_working_ok,
        )
        return entry_rows(session, [record])[0]


def edit_entry(
    db: Database,
    *,
    actor: Actor,
    entry_id: str,
    data: EntryInput,
    today: dt.date | None = None,
    non_working_ok: bool = False,
) -> EntryRow:
    with db.unit_of_work(actor) as session:
        record = session.get(ProgresHarian, entry_id)
        if record is None or record.deleted:
            raise NotFoundError(_("This daily entry does not exist."))
        _require_writer(session, actor, record.pegawai_id)
        saved = _save(
            session,
            actor,
            record.pegawai_id,
            data,
            entry_id=entry_id,
            today=today or clock.today(),
            non_working_ok=non_working_ok,
        )
        return entry_rows(session, [saved])[0]


def delete_entry(db: Database, *, actor: Actor, entry_id: str) -> None:
    with db.unit_of_work(actor) as session:
        record = session.get(ProgresHarian, entry_id)
        if record is None or record.deleted:
            raise NotFoundError(_("This daily entry does not exist."))
        _require_writer(session, actor, record.pegawai_id)
        if record.status is StatusHarian.DITERIMA:
            raise WorkflowError(_("This entry was acknowledged by the supervisor; it is final."))
        record.deleted = True


def add_entries(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    items: Sequence[EntryInput],
    today: dt.date | None = None,
    non_working_ok: bool = False,
) -> list[EntryRow]:
    """Several entries at once, all or none (rows numbered 1.. in ``items``' order)."""
    day = today or clock.today()
    with db.unit_of_work(actor) as session:
        _require_writer(session, actor, pegawai_id)
        saved = []
        for number, item in enumerate(items, start=1):
            try:
                saved.append(
                    _save(
                        session,
                        actor,
                        pegawai_id,
                        item,
                        entry_id=None,
                        today=day,
                        non_working_ok=non_working_ok,
                    )
                )
            except EntryError as error:
                raise EntryError(error.detail, field=error.field or "", row=number) from None
        return entry_rows(session, saved)


def previous_day_with_entries(
    db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date
) -> dt.date | None:
    """The latest day before ``tanggal`` that has entries (what Ctrl+D copies)."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return session.execute(
            select(func.max(ProgresHarian.tanggal)).where(
                ProgresHarian.pegawai_id == pegawai_id,
                ProgresHarian.tanggal < tanggal,
                ProgresHarian.deleted.is_(False),
            )
        ).scalar_one_or_none()


def copy_day(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    dari: dt.date | None,
    ke: dt.date,
    today: dt.date | None = None,
    non_working_ok: bool = False,
) -> list[EntryRow]:
    """Copy the entries of ``dari`` (default: the latest earlier day with entries) to ``ke``:
    the same times, activities, IKI and rencana aksi, without realisasi. All or none."""
    source = dari or previous_day_with_entries(db, actor=actor, pegawai_id=pegawai_id, tanggal=ke)
    if source is None:
        raise ValidationError(_("There are no earlier entries to copy."), field="tanggal")
    rows = list_day(db, actor=actor, pegawai_id=pegawai_id, tanggal=source)
    if not rows:
        raise ValidationError(
            _("{date} has no entries to copy.").format(date=format_date(source)), field="tanggal"
        )
    items = [
        EntryInput(
            tanggal=ke,
            mulai=r.mulai,
            selesai=r.selesai,
            kegiatan=r.kegiatan,
            iki_id=r.iki_id,
            rencana_aksi_id=r.rencana_aksi_id,
            satuan=r.satuan,
            sumber_data=r.sumber_data,
        )
        for r in rows
    ]
    return add_entries(
        db,
        actor=actor,
        pegawai_id=pegawai_id,
        items=items,
        today=today,
        non_working_ok=non_working_ok,
    )


def submit_day(db: Database, *, actor: Actor, pegawai_id: str, tanggal: dt.date) -> int:
    """Hand the day's draft entries to the supervisor; returns how many."""
    with db.unit_of_work(actor) as session:
        _require_writer(session, actor, pegawai_id)
        count = 0
        for record in records_between(session, pegawai_id, tanggal, tanggal):
            if record.status is StatusHarian.DRAFT:
                record.status = StatusHarian.DIAJUKAN
                count += 1
        return count


def acknowledge(db: Database, *, actor: Actor, entry_ids: Sequence[str]) -> int:
    """The pejabat penilai acknowledges entries of their staff; returns how many changed."""
    with db.unit_of_work(actor) as session:
        count = 0
        for entry_id in entry_ids:
            record = session.get(ProgresHarian, entry_id)
            if record is None or record.deleted:
                raise NotFoundError(_("This daily entry does not exist."))
            if not access.is_penilai_of(session, actor, record.pegawai_id):
                raise access.deny(_("Only the pejabat penilai acknowledges daily entries."))
            if record.status is not StatusHarian.DITERIMA:
                record.status = StatusHarian.DITERIMA
                record.diterima_oleh = actor.pegawai_id
                count += 1
        return count
