"""``kinerja siasn``: the hand-over to SIASN / e-Kinerja as files (report, export) and the
read-back of past results. Nothing here calls the SIASN web service."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, PrintProgress, print_json, print_table
from kinerja_desktop.enum_labels import label
from kinerja_desktop.i18n import _, format_datetime
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.siasn import export, handover, riwayat


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("siasn", help=_("hand-over to SIASN / e-Kinerja as files"))
    sub = parser.add_subparsers(dest="siasn_command", metavar="ACTION", required=True)
    report = sub.add_parser("report", help=_("who can be handed over for a period, and why not"))
    _period_args(report)
    report.set_defaults(handler=run_report)
    out = sub.add_parser("export", help=_("write the payloads, PDFs, workbook and manifest"))
    _period_args(out)
    out.add_argument("--out", required=True, metavar="DIR", help=_("a new, empty folder"))
    out.add_argument(
        "--strict", action="store_true", help=_("write nothing when anyone cannot be handed over")
    )
    out.set_defaults(handler=run_export)
    back = sub.add_parser(
        "import-riwayat", help=_("record past results from a saved rw-skp22 / rw-kinerjaperiodik")
    )
    back.add_argument("file", metavar="FILE.json", help=_("the saved SIASN response"))
    back.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    back.set_defaults(handler=run_riwayat)
    history = sub.add_parser(
        "history", help=_("a person's results and angka kredit per period (here and from SIASN)")
    )
    history.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    history.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    history.set_defaults(handler=run_history)


def _period_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help=_("2026, 2026-TW1 or 2026-B03"))
    parser.add_argument("--unit", default="", metavar="CODE", help=_("unit code (with sub-units)"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def report_json(report: handover.HandoverReport) -> dict[str, Any]:
    return {
        "periode": report.periode,
        "jenis": report.jenis.value,
        "unit": report.unit_kode or None,
        "ritme_note": report.ritme_note or None,
        "ready": [
            {
                "nip": r.person.nip,
                "nama": r.person.nama,
                "unit": r.person.unit_kode,
                "predikat": r.person.predikat,
                "handed_over_at": r.handed_over_at,
                "changed_since_handed_over": r.changed_since,
            }
            for r in report.ready
        ],
        "blocked": [
            {
                "nip": b.person.nip,
                "nama": b.person.nama,
                "unit": b.person.unit_kode,
                "reasons": [
                    {"code": m.value, "message": handover.masalah_text(m)} for m in b.reasons
                ],
            }
            for b in report.blocked
        ],
    }


def print_report(report: handover.HandoverReport) -> None:
    print(
        _("{period}: {ready} ready, {blocked} cannot be handed over ({endpoint}/save).").format(
            period=report.periode_label,
            ready=len(report.ready),
            blocked=len(report.blocked),
            endpoint=report.jenis.value,
        )
    )
    if report.ritme_note:
        print(report.ritme_note)
    if report.blocked:
        print()
        print(_("Cannot be handed over:"))
        rows = [
            [b.person.nip, b.person.nama, b.person.unit_kode, message]
            for b in report.blocked
            for message in b.messages()
        ]
        print_table([_("NIP"), _("Name"), _("Unit"), _("Reason")], rows)
    changed = [r for r in report.ready if r.changed_since]
    if changed:
        print()
        print(_("Changed since handed over:"))
        rows = [
            [r.person.nip, r.person.nama, format_datetime(r.handed_over_at)]
            for r in changed
            if r.handed_over_at is not None
        ]
        print_table([_("NIP"), _("Name"), _("Handed over")], rows)


def run_report(ctx: CliContext, args: argparse.Namespace) -> int:
    report = handover.prepare(ctx.db, actor=ctx.actor, periode=args.period, unit_kode=args.unit)
    if args.json:
        print_json(report_json(report))
    else:
        print_report(report)
    return 0


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        result = export.export_handover(
            ctx.db,
            actor=ctx.actor,
            periode=args.period,
            unit_kode=args.unit,
            out=Path(args.out),
            strict=args.strict,
            progress=PrintProgress(not args.json),
        )
    except export.HandoverRefused as refused:
        if args.json:
            print_json({"report": report_json(refused.report), "export": None})
        else:
            print_report(refused.report)
        print(_("Error: {message}").format(message=refused.message), file=sys.stderr)
        return 2
    if args.json:
        print_json(
            {
                "report": report_json(result.report),
                "export": {
                    "folder": str(result.folder),
                    "export_id": result.export_id,
                    "files": result.files,
                },
            }
        )
        return 0
    print_report(result.report)
    print()
    print(
        _("Written: {files} files in {folder} (see manifest.json).").format(
            files=result.files, folder=result.folder
        )
    )
    return 0


def run_riwayat(ctx: CliContext, args: argparse.Namespace) -> int:
    result = riwayat.import_riwayat(ctx.db, actor=ctx.actor, path=Path(args.file))
    if args.json:
        print_json(result)
        return 0
    print(
        _("Recorded {n} past results of {people} people ({skipped} already known).").format(
            n=result.added, people=result.people, skipped=result.skipped
        )
    )
    for row in result.rows:
        print(f"{row.nip}  {row.periode}  {label(row.predikat) if row.predikat else '-'}")
    return 0


def run_history(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    rows = riwayat.angka_kredit_history(ctx.db, actor=ctx.actor, pegawai_id=person.id)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Period"), _("Predikat"), _("Credit points"), _("Source")],
        [
            [
                r.periode,
                label(r.predikat) if r.predikat else "-",
                r.angka_kredit or "-",
                "SIASN" if r.dari_siasn else "Kinerja Desktop",
            ]
            for r in rows
        ],
    )
    return 0
