"""From the daily log to the period's realisasi, and the evidence of daily entries.

For a monitoring period, the realisasi of the daily entries is summed per IKI and offered as
the period's realisasi proposal, with the entries as its source; the pegawai confirms it (or
edits the numbers) and it is saved through the monitoring services like any realisasi.
Evidence attached to daily entries is stored in the shared attachment store and listed per
IKI for the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.models.enums import JenisBukti, Pendekatan
from kinerja_desktop.models.harian import BuktiHarian, ProgresHarian, StatusHarian
from kinerja_desktop.models.monitoring import Lampiran, Realisasi
from kinerja_desktop.models.skp import Iki, Rhk
from kinerja_desktop.services.core import access, attachments
from kinerja_desktop.services.core.periods import parse
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from kinerja_desktop.services.monitoring.base import skp_for


@dataclass(frozen=True)
class RollupRow:
    """One IKI's daily realisasi summed over a period, and what the period holds now."""

    iki_id: str
    iki_teks: str
    satuan: str
    numerik: bool
    jumlah: float
    entry_ids: tuple[str, ...]
    tanggal: tuple[dt.date, ...]
    realisasi_sekarang: float | None


def rollup(db: Database, *, actor: Actor, pegawai_id: str, periode: str) -> list[RollupRow]:
    """The proposal for ``periode``: per IKI of the approved SKP, the sum of the entries."""
    period = parse(periode)
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        skp = skp_for(session, pegawai_id, period.code)
        if skp is None:
            return []
        numeric = skp.pendekatan is Pendekatan.KUANTITATIF
        ikis = session.execute(
            select(Iki.id, Iki.teks, Iki.satuan)
            .join(Rhk, Rhk.id == Iki.rhk_id)
            .where(Rhk.skp_id == skp.id, Rhk.deleted.is_(False), Iki.deleted.is_(False))
            .order_by(Rhk.urutan, Iki.urutan)
        )
        known = {iki_id: (teks, satuan) for iki_id, teks, satuan in ikis}
        entries = session.execute(
            select(
                ProgresHarian.iki_id,
                ProgresHarian.id,
                ProgresHarian.tanggal,
                ProgresHarian.realisasi,
            )
            .where(
                ProgresHarian.pegawai_id == pegawai_id,
                ProgresHarian.iki_id.in_(list(known)),
                ProgresHarian.tanggal.between(period.mulai, period.selesai),
                ProgresHarian.deleted.is_(False),
            )
            .order_by(ProgresHarian.tanggal, ProgresHarian.mulai)
        )
        grouped: dict[str, list[tuple[str, dt.date, float | None]]] = {}
        for iki_id, entry_id, tanggal, realisasi in entries:
            grouped.setdefault(str(iki_id), []).append((entry_id, tanggal, realisasi))
        current = dict(
            session.execute(
                select(Realisasi.iki_id, Realisasi.nilai).where(
                    Realisasi.iki_id.in_(list(grouped)),
                    Realisasi.periode == period.code,
                    Realisasi.deleted.is_(False),
                )
            ).all()
        )
    return [
        RollupRow(
            iki_id=iki_id,
            iki_teks=known[iki_id][0],
            satuan=known[iki_id][1],
            numerik=numeric,
            jumlah=sum(r or 0.0 for _id, _day, r in rows),
            entry_ids=tuple(e for e, _day, _r in rows),
            tanggal=tuple(sorted({d for _e, d, _r in rows})),
            realisasi_sekarang=current.get(iki_id),
        )
        for iki_id in known
        if (rows := grouped.get(iki_id))
    ]


def apply_rollup(
    db: Database,
    *,
    actor: Actor,
    pegawai_id: str,
    periode: str,
    values: Mapping[str, float] | None = None,
) -> list[str]:
    """Save the proposal as the period's realisasi (``values`` overrides numbers per IKI).

    Only the pegawai (the monitoring rules apply: their approved SKP, the period still open).
    Returns the ids of the realisasi saved.
    """
    rows = rollup(db, actor=actor, pegawai_id=pegawai_id, periode=periode)
    if not rows:
        raise ValidationError(
            _("No daily entries are linked to an indicator in this period."), field="periode"
        )
    chosen = dict(values or {})
    unknown = set(chosen) - {r.iki_id for r in rows}
    if unknown:
        raise ValidationError(
            _("An indicator without daily entries in this period was given."), field="iki"
        )
    saved = []
    for row in rows:
        number = chosen.get(row.iki_id, row.jumlah)
        source = _("Progres Harian: {n} entries, total {total} {unit}").format(
            n=len(row.entry_ids), total=format_number(row.jumlah), unit=row.satuan
        )
        if row.numerik:
            saved.append(
                monitoring_entries.save_realisasi(
                    db,
                    actor=actor,
                    iki_id=row.iki_id,
                    periode=periode,
                    nilai=number,
                    sumber_data=source,
                )
            )
        else:
            saved.append(
                monitoring_entries.save_realisasi(
                    db,
                    actor=actor,
                    iki_id=row.iki_id,
                    periode=periode,
                    teks=source,
                    sumber_data=source,
                )
            )
    return saved


