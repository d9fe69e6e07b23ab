"""Monitoring through the year: periods, rencana aksi, realisasi with bukti dukung, penilaian
diri, umpan balik berkelanjutan with replies, the standard phrase list, the unit board and a
pegawai's own open items.

Who may write what: the pegawai writes their own rencana aksi, realisasi, bukti and
self-assessment; the pejabat penilai gives feedback; both may reply in a feedback thread;
the pengelola kinerja keeps the rhythm and the phrase list. Reading follows
``access.can_read_performance``. Once a period's evaluation is final, that period's entries
are locked (replies stay open).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from kinerja_desktop.i18n import N_, _, format_number
from kinerja_desktop.models.enums import (
    Aspek,
    EvaluasiStatus,
    JenisBukti,
    JenisRhk,
    Pendekatan,
    Perspektif,
    Rating,
    Ritme,
    SkpStatus,
)
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.monitoring import (
    BuktiDukung,
    FrasaUmpanBalik,
    Lampiran,
    PenilaianDiri,
    Realisasi,
    RencanaAksi,
    RitmePeriode,
    UmpanBalik,
)
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import EkspektasiKhusus, Iki, PerilakuNilai, Rhk, Skp
from kinerja_desktop.services import access, attachments
from kinerja_desktop.services.periods import Periode, parse, period_containing, periods_of_year

DEFAULT_RITME = Ritme.TRIWULANAN
_TEXT_LIMIT = 4000

# --------------------------------------------------------------------------- periods


def _ritme(session: Session, tahun: int) -> Ritme:
    value = session.execute(
        select(RitmePeriode.ritme).where(
            RitmePeriode.tahun == tahun, RitmePeriode.deleted.is_(False)
        )
    ).scalar_one_or_none()
    return value or DEFAULT_RITME


def get_ritme(db: Database, *, actor: Actor, tahun: int) -> Ritme:
    """The office's periodic rhythm for ``tahun`` (quarterly until the office chooses)."""
    with db.read(actor) as session:
        return _ritme(session, tahun)


def set_ritme(db: Database, *, actor: Actor, tahun: int, ritme: Ritme) -> Ritme:
    """Choose the rhythm of a year (pengelola kinerja only)."""
    access.require_pengelola(actor)
    if not 2000 <= tahun <= 2100:
        raise ValidationError(_("Give a year between 2000 and 2100."), field="tahun")
    with db.unit_of_work(actor) as session:
        record = session.execute(
            select(RitmePeriode).where(RitmePeriode.tahun == tahun)
        ).scalar_one_or_none()
        if record is None:
            session.add(RitmePeriode(tahun=tahun, ritme=Ritme(ritme)))
        else:
            record.ritme, record.deleted = Ritme(ritme), False
    return Ritme(ritme)


def periods(db: Database, *, actor: Actor, tahun: int, annual: bool = True) -> list[Periode]:
    """The periods of a year by the office's rhythm, then (with ``annual``) the year itself."""
    result = periods_of_year(tahun, get_ritme(db, actor=actor, tahun=tahun))
    return [*result, parse(str(tahun))] if annual else result


def current_period(db: Database, *, actor: Actor, today: dt.date | None = None) -> Periode:
    """The periodic period that contains ``today``."""
    day = today or dt.date.today()
    return period_containing(day, get_ritme(db, actor=actor, tahun=day.year))


# --------------------------------------------------------------------------- the SKP


def skp_for(session: Session, pegawai_id: str, periode: str) -> Skp | None:
    """The approved SKP of ``pegawai_id`` covering ``periode`` (the latest one starting)."""
    period = parse(periode)
    return session.execute(
        select(Skp)
        .where(
            Skp.pegawai_id == pegawai_id,
            Skp.status == SkpStatus.DISETUJUI,
            Skp.deleted.is_(False),
            Skp.tahun == period.tahun,
            Skp.periode_mulai <= period.selesai,
            Skp.periode_selesai >= period.mulai,
        )
        .order_by(Skp.periode_mulai.desc())
        .limit(1)
    ).scalar_one_or_none()


