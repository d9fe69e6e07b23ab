"""Coaching and performance dialogue: sessions, agenda, notes, reflections, agreed actions,
the B.1.8 and B.1.9 forms, the supervisor's team view and the home-screen items.

Privacy: a private note (``CatatanSesi.privat``) is readable by its author alone. Every
function here that returns notes filters them through ``_visible_notes``; the program itself
(``SYSTEM``), the pengelola kinerja and the pegawai's superiors get shared notes only.
``session_record`` is what printed forms get: it carries shared notes only, whoever asks.

Who may do what (the GUI only hides what these checks refuse):
- see a session: its coach and pegawai, anyone above the pegawai, the pengelola kinerja;
- schedule or change a session: the same people (the pengelola enters sessions from paper);
- add talking points, notes and actions: the coach and the pegawai (and those above);
- answer the reflection prompts and fill B.1.8: the pegawai; fill B.1.9: the coach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError, WorkflowError
from kinerja_desktop.i18n import N_, _, format_date
from kinerja_desktop.models.coaching import (
    AgendaSesi,
    AksiDisepakati,
    CatatanSesi,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import JenisCatatan, JenisSesi, StatusAksi, StatusSesi
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import PerilakuNilai, Rhk, Skp
from kinerja_desktop.services import access
from kinerja_desktop.services.home import HomeItem, Urgency
from kinerja_desktop.services.nip import normalize
from kinerja_desktop.services.reference import label, pangkat_label

AREA = "coaching"

# Format B.1.8 Umpan Balik Pelaksanaan Bimbingan Kinerja: nine statements the pegawai answers
# (about themself, the coach, the follow-up). The Indonesian catalog holds the form's wording.
B18_STATEMENTS: tuple[str, ...] = (
    N_("I understand the purpose and benefits of the performance guidance I received."),
    N_("I openly raised the obstacles I face in achieving my performance."),
    N_("I gained new knowledge and/or skills from this performance guidance."),
    N_("The coach explained the guidance clearly and in a way that is easy to understand."),
    N_("The coach gave me the opportunity to ask questions and express my opinion."),
    N_("The coach gave examples and/or solutions that I can apply in my work."),
    N_("I can apply the results of this guidance to improve my performance."),
    N_("The coach and I agreed on a follow-up plan for this performance guidance."),
    N_("I need further performance guidance."),
)

# The reflection prompts the pegawai answers: (key stored in CatatanSesi.prompt, question).
REFLECTION_PROMPTS: tuple[tuple[str, str], ...] = (
    ("went_well", N_("What went well?")),
    ("got_in_way", N_("What got in the way?")),
    ("learned", N_("What did I learn?")),
    ("support", N_("What support do I need?")),
)
_PROMPT_KEYS = {key for key, _text in REFLECTION_PROMPTS}


def b18_statement(nomor: int) -> str:
    """The translated text of B.1.8 statement ``nomor`` (1 to 9)."""
    return _(B18_STATEMENTS[nomor - 1])


# ---------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class SesiRow:
    """A session as lists and headers show it."""

    id: str
    jenis: JenisSesi
    jenis_label: str
    tanggal: dt.date
    waktu: str
    tempat: str
    coach_id: str
    coach_nama: str
    coach_nip: str
    pegawai_id: str
    pegawai_nama: str
    pegawai_nip: str
    hadir_lain: str
    skp_id: str | None
    rhk_id: str | None
    rhk_teks: str
    nilai_id: str | None
    nilai_nama: str
    status: StatusSesi
    status_label: str
    ringkasan: str
    aksi_terbuka: int


@dataclass(frozen=True)
class AgendaRow:
    id: str
    penulis_id: str
    penulis_nama: str
    urutan: int
    teks: str
    dibahas: bool


@dataclass(frozen=True)
class CatatanRow:
    """A note or a reflection answer (``prompt`` is the reflection key, empty for a note)."""

    id: str
    penulis_id: str
    penulis_nama: str
    jenis: JenisCatatan
    prompt: str
    teks: str
    privat: bool
    dibuat: dt.datetime


@dataclass(frozen=True)
class AksiRow:
    id: str
    sesi_id: str
    sesi_tanggal: dt.date
    pegawai_id: str
    coach_id: str
    pelaksana_id: str
    pelaksana_nama: str
    teks: str
    tenggat: dt.date | None
    status: StatusAksi
    status_label: str
    komentar_status: str
    tindak_lanjut: dt.date | None

    def terlambat(self, today: dt.date) -> bool:
        """Open and past its deadline."""
        return self.status is StatusAksi.OPEN and self.tenggat is not None and self.tenggat < today


@dataclass(frozen=True)
class B18Row:
    """One B.1.8 statement and the pegawai's answer (``None`` while unanswered)."""

    nomor: int
    pernyataan: str
    jawaban: bool | None
    keterangan: str


