"""Coaching: the forms B.1.8 (the pegawai's feedback on the guidance) and B.1.9 (the
coach's competency evaluation), which belong to bimbingan kinerja sessions only, the record of
to whom the filled B.1.8 was handed (the atasan of the pimpinan), and ``session_record``, the
data printed forms get: shared notes and reflections only, never a private note, whoever asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError, WorkflowError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.coaching import (
    AksiDisepakati,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import JenisCatatan, JenisSesi
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
from kinerja_desktop.services.core.reference import label, pangkat_label

# Format B.1.8 Umpan Balik Pelaksanaan Bimbingan Kinerja (Lampiran PermenPANRB 6/2022, p. 83):
# nine statements in three groups. The Indonesian catalog holds the Lampiran's exact wording;
# tests/unit/test_official_forms.py compares the printed form with it statement by statement.
B18_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("ABOUT THE EMPLOYEE"),
        (
            N_("I feel cared for and understood"),
            N_("I feel that the actions/steps I have taken are valued"),
            N_("I feel I can freely express my opinions/thoughts"),
        ),
    ),
    (
        N_("ABOUT THE LEADER/ OTHER PARTY GIVEN A SPECIAL ASSIGNMENT"),
        (
            N_("I feel that the views given are based on accurate data/facts"),
            N_("I feel that the views/opinions given to me are positive"),
            N_("Asks questions more than lectures"),
        ),
    ),
    (
        N_("ABOUT THE EMPLOYEE AND THE LEADER/ OTHER PARTY GIVEN A SPECIAL ASSIGNMENT"),
        (
            N_("I feel helped in finding solutions and follow-up actions"),
            N_("I know what I must do after taking part in this performance guidance"),
            N_("I understand the aim and purpose of this performance guidance"),
        ),
    ),
)
B18_STATEMENTS: tuple[str, ...] = tuple(text for _group, texts in B18_GROUPS for text in texts)
"""The nine statements in order; statement ``n`` is ``B18_STATEMENTS[n - 1]``."""


def b18_group(nomor: int) -> str:
    """The message id of the group statement ``nomor`` (1 to 9) belongs to."""
    first = 1
    for group, texts in B18_GROUPS:
        if nomor < first + len(texts):
            return group
        first += len(texts)
    raise IndexError(nomor)


def b18_statement(nomor: int) -> str:
    """The translated text of B.1.8 statement ``nomor`` (1 to 9)."""
    return _(B18_STATEMENTS[nomor - 1])


def require_bimbingan(sesi: SesiCoaching) -> None:
    """Formats B.1.8 and B.1.9 belong to a bimbingan kinerja session only (Lampiran g, h)."""
    if sesi.jenis is not JenisSesi.BIMBINGAN_KINERJA:
        raise WorkflowError(
            _(
                "Formats B.1.8 and B.1.9 belong to a bimbingan kinerja session; this is a "
                "{kind} session. Change its type to bimbingan kinerja first."
            ).format(kind=label(sesi.jenis))
        )


@dataclass(frozen=True)
class B18Row:
    """One B.1.8 statement and the pegawai's answer (``None`` while unanswered)."""

    nomor: int
    kelompok: str
    pernyataan: str
    jawaban: bool | None
    keterangan: str


@dataclass(frozen=True)
class B18HandOver:
    """To whom the filled B.1.8 was handed (the atasan of the pimpinan), and when."""

    kepada_id: str
    kepada_nama: str
    tanggal: dt.date


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
                _(b18_group(nomor)),
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
        require_bimbingan(sesi)
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
        require_bimbingan(sesi)
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


def b18_handover(session: Session, sesi: SesiCoaching) -> B18HandOver | None:
    """The recorded hand-over of the filled B.1.8, if any."""
    if sesi.b18_diserahkan_kepada_id is None or sesi.b18_diserahkan_tanggal is None:
        return None
    person = session.get(Pegawai, sesi.b18_diserahkan_kepada_id)
    nama = person.nama_lengkap if person is not None else ""
    return B18HandOver(sesi.b18_diserahkan_kepada_id, nama, sesi.b18_diserahkan_tanggal)


def hand_over_b18(
    db: Database,
    *,
    actor: Actor,
    sesi_id: str,
    tanggal: dt.date,
    kepada_id: str | None = None,
) -> B18HandOver:
    """Record that the pegawai handed the filled B.1.8 to ``kepada_id``.

    The Lampiran (section g) says the form goes to the atasan of the pimpinan: without
    ``kepada_id`` that is the coach's own pejabat penilai. Every statement must be answered.
    """
    with db.unit_of_work(actor) as session:
        sesi = get_sesi(session, sesi_id)
        if not (actor.is_system or access.is_self(actor, sesi.pegawai_id)):
            raise access.deny(_("Only the pegawai hands over their B.1.8 feedback."))
        require_bimbingan(sesi)
        unanswered = [r.nomor for r in b18_rows(session, sesi_id) if r.jawaban is None]
        if unanswered:
            raise ValidationError(
                _("Answer every B.1.8 statement before handing the form over (missing: {n}).")
                .format(n=", ".join(str(n) for n in unanswered)),
                field="b18",
            )  # fmt: skip
        recipient = kepada_id or access.penilai_of(session, sesi.coach_id)
        if recipient is None:
            raise ValidationError(
                _(
                    "The coach has no pejabat penilai recorded, so the atasan of the pimpinan is "
                    "unknown: choose the person who received the form."
                ),
                field="kepada",
            )
        person = session.get(Pegawai, recipient)
        if person is None or person.deleted or not person.aktif:
            raise ValidationError(
                _("The person who received the form must be an active pegawai."), field="kepada"
            )
        if recipient == sesi.pegawai_id:
            raise ValidationError(
                _("The pegawai cannot hand the form to themself."), field="kepada"
            )
        if tanggal < sesi.tanggal:
            raise ValidationError(
                _("The form cannot be handed over before the session took place."),
                field="tanggal",
            )
        sesi.b18_diserahkan_kepada_id = recipient
        sesi.b18_diserahkan_tanggal = tanggal
        session.flush()
        result = b18_handover(session, sesi)
        assert result is not None
        return result