def _skp(session: Session, skp_id: str) -> Skp:
    skp = session.get(Skp, skp_id)
    if skp is None or skp.deleted:
        raise NotFoundError(_("This SKP does not exist."))
    return skp


def _require_self(actor: Actor, skp: Skp, what: str) -> None:
    if not (actor.is_system or access.is_self(actor, skp.pegawai_id)):
        raise PermissionDenied(_("Only the pegawai themself writes {what}.").format(what=_(what)))


def _is_penilai(session: Session, actor: Actor, skp: Skp) -> bool:
    return actor.is_system or access.is_penilai_of(session, actor, skp.pegawai_id)


def _require_open(session: Session, skp: Skp, code: str) -> None:
    status = session.execute(
        select(Evaluasi.status).where(
            Evaluasi.skp_id == skp.id, Evaluasi.periode == code, Evaluasi.deleted.is_(False)
        )
    ).scalar_one_or_none()
    if status is EvaluasiStatus.FINAL:
        raise WorkflowError(
            _("The evaluation of {period} is final, so its entries are locked.").format(
                period=parse(code).label()
            )
        )


def _period_of_skp(skp: Skp, periode: str) -> str:
    period = parse(periode)
    if (
        period.tahun != skp.tahun
        or period.selesai < skp.periode_mulai
        or (period.mulai > skp.periode_selesai)
    ):
        raise ValidationError(
            _("{period} is outside the period of this SKP.").format(period=period.label()),
            field="periode",
        )
    return period.code


def _text(value: str, field_name: str, *, required: str | None = None) -> str:
    text = value.strip()
    if required is not None and not text:
        raise ValidationError(_(required), field=field_name)
    if len(text) > _TEXT_LIMIT:
        raise ValidationError(
            _("The text is longer than {limit} characters.").format(limit=_TEXT_LIMIT),
            field=field_name,
        )
    return text


# --------------------------------------------------------------------------- read model


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


def _sheet(session: Session, actor: Actor, person: Pegawai, skp: Skp, code: str) -> PeriodSheet:
    kuantitatif = skp.pendekatan is Pendekatan.KUANTITATIF
    rhks = [r for r in skp.rhk if not r.deleted]
    iki_ids = [i.id for r in rhks for i in r.iki if not i.deleted]
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
    items = _feedback_rows(session, skp.id, code)
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
    threads: dict[tuple[str, str | None], list[FeedbackRow]] = {}
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
        else:
            key = ("nilai", item.nilai_id)
        threads.setdefault(key, []).append(row)
    own: dict[tuple[str, str | None], SelfRow] = {}
    for pd in session.execute(
        select(PenilaianDiri).where(
            PenilaianDiri.skp_id == skp.id,
            PenilaianDiri.periode == code,
            PenilaianDiri.deleted.is_(False),
        )
    ).scalars():
        key = ("rhk", pd.rhk_id) if pd.rhk_id else ("nilai", pd.nilai_id)
        own[key] = SelfRow(pd.id, pd.rating, pd.teks)
    plans: dict[str, list[RencanaAksiRow]] = {}
    for ra in session.execute(
        select(RencanaAksi)
        .where(
            RencanaAksi.rhk_id.in_([r.id for r in rhks]),
            RencanaAksi.periode == code,
            RencanaAksi.deleted.is_(False),
        )
        .order_by(RencanaAksi.urutan, RencanaAksi.created_at)
    ).scalars():
        plans.setdefault(ra.rhk_id, []).append(RencanaAksiRow(ra.id, ra.urutan, ra.teks, ra.target))

    def realisasi_row(iki_id: str) -> RealisasiRow | None:
        r = realisasi.get(iki_id)
        if r is None:
            return None
        return RealisasiRow(r.id, r.nilai, r.teks, r.sumber_data, bukti.get(r.id, []))

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
                    realisasi_row(i.id),
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
    ekspektasi = dict(
        session.execute(
            select(EkspektasiKhusus.nilai_id, EkspektasiKhusus.teks).where(
                EkspektasiKhusus.skp_id == skp.id, EkspektasiKhusus.deleted.is_(False)
            )
        ).all()
    )
    nilai_items = [
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
        nilai=nilai_items,
        is_self=access.is_self(actor, person.id),
        is_penilai=_is_penilai(session, actor, skp),
        locked=locked,
    )


