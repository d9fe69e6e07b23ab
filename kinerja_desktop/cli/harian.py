"""``kinerja harian``: the daily work log (Progres Harian) from the command line: add an entry,
list a month (or as JSON), export a unit's month as CSV or XLSX in e-Kinerja's column order,
and import such a file (all rows or none)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, format_date, format_number
from kinerja_desktop.services.harian import calendar, entries, exchange, lkh, rollup
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.printing.service import LANGUAGES, PAPER_SIZES


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("harian", help=_("the daily work log (Progres Harian)"))
    sub = parser.add_subparsers(dest="harian_command", metavar="ACTION", required=True)
    _add_command(sub)
    _list_command(sub)
    _export_command(sub)
    _import_command(sub)
    _lkh_command(sub)
    _rollup_command(sub)
    _leave_command(sub)
    _calendar_command(sub)


def _add_command(sub: Any) -> None:
    """``harian add``: one activity of a day."""
    add = sub.add_parser("add", help=_("record one activity of a day"))
    add.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    add.add_argument("--date", required=True, help=_("the day, YYYY-MM-DD"))
    add.add_argument("--from", required=True, dest="mulai", metavar="HH:MM", help=_("start time"))
    add.add_argument("--to", required=True, dest="selesai", metavar="HH:MM", help=_("end time"))
    add.add_argument("--text", required=True, help=_("what was done (Kegiatan Harian)"))
    add.add_argument("--iki", metavar="ID", help=_("id of the IKI of the approved SKP it advances"))
    add.add_argument("--realisasi", help=_("the quantity achieved, for example 3 or 2,5"))
    add.add_argument("--satuan", help=_("unit of the quantity (default: the IKI's)"))
    add.add_argument("--sumber", default="", help=_("source of the data (Sumber Data)"))
    add.add_argument(
        "--non-working-ok",
        action="store_true",
        help=_("confirm recording on a weekend, holiday or leave day"),
    )
    add.set_defaults(handler=run_add)


def _list_command(sub: Any) -> None:
    """``harian list``: a pegawai's entries of a month."""
    listing = sub.add_parser("list", help=_("list a pegawai's entries of a month"))
    listing.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    listing.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)


def _export_command(sub: Any) -> None:
    """``harian export``: a unit's month in e-Kinerja's columns."""
    export = sub.add_parser("export", help=_("export a unit's month in e-Kinerja's columns"))
    export.add_argument("--unit", required=True, help=_("unit code (with its sub-units)"))
    export.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month"))
    export.add_argument("--format", required=True, choices=exchange.FORMATS, dest="fmt")
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("output file"))
    export.set_defaults(handler=run_export)


def _import_command(sub: Any) -> None:
    """``harian import``: entries from a CSV or XLSX file."""
    imp = sub.add_parser("import", help=_("import entries from a CSV or XLSX file"))
    imp.add_argument("file", type=Path, metavar="FILE", help=_("file with the export's columns"))
    imp.add_argument(
        "--non-working-ok",
        action="store_true",
        help=_("confirm rows on weekends, holidays or leave days"),
    )
    imp.set_defaults(handler=run_import)


def _lkh_command(sub: Any) -> None:
    """``harian lkh``: the monthly Laporan Kinerja Harian as PDF."""
    form = sub.add_parser("lkh", help=_("print the monthly Laporan Kinerja Harian as PDF"))
    form.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    form.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month"))
    form.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("output file"))
    form.add_argument("--paper", choices=PAPER_SIZES, help=_("A4 or F4 (default: the office's)"))
    form.add_argument(
        "--lang", dest="form_lang", choices=LANGUAGES, default="id", help=_("language of the form")
    )
    form.set_defaults(handler=run_lkh)


def _rollup_command(sub: Any) -> None:
    """``harian rollup``: the daily realisasi of a period per IKI."""
    roll = sub.add_parser("rollup", help=_("sum the daily realisasi of a period per IKI"))
    roll.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    roll.add_argument("--period", required=True, help=_("the monitoring period, e.g. 2026-TW4"))
    roll.add_argument(
        "--apply", action="store_true", help=_("save the sums as the period's realisasi")
    )
    roll.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="IKI_ID=NUMBER",
        help=_("save this number instead of the sum for one IKI"),
    )
    roll.set_defaults(handler=run_rollup)


