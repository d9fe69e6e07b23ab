"""``kinerja people import``: units and people from CSV or XLSX, with the preview of what
changes, every refused line with its reason, ``--skip-bad`` and ``--dry-run``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, PrintProgress, print_json
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.services.people import master_import

FIELD_LABELS = {
    "nama": N_("Name"),
    "jenis_asn": N_("ASN type"),
    "gelar_depan": N_("Title before the name"),
    "gelar_belakang": N_("Title after the name"),
    "golongan": N_("Grade"),
    "tmt_jabatan": N_("TMT of the position"),
    "jabatan": N_("Position"),
    "unit_kode": N_("Unit"),
    "penilai_nip": N_("Supervisor's NIP"),
    "email": N_("E-mail"),
    "telepon": N_("Telephone"),
}


def add_import_command(sub: Any) -> None:
    """Add ``import`` to the ``kinerja people`` actions."""
    cmd = sub.add_parser("import", help=_("import people (and units) from a CSV or XLSX sheet"))
    cmd.add_argument("file", metavar="FILE", help=_("the people sheet (.xlsx, .xls, .ods or .csv)"))
    cmd.add_argument("--units", metavar="FILE", help=_("a sheet of units to import first"))
    cmd.add_argument(
        "--skip-bad", action="store_true", help=_("import the good lines, leave out the refused")
    )
    cmd.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; write nothing")
    )
    cmd.add_argument(
        "--confirm-tmt",
        action="store_true",
        help=_("accept NIPs whose TMT CPNS lies before the 18th birthday (checked by hand)"),
    )
    cmd.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    cmd.set_defaults(handler=run_import)


def print_summary(summary: master_import.ImportSummary) -> None:
    for change in summary.changes:
        if change.added:
            print(_("+ {nip} {name}: new").format(nip=change.nip, name=change.nama))
            continue
        print(_("~ {nip} {name}:").format(nip=change.nip, name=change.nama))
        for key, before, after in change.fields:
            print(f"    {_(FIELD_LABELS[key])}: {before or '-'} -> {after or '-'}")
    if summary.tmt_confirmed:
        print(_("Confirmed TMT CPNS before the 18th birthday ({n}):").format(
            n=len(summary.tmt_confirmed)))  # fmt: skip
        for problem in summary.tmt_confirmed:
            print(f"  {problem}")
    if summary.skipped:
        print(_("Left out ({n} problems):").format(n=len(summary.skipped)))
        for problem in summary.skipped:
            print(f"  {problem}")
    template = (
        _("Would add {added} people and update {updated}; units: {units_added} new, {units_updated} updated. Nothing was written.")
        if summary.dry_run
        else _("Added {added} people and updated {updated}; units: {units_added} new, {units_updated} updated.")
    )  # fmt: skip
    print(
        template.format(
            added=summary.people_added,
            updated=summary.people_updated,
            units_added=summary.units_added,
            units_updated=summary.units_updated,
        )
    )


def run_import(ctx: CliContext, args: argparse.Namespace) -> int:
    summary = master_import.import_master(
        ctx.db,
        actor=ctx.actor,
        units_csv=Path(args.units) if args.units else None,
        people_csv=Path(args.file),
        skip_bad=args.skip_bad,
        dry_run=args.dry_run,
        confirm_tmt=args.confirm_tmt,
        progress=PrintProgress(not args.json),
    )
    if args.json:
        print_json(summary)
    else:
        print_summary(summary)
    return 0