# --------------------------------------------------------------------------- writing


def _rhk(session: Session, rhk_id: str) -> Rhk:
    rhk = session.get(Rhk, rhk_id)
    if rhk is None or rhk.deleted:
        raise NotFoundError(_("This work result (RHK) does not exist."))
    return rhk


def _iki(session: Session, iki_id: str) -> Iki:
    iki = session.get(Iki, iki_id)
    if iki is None or iki.deleted:
        raise NotFoundError(_("This indicator (IKI) does not exist."))
    return iki


def save_rencana_aksi(
    db: Database,
    *,
    actor: Actor,
    rhk_id: str,
    periode: str,
    teks: str,
    target: str = "",
    rencana_aksi_id: str | None = None,
) -> str:
    """Add (or, with ``rencana_aksi_id``, edit) an action plan of an RHK for a period."""
    with db.unit_of_work(actor) as session:
        rhk = _rhk(session, rhk_id)
        skp = _skp(session, rhk.skp_id)
        _require_self(actor, skp, N_("the action plan"))
        code = _period_of_skp(skp, periode)
        _require_open(session, skp, code)
        text = _text(teks, "teks", required=N_("Describe the action."))
        if rencana_aksi_id is None:
            count = session.execute(
                select(func.count(RencanaAksi.id)).where(
                    RencanaAksi.rhk_id == rhk.id, RencanaAksi.periode == code
                )
            ).scalar_one()
            record = RencanaAksi(
                rhk_id=rhk.id,
                periode=code,
                urutan=count + 1,
                teks=text,
                target=target.strip()[:200],
            )
            session.add(record)
        else:
            found = session.get(RencanaAksi, rencana_aksi_id)
            if found is None or found.deleted or found.rhk_id != rhk.id:
                raise NotFoundError(_("This action plan does not exist."))
            record = found
            record.teks, record.target = text, target.strip()[:200]
        session.flush()
        return record.id


def delete_rencana_aksi(db: Database, *, actor: Actor, rencana_aksi_id: str) -> None:
    with db.unit_of_work(actor) as session:
        record = session.get(RencanaAksi, rencana_aksi_id)
        if record is None or record.deleted:
            raise NotFoundError(_("This action plan does not exist."))
        skp = _skp(session, _rhk(session, record.rhk_id).skp_id)
        _require_self(actor, skp, N_("the action plan"))
        _require_open(session, skp, record.periode)
        record.deleted = True


def save_realisasi(
    db: Database,
    *,
    actor: Actor,
    iki_id: str,
    periode: str,
    nilai: float | None = None,
    teks: str = "",
    sumber_data: str = "",
) -> str:
    """Record the realisasi of an IKI in a period: a number (kuantitatif) or a statement."""
    with db.unit_of_work(actor) as session:
        iki = _iki(session, iki_id)
        skp = _skp(session, _rhk(session, iki.rhk_id).skp_id)
        _require_self(actor, skp, N_("the achievement"))
        code = _period_of_skp(skp, periode)
        _require_open(session, skp, code)
        statement = _text(teks, "teks")
        if skp.pendekatan is Pendekatan.KUANTITATIF:
            if nilai is None:
                raise ValidationError(
                    _("Give the achieved number for this quantitative indicator."), field="nilai"
                )
            if nilai < 0 or nilai >= 10**12:
                raise ValidationError(
                    _("The number must be between 0 and 999,999,999,999."), field="nilai"
                )
        elif not statement:
            raise ValidationError(
                _("Describe what was achieved for this qualitative indicator."), field="teks"
            )
        record = session.execute(
            select(Realisasi).where(
                Realisasi.iki_id == iki.id,
                Realisasi.periode == code,
                Realisasi.deleted.is_(False),
            )
        ).scalar_one_or_none()
        if record is None:
            record = Realisasi(iki_id=iki.id, periode=code)
            session.add(record)
        record.nilai = float(nilai) if nilai is not None else None
        record.teks = statement
        record.sumber_data = _text(sumber_data, "sumber_data")[:300]
        session.flush()
        return record.id


