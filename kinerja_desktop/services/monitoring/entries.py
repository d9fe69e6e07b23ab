"""What the pegawai writes in a period: rencana aksi, realisasi, bukti dukung (a stored file
or a link) and the penilaian diri. Only the pegawai themself writes them, inside their
approved SKP's period, and not once that period's evaluation is final.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import (
    JenisBukti,
    Pendekatan,
    Rating,
)
from kinerja_desktop.models.harian import BuktiHarian
from kinerja_desktop.models.monitoring import (
    BuktiDukung,
    Lampiran,
    PenilaianDiri,
    Realisasi,
    RencanaAksi,
)
from kinerja_desktop.models.skp import PerilakuNilai
from kinerja_desktop.services.core import access, attachments
from kinerja_desktop.services.monitoring.base import (
    entry_text,
    iki_row,
    period_of_skp,
    require_open,
    require_self,
    rhk_row,
    skp_row,
)
from kinerja_desktop.services.monitoring.sheet import BuktiRow


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
        rhk = rhk_row(session, rhk_id)
        skp = skp_row(session, rhk.skp_id)
        require_self(actor, skp, N_("the action plan"))
        code = period_of_skp(skp, periode)
        require_open(session, skp, code)
        text = entry_text(teks, "teks", required=N_("Describe the action."))
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
        skp = skp_row(session, rhk_row(session, record.rhk_id).skp_id)
        require_self(actor, skp, N_("the action plan"))
        require_open(session, skp, record.periode)
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
        iki = iki_row(session, iki_id)
        skp = skp_row(session, rhk_row(session, iki.rhk_id).skp_id)
        require_self(actor, skp, N_("the achievement"))
        code = period_of_skp(skp, periode)
        require_open(session, skp, code)
        statement = entry_text(teks, "teks")
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
        record.sumber_data = entry_text(sumber_data, "sumber_data")[:300]
        session.flush()
        return record.id


def _realisasi_for_bukti(session: Session, actor: Actor, realisasi_id: str) -> Realisasi:
    record = session.get(Realisasi, realisasi_id)
    if record is None or record.deleted:
        raise NotFoundError(_("Save the achievement first, then attach its evidence."))
    skp = skp_row(session, rhk_row(session, iki_row(session, record.iki_id).rhk_id).skp_id)
    require_self(actor, skp, N_("the evidence"))
    require_open(session, skp, record.periode)
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
            keterangan=entry_text(keterangan, "keterangan"),
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
            keterangan=entry_text(keterangan, "keterangan"),
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


def _readable_bukti(session: Session, actor: Actor, bukti_id: str) -> BuktiDukung:
    bukti = session.get(BuktiDukung, bukti_id)
    if bukti is None or bukti.deleted:
        raise NotFoundError(_("This evidence does not exist."))
    realisasi = session.get(Realisasi, bukti.realisasi_id)
    assert realisasi is not None
    skp = skp_row(session, rhk_row(session, iki_row(session, realisasi.iki_id).rhk_id).skp_id)
    access.require_read_performance(session, actor, skp.pegawai_id)
    return bukti


@dataclass(frozen=True)
class EvidenceToOpen:
    """What the GUI may hand the system to open: a checked web link (``kind`` "link"; show
    the address and ask first) or a temporary copy of a stored file (``kind`` "file")."""

    kind: str
    address: str


def evidence_to_open(db: Database, *, actor: Actor, bukti_id: str) -> EvidenceToOpen:
    """Evidence ready to open, by the policy of ``core.attachments`` (links only http(s),
    files only as a temporary copy with the safe extension of their accepted type);
    ``ValidationError`` or ``NotFoundError`` say why anything else is not opened."""
    with db.read(actor) as session:
        return to_open(db, session, _readable_bukti(session, actor, bukti_id))


def to_open(db: Database, session: Session, bukti: BuktiDukung | BuktiHarian) -> EvidenceToOpen:
    """A realisasi's or a daily entry's evidence, already found readable, ready to open: a
    checked http(s) link, or a temporary copy of its stored file."""
    if bukti.jenis is JenisBukti.LINK:
        return EvidenceToOpen("link", attachments.link_to_open(bukti.url))
    sha = bukti.sha256 or ""
    mime = session.scalar(
        select(Lampiran.mime).where(Lampiran.sha256 == sha, Lampiran.deleted.is_(False))
    )
    if mime is None:
        raise NotFoundError(_("This evidence has no stored file."))
    return EvidenceToOpen("file", str(attachments.copy_for_opening(db.home, sha, mime, bukti.nama)))


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
        skp = skp_row(session, skp_id)
        require_self(actor, skp, N_("the self-assessment"))
        code = period_of_skp(skp, periode)
        require_open(session, skp, code)
        if rhk_id is not None and rhk_row(session, rhk_id).skp_id != skp.id:
            raise ValidationError(_("This work result belongs to another SKP."))
        if nilai_id is not None and session.get(PerilakuNilai, nilai_id) is None:
            raise NotFoundError(_("Unknown behaviour value."))
        text = entry_text(teks, "teks")
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
