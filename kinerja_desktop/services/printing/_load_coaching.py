"""Bulk loading of the coaching forms (session record, B.1.8, B.1.9) and the sessions a
request names. B.1.8 and B.1.9 are made for bimbingan kinerja sessions only; their identity
table names the pegawai's pejabat penilai.

Only shared notes are loaded: a private note (``CatatanSesi.privat``) is filtered out here,
in SQL, and never reaches a form. A session is open to its coach, its pegawai and their
superiors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import NotFoundError
from kinerja_desktop.forms.data import B18Data, B19Data, CoachingData, Identitas, SesiData, SesiInfo
from kinerja_desktop.i18n import _
from kinerja_desktop.models.coaching import (
    AgendaSesi,
    AksiDisepakati,
    CatatanSesi,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import PerilakuNilai, Rhk
from kinerja_desktop.services.coaching.forms import B18_STATEMENTS, b18_group
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.periods import Periode
from kinerja_desktop.services.printing._load import (
    CoachingForm,
    PrintRequest,
    load_identities,
    load_office,
    record_version,
    requested_people,
    rows_in_chunks,
)


def coaching_forms(
    session: Session, sessions: Sequence[SesiCoaching], which: Sequence[CoachingForm]
) -> list[CoachingData]:
    """The coaching forms of many sessions. Only SHARED notes are read: a private note
    (``CatatanSesi.privat``) is filtered out here in SQL and never reaches a form."""
    ids = [s.id for s in sessions]
    office = load_office(session)
    agenda = _load_agenda(session, ids)
    note_rows = _load_shared_notes(session, ids)
    actions = [a for (a,) in _load_actions(session, ids)]
    penilai = dict(
        rows_in_chunks(
            session,
            lambda chunk: select(Pegawai.id, Pegawai.penilai_id).where(Pegawai.id.in_(chunk)),
            {s.pegawai_id for s in sessions},
        )
    )
    people = {s.pegawai_id for s in sessions} | {s.coach_id for s in sessions}
    people |= {p for p in penilai.values() if p}
    people |= {author for _sid, author, _t in note_rows}
    people |= {a.pelaksana_id for a in actions}
    identities = load_identities(session, people)
    notes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sesi_id, author, teks in note_rows:
        notes[sesi_id].append((identities.get(author, Identitas()).nama, teks))
    aksi: dict[str, list[Any]] = defaultdict(list)
    for a in actions:
        who = identities.get(a.pelaksana_id, Identitas()).nama
        aksi[a.sesi_id].append((a.teks, who, a.tenggat, a.status))
    b18 = _load_b18(session, ids)
    b19 = _load_b19(session, ids)
    topics = _session_topics(session, sessions)
    out: list[CoachingData] = []
    for sesi in sessions:
        info = SesiInfo(
            jenis=sesi.jenis,
            tanggal=sesi.tanggal,
            waktu=sesi.waktu,
            tempat=sesi.tempat,
            topik=topics[sesi.id],
            hadir_lain=sesi.hadir_lain,
            ringkasan=sesi.ringkasan,
            agenda=tuple(agenda.get(sesi.id, [])),
            catatan=tuple(notes.get(sesi.id, [])),
            aksi=tuple(aksi.get(sesi.id, [])),
        )
        common: dict[str, Any] = {
            "record_id": sesi.id,
            "version": record_version(sesi.vv),
            "periode": "",
            "instansi": office.nama,
            "sesi": info,
            "pegawai": identities.get(sesi.pegawai_id, Identitas()),
            "coach": identities.get(sesi.coach_id, Identitas()),
            "penilai": identities.get(penilai.get(sesi.pegawai_id) or "", Identitas()),
            "kota": office.kota,
        }
        out.extend(_session_forms(sesi, common, which, b18.get(sesi.id, {}), b19.get(sesi.id, [])))
    return out


def _session_forms(
    sesi: SesiCoaching,
    common: dict[str, Any],
    which: Sequence[CoachingForm],
    answers: dict[int, UmpanBalikBimbingan],
    kompetensi: list[tuple[str, int, str]],
) -> list[CoachingData]:
    """The forms ``which`` of one session (B.1.8 and B.1.9 for bimbingan kinerja only)."""
    out: list[CoachingData] = []
    for form in which:
        if form is CoachingForm.RECORD:
            out.append(SesiData(**common))
        elif sesi.jenis is not JenisSesi.BIMBINGAN_KINERJA:
            continue  # B.1.8 and B.1.9 belong to bimbingan kinerja only
        elif form is CoachingForm.B18:
            jawaban = tuple(
                (
                    nomor,
                    b18_group(nomor),
                    statement,
                    answers[nomor].jawaban if nomor in answers else None,
                    answers[nomor].keterangan if nomor in answers else "",
                )
                for nomor, statement in enumerate(B18_STATEMENTS, start=1)
            )
            out.append(B18Data(**common, jawaban=jawaban))
        else:
            out.append(B19Data(**common, kompetensi=tuple(kompetensi)))
    return out


def _load_agenda(session: Session, ids: list[str]) -> dict[str, list[str]]:
    """Each session's agenda items, in order."""
    agenda: dict[str, list[str]] = defaultdict(list)
    for sesi_id, teks in rows_in_chunks(
        session,
        lambda chunk: (
            select(AgendaSesi.sesi_id, AgendaSesi.teks)
            .where(AgendaSesi.sesi_id.in_(chunk), AgendaSesi.deleted.is_(False))
            .order_by(AgendaSesi.urutan, AgendaSesi.created_at)
        ),
        ids,
    ):
        agenda[sesi_id].append(teks)
    return agenda