def _realisasi_for_bukti(session: Session, actor: Actor, realisasi_id: str) -> Realisasi:
    record = session.get(Realisasi, realisasi_id)
    if record is None or record.deleted:
        raise NotFoundError(_("Save the achievement first, then attach its evidence."))
    skp = _skp(session, _rhk(session, _iki(session, record.iki_id).rhk_id).skp_id)
    _require_self(actor, skp, N_("the evidence"))
    _require_open(session, skp, record.periode)
    return record


def add_bukti_file(
    db: Database,
    *,
    actor: Actor,
    realisasi_id: str,
    path: Path,
    keterangan: str = "",
    max_bytes: int = attachments.MAX_BYTES,
) -> BuktiRow:
    """Attach a file from disk as evidence: checked, stored once by content, then linked."""
    with db.read(actor) as session:
        _realisasi_for_bukti(session, actor, realisasi_id)
    stored = attachments.store_file(db.home, Path(path), max_bytes)
    with db.unit_of_work(actor) as session:
        record = _realisasi_for_bukti(session, actor, realisasi_id)
        known = session.execute(
            select(Lampiran).where(Lampiran.sha256 == stored.sha256)
        ).scalar_one_or_none()
        if known is None:
            session.add(Lampiran(sha256=stored.sha256, ukuran=stored.size, mime=stored.mime))
        elif known.deleted:
            known.deleted = False
        bukti = BuktiDukung(
            realisasi_id=record.id,
            jenis=JenisBukti.FILE,
            nama=stored.name[:300],
            sha256=stored.sha256,
            keterangan=_text(keterangan, "keterangan"),
        )
        session.add(bukti)
        session.flush()
        return BuktiRow(
            bukti.id, bukti.jenis, bukti.nama, "", stored.sha256, bukti.keterangan, stored.size
        )


def add_bukti_link(
    db: Database,
    *,
    actor: Actor,
    realisasi_id: str,
    url: str,
    nama: str = "",
    keterangan: str = "",
) -> BuktiRow:
    """Attach a web link as evidence."""
    link = attachments.check_link(url)
    with db.unit_of_work(actor) as session:
        record = _realisasi_for_bukti(session, actor, realisasi_id)
        bukti = BuktiDukung(
            realisasi_id=record.id,
            jenis=JenisBukti.LINK,
            nama=(nama.strip() or link)[:300],
            url=link,
            keterangan=_text(keterangan, "keterangan"),
        )
        session.add(bukti)
        session.flush()
        return BuktiRow(bukti.id, bukti.jenis, bukti.nama, link, None, bukti.keterangan, None)


def remove_bukti(db: Database, *, actor: Actor, bukti_id: str) -> None:
    """Detach evidence (the stored file stays: other evidence may share its content)."""
    with db.unit_of_work(actor) as session:
        bukti = session.get(BuktiDukung, bukti_id)
        if bukti is None or bukti.deleted:
            raise NotFoundError(_("This evidence does not exist."))
        _realisasi_for_bukti(session, actor, bukti.realisasi_id)
        bukti.deleted = True


def bukti_file(db: Database, *, actor: Actor, bukti_id: str) -> Path:
    """The stored file of a file evidence, for opening with the system viewer."""
    with db.read(actor) as session:
        bukti = session.get(BuktiDukung, bukti_id)
        if bukti is None or bukti.deleted or bukti.sha256 is None:
            raise NotFoundError(_("This evidence has no stored file."))
        realisasi = session.get(Realisasi, bukti.realisasi_id)
        assert realisasi is not None
        skp = _skp(session, _rhk(session, _iki(session, realisasi.iki_id).rhk_id).skp_id)
        access.require_read_performance(session, actor, skp.pegawai_id)
        sha, name = bukti.sha256, bukti.nama
    path = attachments.stored_path(db.home, sha)
    if not path.is_file():
        raise NotFoundError(
            _(
                "The file {name} is not in this data folder yet (it may arrive with the next "
                "sync bundle)."
            ).format(name=name)
        )
    return path