def _leave_command(sub: Any) -> None:
    """``harian leave``: leave days of a pegawai."""
    leave = sub.add_parser("leave", help=_("mark leave days of a pegawai"))
    leave.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    leave.add_argument("--from", required=True, dest="mulai", help=_("first day, YYYY-MM-DD"))
    leave.add_argument("--to", dest="selesai", help=_("last day, YYYY-MM-DD"))
    leave.add_argument("--note", default="", help=_("a remark, e.g. the kind of leave"))
    leave.set_defaults(handler=run_leave)


def _calendar_command(sub: Any) -> None:
    """``harian calendar``: the office's working-day calendar."""
    cal = sub.add_parser("calendar", help=_("show or set the office's working-day calendar"))
    cal.add_argument("--week", type=int, choices=(5, 6), help=_("working days a week"))
    cal.add_argument(
        "--late-after", metavar="N|none", help=_("entries are on time until N days after the day")
    )
    cal.add_argument(
        "--day-off",
        action="append",
        default=None,
        metavar="DATE:NAME[:cuti]",
        help=_("an office day off (add :cuti for cuti bersama); replaces the list"),
    )
    cal.set_defaults(handler=run_calendar)


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _month(value: str) -> tuple[int, int]:
    match = _MONTH.match(value.strip())
    if not match:
        raise ValidationError(
            _("'{value}' is not a month; write it as YYYY-MM, e.g. 2026-11.").format(value=value),
            field="month",
        )
    return int(match.group(1)), int(match.group(2))


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            _("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.").format(
                value=value
            ),
            field="date",
        ) from None


def run_add(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    data = entries.EntryInput(
        tanggal=_date(args.date),
        mulai=args.mulai,
        selesai=args.selesai,
        kegiatan=args.text,
        iki_id=args.iki,
        realisasi=args.realisasi,
        satuan=args.satuan,
        sumber_data=args.sumber,
    )
    row = entries.add_entry(
        ctx.db,
        actor=ctx.actor,
        pegawai_id=person.id,
        data=data,
        non_working_ok=args.non_working_ok,
    )
    print(
        _("Recorded {date} {start}–{end}: {text}").format(
            date=format_date(row.tanggal),
            start=row.jam_mulai,
            end=row.jam_selesai,
            text=row.kegiatan,
        )
    )
    return 0


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    tahun, bulan = _month(args.month)
    rows = entries.list_month(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, tahun=tahun, bulan=bulan
    )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "tanggal": r.tanggal,
                    "jam_mulai": r.jam_mulai,
                    "jam_selesai": r.jam_selesai,
                    "kegiatan": r.kegiatan,
                    "iki_id": r.iki_id,
                    "iki": r.iki_teks,
                    "rencana_aksi": r.rencana_aksi_teks,
                    "realisasi": r.realisasi,
                    "satuan": r.satuan,
                    "sumber_data": r.sumber_data,
                    "status": r.status,
                    "terlambat": r.terlambat,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        [_("Date"), _("From"), _("To"), _("Activity"), _("Realisasi"), _("Status")],
        [
            [
                r.tanggal.isoformat(),
                r.jam_mulai,
                r.jam_selesai,
                r.kegiatan[:60],
                f"{format_number(r.realisasi)} {r.satuan}".strip()
                if r.realisasi is not None
                else "",
                r.status.value + (" *" if r.terlambat else ""),
            ]
            for r in rows
        ],
    )
    hours = sum(r.menit for r in rows) / 60
    print(_("{n} entries, {hours} hours").format(n=len(rows), hours=format_number(hours, 1)))
    return 0


