"""``kinerja skp``: list, show, export and import SKPs (the JSON form of docs/skp.md), and
the workflow steps submit, approve and return through the same services as the GUI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table, to_jsonable
from kinerja_desktop.errors import NotFoundError
from kinerja_desktop.i18n import N_, _, format_date
from kinerja_desktop.models.enums import JenisLampiran, SkpStatus
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import json_io as skp_io
from kinerja_desktop.services.skp import plan as skp_service
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("skp", help=_("SKP (employee performance plans)"))
    sub = parser.add_subparsers(dest="skp_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help=_("list SKPs"))
    listing.add_argument("--year", type=int, help=_("only this year"))
    listing.add_argument(
        "--status", choices=[s.value for s in SkpStatus], help=_("only SKPs in this state")
    )
    listing.add_argument("--unit", metavar="CODE", help=_("only this unit and its sub-units"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)

    show = sub.add_parser("show", help=_("show one SKP"))
    show.add_argument("--nip", required=True, help=_("NIP of the employee"))
    show.add_argument("--year", type=int, required=True, help=_("year of the SKP"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=run_show)

    export = sub.add_parser("export", help=_("write one SKP as a JSON file"))
    export.add_argument("--nip", required=True, help=_("NIP of the employee"))
    export.add_argument("--year", type=int, required=True, help=_("year of the SKP"))
    export.add_argument("--out", required=True, type=Path, help=_("file to write"))
    export.set_defaults(handler=run_export)

    imp = sub.add_parser(
        "import", help=_("create an SKP (or replace a draft) from a JSON file; see docs/skp.md")
    )
    imp.add_argument("file", type=Path, help=_("the JSON file"))
    imp.set_defaults(handler=run_import)

    schema = sub.add_parser("schema", help=_("print the JSON Schema of the SKP file"))
    schema.set_defaults(handler=run_schema)

    for name, text, handler in (
        ("submit", N_("submit a draft or returned SKP to the supervisor"), run_submit),
        ("approve", N_("approve a submitted SKP (the supervisor)"), run_approve),
        ("return", N_("send a submitted SKP back with the reason (the supervisor)"), run_return),
    ):
        step = sub.add_parser(name, help=_(text))
        step.add_argument("--nip", required=True, help=_("NIP of the employee"))
        step.add_argument("--year", type=int, required=True, help=_("year of the SKP"))
        if name == "return":
            step.add_argument("--reason", required=True, help=_("why it goes back"))
        step.add_argument("--json", action="store_true", help=_("print the result as JSON"))
        step.set_defaults(handler=handler)


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = skp_queries.list_skp(
        ctx.db,
        actor=ctx.actor,
        tahun=args.year,
        status=SkpStatus(args.status) if args.status else None,
        unit_kode=args.unit,
    )
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("NIP"), _("Name"), _("Unit"), _("Period"), _("Status"), _("RHK"), _("Supervisor")],
        [
            [
                r.nip,
                r.nama,
                r.unit_kode,
                f"{r.periode_mulai.isoformat()}..{r.periode_selesai.isoformat()}",
                label(r.status) + (f" (rev. {r.revisi})" if r.revisi else ""),
                str(r.jumlah_rhk),
                r.penilai_nama,
            ]
            for r in rows
        ],
    )
    print(_("{count} SKPs").format(count=len(rows)))
    return 0


def _find(ctx: CliContext, nip: str, year: int) -> skp_service.SkpDetail:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=nip)
    detail = skp_queries.find_skp(ctx.db, actor=ctx.actor, pegawai_id=person.id, tahun=year)
    if detail is None:
        raise NotFoundError(
            _("{name} has no SKP for {year}.").format(name=person.nama, year=year), field="year"
        )
    return detail


def run_show(ctx: CliContext, args: argparse.Namespace) -> int:
    detail = _find(ctx, args.nip, args.year)
    if args.json:
        data = to_jsonable(detail)
        data.pop("can", None)
        print_json(data)
        return 0
    s = detail.summary
    print(f"SKP {s.tahun}: {detail.pegawai.nama} ({detail.pegawai.nip})")
    print(
        _("Period: {start} to {end}").format(
            start=format_date(s.periode_mulai), end=format_date(s.periode_selesai)
        )
    )
    print(
        _("Approach: {approach}; layout: {layout}; status: {status}").format(
            approach=label(s.pendekatan), layout=label(s.jenis_jabatan), status=label(s.status)
        )
        + (_("; revision {n}").format(n=s.revisi) if s.revisi else "")
    )
    if detail.penilai:
        print(
            _("Supervisor: {name} ({nip})").format(name=detail.penilai.nama, nip=detail.penilai.nip)
        )
    if detail.alasan_dikembalikan:
        print(_("Returned because: {reason}").format(reason=detail.alasan_dikembalikan))
    for row in detail.rhk:
        kind = label(row.jenis)
        print(f"\n{kind} {row.nomor}. {row.teks}")
        if row.intervensi_teks:
            print(
                "   "
                + _("supports: {text} ({owner})").format(
                    text=row.intervensi_teks, owner=row.intervensi_pemilik
                )
            )
        if row.penugasan_dari:
            print("   " + _("assigned by: {who}").format(who=row.penugasan_dari))
        for iki in row.iki:
            print(f"   - {iki.teks}: {_target(iki)}")
    for jenis in JenisLampiran:
        if detail.lampiran[jenis]:
            print(f"\n{label(jenis)}:")
            for item in detail.lampiran[jenis]:
                print(f"   - {item.teks}")
    if detail.problems:
        print("\n" + _("Not complete yet:"))
        for problem in detail.problems:
            print(f"   - {problem.message}")
    return 0


def _target(iki: skp_service.IkiRow) -> str:
    if iki.target_teks:
        return iki.target_teks
    if iki.target_min is None:
        return "-"
    low = f"{iki.target_min:g}"
    if iki.target_max is not None and iki.target_max != iki.target_min:
        low = f"{low}-{iki.target_max:g}"
    return f"{low} {iki.satuan}".strip()


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    detail = _find(ctx, args.nip, args.year)
    skp_io.export_to_file(ctx.db, actor=ctx.actor, skp_id=detail.id, path=args.out)
    print(_("Written {path}.").format(path=args.out))
    return 0


def run_import(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        result = skp_io.import_file(ctx.db, actor=ctx.actor, path=args.file)
    except skp_io.ImportProblems as problems:
        print(
            _("{path}: cannot be imported; nothing was changed.").format(path=args.file),
            file=sys.stderr,
        )
        for error in problems.errors:
            print(error, file=sys.stderr)
        return 2
    message = (
        _("Replaced the draft SKP {year} of NIP {nip} ({count} RHK).")
        if result.replaced
        else _("Created a draft SKP {year} for NIP {nip} ({count} RHK).")
    )
    print(message.format(year=result.tahun, nip=result.nip, count=result.rhk_count))
    return 0


def run_schema(ctx: CliContext, args: argparse.Namespace) -> int:
    sys.stdout.write(skp_io.schema_json())
    return 0


def _step_done(args: argparse.Namespace, detail: skp_service.SkpDetail) -> int:
    if args.json:
        data = to_jsonable(detail)
        data.pop("can", None)
        print_json(data)
        return 0
    s = detail.summary
    print(
        _("SKP {year} of {name} ({nip}): {status}.").format(
            year=s.tahun, name=detail.pegawai.nama, nip=detail.pegawai.nip, status=label(s.status)
        )
    )
    return 0


def run_submit(ctx: CliContext, args: argparse.Namespace) -> int:
    skp_id = _find(ctx, args.nip, args.year).summary.id
    return _step_done(args, skp_workflow.submit(ctx.db, actor=ctx.actor, skp_id=skp_id))


def run_approve(ctx: CliContext, args: argparse.Namespace) -> int:
    skp_id = _find(ctx, args.nip, args.year).summary.id
    return _step_done(args, skp_workflow.approve(ctx.db, actor=ctx.actor, skp_id=skp_id))


def run_return(ctx: CliContext, args: argparse.Namespace) -> int:
    skp_id = _find(ctx, args.nip, args.year).summary.id
    detail = skp_workflow.return_skp(ctx.db, actor=ctx.actor, skp_id=skp_id, alasan=args.reason)
    return _step_done(args, detail)