@dataclass(frozen=True)
class B19Row:
    id: str
    urutan: int
    kompetensi: str
    skor: int
    alasan: str


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
    can_edit: bool
    is_coach: bool
    is_pegawai: bool


@dataclass(frozen=True)
class PartyIdentity:
    """A party's identity as printed on the B.1.8/B.1.9 forms."""

    nama: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str


@dataclass(frozen=True)
class SessionRecord:
    """What a printed form gets: shared notes and reflections only, never a private note."""

    sesi: SesiRow
    coach: PartyIdentity
    pegawai: PartyIdentity
    agenda: list[AgendaRow]
    catatan: list[CatatanRow]
    refleksi: list[CatatanRow]
    aksi: list[AksiRow]
    b18: list[B18Row]
    b19: list[B19Row]


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


@dataclass(frozen=True)
class TeamMemberRow:
    """One subordinate in the supervisor's view."""

    pegawai_id: str
    nip: str
    nama: str
    jabatan: str
    sesi_terakhir: dt.date | None
    sesi_terakhir_jenis: str
    umpan_balik_terakhir: dt.date | None
    hari_sejak_umpan_balik: int | None
    hari_sejak_bicara: int | None
    aksi_terbuka: int
    aksi_terlambat: int


# ---------------------------------------------------------------------------- helpers


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _get_sesi(session: Session, sesi_id: str) -> SesiCoaching:
    sesi = session.get(SesiCoaching, sesi_id)
    if sesi is None or sesi.deleted:
        raise NotFoundError(_("This coaching session does not exist (any more)."))
    return sesi


def _is_party(actor: Actor, sesi: SesiCoaching) -> bool:
    return access.is_self(actor, sesi.coach_id) or access.is_self(actor, sesi.pegawai_id)


def _can_see(session: Session, actor: Actor, sesi: SesiCoaching) -> bool:
    return _is_party(actor, sesi) or access.can_read_performance(session, actor, sesi.pegawai_id)


def _require_see(session: Session, actor: Actor, sesi: SesiCoaching) -> None:
    if not _can_see(session, actor, sesi):
        raise access.deny(
            _("Only the coach, the pegawai and their superiors may open this session.")
        )


def _can_edit(session: Session, actor: Actor, sesi: SesiCoaching) -> bool:
    """Change the session and add agenda, notes and actions."""
    return (
        actor.is_system
        or actor.is_pengelola
        or _is_party(actor, sesi)
        or access.is_above(session, actor, sesi.pegawai_id)
    )


def _require_edit(session: Session, actor: Actor, sesi: SesiCoaching) -> None:
    if not _can_edit(session, actor, sesi):
        raise access.deny(
            _("Only the coach, the pegawai and their superiors may change this session.")
        )


def _require_open(sesi: SesiCoaching) -> None:
    if sesi.status is StatusSesi.DIBATALKAN:
        raise WorkflowError(
            _("This session was cancelled; reopen it (set it to scheduled) before adding to it.")
        )


def _author_id(actor: Actor, sesi: SesiCoaching) -> str:
    """The pegawai who writes: the actor, or the coach when an administrator enters paper."""
    return actor.pegawai_id or sesi.coach_id


def _visible_notes(actor: Actor) -> object:
    """SQL condition: shared notes, and private notes written by ``actor`` only."""
    if actor.pegawai_id is None:
        return CatatanSesi.privat.is_(False)
    return or_(CatatanSesi.privat.is_(False), CatatanSesi.penulis_id == actor.pegawai_id)


def _clean(text: str, what: str, *, field: str, limit: int = 10000) -> str:
    value = text.strip()
    if not value:
        raise ValidationError(_("{what} is empty; write something first.").format(what=what),
                              field=field)  # fmt: skip
    if len(value) > limit:
        raise ValidationError(
            _("{what} is longer than {n} characters.").format(what=what, n=limit), field=field
        )
    return value


def _active_person(session: Session, pegawai_id: str, role: str) -> Pegawai:
    person = session.get(Pegawai, pegawai_id)
    if person is None or person.deleted:
        raise ValidationError(_("Choose an existing person as {role}.").format(role=role),
                              field=role)  # fmt: skip
    return person


_COACH = aliased(Pegawai)
_PEG = aliased(Pegawai)


