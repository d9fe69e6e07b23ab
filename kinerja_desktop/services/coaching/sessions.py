"""Coaching and performance dialogue: sessions. Schedule, change, list and open a
session (``get_session`` gathers its agenda, the notes the actor may read, actions and both
forms), enter a held session from paper, the pickers of the new-session form, and the
coaching items on the home screen.

The agenda, notes and reflection are in ``coaching_notes`` (with the privacy rule), agreed
actions and the team view in ``coaching_actions``, the forms B.1.8/B.1.9 in
``coaching_forms``; the shared rows and permission checks in ``coaching_common``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.coaching import AgendaSesi, AksiDisepakati, CatatanSesi, SesiCoaching
from kinerja_desktop.models.enums import JenisCatatan, JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import PerilakuNilai, Rhk, Skp
from kinerja_desktop.services.coaching.common import (
    AksiRow,
    SesiRow,
    aksi_rows,
    author_id,
    can_edit,
    clean,
    get_sesi,
    require_edit,
    require_see,
    sesi_rows,
)
from kinerja_desktop.services.coaching.forms import (
    B18HandOver,
    B18Row,
    B19Row,
    b18_handover,
    b18_rows,
    b19_rows,
)
from kinerja_desktop.services.coaching.notes import AgendaRow, CatatanRow, agenda_rows, note_rows
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.home_items import HomeItem, Urgency
from kinerja_desktop.services.core.nip import normalize

AREA = "coaching"


@dataclass(frozen=True)
class SessionDetail:
    """Everything the session screen shows to ``actor`` (private notes: the actor's own)."""

    sesi: SesiRow
    agenda: list[AgendaRow]
    catatan: list[CatatanRow]
    refleksi: list[CatatanRow]
    aksi: list[AksiRow]
    b18: list[B18Row]
    b19: list[B19Row]
    b18_diserahkan: B18HandOver | None
    can_edit: bool
    is_coach: bool
    is_pegawai: bool


@dataclass(frozen=True)
class SessionInput:
    """What the new-session form sends."""

    jenis: JenisSesi
    tanggal: dt.date
    coach_id: str
    pegawai_id: str
    waktu: str = ""
    tempat: str = ""
    hadir_lain: str = ""
    skp_id: str | None = None
    rhk_id: str | None = None
    nilai_id: str | None = None


def _active_person(session: Session, pegawai_id: str, role: str) -> Pegawai:
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise ValidationError(_("Choose an existing person as {role}.").format(role=role),
                              field=role)  # fmt: skip
    return person


# ---------------------------------------------------------------------------- sessions


def list_sessions(
    db: Database, *, actor: Actor, pegawai_id: str | None = None, coach_id: str | None = None
) -> list[SesiRow]:
    """Sessions of a pegawai (or held by a coach), newest first, that ``actor`` may see."""
    with db.read(actor) as session:
        if pegawai_id is not None:
            access.require_read_performance(session, actor, pegawai_id)
            where: list[object] = [SesiCoaching.pegawai_id == pegawai_id]
            if coach_id is not None:
                where.append(SesiCoaching.coach_id == coach_id)
            return sesi_rows(session, where)
        if coach_id is None:
            raise ValidationError(_("Name the pegawai or the coach whose sessions to list."))
        rows = sesi_rows(session, [SesiCoaching.coach_id == coach_id])
        if access.is_self(actor, coach_id) or actor.is_system or actor.is_pengelola:
            return rows
        return [r for r in rows if access.can_read_performance(session, actor, r.pegawai_id)]


def my_sessions(db: Database, *, actor: Actor) -> list[SesiRow]:
    """Sessions where the actor is the coach or the pegawai, newest first."""
    if actor.pegawai_id is None:
        return []
    with db.read(actor) as session:
        return sesi_rows(
            session,
            [or_(SesiCoaching.coach_id == actor.pegawai_id,
                 SesiCoaching.pegawai_id == actor.pegawai_id)],
        )  # fmt: skip


def get_session(db: Database, *, actor: Actor, sesi_id: str) -> SessionDetail:
    """A session with its agenda, the notes ``actor`` may read, actions and both forms."""
    with db.read(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_see(session, actor, sesi)
        notes = note_rows(session, actor, sesi_id, shared_only=False)
        return SessionDetail(
            sesi=sesi_rows(session, [SesiCoaching.id == sesi_id])[0],
            agenda=agenda_rows(session, sesi_id),
            catatan=[n for n in notes if n.jenis is JenisCatatan.NOTE],
            refleksi=[n for n in notes if n.jenis is JenisCatatan.REFLECTION],
            aksi=aksi_rows(session, [AksiDisepakati.sesi_id == sesi_id]),
            b18=b18_rows(session, sesi_id),
            b19=b19_rows(session, sesi_id),
            b18_diserahkan=b18_handover(session, sesi),
            can_edit=can_edit(session, actor, sesi),
            is_coach=access.is_self(actor, sesi.coach_id),
            is_pegawai=access.is_self(actor, sesi.pegawai_id),
        )


def _check_links(session: Session, data: SessionInput) -> None:
    if data.skp_id is not None:
        skp = session.get(Skp, data.skp_id)
        if skp is None or skp.deleted or skp.pegawai_id != data.pegawai_id:
            raise ValidationError(_("The linked SKP is not one of this pegawai's SKPs."),
                                  field="skp")  # fmt: skip
    if data.rhk_id is not None:
        rhk = session.get(Rhk, data.rhk_id)
        skp = session.get(Skp, rhk.skp_id) if rhk is not None else None
        if rhk is None or rhk.deleted or skp is None or skp.pegawai_id != data.pegawai_id:
            raise ValidationError(_("The linked RHK is not in this pegawai's SKP."), field="rhk")
    if data.nilai_id is not None and session.get(PerilakuNilai, data.nilai_id) is None:
        raise ValidationError(_("Unknown behaviour value."), field="nilai")


def _check_header(session: Session, data: SessionInput) -> None:
    _active_person(session, data.coach_id, "coach")
    _active_person(session, data.pegawai_id, "pegawai")
    if data.coach_id == data.pegawai_id:
        raise ValidationError(_("The coach and the pegawai must be two different people."),
                              field="coach")  # fmt: skip
    waktu = data.waktu.strip()
    if waktu:
        try:
            dt.time.fromisoformat(waktu)
        except ValueError:
            raise ValidationError(
                _("Write the time as hours and minutes, for example 09:30."), field="waktu"
            ) from None
    _check_links(session, data)


def _schedule(
    session: Session,
    actor: Actor,
    data: SessionInput,
    talking_points: Iterable[str],
    carry_open_actions: bool,
) -> SesiCoaching:
    _check_header(session, data)
    allowed = (
        actor.is_system or actor.is_pengelola
        or access.is_self(actor, data.coach_id) or access.is_self(actor, data.pegawai_id)
        or access.is_above(session, actor, data.pegawai_id)
    )  # fmt: skip
    if not allowed:
        raise access.deny(
            _("You may schedule sessions for yourself, your staff, or as their coach.")
        )
    sesi = SesiCoaching(
        jenis=data.jenis, tanggal=data.tanggal, waktu=data.waktu.strip(),
        tempat=data.tempat.strip(), coach_id=data.coach_id, pegawai_id=data.pegawai_id,
        hadir_lain=data.hadir_lain.strip(), skp_id=data.skp_id, rhk_id=data.rhk_id,
        nilai_id=data.nilai_id,
    )  # fmt: skip
    session.add(sesi)
    session.flush()
    author = author_id(actor, sesi)
    texts: list[str] = []
    if carry_open_actions:
        for aksi in aksi_rows(session, [SesiCoaching.pegawai_id == data.pegawai_id,
                                        SesiCoaching.id != sesi.id,
                                        AksiDisepakati.status == StatusAksi.OPEN]):  # fmt: skip
            if aksi.tenggat is not None:
                texts.append(
                    _("Follow up: {action} ({who}, due {date})").format(
                        action=aksi.teks, who=aksi.pelaksana_nama, date=format_date(aksi.tenggat)
                    )
                )
            else:
                texts.append(
                    _("Follow up: {action} ({who})").format(
                        action=aksi.teks, who=aksi.pelaksana_nama
                    )
                )
    texts.extend(clean(p, _("The talking point"), field="agenda")
                 for p in talking_points if p.strip())  # fmt: skip
    for order, text in enumerate(texts, start=1):
        session.add(AgendaSesi(sesi_id=sesi.id, penulis_id=author, urutan=order, teks=text))
    session.flush()
    return sesi


def schedule_session(
    db: Database,
    *,
    actor: Actor,
    data: SessionInput,
    talking_points: Iterable[str] = (),
    carry_open_actions: bool = True,
) -> SesiRow:
    """Schedule a session; ``carry_open_actions`` puts the pegawai's open actions on the agenda."""
    with db.unit_of_work(actor) as session:
        sesi = _schedule(session, actor, data, talking_points, carry_open_actions)
        return sesi_rows(session, [SesiCoaching.id == sesi.id])[0]


def update_session(
    db: Database,
    *,
    actor: Actor,
    sesi_id: str,
    data: SessionInput,
    status: StatusSesi | None = None,
    ringkasan: str | None = None,
) -> SesiRow:
    """Change a session's header, status or summary (the pegawai and coach stay the same)."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_edit(session, actor, sesi)
        if (data.coach_id, data.pegawai_id) != (sesi.coach_id, sesi.pegawai_id):
            raise ValidationError(
                _("The coach and the pegawai of a session cannot change; schedule a new one."),
                field="coach",
            )
        _check_header(session, data)
        if (
            sesi.jenis is JenisSesi.BIMBINGAN_KINERJA
            and data.jenis is not JenisSesi.BIMBINGAN_KINERJA
            and (
                b19_rows(session, sesi_id)
                or any(r.jawaban is not None for r in b18_rows(session, sesi_id))
            )
        ):
            raise ValidationError(
                _(
                    "This bimbingan kinerja session has B.1.8 or B.1.9 entries, which belong to "
                    "bimbingan kinerja only; its type cannot change."
                ),
                field="jenis",
            )
        values: dict[str, object] = {
            "jenis": data.jenis, "tanggal": data.tanggal, "waktu": data.waktu.strip(),
            "tempat": data.tempat.strip(), "hadir_lain": data.hadir_lain.strip(),
            "skp_id": data.skp_id, "rhk_id": data.rhk_id, "nilai_id": data.nilai_id,
        }  # fmt: skip
        if status is not None:
            values["status"] = status
        if ringkasan is not None:
            values["ringkasan"] = ringkasan.strip()
        for key, value in values.items():
            if getattr(sesi, key) != value:
                setattr(sesi, key, value)
        session.flush()
        return sesi_rows(session, [SesiCoaching.id == sesi_id])[0]


def set_session_status(
    db: Database, *, actor: Actor, sesi_id: str, status: StatusSesi, ringkasan: str | None = None
) -> SesiRow:
    """Mark a session held or cancelled (or scheduled again), optionally with its summary."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        require_edit(session, actor, sesi)
        if sesi.status != status:
            sesi.status = status
        if ringkasan is not None and sesi.ringkasan != ringkasan.strip():
            sesi.ringkasan = ringkasan.strip()
        session.flush()
        return sesi_rows(session, [SesiCoaching.id == sesi_id])[0]


# ---------------------------------------------------------------------------- paper entry


def add_from_paper(
    db: Database,
    *,
    actor: Actor,
    pegawai_nip: str,
    coach_nip: str,
    jenis: JenisSesi,
    tanggal: dt.date,
    notes: str = "",
    tempat: str = "",
) -> SesiRow:
    """The administrator enters a held session from paper, in one transaction; its notes are
    shared notes, attributed to the coach."""
    with db.unit_of_work(actor) as session:
        ids = {}
        for role, nip in (("pegawai", pegawai_nip), ("coach", coach_nip)):
            found = session.execute(
                select(Pegawai.id).where(Pegawai.nip == normalize(nip), Pegawai.deleted.is_(False))
            ).scalar_one_or_none()
            if found is None:
                raise NotFoundError(_("No person has NIP {nip}.").format(nip=nip), field=role)
            ids[role] = found
        data = SessionInput(jenis=jenis, tanggal=tanggal, coach_id=ids["coach"],
                            pegawai_id=ids["pegawai"], tempat=tempat)  # fmt: skip
        sesi = _schedule(session, actor, data, (), carry_open_actions=False)
        sesi.status = StatusSesi.SELESAI
        if notes.strip():
            session.add(CatatanSesi(sesi_id=sesi.id, penulis_id=sesi.coach_id,
                                    jenis=JenisCatatan.NOTE,
                                    teks=clean(notes, _("The note"), field="notes",
                                                limit=100000)))  # fmt: skip
        session.flush()
        return sesi_rows(session, [SesiCoaching.id == sesi.id])[0]


# ---------------------------------------------------------------------------- pickers


@dataclass(frozen=True)
class PersonOption:
    id: str
    nip: str
    nama: str
    penilai_id: str | None


@dataclass(frozen=True)
class LinkOption:
    """Something a session can be about: an SKP, one of its RHK, or a behaviour value."""

    kind: str
    id: str
    skp_id: str | None
    text: str


def people_in_view(db: Database, *, actor: Actor) -> list[PersonOption]:
    """The people whose coaching the actor may see: themself and everyone below them;
    everybody for the pengelola kinerja. Ordered by name."""
    with db.read(actor) as session:
        rows = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.penilai_id).where(
                Pegawai.deleted.is_(False), Pegawai.aktif.is_(True)
            )
        ).all()
    everyone = [PersonOption(r[0], r[1], r[2], r[3]) for r in rows]
    if not (actor.is_system or actor.is_pengelola):
        below: dict[str | None, list[PersonOption]] = {}
        for person in everyone:
            below.setdefault(person.penilai_id, []).append(person)
        keep: set[str] = set()
        stack = [actor.pegawai_id] if actor.pegawai_id else []
        while stack:
            current = stack.pop()
            if current is None or current in keep:
                continue
            keep.add(current)
            stack.extend(p.id for p in below.get(current, []))
        everyone = [p for p in everyone if p.id in keep]
    return sorted(everyone, key=lambda p: (p.nama, p.nip))