def save_penilaian_diri(
    db: Database,
    *,
    actor: Actor,
    skp_id: str,
    periode: str,
    rating: Rating | None,
    teks: str = "",
    rhk_id: str | None = None,
    nilai_id: str | None = None,
) -> str:
    """The pegawai's own reading of an RHK or of a behaviour value in a period."""
    if (rhk_id is None) == (nilai_id is None):
        raise ValidationError(_("Choose either a work result or a behaviour value."))
    with db.unit_of_work(actor) as session:
        skp = _skp(session, skp_id)
        _require_self(actor, skp, N_("the self-assessment"))
        code = _period_of_skp(skp, periode)
        _require_open(session, skp, code)
        if rhk_id is not None and _rhk(session, rhk_id).skp_id != skp.id:
            raise ValidationError(_("This work result belongs to another SKP."))
        if nilai_id is not None and session.get(PerilakuNilai, nilai_id) is None:
            raise NotFoundError(_("Unknown behaviour value."))
        text = _text(teks, "teks")
        if rating is None and not text:
            raise ValidationError(_("Choose a rating or write a comment."), field="rating")
        record = session.execute(
            select(PenilaianDiri).where(
                PenilaianDiri.skp_id == skp.id,
                PenilaianDiri.periode == code,
                PenilaianDiri.rhk_id == rhk_id if rhk_id else PenilaianDiri.rhk_id.is_(None),
                PenilaianDiri.nilai_id == nilai_id
                if nilai_id
                else PenilaianDiri.nilai_id.is_(None),
                PenilaianDiri.deleted.is_(False),
            )
        ).scalar_one_or_none()
        if record is None:
            record = PenilaianDiri(skp_id=skp.id, periode=code, rhk_id=rhk_id, nilai_id=nilai_id)
            session.add(record)
        record.rating = Rating(rating) if rating else None
        record.teks = text
        session.flush()
        return record.id


def give_feedback(
    db: Database,
    *,
    actor: Actor,
    skp_id: str,
    periode: str,
    rhk_id: str | None = None,
    iki_id: str | None = None,
    nilai_id: str | None = None,
    frasa_id: str | None = None,
    teks: str = "",
) -> str:
    """Continuous feedback by the pejabat penilai on an RHK, an IKI or a behaviour value."""
    if sum(x is not None for x in (rhk_id, iki_id, nilai_id)) != 1:
        raise ValidationError(_("Choose one work result, indicator or behaviour value."))
    with db.unit_of_work(actor) as session:
        skp = _skp(session, skp_id)
        if not _is_penilai(session, actor, skp):
            raise PermissionDenied(_("Only the pejabat penilai gives feedback."))
        code = _period_of_skp(skp, periode)
        _require_open(session, skp, code)
        if iki_id is not None:
            rhk_id = _iki(session, iki_id).rhk_id
        if rhk_id is not None and _rhk(session, rhk_id).skp_id != skp.id:
            raise ValidationError(_("This work result belongs to another SKP."))
        if nilai_id is not None and session.get(PerilakuNilai, nilai_id) is None:
            raise NotFoundError(_("Unknown behaviour value."))
        if frasa_id is not None:
            frasa = session.get(FrasaUmpanBalik, frasa_id)
            if frasa is None or frasa.deleted or not frasa.aktif:
                raise ValidationError(
                    _("This standard phrase is no longer available."), field="frasa"
                )
        text = _text(teks, "teks")
        if frasa_id is None and not text:
            raise ValidationError(_("Pick a standard phrase or write the feedback."), field="teks")
        record = UmpanBalik(
            skp_id=skp.id,
            periode=code,
            rhk_id=rhk_id,
            iki_id=iki_id,
            nilai_id=nilai_id,
            frasa_id=frasa_id,
            penulis_id=actor.pegawai_id or skp.penilai_id or skp.pegawai_id,
            teks=text,
        )
        session.add(record)
        session.flush()
        return record.id