def _sesi_rows(session: Session, where: Sequence[object]) -> list[SesiRow]:
    open_actions = (
        select(AksiDisepakati.sesi_id, func.count().label("n"))
        .where(AksiDisepakati.deleted.is_(False), AksiDisepakati.status == StatusAksi.OPEN)
        .group_by(AksiDisepakati.sesi_id)
        .subquery()
    )
    query = (
        select(SesiCoaching, _COACH.nama, _COACH.nip, _PEG.nama, _PEG.nip, Rhk.teks,
               PerilakuNilai.nama, open_actions.c.n)
        .join(_COACH, _COACH.id == SesiCoaching.coach_id)
        .join(_PEG, _PEG.id == SesiCoaching.pegawai_id)
        .outerjoin(Rhk, Rhk.id == SesiCoaching.rhk_id)
        .outerjoin(PerilakuNilai, PerilakuNilai.id == SesiCoaching.nilai_id)
        .outerjoin(open_actions, open_actions.c.sesi_id == SesiCoaching.id)
        .where(SesiCoaching.deleted.is_(False), *where)  # type: ignore[arg-type]
        .order_by(SesiCoaching.tanggal.desc(), SesiCoaching.waktu.desc())
    )  # fmt: skip
    rows = []
    for s, coach_nama, coach_nip, peg_nama, peg_nip, rhk_teks, nilai_nama, n in session.execute(
        query
    ):
        rows.append(
            SesiRow(
                id=s.id, jenis=s.jenis, jenis_label=label(s.jenis), tanggal=s.tanggal,
                waktu=s.waktu, tempat=s.tempat, coach_id=s.coach_id, coach_nama=coach_nama,
                coach_nip=coach_nip, pegawai_id=s.pegawai_id, pegawai_nama=peg_nama,
                pegawai_nip=peg_nip, hadir_lain=s.hadir_lain, skp_id=s.skp_id, rhk_id=s.rhk_id,
                rhk_teks=rhk_teks or "", nilai_id=s.nilai_id, nilai_nama=nilai_nama or "",
                status=s.status, status_label=label(s.status), ringkasan=s.ringkasan,
                aksi_terbuka=int(n or 0),
            )
        )  # fmt: skip
    return rows


def _aksi_rows(session: Session, where: Sequence[object]) -> list[AksiRow]:
    pelaksana = aliased(Pegawai)
    query = (
        select(AksiDisepakati, SesiCoaching.tanggal, SesiCoaching.pegawai_id,
               SesiCoaching.coach_id, pelaksana.nama)
        .join(SesiCoaching, SesiCoaching.id == AksiDisepakati.sesi_id)
        .join(pelaksana, pelaksana.id == AksiDisepakati.pelaksana_id)
        .where(AksiDisepakati.deleted.is_(False), SesiCoaching.deleted.is_(False),
               *where)  # type: ignore[arg-type]
        .order_by(AksiDisepakati.tenggat.is_(None), AksiDisepakati.tenggat,
                  AksiDisepakati.created_at)
    )  # fmt: skip
    return [
        AksiRow(
            id=a.id,
            sesi_id=a.sesi_id,
            sesi_tanggal=tanggal,
            pegawai_id=pegawai_id,
            coach_id=coach_id,
            pelaksana_id=a.pelaksana_id,
            pelaksana_nama=nama,
            teks=a.teks,
            tenggat=a.tenggat,
            status=a.status,
            status_label=label(a.status),
            komentar_status=a.komentar_status,
            tindak_lanjut=a.tindak_lanjut,
        )
        for a, tanggal, pegawai_id, coach_id, nama in session.execute(query)
    ]


def _notes(session: Session, actor: Actor, sesi_id: str, *, shared_only: bool) -> list[CatatanRow]:
    penulis = aliased(Pegawai)
    condition = CatatanSesi.privat.is_(False) if shared_only else _visible_notes(actor)
    query = (
        select(CatatanSesi, penulis.nama)
        .join(penulis, penulis.id == CatatanSesi.penulis_id)
        .where(CatatanSesi.sesi_id == sesi_id, CatatanSesi.deleted.is_(False),
               condition)  # type: ignore[arg-type]
        .order_by(CatatanSesi.created_at)
    )  # fmt: skip
    return [
        CatatanRow(c.id, c.penulis_id, nama, c.jenis, c.prompt, c.teks, c.privat, c.created_at)
        for c, nama in session.execute(query)
    ]