def _load_shared_notes(session: Session, ids: list[str]) -> list[Any]:
    """(session, author, text) of the sessions' shared notes, oldest first: never a private one."""
    return rows_in_chunks(
        session,
        lambda chunk: (
            select(CatatanSesi.sesi_id, CatatanSesi.penulis_id, CatatanSesi.teks)
            .where(
                CatatanSesi.sesi_id.in_(chunk),
                CatatanSesi.privat.is_(False),
                CatatanSesi.deleted.is_(False),
            )
            .order_by(CatatanSesi.created_at)
        ),
        ids,
    )


def _load_actions(session: Session, ids: list[str]) -> list[Any]:
    """The actions agreed in the sessions, oldest first."""
    return rows_in_chunks(
        session,
        lambda chunk: (
            select(AksiDisepakati)
            .where(AksiDisepakati.sesi_id.in_(chunk), AksiDisepakati.deleted.is_(False))
            .order_by(AksiDisepakati.created_at)
        ),
        ids,
    )


def _load_b18(session: Session, ids: list[str]) -> dict[str, dict[int, UmpanBalikBimbingan]]:
    """Each session's B.1.8 answers by statement number."""
    b18: dict[str, dict[int, UmpanBalikBimbingan]] = defaultdict(dict)
    for (row,) in rows_in_chunks(
        session,
        lambda chunk: select(UmpanBalikBimbingan).where(
            UmpanBalikBimbingan.sesi_id.in_(chunk), UmpanBalikBimbingan.deleted.is_(False)
        ),
        ids,
    ):
        b18[row.sesi_id][row.nomor] = row
    return b18


def _load_b19(session: Session, ids: list[str]) -> dict[str, list[tuple[str, int, str]]]:
    """Each session's B.1.9 competencies (name, score, reason), in order."""
    b19: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for (row,) in rows_in_chunks(
        session,
        lambda chunk: (
            select(EvaluasiKompetensi)
            .where(EvaluasiKompetensi.sesi_id.in_(chunk), EvaluasiKompetensi.deleted.is_(False))
            .order_by(EvaluasiKompetensi.urutan)
        ),
        ids,
    ):
        b19[row.sesi_id].append((row.kompetensi, row.skor, row.alasan))
    return b19


def _session_topics(session: Session, sessions: Sequence[SesiCoaching]) -> dict[str, str]:
    """Each session's topic: its RHK's text, else its work-behaviour value's name, else ""."""
    topics = dict(
        rows_in_chunks(
            session,
            lambda chunk: select(Rhk.id, Rhk.teks).where(Rhk.id.in_(chunk)),
            (s.rhk_id for s in sessions if s.rhk_id),
        )
    )
    nilai = dict(session.execute(select(PerilakuNilai.id, PerilakuNilai.nama)).all())
    return {
        sesi.id: topics.get(sesi.rhk_id or "", "") or nilai.get(sesi.nilai_id or "", "")
        for sesi in sessions
    }


def requested_sessions(
    session: Session, actor: Actor, request: PrintRequest, period: Periode | None
) -> list[SesiCoaching]:
    if request.sesi_id:
        sesi = session.get(SesiCoaching, request.sesi_id)
        if sesi is None or sesi.deleted:
            raise NotFoundError(_("This coaching session does not exist (any more)."))
        if not (
            access.is_self(actor, sesi.coach_id)
            or access.can_read_performance(session, actor, sesi.pegawai_id)
        ):
            raise access.deny(
                _("Only the coach, the pegawai and their superiors may open this session.")
            )
        return [sesi]
    people = requested_people(session, actor, request)
    assert period is not None
    query = (
        select(SesiCoaching)
        .where(
            SesiCoaching.pegawai_id.in_([p.id for p in people]),
            SesiCoaching.deleted.is_(False),
            SesiCoaching.tanggal >= period.mulai,
            SesiCoaching.tanggal <= period.selesai,
        )
        .order_by(SesiCoaching.tanggal, SesiCoaching.waktu)
    )
    return list(session.execute(query).scalars())
