"""``kinerja demo``: fill an empty database with demo data and print what was made."""

from __future__ import annotations

import argparse
from typing import Any

from kinerja_desktop.cli.common import CliContext, PrintProgress, print_json, print_table
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, format_number
from kinerja_desktop.services.demo.generator import generate_demo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help=_("fill an empty database with realistic demo data")
    )
    parser.add_argument(
        "--employees", type=int, required=True, metavar="N", help=_("number of employees")
    )
    parser.add_argument(
        "--seed", type=int, default=1, help=_("the same seed gives the same data (default 1)")
    )
    parser.add_argument(
        "--year", type=int, default=None, help=_("the performance year (default: this year)")
    )
    span = parser.add_mutually_exclusive_group()
    span.add_argument(
        "--harian-months", type=int, default=None, metavar="N",
        help=_("months of daily log entries up to yesterday, 0 (none) to 12 (the whole year); "
               "default: 12 up to 2,000 employees, 3 above"),
    )  # fmt: skip
    span.add_argument(
        "--harian-days", type=int, default=None, metavar="N",
        help=_("days of daily log entries up to yesterday (0 to 366), instead of months"),
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.set_defaults(handler=run)


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        summary = generate_demo(
            ctx.db,
            employees=args.employees,
            seed=args.seed,
            year=args.year,
            harian_days=args.harian_days,
            harian_months=args.harian_months,
            progress=PrintProgress(enabled=not args.json),
        )
    except ValidationError as error:
        if error.field is not None:
            raise
        # The database is not empty: on the command line another folder is one option away.
        raise ValidationError(
            error.message + " " + _("Choose another data folder with --home DIR.")
        ) from error
    if args.json:
        print_json({**summary.__dict__, "rows_per_second": round(summary.rows_per_second)})
        return 0
    print(
        _("{instansi}: demo data of {year} for {people} people ({pppk} PPPK) in {units} units.")
        .format(
            instansi=summary.instansi,
            year=summary.tahun,
            people=format_number(summary.people),
            pppk=format_number(summary.pppk),
            units=format_number(summary.units),
        )
    )  # fmt: skip
    print_table(
        [_("Table"), _("Rows")],
        [[name, format_number(count)] for name, count in summary.counts.items()],
    )
    print(
        _("{rows} rows in {seconds} s ({rate} rows per second).").format(
            rows=format_number(summary.rows),
            seconds=format_number(summary.seconds, 1),
            rate=format_number(round(summary.rows_per_second)),
        )
    )
    return 0