def run_export(ctx: CliContext, args: argparse.Namespace) -> int:
    tahun, bulan = _month(args.month)
    result = exchange.export_month(
        ctx.db,
        actor=ctx.actor,
        unit_kode=args.unit,
        tahun=tahun,
        bulan=bulan,
        fmt=args.fmt,
        out=args.out,
    )
    print(
        _("Wrote {rows} entries of {people} people to {path}").format(
            rows=result.rows, people=result.people, path=result.path
        )
    )
    return 0


def run_import(ctx: CliContext, args: argparse.Namespace) -> int:
    result = exchange.import_file(
        ctx.db, actor=ctx.actor, path=args.file, non_working_ok=args.non_working_ok
    )
    print(
        _("Imported {rows} entries of {people} people.").format(
            rows=result.rows, people=result.people
        )
    )
    return 0


def run_lkh(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    tahun, bulan = _month(args.month)
    result = lkh.print_lkh(
        ctx.db,
        actor=ctx.actor,
        pegawai_id=person.id,
        tahun=tahun,
        bulan=bulan,
        out=args.out,
        language=args.form_lang,
        paper=args.paper,
    )
    print(_("Wrote {path}").format(path=result.path))
    return 0


def run_rollup(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    rows = rollup.rollup(ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period)
    print_table(
        [_("IKI"), _("Entries"), _("Sum"), _("Realisasi now")],
        [
            [
                f"{r.iki_id[:8]} {r.iki_teks[:50]}",
                str(len(r.entry_ids)),
                f"{format_number(r.jumlah)} {r.satuan}".strip(),
                "" if r.realisasi_sekarang is None else format_number(r.realisasi_sekarang),
            ]
            for r in rows
        ],
    )
    if not args.apply:
        return 0
    values: dict[str, float] = {}
    for item in args.set:
        key, _sep, number = item.partition("=")
        match = [r.iki_id for r in rows if r.iki_id.startswith(key.strip())]
        if len(match) != 1 or not number:
            raise ValidationError(
                _("--set {item}: give IKI_ID=NUMBER with an IKI listed above.").format(item=item),
                field="set",
            )
        parsed = entries.parse_number(number, field="realisasi", row=None)
        if parsed is not None:
            values[match[0]] = parsed
    saved = rollup.apply_rollup(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period, values=values
    )
    print(_("Saved the realisasi of {n} indicators.").format(n=len(saved)))
    return 0


def run_leave(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    added = calendar.add_leave(
        ctx.db,
        actor=ctx.actor,
        pegawai_id=person.id,
        mulai=_date(args.mulai),
        selesai=_date(args.selesai) if args.selesai else None,
        keterangan=args.note,
    )
    print(_("{n} leave days marked.").format(n=added))
    return 0


def _day_off(value: str) -> calendar.DayOff:
    day, _sep, rest = value.partition(":")
    name, _sep2, kind = rest.partition(":")
    return calendar.DayOff(
        _date(day), name, "cuti_bersama" if kind.strip().lower().startswith("cuti") else "libur"
    )


def run_calendar(ctx: CliContext, args: argparse.Namespace) -> int:
    rules = calendar.get_rules(ctx.db, actor=ctx.actor)
    if args.week is not None or args.late_after is not None or args.day_off is not None:
        late = rules.terlambat_setelah
        if args.late_after is not None:
            text = args.late_after.strip().lower()
            if text == "none":
                late = None
            elif text.isdigit():
                late = int(text)
            else:
                raise ValidationError(
                    _("--late-after takes a number of days or none."), field="late-after"
                )
        libur = rules.libur if args.day_off is None else [_day_off(v) for v in args.day_off]
        rules = calendar.set_rules(
            ctx.db,
            actor=ctx.actor,
            hari_kerja=args.week or rules.hari_kerja,
            terlambat_setelah=late,
            libur=libur,
        )
    print(_("Working days a week: {n}").format(n=rules.hari_kerja))
    late_text = "-" if rules.terlambat_setelah is None else str(rules.terlambat_setelah)
    print(_("On time until days after the day: {n}").format(n=late_text))
    for day in rules.libur:
        print(f"{day.tanggal.isoformat()}  {day.nama}  ({_(calendar.JENIS_LIBUR[day.jenis])})")
    return 0
