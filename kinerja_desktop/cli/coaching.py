"""``kinerja coaching``: list a pegawai's sessions, and enter a held session from paper."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.people import directory as people


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("coaching", help=_("coaching and performance dialogue"))
    sub = parser.add_subparsers(dest="coaching_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help=_("list a pegawai's coaching sessions"))
    listing.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)

    add = sub.add_parser("add", help=_("enter a held session from paper"))
    add.add_argument("--nip", required=True, help=_("NIP of the pegawai"))
    add.add_argument("--coach", required=True, metavar="NIP", help=_("NIP of the coach"))
    add.add_argument(
        "--type", required=True, dest="jenis",
        help=_("session type: {types}").format(types=", ".join(j.value for j in JenisSesi)),
    )  # fmt: skip
    add.add_argument("--date", required=True, help=_("date of the session, YYYY-MM-DD"))
    add.add_argument("--place", default="", help=_("where the session took place"))
    add.add_argument(
        "--notes-file", type=Path, metavar="FILE",
        help=_("UTF-8 text file with the session notes (stored as shared notes)"),
    )  # fmt: skip
    add.set_defaults(handler=run_add)


def _jenis(value: str) -> JenisSesi:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return JenisSesi(key)
    except ValueError:
        raise ValidationError(
            _("Unknown session type '{value}'; use one of: {types}.").format(
                value=value, types=", ".join(j.value for j in JenisSesi)
            ),
            field="type",
        ) from None


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


def _notes(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(
            _("The notes file {path} does not exist.").format(path=path), field="notes-file"
        ) from None
    except UnicodeDecodeError:
        raise ValidationError(
            _("The notes file {path} is not UTF-8 text; save it as UTF-8 and try again.").format(
                path=path
            ),
            field="notes-file",
        ) from None


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    rows = coaching.list_sessions(ctx.db, actor=ctx.actor, pegawai_id=person.id)
    if args.json:
        # Shared content only, whoever runs the command: JSON output leaves the program.
        records = [coaching_forms.session_record(ctx.db, ctx.actor, r.id) for r in rows]
        print_json(
            [
                {
                    **dataclasses.asdict(rec.sesi),
                    "agenda": rec.agenda,
                    "catatan": rec.catatan,
                    "refleksi": rec.refleksi,
                    "aksi": rec.aksi,
                    "b18": rec.b18,
                    "b19": rec.b19,
                }
                for rec in records
            ]
        )
        return 0
    print_table(
        [_("Date"), _("Type"), _("Coach"), _("Status"), _("Open actions"), _("Place")],
        [
            [format_date(r.tanggal), r.jenis_label, r.coach_nama, r.status_label,
             str(r.aksi_terbuka), r.tempat]
            for r in rows
        ],
    )  # fmt: skip
    print(_("{count} sessions of {name}").format(count=len(rows), name=person.nama_lengkap))
    return 0


def run_add(ctx: CliContext, args: argparse.Namespace) -> int:
    row = coaching.add_from_paper(
        ctx.db, actor=ctx.actor, pegawai_nip=args.nip, coach_nip=args.coach,
        jenis=_jenis(args.jenis), tanggal=_date(args.date), notes=_notes(args.notes_file),
        tempat=args.place,
    )  # fmt: skip
    print(
        _("Recorded {kind} of {name} with {coach} on {date}.").format(
            kind=row.jenis_label,
            name=row.pegawai_nama,
            coach=row.coach_nama,
            date=format_date(row.tanggal),
        )
    )
    return 0