def _agenda(session: Session, sesi_id: str) -> list[AgendaRow]:
    penulis = aliased(Pegawai)
    query = (
        select(AgendaSesi, penulis.nama)
        .join(penulis, penulis.id == AgendaSesi.penulis_id)
        .where(AgendaSesi.sesi_id == sesi_id, AgendaSesi.deleted.is_(False))
        .order_by(AgendaSesi.urutan, AgendaSesi.created_at)
    )
    return [
        AgendaRow(a.id, a.penulis_id, nama, a.urutan, a.teks, a.dibahas)
        for a, nama in session.execute(query)
    ]


def _b18(session: Session, sesi_id: str) -> list[B18Row]:
    answers = {
        r.nomor: r
        for r in session.execute(
            select(UmpanBalikBimbingan).where(
                UmpanBalikBimbingan.sesi_id == sesi_id, UmpanBalikBimbingan.deleted.is_(False)
            )
        ).scalars()
    }
    rows = []
    for nomor in range(1, len(B18_STATEMENTS) + 1):
        answer = answers.get(nomor)
        rows.append(
            B18Row(
                nomor,
                b18_statement(nomor),
                answer.jawaban if answer else None,
                answer.keterangan if answer else "",
            )
        )
    return rows


def _b19(session: Session, sesi_id: str) -> list[B19Row]:
    query = (
        select(EvaluasiKompetensi)
        .where(EvaluasiKompetensi.sesi_id == sesi_id, EvaluasiKompetensi.deleted.is_(False))
        .order_by(EvaluasiKompetensi.urutan)
    )
    return [
        B19Row(e.id, e.urutan, e.kompetensi, e.skor, e.alasan)
        for e in session.execute(query).scalars()
    ]


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
            return _sesi_rows(session, where)
        if coach_id is None:
            raise ValidationError(_("Name the pegawai or the coach whose sessions to list."))
        rows = _sesi_rows(session, [SesiCoaching.coach_id == coach_id])
        if access.is_self(actor, coach_id) or actor.is_system or actor.is_pengelola:
            return rows
        return [r for r in rows if access.can_read_performance(session, actor, r.pegawai_id)]


def my_sessions(db: Database, *, actor: Actor) -> list[SesiRow]:
    """Sessions where the actor is the coach or the pegawai, newest first."""
    if actor.pegawai_id is None:
        return []
    with db.read(actor) as session:
        return _sesi_rows(
            session,
            [or_(SesiCoaching.coach_id == actor.pegawai_id,
                 SesiCoaching.pegawai_id == actor.pegawai_id)],
        )  # fmt: skip


def get_session(db: Database, *, actor: Actor, sesi_id: str) -> SessionDetail:
    """A session with its agenda, the notes ``actor`` may read, actions and both forms."""
    with db.read(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_see(session, actor, sesi)
        notes = _notes(session, actor, sesi_id, shared_only=False)
        return SessionDetail(
            sesi=_sesi_rows(session, [SesiCoaching.id == sesi_id])[0],
            agenda=_agenda(session, sesi_id),
            catatan=[n for n in notes if n.jenis is JenisCatatan.NOTE],
            refleksi=[n for n in notes if n.jenis is JenisCatatan.REFLECTION],
            aksi=_aksi_rows(session, [AksiDisepakati.sesi_id == sesi_id]),
            b18=_b18(session, sesi_id),
            b19=_b19(session, sesi_id),
            can_edit=_can_edit(session, actor, sesi),
            is_coach=access.is_self(actor, sesi.coach_id),
            is_pegawai=access.is_self(actor, sesi.pegawai_id),
        )


def _identity(session: Session, pegawai_id: str) -> PartyIdentity:
    row = session.execute(
        select(Pegawai, Jabatan.nama, UnitKerja.nama)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_id)
        .where(Pegawai.id == pegawai_id)
    ).one()
    person, jabatan, unit = row
    return PartyIdentity(
        person.nama_lengkap, person.nip, pangkat_label(person.golongan), jabatan or "", unit or ""
    )


