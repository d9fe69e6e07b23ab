"""Writing a hand-over: per pegawai one payload JSON and the Dokumen Evaluasi PDF beside it,
the operator's workbook, and ``manifest.json`` with every file's SHA-256.

Everything is written into a temporary folder next to ``out`` and renamed to ``out`` when
complete, in the same transaction that records which evaluations left (``SerahSiasn``): a
cancel or an error leaves neither files nor records behind. ``strict`` refuses to write
anything when the validation report lists anyone.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kinerja_desktop import __version__
from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.forms.data import FormData
from kinerja_desktop.i18n import _, ngettext
from kinerja_desktop.models.base import new_id, utcnow
from kinerja_desktop.models.org import UnitKerja
from kinerja_desktop.models.siasn import SerahSiasn
from kinerja_desktop.progress import NullProgress, Progress, check_cancel
from kinerja_desktop.services.core import access
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.siasn import codes, workbook
from kinerja_desktop.services.siasn.handover import HandoverReport, Ready, prepare

MANIFEST = "manifest.json"


class HandoverRefused(ValidationError):
    """``strict`` and the report lists people: nothing was written."""

    def __init__(self, report: HandoverReport) -> None:
        super().__init__(
            ngettext(
                "{n} person cannot be handed over; with --strict nothing was written. "
                "See the report, correct it and export again.",
                "{n} people cannot be handed over; with --strict nothing was written. "
                "See the report, correct it and export again.",
                len(report.blocked),
            ).format(n=len(report.blocked)),
            field="strict",
        )
        self.report = report


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    export_id: str
    report: HandoverReport
    files: int


def file_stem(nip: str, periode: str) -> str:
    """The name of a person's files in an export: NIP and period (``1990..._2026-TW1``)."""
    return f"{nip}_{periode}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _document(name: str) -> dict[str, Any]:
    """The ``path[]`` entry of a Dokumen Evaluasi written beside the payload. ``dok_uri`` and
    ``object`` name the file in this folder: the posting replaces them with what SIASN's
    upload returns."""
    return {
        "dok_id": str(codes.DOKUMEN_EVALUASI_ID),
        "dok_nama": codes.DOKUMEN_EVALUASI_NAMA,
        "dok_uri": name,
        "object": name,
        "slug": str(codes.DOKUMEN_EVALUASI_ID),
    }


def _check_out(out: Path) -> Path:
    out = Path(out).expanduser().resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValidationError(
            _("The folder {folder} already exists and is not empty. Choose a new folder.").format(
                folder=out
            ),
            field="out",
        )
    return out


def _forms(
    db: Database, actor: Actor, report: HandoverReport, progress: Progress
) -> dict[str, FormData]:
    """The Dokumen Evaluasi data of the ready people, by SKP id: loaded in bulk for the unit
    asked (sub-units included) or each root unit of the office, then per NIP for anyone left
    (a person without a unit)."""
    if report.unit_kode:
        units = [report.unit_kode]
    else:
        with db.read(actor) as session:
            units = list(
                session.execute(
                    select(UnitKerja.kode).where(
                        UnitKerja.parent_id.is_(None), UnitKerja.deleted.is_(False)
                    )
                ).scalars()
            )
    wanted = {r.person.skp_id for r in report.ready}
    found: dict[str, FormData] = {}
    for kode in sorted(units):
        request = printing.PrintRequest(
            kind=printing.FormKind.DOKUMEN_EVALUASI, periode=report.periode, unit_kode=kode
        )
        try:
            loaded = printing.load_forms(db, actor=actor, request=request, progress=progress)
        except NotFoundError:
            continue  # a root unit whose people have no approved SKP in this period
        for data in loaded:
            if data.record_id in wanted:
                found[data.record_id] = data
    for ready in report.ready:
        if ready.person.skp_id not in found:
            request = printing.PrintRequest(
                kind=printing.FormKind.DOKUMEN_EVALUASI,
                periode=report.periode,
                nip=ready.person.nip,
            )
            for data in printing.load_forms(db, actor=actor, request=request, progress=progress):
                if data.record_id == ready.person.skp_id:
                    found[data.record_id] = data
    return found


def export_handover(
    db: Database,
    *,
    actor: Actor,
    periode: str,
    out: Path,
    unit_kode: str = "",
    strict: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the hand-over of ``periode`` into the new folder ``out``."""
    access.require_pengelola(actor)
    progress = progress or NullProgress()
    out = _check_out(out)
    report = prepare(db, actor=actor, periode=periode, unit_kode=unit_kode)
    if strict and report.blocked:
        raise HandoverRefused(report)
    if not report.ready:
        raise ValidationError(
            _("Nobody in this period can be handed over yet; nothing was written."),
            field="periode",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", suffix=".part", dir=out.parent))
    try:
        return _write(db, actor, report, out, tmp, progress)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def _write(
    db: Database,
    actor: Actor,
    report: HandoverReport,
    out: Path,
    tmp: Path,
    progress: Progress,
) -> ExportResult:
    export_id = new_id()
    total = len(report.ready) + 2
    forms = _forms(db, actor, report, progress)
    paper = printing.paper_size(db, actor=actor)
    entries: list[dict[str, Any]] = []
    written: list[Ready] = []
    for index, ready in enumerate(report.ready):
        check_cancel(progress)
        progress.update(
            index, total, _("Person {n} of {total}").format(n=index + 1, total=len(report.ready))
        )
        stem = file_stem(ready.person.nip, report.periode)
        pdf = tmp / f"{stem}.pdf"
        printing.render_forms([forms[ready.person.skp_id]], pdf, language="id", paper=paper)
        payload = dict(ready.payload)
        payload["path"] = [_document(pdf.name)]
        ready = replace(ready, payload=payload)
        payload_file = tmp / f"{stem}.json"
        payload_file.write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for path, kind in ((payload_file, report.jenis.value), (pdf, "dokumen_evaluasi")):
            entries.append(_entry(path, kind, ready.person.nip))
        written.append(ready)
    check_cancel(progress)
    progress.update(len(report.ready), total, _("Workbook"))
    book = tmp / f"serah-siasn-{report.periode}.xlsx"
    report = replace(report, ready=tuple(written))
    workbook.write_workbook(db, actor=actor, report=report, path=book)
    entries.append(_entry(book, "workbook", ""))
    created = utcnow()
    manifest = {
        "program": "Kinerja Desktop",
        "version": __version__,
        "export_id": export_id,
        "created_at": created.isoformat(),
        "periode": report.periode,
        "jenis": report.jenis.value,
        "endpoint": f"{report.jenis.value}/save",
        "unit": report.unit_kode or None,
        "people": len(written),
        "not_handed_over": [
            {"nip": b.person.nip, "nama": b.person.nama, "alasan": [m.value for m in b.reasons]}
            for b in report.blocked
        ],
        "files": entries,
    }
    (tmp / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    check_cancel(progress)
    with db.unit_of_work(actor) as session:
        for ready in written:
            assert ready.person.evaluasi_id is not None
            session.add(
                SerahSiasn(
                    export_id=export_id,
                    evaluasi_id=ready.person.evaluasi_id,
                    pegawai_id=ready.person.pegawai_id,
                    periode=report.periode,
                    versi=ready.versi,
                    folder=str(out),
                    at=created,
                )
            )
        session.flush()
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    progress.update(total, total, "")
    return ExportResult(folder=out, export_id=export_id, report=report, files=len(entries) + 1)


def _entry(path: Path, kind: str, nip: str) -> dict[str, Any]:
    return {
        "path": path.name,
        "kind": kind,
        "nip": nip or None,
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
    }