def coach_options(db: Database, *, actor: Actor) -> list[PersonOption]:
    """Anyone active may coach (the leader, or someone given that task)."""
    with db.read(actor) as session:
        rows = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.penilai_id)
            .where(Pegawai.deleted.is_(False), Pegawai.aktif.is_(True))
            .order_by(Pegawai.nama)
        ).all()
    return [PersonOption(r[0], r[1], r[2], r[3]) for r in rows]


def link_options(db: Database, *, actor: Actor, pegawai_id: str) -> list[LinkOption]:
    """The pegawai's SKPs with their RHK, then the BerAKHLAK values."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        options: list[LinkOption] = []
        skps = session.execute(
            select(Skp.id, Skp.tahun)
            .where(Skp.pegawai_id == pegawai_id, Skp.deleted.is_(False))
            .order_by(Skp.tahun.desc(), Skp.periode_mulai.desc())
        ).all()
        for skp_id, tahun in skps:
            options.append(LinkOption("skp", skp_id, skp_id, _("SKP {year}").format(year=tahun)))
            for rhk_id, teks in session.execute(
                select(Rhk.id, Rhk.teks)
                .where(Rhk.skp_id == skp_id, Rhk.deleted.is_(False))
                .order_by(Rhk.jenis, Rhk.urutan)
            ):
                options.append(LinkOption("rhk", rhk_id, skp_id, f"  RHK: {teks}"))
        for nilai_id, nama in session.execute(
            select(PerilakuNilai.id, PerilakuNilai.nama).order_by(PerilakuNilai.urutan)
        ):
            options.append(
                LinkOption("nilai", nilai_id, None, _("Behaviour: {value}").format(value=nama))
            )
        return options


def session_exists(db: Database, *, actor: Actor, sesi_id: str) -> bool:
    """True when ``sesi_id`` names a session (used to tell a session from a person payload)."""
    with db.read(actor) as session:
        sesi = session.get(SesiCoaching, sesi_id)
        return sesi is not None and not sesi.deleted


# ---------------------------------------------------------------------------- home screen


def home_items(db: Database, actor: Actor, today: dt.date) -> list[HomeItem]:
    """Overdue actions and follow-ups due this week, for both parties of each session;
    sessions scheduled in the coming week."""
    me = actor.pegawai_id
    if me is None:
        return []
    week_end = today + dt.timedelta(days=6 - today.weekday())
    items: list[HomeItem] = []
    with db.read(actor) as session:
        mine = or_(SesiCoaching.coach_id == me, SesiCoaching.pegawai_id == me)
        for aksi in aksi_rows(session, [mine, AksiDisepakati.status == StatusAksi.OPEN]):
            other = _other_party(session, aksi, me)
            if aksi.terlambat(today):
                assert aksi.tenggat is not None
                items.append(HomeItem(
                    kind="coaching.action_overdue",
                    title=_("Overdue action: {action}").format(action=aksi.teks),
                    detail=_parties(aksi.pelaksana_nama, other),
                    area=AREA, payload=aksi.sesi_id, urgency=Urgency.OVERDUE, due=aksi.tenggat,
                ))  # fmt: skip
            elif aksi.tindak_lanjut is not None and aksi.tindak_lanjut <= week_end:
                items.append(HomeItem(
                    kind="coaching.follow_up",
                    title=_("Follow-up due: {action}").format(action=aksi.teks),
                    detail=_parties(aksi.pelaksana_nama, other),
                    area=AREA, payload=aksi.sesi_id, urgency=Urgency.SOON, due=aksi.tindak_lanjut,
                ))  # fmt: skip
        for sesi in sesi_rows(session, [mine, SesiCoaching.status == StatusSesi.DIJADWALKAN,
                                         and_(SesiCoaching.tanggal >= today,
                                              SesiCoaching.tanggal <= today
                                              + dt.timedelta(days=7))]):  # fmt: skip
            other = sesi.pegawai_nama if sesi.coach_id == me else sesi.coach_nama
            items.append(HomeItem(
                kind="coaching.session_soon",
                title=_("{kind} with {other}").format(kind=sesi.jenis_label, other=other),
                detail=_("{date} {time} {place}").format(
                    date=format_date(sesi.tanggal), time=sesi.waktu, place=sesi.tempat).strip(),
                area=AREA, payload=sesi.id, urgency=Urgency.INFO, due=sesi.tanggal,
            ))  # fmt: skip
    return items


def _parties(who: str, other: str) -> str:
    """Who does the action and, when someone else, with whom (the date is the item's due)."""
    if who == other:
        return who
    return _("{who} · with {other}").format(who=who, other=other)


def _other_party(session: Session, aksi: AksiRow, me: str) -> str:
    other_id = aksi.pegawai_id if aksi.coach_id == me else aksi.coach_id
    return session.execute(select(Pegawai.nama).where(Pegawai.id == other_id)).scalar_one()