def reply_feedback(db: Database, *, actor: Actor, umpan_balik_id: str, teks: str) -> str:
    """A reply in a feedback thread, by the pegawai (or the pejabat penilai)."""
    with db.unit_of_work(actor) as session:
        parent = session.get(UmpanBalik, umpan_balik_id)
        if parent is None or parent.deleted:
            raise NotFoundError(_("This feedback does not exist."))
        while parent.balasan_untuk_id is not None:
            parent = session.get(UmpanBalik, parent.balasan_untuk_id)
            assert parent is not None
        skp = _skp(session, parent.skp_id)
        if not (access.is_self(actor, skp.pegawai_id) or _is_penilai(session, actor, skp)):
            raise PermissionDenied(
                _("Only the pegawai and their pejabat penilai write in this thread.")
            )
        text = _text(teks, "teks", required=N_("Write the reply."))
        record = UmpanBalik(
            skp_id=skp.id,
            periode=parent.periode,
            rhk_id=parent.rhk_id,
            iki_id=parent.iki_id,
            nilai_id=parent.nilai_id,
            penulis_id=actor.pegawai_id or skp.pegawai_id,
            balasan_untuk_id=parent.id,
            teks=text,
        )
        session.add(record)
        session.flush()
        return record.id


# --------------------------------------------------------------------------- phrases


@dataclass(frozen=True)
class FrasaRow:
    id: str
    teks: str
    untuk_perilaku: bool
    urutan: int
    aktif: bool


DEFAULT_FRASA: list[tuple[str, bool]] = [
    (N_("The result meets the target; keep it up."), False),
    (N_("The result exceeds the target; well done."), False),
    (N_("The result is below the target; let us discuss what is holding it back."), False),
    (N_("Add supporting evidence for this achievement."), False),
    (N_("Please speed up the work to meet the deadline."), False),
    (N_("The behaviour shown meets expectations."), True),
    (N_("The behaviour shown is an example to the team."), True),
    (N_("This behaviour needs improvement; let us agree on steps."), True),
]
"""The standard phrases offered when the list is first filled."""


def list_frasa(
    db: Database,
    *,
    actor: Actor,
    untuk_perilaku: bool | None = None,
    include_inactive: bool = False,
) -> list[FrasaRow]:
    with db.read(actor) as session:
        query = select(FrasaUmpanBalik).where(FrasaUmpanBalik.deleted.is_(False))
        if untuk_perilaku is not None:
            query = query.where(FrasaUmpanBalik.untuk_perilaku.is_(untuk_perilaku))
        if not include_inactive:
            query = query.where(FrasaUmpanBalik.aktif.is_(True))
        rows = session.execute(
            query.order_by(FrasaUmpanBalik.urutan, FrasaUmpanBalik.teks)
        ).scalars()
        return [FrasaRow(f.id, f.teks, f.untuk_perilaku, f.urutan, f.aktif) for f in rows]


def save_frasa(
    db: Database,
    *,
    actor: Actor,
    teks: str,
    untuk_perilaku: bool = False,
    aktif: bool = True,
    frasa_id: str | None = None,
) -> str:
    """Add or edit a standard phrase (pengelola kinerja only). Retire one with ``aktif=False``."""
    access.require_pengelola(actor)
    text = _text(teks, "teks", required=N_("Write the phrase."))
    with db.unit_of_work(actor) as session:
        if frasa_id is None:
            count = session.execute(select(func.count(FrasaUmpanBalik.id))).scalar_one()
            record = FrasaUmpanBalik(
                teks=text, untuk_perilaku=untuk_perilaku, urutan=count + 1, aktif=aktif
            )
            session.add(record)
        else:
            found = session.get(FrasaUmpanBalik, frasa_id)
            if found is None or found.deleted:
                raise NotFoundError(_("This phrase does not exist."))
            record = found
            record.teks, record.untuk_perilaku, record.aktif = text, untuk_perilaku, aktif
        session.flush()
        return record.id


def add_default_frasa(db: Database, *, actor: Actor) -> int:
    """Fill an empty phrase list with the standard phrases (in the current language)."""
    access.require_pengelola(actor)
    with db.unit_of_work(actor) as session:
        if session.execute(select(FrasaUmpanBalik.id).limit(1)).first() is not None:
            return 0
        for index, (text, perilaku) in enumerate(DEFAULT_FRASA, start=1):
            session.add(FrasaUmpanBalik(teks=_(text), untuk_perilaku=perilaku, urutan=index))
        return len(DEFAULT_FRASA)
