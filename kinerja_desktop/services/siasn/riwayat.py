"""Read-back: past results from a saved SIASN response (``GET /pns/rw-skp22/{nip}`` or
``/pns/rw-kinerjaperiodik/{nip}``, the JSON an operator downloads).

Accepted shapes: the response object (``{"data": [...]}``, optionally with a top-level
``nip``), or a plain list of rows. A row gives its year (``tahun``), its predikat
(``kuadranKinerjaNilai`` as a code 1-5, or ``kuadranKinerja`` / ``predikat`` as text), the
person's NIP (``nipBaru``, ``nip`` or ``pnsDinilaiNip``, else the top-level one), and for a
periodic row ``periodikId`` and ``bulanMulaiPenilaian``. A file with any unknown NIP is refused
with the list, and any unreadable row with its number; nothing is recorded then. Rows already
recorded (same person and period) are skipped, so a file may be read twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.enums import EvaluasiStatus, JenisJabatan, Predikat
from kinerja_desktop.models.evaluation import Evaluasi
from kinerja_desktop.models.org import Jabatan, Pegawai
from kinerja_desktop.models.siasn import RiwayatSiasn
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.services.core import access
from kinerja_desktop.services.evaluation.angka_kredit import for_period
from kinerja_desktop.services.siasn import codes

_BY_CODE = {code: predikat for predikat, code in codes.KUADRAN_CODE.items()}
_BY_TEXT = {p.value.replace("_", " "): p for p in Predikat}
_NIP_KEYS = ("nipBaru", "nip", "pnsDinilaiNip")
_AK_KEYS = ("angkaKredit", "nilaiAngkaKredit", "ak")


@dataclass(frozen=True)
class RiwayatRow:
    nip: str
    periode: str
    predikat: Predikat | None
    angka_kredit: str


@dataclass(frozen=True)
class RiwayatResult:
    people: int
    added: int
    skipped: int
    rows: tuple[RiwayatRow, ...]


class UnknownNips(ValidationError):
    """The file names people this office does not have; nothing was recorded."""

    def __init__(self, nips: list[str]) -> None:
        super().__init__(
            ngettext(
                "The file names {n} NIP this office does not know; nothing was recorded. "
                "Add the person first or remove the rows: {nips}",
                "The file names {n} NIPs this office does not know; nothing was recorded. "
                "Add the people first or remove their rows: {nips}",
                len(nips),
            ).format(n=len(nips), nips=", ".join(nips)),
            field="nip",
        )
        self.nips = nips


def _predikat(row: dict[str, Any]) -> Predikat | None:
    code = row.get("kuadranKinerjaNilai")
    if code not in (None, ""):
        try:
            return _BY_CODE.get(int(code))
        except (TypeError, ValueError):
            return None
    text = str(row.get("kuadranKinerja") or row.get("predikat") or "").strip().lower()
    return _BY_TEXT.get(text.replace("_", " "))


def _periode(row: dict[str, Any]) -> str | None:
    try:
        tahun = int(row["tahun"])
    except (KeyError, TypeError, ValueError):
        return None
    periodik = row.get("periodikId")
    if periodik in (None, ""):
        return str(tahun)
    try:
        kind, month = int(periodik), int(row.get("bulanMulaiPenilaian") or 0)
    except (TypeError, ValueError):
        return None
    if not 1 <= month <= 12:
        return None
    if kind == codes.PERIODIK_BULANAN:
        return f"{tahun}-B{month:02d}"
    if kind == codes.PERIODIK_TRIWULAN:
        return f"{tahun}-TW{(month - 1) // 3 + 1}"
    return None


def _rows(path: Path) -> tuple[list[dict[str, Any]], str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(
            _("The file cannot be read: {error}").format(error=exc), field="file"
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            _("The file is not JSON; save the SIASN response as it was downloaded."),
            field="file",
        ) from exc
    top = ""
    if isinstance(data, dict):
        top = str(data.get("nip") or "")
        data = data.get("data", [])
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValidationError(
            _("The file holds no rw-skp22 or rw-kinerjaperiodik rows ('data' list)."),
            field="file",
        )
    return data, top


def import_riwayat(db: Database, *, actor: Actor, path: Path) -> RiwayatResult:
    """Record the past results of a saved SIASN response (pengelola kinerja only)."""
    access.require_pengelola(actor)
    raw, top_nip = _rows(path)
    parsed: list[RiwayatRow] = []
    problems: list[str] = []
    for number, item in enumerate(raw, start=1):
        nip = "".join(str(next((item[k] for k in _NIP_KEYS if item.get(k)), top_nip)).split())
        periode = _periode(item)
        if not nip or periode is None:
            problems.append(_("row {n}: no NIP, year or period kind").format(n=number))
            continue
        ak = next((str(item[k]) for k in _AK_KEYS if item.get(k) not in (None, "")), "")
        parsed.append(RiwayatRow(nip, periode, _predikat(item), ak))
    if problems:
        raise ValidationError(
            _("The file has rows that cannot be read; nothing was recorded: {rows}").format(
                rows="; ".join(problems)
            ),
            field="file",
        )
    with db.unit_of_work(actor) as session:
        nips = sorted({r.nip for r in parsed})
        known = dict(
            session.execute(
                select(Pegawai.nip, Pegawai.id).where(
                    Pegawai.nip.in_(nips), Pegawai.deleted.is_(False)
                )
            ).all()
        )
        unknown = [n for n in nips if n not in known]
        if unknown:
            raise UnknownNips(unknown)
        existing: set[tuple[str, str]] = set(
            (pegawai_id, periode)
            for pegawai_id, periode in session.execute(
                select(RiwayatSiasn.pegawai_id, RiwayatSiasn.periode).where(
                    RiwayatSiasn.pegawai_id.in_(list(known.values()))
                )
            ).all()
        )
        added = 0
        for row in parsed:
            key = (known[row.nip], row.periode)
            if key in existing:
                continue
            existing.add(key)
            session.add(
                RiwayatSiasn(
                    pegawai_id=known[row.nip],
                    tahun=int(row.periode[:4]),
                    periode=row.periode,
                    predikat=row.predikat.value if row.predikat else "",
                    angka_kredit=row.angka_kredit,
                    sumber=path.name[:200],
                )
            )
            added += 1
    return RiwayatResult(len(known), added, len(parsed) - added, tuple(parsed))


@dataclass(frozen=True)
class AngkaKreditEntry:
    """One period of a person's angka kredit history: read back from SIASN or evaluated here."""

    periode: str
    predikat: Predikat | None
    angka_kredit: str
    dari_siasn: bool