def session_record(db: Database, actor: Actor, sesi_id: str) -> SessionRecord:
    """The data of the B.1.8/B.1.9 forms for a session: shared notes only, whoever asks."""
    with db.read(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_see(session, actor, sesi)
        notes = _notes(session, actor, sesi_id, shared_only=True)
        return SessionRecord(
            sesi=_sesi_rows(session, [SesiCoaching.id == sesi_id])[0],
            coach=_identity(session, sesi.coach_id),
            pegawai=_identity(session, sesi.pegawai_id),
            agenda=_agenda(session, sesi_id),
            catatan=[n for n in notes if n.jenis is JenisCatatan.NOTE],
            refleksi=[n for n in notes if n.jenis is JenisCatatan.REFLECTION],
            aksi=_aksi_rows(session, [AksiDisepakati.sesi_id == sesi_id]),
            b18=_b18(session, sesi_id),
            b19=_b19(session, sesi_id),
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
    author = _author_id(actor, sesi)
    texts: list[str] = []
    if carry_open_actions:
        for aksi in _aksi_rows(session, [SesiCoaching.pegawai_id == data.pegawai_id,
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
    texts.extend(_clean(p, _("The talking point"), field="agenda")
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
        return _sesi_rows(session, [SesiCoaching.id == sesi.id])[0]


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
        sesi = _get_sesi(session, sesi_id)
        _require_edit(session, actor, sesi)
        if (data.coach_id, data.pegawai_id) != (sesi.coach_id, sesi.pegawai_id):
            raise ValidationError(
                _("The coach and the pegawai of a session cannot change; schedule a new one."),
                field="coach",
            )
        _check_header(session, data)
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
        return _sesi_rows(session, [SesiCoaching.id == sesi_id])[0]


def set_session_status(
    db: Database, *, actor: Actor, sesi_id: str, status: StatusSesi, ringkasan: str | None = None
) -> SesiRow:
    """Mark a session held or cancelled (or scheduled again), optionally with its summary."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_edit(session, actor, sesi)
        if sesi.status != status:
            sesi.status = status
        if ringkasan is not None and sesi.ringkasan != ringkasan.strip():
            sesi.ringkasan = ringkasan.strip()
        session.flush()
        return _sesi_rows(session, [SesiCoaching.id == sesi_id])[0]


# ---------------------------------------------------------------------------- agenda


def add_talking_point(db: Database, *, actor: Actor, sesi_id: str, teks: str) -> AgendaRow:
    """Either side adds a talking point to the agenda."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_edit(session, actor, sesi)
        _require_open(sesi)
        last = session.execute(
            select(func.max(AgendaSesi.urutan)).where(AgendaSesi.sesi_id == sesi_id)
        ).scalar()
        item = AgendaSesi(sesi_id=sesi_id, penulis_id=_author_id(actor, sesi),
                          urutan=int(last or 0) + 1,
                          teks=_clean(teks, _("The talking point"), field="agenda"))  # fmt: skip
        session.add(item)
        session.flush()
        return next(a for a in _agenda(session, sesi_id) if a.id == item.id)


def mark_discussed(db: Database, *, actor: Actor, agenda_id: str, dibahas: bool = True) -> None:
    with db.unit_of_work(actor) as session:
        item = session.get(AgendaSesi, agenda_id)
        if item is None or item.deleted:
            raise NotFoundError(_("This talking point does not exist (any more)."))
        _require_edit(session, actor, _get_sesi(session, item.sesi_id))
        if item.dibahas != dibahas:
            item.dibahas = dibahas


def remove_talking_point(db: Database, *, actor: Actor, agenda_id: str) -> None:
    """Remove a talking point; only its author may."""
    with db.unit_of_work(actor) as session:
        item = session.get(AgendaSesi, agenda_id)
        if item is None or item.deleted:
            raise NotFoundError(_("This talking point does not exist (any more)."))
        sesi = _get_sesi(session, item.sesi_id)
        _require_edit(session, actor, sesi)
        if not (actor.is_system or item.penulis_id == _author_id(actor, sesi)):
            raise access.deny(_("Only the person who added a talking point may remove it."))
        item.deleted = True


# ---------------------------------------------------------------------------- notes


def add_note(
    db: Database, *, actor: Actor, sesi_id: str, teks: str, privat: bool = False
) -> CatatanRow:
    """A note during the session: shared with both parties, or private to its author."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_edit(session, actor, sesi)
        _require_open(sesi)
        if privat and actor.pegawai_id is None:
            raise ValidationError(
                _("A private note belongs to a person; log in with your own account to write one."),
                field="privat",
            )
        note = CatatanSesi(sesi_id=sesi_id, penulis_id=_author_id(actor, sesi),
                           jenis=JenisCatatan.NOTE, teks=_clean(teks, _("The note"), field="teks"),
                           privat=privat)  # fmt: skip
        session.add(note)
        session.flush()
        return next(n for n in _notes(session, actor, sesi_id, shared_only=False)
                    if n.id == note.id)  # fmt: skip


def _own_note(session: Session, actor: Actor, catatan_id: str) -> CatatanSesi:
    note = session.get(CatatanSesi, catatan_id)
    if note is None or note.deleted or (note.privat and not access.is_self(actor, note.penulis_id)):
        raise NotFoundError(_("This note does not exist (any more)."))
    if not access.is_self(actor, note.penulis_id):
        raise access.deny(_("Only the author of a note may change it."))
    return note


def update_note(
    db: Database, *, actor: Actor, catatan_id: str, teks: str, privat: bool | None = None
) -> None:
    """The author edits a note, or shares a private one. A shared note cannot become private:
    it may already have been sent to the other party's install."""
    with db.unit_of_work(actor) as session:
        note = _own_note(session, actor, catatan_id)
        value = _clean(teks, _("The note"), field="teks")
        if privat is True and not note.privat:
            raise WorkflowError(
                _("A shared note cannot be made private again (the other party may already have "
                  "it). Write a new private note instead."),
                field="privat",
            )  # fmt: skip
        if note.teks != value:
            note.teks = value
        if privat is False and note.privat:
            note.privat = False


def delete_note(db: Database, *, actor: Actor, catatan_id: str) -> None:
    with db.unit_of_work(actor) as session:
        _own_note(session, actor, catatan_id).deleted = True


def answer_reflection(
    db: Database, *, actor: Actor, sesi_id: str, prompt: str, teks: str, privat: bool = False
) -> None:
    """The pegawai answers one reflection prompt (a second answer replaces the first)."""
    if prompt not in _PROMPT_KEYS:
        raise ValidationError(_("Unknown reflection question."), field="prompt")
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        if not access.is_self(actor, sesi.pegawai_id):
            raise access.deny(_("Only the pegawai answers the reflection questions."))
        _require_open(sesi)
        existing = session.execute(
            select(CatatanSesi).where(
                CatatanSesi.sesi_id == sesi_id, CatatanSesi.deleted.is_(False),
                CatatanSesi.jenis == JenisCatatan.REFLECTION, CatatanSesi.prompt == prompt,
                CatatanSesi.penulis_id == sesi.pegawai_id,
            )
        ).scalar_one_or_none()  # fmt: skip
        value = teks.strip()
        if existing is None:
            if value:
                session.add(CatatanSesi(sesi_id=sesi_id, penulis_id=sesi.pegawai_id,
                                        jenis=JenisCatatan.REFLECTION, prompt=prompt, teks=value,
                                        privat=privat))  # fmt: skip
            return
        if not value:
            existing.deleted = True
            return
        if privat and not existing.privat:
            raise WorkflowError(
                _("A shared answer cannot be made private again (the other party may already "
                  "have it)."),
                field="privat",
            )  # fmt: skip
        if existing.teks != value:
            existing.teks = value
        if existing.privat and not privat:
            existing.privat = False


# ---------------------------------------------------------------------------- actions


def add_action(
    db: Database,
    *,
    actor: Actor,
    sesi_id: str,
    pelaksana_id: str,
    teks: str,
    tenggat: dt.date | None = None,
    tindak_lanjut: dt.date | None = None,
) -> AksiRow:
    """An agreed action: who (the coach or the pegawai) does what by when."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        _require_edit(session, actor, sesi)
        _require_open(sesi)
        if pelaksana_id not in (sesi.coach_id, sesi.pegawai_id):
            raise ValidationError(
                _("An agreed action is done by the coach or the pegawai of the session."),
                field="pelaksana",
            )
        if tenggat is not None and tenggat < sesi.tanggal:
            raise ValidationError(_("The deadline is before the session date."), field="tenggat")
        aksi = AksiDisepakati(sesi_id=sesi_id, pelaksana_id=pelaksana_id,
                              teks=_clean(teks, _("The action"), field="teks"), tenggat=tenggat,
                              tindak_lanjut=tindak_lanjut)  # fmt: skip
        session.add(aksi)
        session.flush()
        return _aksi_rows(session, [AksiDisepakati.id == aksi.id])[0]


def set_action_status(
    db: Database,
    *,
    actor: Actor,
    aksi_id: str,
    status: StatusAksi,
    komentar: str = "",
    tindak_lanjut: dt.date | None = None,
) -> AksiRow:
    """Mark an action done or dropped (dropping needs a reason), or open it again."""
    with db.unit_of_work(actor) as session:
        aksi = session.get(AksiDisepakati, aksi_id)
        if aksi is None or aksi.deleted:
            raise NotFoundError(_("This action does not exist (any more)."))
        _require_edit(session, actor, _get_sesi(session, aksi.sesi_id))
        comment = komentar.strip()
        if status is StatusAksi.DROPPED and not comment:
            raise ValidationError(_("Say why the action is dropped."), field="komentar")
        if aksi.status != status:
            aksi.status = status
        if aksi.komentar_status != comment:
            aksi.komentar_status = comment
        if aksi.tindak_lanjut != tindak_lanjut:
            aksi.tindak_lanjut = tindak_lanjut
        session.flush()
        return _aksi_rows(session, [AksiDisepakati.id == aksi_id])[0]


def open_actions(db: Database, *, actor: Actor, pegawai_id: str) -> list[AksiRow]:
    """The pegawai's open actions from all sessions, earliest deadline first."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        return _aksi_rows(session, [SesiCoaching.pegawai_id == pegawai_id,
                                    AksiDisepakati.status == StatusAksi.OPEN])  # fmt: skip


# ---------------------------------------------------------------------------- forms


def save_b18(
    db: Database, *, actor: Actor, sesi_id: str, answers: dict[int, tuple[bool | None, str]]
) -> list[B18Row]:
    """The pegawai's B.1.8 answers: statement number -> (yes/no, remark)."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        if not (actor.is_system or access.is_self(actor, sesi.pegawai_id)):
            raise access.deny(_("Only the pegawai fills the B.1.8 feedback on their guidance."))
        existing = {
            r.nomor: r
            for r in session.execute(
                select(UmpanBalikBimbingan).where(UmpanBalikBimbingan.sesi_id == sesi_id)
            ).scalars()
        }
        for nomor, (jawaban, keterangan) in answers.items():
            if not 1 <= nomor <= len(B18_STATEMENTS):
                raise ValidationError(
                    _("B.1.8 has statements 1 to {n}.").format(n=len(B18_STATEMENTS)), field="b18"
                )
            row = existing.get(nomor)
            if row is None:
                session.add(UmpanBalikBimbingan(sesi_id=sesi_id, nomor=nomor, jawaban=jawaban,
                                                keterangan=keterangan.strip()))  # fmt: skip
                continue
            if row.deleted:
                row.deleted = False
            if row.jawaban != jawaban:
                row.jawaban = jawaban
            if row.keterangan != keterangan.strip():
                row.keterangan = keterangan.strip()
        session.flush()
        return _b18(session, sesi_id)


def save_b19(
    db: Database, *, actor: Actor, sesi_id: str, items: Sequence[tuple[str, int, str]]
) -> list[B19Row]:
    """The coach's B.1.9 evaluation: (competency, score 1-5, reason) rows, replacing the list."""
    with db.unit_of_work(actor) as session:
        sesi = _get_sesi(session, sesi_id)
        if not (actor.is_system or access.is_self(actor, sesi.coach_id)):
            raise access.deny(_("Only the coach fills the B.1.9 competency evaluation."))
        for index, (kompetensi, skor, _alasan) in enumerate(items, start=1):
            if not kompetensi.strip():
                raise ValidationError(
                    _("Row {n}: name the competency.").format(n=index), field="kompetensi"
                )
            if not 1 <= skor <= 5:
                raise ValidationError(
                    _("Row {n}: the score is from 1 to 5.").format(n=index), field="skor"
                )
        current = list(
            session.execute(
                select(EvaluasiKompetensi)
                .where(EvaluasiKompetensi.sesi_id == sesi_id, EvaluasiKompetensi.deleted.is_(False))
                .order_by(EvaluasiKompetensi.urutan)
            ).scalars()
        )
        for index, (kompetensi, skor, alasan) in enumerate(items, start=1):
            values = {"urutan": index, "kompetensi": kompetensi.strip(), "skor": skor,
                      "alasan": alasan.strip()}  # fmt: skip
            if index <= len(current):
                row = current[index - 1]
                for key, value in values.items():
                    if getattr(row, key) != value:
                        setattr(row, key, value)
            else:
                session.add(EvaluasiKompetensi(sesi_id=sesi_id, **values))
        for row in current[len(items) :]:
            row.deleted = True
        session.flush()
        return _b19(session, sesi_id)


# ---------------------------------------------------------------------------- team view


def team_overview(
    db: Database, *, actor: Actor, penilai_id: str | None = None, today: dt.date | None = None
) -> list[TeamMemberRow]:
    """Each subordinate of ``penilai_id`` (default: the actor) with their last conversation,
    open actions and days since the last feedback; those nobody talked to longest first."""
    day = _today(today)
    boss = penilai_id or actor.pegawai_id
    if boss is None:
        return []
    with db.read(actor) as session:
        if not (access.is_self(actor, boss) or access.can_read_performance(session, actor, boss)):
            raise access.deny(_("You may only see the team of yourself or of your staff."))
        people = session.execute(
            select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(Pegawai.penilai_id == boss, Pegawai.aktif.is_(True),
                   Pegawai.deleted.is_(False))
        ).all()  # fmt: skip
        ids = [p[0] for p in people]
        last_sesi: dict[str, tuple[dt.date, JenisSesi]] = {}
        for pid, tanggal, jenis in session.execute(
            select(SesiCoaching.pegawai_id, SesiCoaching.tanggal, SesiCoaching.jenis)
            .where(SesiCoaching.pegawai_id.in_(ids), SesiCoaching.deleted.is_(False),
                   SesiCoaching.status != StatusSesi.DIBATALKAN, SesiCoaching.tanggal <= day)
            .order_by(SesiCoaching.tanggal)
        ):  # fmt: skip
            last_sesi[pid] = (tanggal, jenis)
        last_feedback: dict[str, dt.date] = {}
        for pid, created in session.execute(
            select(Skp.pegawai_id, func.max(UmpanBalik.created_at))
            .join(Skp, Skp.id == UmpanBalik.skp_id)
            .where(Skp.pegawai_id.in_(ids), UmpanBalik.deleted.is_(False),
                   UmpanBalik.penulis_id != Skp.pegawai_id)
            .group_by(Skp.pegawai_id)
        ):  # fmt: skip
            if created is not None:
                last_feedback[pid] = _local_date(created)
        counts: dict[str, tuple[int, int]] = {}
        for aksi in _aksi_rows(session, [SesiCoaching.pegawai_id.in_(ids),
                                         AksiDisepakati.status == StatusAksi.OPEN]):  # fmt: skip
            n_open, n_late = counts.get(aksi.pegawai_id, (0, 0))
            counts[aksi.pegawai_id] = (n_open + 1, n_late + int(aksi.terlambat(day)))
    rows = []
    for pid, nip, nama, jabatan in people:
        sesi = last_sesi.get(pid)
        feedback = last_feedback.get(pid)
        contacts = [d for d in (sesi[0] if sesi else None, feedback) if d is not None]
        n_open, n_late = counts.get(pid, (0, 0))
        rows.append(
            TeamMemberRow(
                pegawai_id=pid, nip=nip, nama=nama, jabatan=jabatan or "",
                sesi_terakhir=sesi[0] if sesi else None,
                sesi_terakhir_jenis=label(sesi[1]) if sesi else "",
                umpan_balik_terakhir=feedback,
                hari_sejak_umpan_balik=(day - feedback).days if feedback else None,
                hari_sejak_bicara=(day - max(contacts)).days if contacts else None,
                aksi_terbuka=n_open, aksi_terlambat=n_late,
            )
        )  # fmt: skip
    never = 10**9
    return sorted(
        rows,
        key=lambda r: (-(r.hari_sejak_bicara if r.hari_sejak_bicara is not None else never),
                       -r.aksi_terlambat, r.nama),
    )  # fmt: skip


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone().date() if moment.tzinfo else moment.date()


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
        for aksi in _aksi_rows(session, [mine, AksiDisepakati.status == StatusAksi.OPEN]):
            other = _other_party(session, aksi, me)
            if aksi.terlambat(today):
                assert aksi.tenggat is not None
                items.append(HomeItem(
                    kind="coaching.action_overdue",
                    title=_("Overdue action: {action}").format(action=aksi.teks),
                    detail=_("{who} · due {date} · with {other}").format(
                        who=aksi.pelaksana_nama, date=format_date(aksi.tenggat), other=other),
                    area=AREA, payload=aksi.sesi_id, urgency=Urgency.OVERDUE, due=aksi.tenggat,
                ))  # fmt: skip
            elif aksi.tindak_lanjut is not None and aksi.tindak_lanjut <= week_end:
                items.append(HomeItem(
                    kind="coaching.follow_up",
                    title=_("Follow-up due: {action}").format(action=aksi.teks),
                    detail=_("{who} · follow-up {date} · with {other}").format(
                        who=aksi.pelaksana_nama, date=format_date(aksi.tindak_lanjut),
                        other=other),
                    area=AREA, payload=aksi.sesi_id, urgency=Urgency.SOON, due=aksi.tindak_lanjut,
                ))  # fmt: skip
        for sesi in _sesi_rows(session, [mine, SesiCoaching.status == StatusSesi.DIJADWALKAN,
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


def _other_party(session: Session, aksi: AksiRow, me: str) -> str:
    other_id = aksi.pegawai_id if aksi.coach_id == me else aksi.coach_id
    return session.execute(select(Pegawai.nama).where(Pegawai.id == other_id)).scalar_one()


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
                                    teks=_clean(notes, _("The note"), field="notes",
                                                limit=100000)))  # fmt: skip
        session.flush()
        return _sesi_rows(session, [SesiCoaching.id == sesi.id])[0]


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
