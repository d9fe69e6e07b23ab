"""``kinerja print``: printed forms as PDF, the paper setting, and checking a form's code.

kinerja print skp --nip NIP --year 2026 --out skp.pdf
kinerja print evaluasi --nip NIP --period 2026-S1 [--lang en] [--paper F4] --out ev.pdf
kinerja print dokumen-evaluasi --unit BID1 --period 2026 --out batch.pdf
kinerja print coaching --sesi ID [--form b18] --out sesi.pdf
kinerja print predikat --unit BID1 --period 2026-S1 --out predikat.pdf
kinerja print lkh --nip NIP --period 2026-B11 --out lkh.pdf   (or --unit CODE: one per person)
kinerja print paper [A4|F4]
kinerja print verify CODE
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, PrintProgress
from kinerja_desktop.i18n import _
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import (
    CoachingForm,
    FormKind,
    PrintRequest,
    VerifyStatus,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("print", help=_("printed forms as PDF"))
    sub = parser.add_subparsers(dest="print_command", metavar="FORM", required=True)
    for kind in FormKind:
        form = sub.add_parser(kind.value, help=_kind_help(kind))
        who = form.add_mutually_exclusive_group()
        who.add_argument("--nip", default="", help=_("the person's NIP"))
        who.add_argument("--unit", metavar="CODE", default="",
                         help=_("every person of this unit and its sub-units, in one PDF"))  # fmt: skip
        when = form.add_mutually_exclusive_group()
        when.add_argument("--period", metavar="P", default="",
                          help=_("period: 2026, 2026-S1, 2026-TW2 or 2026-B03"))  # fmt: skip
        when.add_argument("--year", metavar="YYYY", default="", help=_("the year (annual)"))
        if kind is FormKind.COACHING:
            form.add_argument("--sesi", metavar="ID", default="", help=_("one coaching session"))
            form.add_argument("--form", action="append", choices=[f.value for f in CoachingForm],
                              help=_("which coaching form (repeatable; default: all three)"))  # fmt: skip
        form.add_argument("--lang", dest="form_lang", choices=printing.LANGUAGES, default="id",
                          help=_("language of the form (official forms: id)"))  # fmt: skip
        form.add_argument("--paper", choices=printing.PAPER_SIZES,
                          help=_("paper size (default: the setting, A4 unless changed)"))  # fmt: skip
        form.add_argument("--out", metavar="FILE.pdf", required=True, help=_("the PDF to write"))
        form.set_defaults(handler=run_print, form_kind=kind)
    paper = sub.add_parser("paper", help=_("show or set the paper size of printed forms"))
    paper.add_argument("size", nargs="?", choices=printing.PAPER_SIZES)
    paper.set_defaults(handler=run_paper)
    verify = sub.add_parser("verify", help=_("check a printed form's verification code"))
    verify.add_argument("code", help=_("the short code or the QR code's content"))
    verify.set_defaults(handler=run_verify)


def _kind_help(kind: FormKind) -> str:
    return {
        FormKind.SKP: _("the SKP (Sasaran Kinerja Pegawai)"),
        FormKind.EVALUASI: _("the periodic evaluation worksheet"),
        FormKind.DOKUMEN_EVALUASI: _("the one-page Dokumen Evaluasi Kinerja Pegawai"),
        FormKind.COACHING: _("coaching forms B.1.8, B.1.9 and the session record"),
        FormKind.PREDIKAT: _("the Penetapan Predikat Kinerja of a unit"),
        FormKind.LKH: _("the monthly Laporan Kinerja Harian (period: a month, e.g. 2026-B11)"),
    }[kind]


def run_print(ctx: CliContext, args: argparse.Namespace) -> int:
    request = PrintRequest(
        kind=args.form_kind,
        periode=args.period or args.year,
        nip=args.nip,
        unit_kode=args.unit,
        sesi_id=getattr(args, "sesi", ""),
        coaching_forms=tuple(CoachingForm(f) for f in (getattr(args, "form", None) or []))
        or tuple(CoachingForm),
    )
    result = printing.print_to_file(
        ctx.db,
        actor=ctx.actor,
        request=request,
        out=Path(args.out),
        language=args.form_lang,
        paper=args.paper,
        progress=PrintProgress(),
    )
    print(_("Wrote {n} form(s) to {path}").format(n=result.forms, path=result.path))
    return 0


def run_paper(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.size:
        printing.set_paper_size(ctx.db, actor=ctx.actor, paper=args.size)
    print(printing.paper_size(ctx.db, actor=ctx.actor))
    return 0


def run_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    result = printing.verify(ctx.db, args.code, actor=ctx.actor)
    print(result.message)
    return 0 if result.status is VerifyStatus.VALID else 1