def angka_kredit_history(db: Database, *, actor: Actor, pegawai_id: str) -> list[AngkaKreditEntry]:
    """The person's results per period, oldest first: the final evaluations of this program
    (with the angka kredit of a JF) and, for periods it has none of, those read from SIASN."""
    with db.read(actor) as session:
        access.require_read_performance(session, actor, pegawai_id)
        person = session.get(Pegawai, pegawai_id)
        jabatan = session.get(Jabatan, person.jabatan_id) if person and person.jabatan_id else None
        jenjang = jabatan.jenjang if jabatan and jabatan.jenis is JenisJabatan.JF else None
        entries: dict[str, AngkaKreditEntry] = {}
        for ev in session.execute(
            select(Evaluasi)
            .join(Skp, Skp.id == Evaluasi.skp_id)
            .where(
                Skp.pegawai_id == pegawai_id,
                Skp.deleted.is_(False),
                Evaluasi.deleted.is_(False),
                Evaluasi.status == EvaluasiStatus.FINAL,
            )
        ).scalars():
            ak = for_period(ev.predikat, jenjang, ev.periode)
            entries[ev.periode] = AngkaKreditEntry(
                ev.periode, ev.predikat, str(ak) if ak is not None else "", False
            )
        for row in session.execute(
            select(RiwayatSiasn).where(RiwayatSiasn.pegawai_id == pegawai_id)
        ).scalars():
            if row.periode not in entries:
                predikat = Predikat(row.predikat) if row.predikat else None
                entries[row.periode] = AngkaKreditEntry(
                    row.periode, predikat, row.angka_kredit, True
                )
    return sorted(entries.values(), key=lambda e: (e.periode[:4], len(e.periode) == 4, e.periode))
