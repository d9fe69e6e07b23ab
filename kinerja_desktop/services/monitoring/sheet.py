"""The period sheet: everything one pegawai's monitoring shows for one period (each RHK with
its IKI, rencana aksi, realisasi and bukti dukung, the perilaku with ekspektasi, the
feedback threads, the self-assessment) and what the reader may do there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.models.enums import (
    Aspek,
    EvaluasiStatus,
    JenisBukti,
    JenisRhk,
    Pendekatan,
    Perspektif,
    Rating,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import (
    BuktiDukung,
    FrasaUmpanBalik,
    Lampiran,
    PenilaianDiri,
    Realisasi,
    RencanaAksi,
    UmpanBalik,
)
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import EkspektasiKhusus, Iki, PerilakuNilai, Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.monitoring.base import is_penilai, skp_for


@dataclass(frozen=True)
class BuktiRow:
    id: str
    jenis: JenisBukti
    nama: str
    url: str
    sha256: str | None
    keterangan: str
    ukuran: int | None


@dataclass(frozen=True)
class RealisasiRow:
    id: str
    nilai: float | None
    teks: str
    sumber_data: str
    bukti: list[BuktiRow]


@dataclass(frozen=True)
class FeedbackRow:
    """A feedback item or a reply: who, when, the standard phrase and the free text."""

    id: str
    penulis_id: str
    penulis_nama: str
    at: dt.datetime
    frasa: str
    teks: str
    balasan: list[FeedbackRow] = field(default_factory=list)

    @property
    def isi(self) -> str:
        return " ".join(part for part in (self.frasa, self.teks) if part)


@dataclass(frozen=True)
class SelfRow:
    id: str
    rating: Rating | None
    teks: str


@dataclass(frozen=True)
class RencanaAksiRow:
    id: str
    urutan: int
    teks: str
    target: str


@dataclass(frozen=True)
class IkiItem:
    id: str
    teks: str
    aspek: Aspek | None
    perspektif: Perspektif | None
    target: str
    satuan: str
    kuantitatif: bool
    realisasi: RealisasiRow | None
    feedback: list[FeedbackRow]


@dataclass(frozen=True)
class RhkItem:
    id: str
    jenis: JenisRhk
    teks: str
    iki: list[IkiItem]
    rencana_aksi: list[RencanaAksiRow]
    penilaian_diri: SelfRow | None
    feedback: list[FeedbackRow]


@dataclass(frozen=True)
class NilaiItem:
    id: str
    nama: str
    panduan: list[str]
    ekspektasi: str
    penilaian_diri: SelfRow | None
    feedback: list[FeedbackRow]


@dataclass(frozen=True)
class PeriodSheet:
    """Everything of one pegawai's SKP in one period, as the monitoring screen shows it."""

    skp_id: str
    pegawai_id: str
    pegawai_nama: str
    pegawai_nip: str
    penilai_nama: str
    periode: str
    periode_label: str
    pendekatan: Pendekatan
    rhk: list[RhkItem]
    nilai: list[NilaiItem]
    is_self: bool
    is_penilai: bool
    locked: bool
    harian_feedback: list[FeedbackRow] = field(default_factory=list)
    """Replies on the period's daily entries without an IKI ("other duties")."""


def _target_label(iki: Iki, kuantitatif: bool) -> str:
    if not kuantitatif or iki.target_min is None:
        return iki.target_teks
    low = format_number(iki.target_min)
    if iki.target_max is not None and iki.target_max != iki.target_min:
        return f"{low}–{format_number(iki.target_max)} {iki.satuan}".strip()
    return f"{low} {iki.satuan}".strip()


def _feedback_rows(session: Session, skp_id: str, code: str) -> list[UmpanBalik]:
    return list(
        session.execute(
            select(UmpanBalik)
            .where(
                UmpanBalik.skp_id == skp_id,
                UmpanBalik.periode == code,
                UmpanBalik.deleted.is_(False),
            )
            .order_by(UmpanBalik.created_at)
        ).scalars()
    )


