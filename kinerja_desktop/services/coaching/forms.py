"""Coaching: the forms B.1.8 (the pegawai's feedback on the guidance) and B.1.9 (the
coach's competency evaluation), and ``session_record``, the data printed forms get: shared
notes and reflections only, never a private note, whoever asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.coaching import (
    AksiDisepakati,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import JenisCatatan
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.services.coaching.common import (
    AksiRow,
    SesiRow,
    aksi_rows,
    get_sesi,
    require_see,
    sesi_rows,
)
from kinerja_desktop.services.coaching.notes import AgendaRow, CatatanRow, agenda_rows, note_rows
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.reference import pangkat_label

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


def b18_statement(nomor: int) -> str:
    """The translated text of B.1.8 statement ``nomor`` (1 to 9)."""
    return _(B18_STATEMENTS[nomor - 1])


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


def b18_rows(session: Session, sesi_id: str) -> list[B18Row]:
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


def b19_rows(session: Session, sesi_id: str) -> list[B19Row]:
    query = (
        select(EvaluasiKompetensi)
        .where(EvaluasiKompetensi.sesi_id == sesi_id, EvaluasiKompetensi.deleted.is_(False))
        .order_by(EvaluasiKompetensi.urutan)
    )
    return [
        B19Row(e.id, e.urutan, e.kompetensi, e.skor, e.alasan)
        for e in session.execute(query).scalars()
    ]


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
        sesi = get_sesi(session, sesi_id)
        require_see(session, actor, sesi)
        notes = note_rows(session, actor, sesi_id, shared_only=True)
        return SessionRecord(
            sesi=sesi_rows(session, [SesiCoaching.id == sesi_id])[0],
            coach=_identity(session, sesi.coach_id),
            pegawai=_identity(session, sesi.pegawai_id),
            agenda=agenda_rows(session, sesi_id),
            catatan=[n for n in notes if n.jenis is JenisCatatan.NOTE],
            refleksi=[n for n in notes if n.jenis is JenisCatatan.REFLECTION],
            aksi=aksi_rows(session, [AksiDisepakati.sesi_id == sesi_id]),
            b18=b18_rows(session, sesi_id),
            b19=b19_rows(session, sesi_id),
        )


# ---------------------------------------------------------------------------- forms


def save_b18(
    db: Database, *, actor: Actor, sesi_id: str, answers: dict[int, tuple[bool | None, str]]
) -> list[B18Row]:
    """The pegawai's B.1.8 answers: statement number -> (yes/no, remark)."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
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
        return b18_rows(session, sesi_id)


def save_b19(
    db: Database, *, actor: Actor, sesi_id: str, items: Sequence[tuple[str, int, str]]
) -> list[B19Row]:
    """The coach's B.1.9 evaluation: (competency, score 1-5, reason) rows, replacing the list."""
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
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
        return b19_rows(session, sesi_id)