# --- evidence of daily entries -------------------------------------------------------------


@dataclass(frozen=True)
class BuktiHarianRow:
    id: str
    progres_id: str
    tanggal: dt.date
    kegiatan: str
    jenis: JenisBukti
    nama: str
    url: str
    sha256: str | None


def _own_entry(db: Database, actor: Actor, entry_id: str) -> None:
    with db.read(actor) as session:
        record = session.get(ProgresHarian, entry_id)
        if record is None or record.deleted:
            raise NotFoundError(_("This daily entry does not exist."))
        if not (actor.is_system or access.is_self(actor, record.pegawai_id)):
            raise access.deny(_("Only the pegawai writes their own daily log."))
        if record.status is StatusHarian.DITERIMA:
            raise ValidationError(
                _("This entry was acknowledged by the supervisor; it is final."), field="bukti"
            )


def add_bukti_link(db: Database, *, actor: Actor, entry_id: str, url: str, nama: str = "") -> str:
    link = attachments.check_link(url)
    _own_entry(db, actor, entry_id)
    with db.unit_of_work(actor) as session:
        bukti = BuktiHarian(
            progres_id=entry_id, jenis=JenisBukti.LINK, nama=(nama.strip() or link)[:300], url=link
        )
        session.add(bukti)
        session.flush()
        return bukti.id


def add_bukti_file(db: Database, *, actor: Actor, entry_id: str, path: Path) -> str:
    """Attach a file: checked, stored once by content in the shared store, then linked."""
    _own_entry(db, actor, entry_id)
    stored = attachments.store_file(db.home, Path(path))
    with db.unit_of_work(actor) as session:
        known = session.execute(
            select(Lampiran).where(Lampiran.sha256 == stored.sha256)
        ).scalar_one_or_none()
        if known is None:
            session.add(Lampiran(sha256=stored.sha256, ukuran=stored.size, mime=stored.mime))
        elif known.deleted:
            known.deleted = False
        bukti = BuktiHarian(
            progres_id=entry_id,
            jenis=JenisBukti.FILE,
            nama=stored.name[:300],
            sha256=stored.sha256,
        )
        session.add(bukti)
        session.flush()
        return bukti.id


def period_evidence(
    db: Database, *, actor: Actor, pegawai_id: str, periode: str
) -> dict[str, list[BuktiHarianRow]]:
    """Evidence of the daily entries of a period, per IKI (``""``: entries without an IKI)."""
    period = parse(periode)
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        rows = session.execute(
            select(BuktiHarian, ProgresHarian)
            .join(ProgresHarian, ProgresHarian.id == BuktiHarian.progres_id)
            .where(
                ProgresHarian.pegawai_id == pegawai_id,
                ProgresHarian.tanggal.between(period.mulai, period.selesai),
                ProgresHarian.deleted.is_(False),
                BuktiHarian.deleted.is_(False),
            )
            .order_by(ProgresHarian.tanggal, ProgresHarian.mulai)
        )
        result: dict[str, list[BuktiHarianRow]] = {}
        for bukti, entry in rows:
            result.setdefault(entry.iki_id or "", []).append(
                BuktiHarianRow(
                    bukti.id,
                    entry.id,
                    entry.tanggal,
                    entry.kegiatan,
                    bukti.jenis,
                    bukti.nama,
                    bukti.url,
                    bukti.sha256,
                )
            )
        return result


def evidence_to_open(
    db: Database, *, actor: Actor, bukti_id: str
) -> monitoring_entries.EvidenceToOpen:
    """A daily entry's evidence ready to open, by the same policy as the realisasi's
    (``monitoring_entries.evidence_to_open``): a checked http(s) link to show before
    opening, or a temporary copy of the stored file; whoever may read the pegawai's
    performance data may open it."""
    with db.read(actor) as session:
        found = session.execute(
            select(BuktiHarian, ProgresHarian.pegawai_id)
            .join(ProgresHarian, ProgresHarian.id == BuktiHarian.progres_id)
            .where(BuktiHarian.id == bukti_id)
        ).first()
        if found is None or found[0].deleted:
            raise NotFoundError(_("This evidence does not exist."))
        bukti, pegawai_id = found
        access.require_read_performance(session, actor, pegawai_id)
        return monitoring_entries.to_open(db, session, bukti)