def period_sheet(db: Database, *, actor: Actor, pegawai_id: str, periode: str) -> PeriodSheet:
    """One pegawai's period: RHK with IKI, rencana aksi, realisasi, bukti, self-assessment,
    feedback threads, and the behaviour values."""
    code = parse(periode).code
    with db.read(actor) as session:
        person = session.get(Pegawai, pegawai_id)
        if person is None or person.deleted:
            raise NotFoundError(_("This person does not exist."))
        access.require_read_performance(session, actor, person.id)
        skp = skp_for(session, person.id, code)
        if skp is None:
            raise NotFoundError(
                _(
                    "{name} has no approved SKP for {period}. The SKP must be approved before "
                    "monitoring and evaluation."
                ).format(name=person.nama, period=parse(code).label())
            )
        return _sheet(session, actor, person, skp, code)


def period_sheet_of(session: Session, actor: Actor, skp: Skp, code: str) -> PeriodSheet:
    """The sheet of ``skp`` in period ``code`` inside an open session (no permission check)."""
    person = session.get(Pegawai, skp.pegawai_id)
    assert person is not None
    return _sheet(session, actor, person, skp, code)


Thread = dict[tuple[str, str | None], list[FeedbackRow]]


def _realisasi(session: Session, iki_ids: list[str], code: str) -> dict[str, RealisasiRow]:
    """Each IKI's realisation in period ``code`` with its evidence, by IKI id."""
    realisasi = {
        r.iki_id: r
        for r in session.execute(
            select(Realisasi).where(
                Realisasi.iki_id.in_(iki_ids),
                Realisasi.periode == code,
                Realisasi.deleted.is_(False),
            )
        ).scalars()
    }
    bukti: dict[str, list[BuktiRow]] = {}
    if realisasi:
        found = session.execute(
            select(BuktiDukung, Lampiran.ukuran)
            .outerjoin(Lampiran, Lampiran.sha256 == BuktiDukung.sha256)
            .where(
                BuktiDukung.realisasi_id.in_([r.id for r in realisasi.values()]),
                BuktiDukung.deleted.is_(False),
            )
            .order_by(BuktiDukung.created_at)
        ).all()
        for b, ukuran in found:
            bukti.setdefault(b.realisasi_id, []).append(
                BuktiRow(b.id, b.jenis, b.nama, b.url, b.sha256, b.keterangan, ukuran)
            )
    return {
        iki_id: RealisasiRow(r.id, r.nilai, r.teks, r.sumber_data, bukti.get(r.id, []))
        for iki_id, r in realisasi.items()
    }


def _feedback_threads(session: Session, skp_id: str, code: str) -> Thread:
    """The feedback of the period, threaded (replies under their item), by what it is about:
    ("iki", id), ("rhk", id), ("nilai", id), or ("harian", None) for replies on daily entries
    without an IKI."""
    items = _feedback_rows(session, skp_id, code)
    authors = {item.penulis_id for item in items}
    names = dict(
        session.execute(select(Pegawai.id, Pegawai.nama).where(Pegawai.id.in_(authors))).all()
    )
    phrases = dict(session.execute(select(FrasaUmpanBalik.id, FrasaUmpanBalik.teks)).all())
    replies: dict[str, list[FeedbackRow]] = {}
    for item in items:
        if item.balasan_untuk_id is not None:
            replies.setdefault(item.balasan_untuk_id, []).append(
                FeedbackRow(
                    item.id,
                    item.penulis_id,
                    str(names.get(item.penulis_id, "")),
                    item.created_at,
                    "",
                    item.teks,
                )
            )
    threads: Thread = {}
    key: tuple[str, str | None]
    for item in items:
        if item.balasan_untuk_id is not None:
            continue
        row = FeedbackRow(
            item.id,
            item.penulis_id,
            str(names.get(item.penulis_id, "")),
            item.created_at,
            str(phrases.get(item.frasa_id, "")) if item.frasa_id else "",
            item.teks,
            replies.get(item.id, []),
        )
        if item.iki_id is not None:
            key = ("iki", item.iki_id)
        elif item.rhk_id is not None:
            key = ("rhk", item.rhk_id)
        elif item.progres_id is not None:  # a daily entry without an IKI ("other duties")
            key = ("harian", None)
        else:
            key = ("nilai", item.nilai_id)
        threads.setdefault(key, []).append(row)
    return threads


def _self_ratings(
    session: Session, skp_id: str, code: str
) -> dict[tuple[str, str | None], SelfRow]:
    """The pegawai's own ratings of the period, by ("rhk", id) or ("nilai", id)."""
    own: dict[tuple[str, str | None], SelfRow] = {}
    for pd in session.execute(
        select(PenilaianDiri).where(
            PenilaianDiri.skp_id == skp_id,
            PenilaianDiri.periode == code,
            PenilaianDiri.deleted.is_(False),
        )
    ).scalars():
        key = ("rhk", pd.rhk_id) if pd.rhk_id else ("nilai", pd.nilai_id)
        own[key] = SelfRow(pd.id, pd.rating, pd.teks)
    return own


def _action_plans(
    session: Session, rhk_ids: list[str], code: str
) -> dict[str, list[RencanaAksiRow]]:
    plans: dict[str, list[RencanaAksiRow]] = {}
    for ra in session.execute(
        select(RencanaAksi)
        .where(
            RencanaAksi.rhk_id.in_(rhk_ids),
            RencanaAksi.periode == code,
            RencanaAksi.deleted.is_(False),
        )
        .order_by(RencanaAksi.urutan, RencanaAksi.created_at)
    ).scalars():
        plans.setdefault(ra.rhk_id, []).append(RencanaAksiRow(ra.id, ra.urutan, ra.teks, ra.target))
    return plans


def _nilai_items(
    session: Session, skp_id: str, own: dict[tuple[str, str | None], SelfRow], threads: Thread
) -> list[NilaiItem]:
    """The work behaviours with the expectations, own rating and feedback of each."""
    ekspektasi = dict(
        session.execute(
            select(EkspektasiKhusus.nilai_id, EkspektasiKhusus.teks).where(
                EkspektasiKhusus.skp_id == skp_id, EkspektasiKhusus.deleted.is_(False)
            )
        ).all()
    )
    return [
        NilaiItem(
            n.id,
            n.nama,
            [p.teks for p in n.panduan],
            str(ekspektasi.get(n.id, "")),
            own.get(("nilai", n.id)),
            threads.get(("nilai", n.id), []),
        )
        for n in session.execute(select(PerilakuNilai).order_by(PerilakuNilai.urutan)).scalars()
    ]


def _sheet(session: Session, actor: Actor, person: Pegawai, skp: Skp, code: str) -> PeriodSheet:
    kuantitatif = skp.pendekatan is Pendekatan.KUANTITATIF
    rhks = [r for r in skp.rhk if not r.deleted]
    realisasi = _realisasi(session, [i.id for r in rhks for i in r.iki if not i.deleted], code)
    threads = _feedback_threads(session, skp.id, code)
    own = _self_ratings(session, skp.id, code)
    plans = _action_plans(session, [r.id for r in rhks], code)
    rhk_items = [
        RhkItem(
            id=r.id,
            jenis=r.jenis,
            teks=r.teks,
            iki=[
                IkiItem(
                    i.id,
                    i.teks,
                    i.aspek,
                    i.perspektif,
                    _target_label(i, kuantitatif),
                    i.satuan,
                    kuantitatif,
                    realisasi.get(i.id),
                    threads.get(("iki", i.id), []),
                )
                for i in r.iki
                if not i.deleted
            ],
            rencana_aksi=plans.get(r.id, []),
            penilaian_diri=own.get(("rhk", r.id)),
            feedback=threads.get(("rhk", r.id), []),
        )
        for r in sorted(rhks, key=lambda r: (r.jenis is not JenisRhk.UTAMA, r.urutan))
    ]
    penilai = session.get(Pegawai, person.penilai_id) if person.penilai_id else None
    locked = (
        session.execute(
            select(Evaluasi.status).where(
                Evaluasi.skp_id == skp.id, Evaluasi.periode == code, Evaluasi.deleted.is_(False)
            )
        ).scalar_one_or_none()
        is EvaluasiStatus.FINAL
    )
    return PeriodSheet(
        skp_id=skp.id,
        pegawai_id=person.id,
        pegawai_nama=person.nama_lengkap,
        pegawai_nip=person.nip,
        penilai_nama=penilai.nama_lengkap if penilai else "",
        periode=code,
        periode_label=parse(code).label(),
        pendekatan=skp.pendekatan,
        rhk=rhk_items,
        nilai=_nilai_items(session, skp.id, own, threads),
        is_self=access.is_self(actor, person.id),
        is_penilai=is_penilai(session, actor, skp),
        locked=locked,
        harian_feedback=threads.get(("harian", None), []),
    )
