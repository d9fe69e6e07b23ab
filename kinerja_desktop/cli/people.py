"""``kinerja people``: list, add, change and move people, import them from a sheet, move a
unit (with its sub-units) under another parent, through the people services (the pengelola
kinerja only, as in the GUI)."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table
from kinerja_desktop.cli.people_import import add_import_command
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import N_, _
from kinerja_desktop.models.enums import JenisAsn
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people import penilai as penilai_service
from kinerja_desktop.services.people.directory import PegawaiInput, PegawaiRow

_FIELDS = (
    # option, PegawaiInput field, help
    ("--name", "nama", N_("the name without titles")),
    ("--gelar-depan", "gelar_depan", N_("titles before the name")),
    ("--gelar-belakang", "gelar_belakang", N_("titles after the name")),
    ("--golongan", "golongan", N_("golongan, e.g. III/a (PNS) or IX (PPPK)")),
    ("--unit", "unit_kode", N_("unit code")),
    ("--penilai", "penilai_nip", N_("NIP of the pejabat penilai")),
    ("--email", "email", N_("e-mail address")),
    ("--telepon", "telepon", N_("telephone number")),
)


def _person_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    for option, dest, text in _FIELDS:
        parser.add_argument(option, dest=dest, required=adding and dest == "nama", help=_(text))
    parser.add_argument("--jabatan", help=_("the position's name, as in the position list"))
    parser.add_argument(
        "--jenis", choices=[j.value for j in JenisAsn], help=_("pns (NIP) or pppk (NI PPPK)")
    )
    parser.add_argument(
        "--confirm-tmt",
        action="store_true",
        help=_("accept a NIP whose TMT CPNS lies before the 18th birthday"),
    )
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("people", help=_("people (pegawai)"))
    sub = parser.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("list people"))
    listing.add_argument("--unit", metavar="CODE", help=_("only this unit and its sub-units"))
    listing.add_argument("--search", default="", help=_("part of a name or NIP"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_list)
    add_import_command(sub)
    add = sub.add_parser("add", help=_("add a person"))
    add.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    _person_options(add, adding=True)
    add.set_defaults(handler=run_add)
    edit = sub.add_parser("edit", help=_("change a person's data"))
    edit.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    edit.add_argument("--new-nip", help=_("the corrected NIP or NI PPPK"))
    _person_options(edit, adding=False)
    edit.set_defaults(handler=run_edit)
    move = sub.add_parser("move", help=_("move a person to another unit (and supervisor)"))
    move.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    move.add_argument("--unit", required=True, metavar="CODE", help=_("the new unit's code"))
    move.add_argument("--penilai", help=_("NIP of the new pejabat penilai"))
    move.add_argument("--jabatan", help=_("the new position's name"))
    move.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    move.set_defaults(handler=run_move)
    penilai = sub.add_parser(
        "penilai", help=_("show a person's pejabat penilai, or record a non-ASN one")
    )
    penilai.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    penilai.add_argument("--non-asn", metavar="NAME", help=_("name of a non-ASN appraiser"))
    penilai.add_argument("--jabatan", help=_("the non-ASN appraiser's position"))
    penilai.add_argument("--unit", default="", help=_("the non-ASN appraiser's unit"))
    penilai.add_argument(
        "--clear-non-asn", action="store_true", help=_("remove the non-ASN appraiser")
    )
    penilai.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    penilai.set_defaults(handler=run_penilai)
    move = sub.add_parser(
        "move-unit", help=_("move a unit and its sub-units under another parent unit")
    )
    move.add_argument("unit", metavar="CODE", help=_("code of the unit to move"))
    target = move.add_mutually_exclusive_group(required=True)
    target.add_argument("--parent", metavar="CODE", help=_("code of the new parent unit"))
    target.add_argument("--top", action="store_true", help=_("make it a top-level unit"))
    move.set_defaults(handler=run_move_unit)


def run_list(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = people.list_people(ctx.db, actor=ctx.actor, unit_kode=args.unit, search=args.search)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("NIP"), _("Name"), _("Grade"), _("Position"), _("Unit"), _("Supervisor")],
        [[r.nip, r.nama_lengkap, r.golongan, r.jabatan, r.unit_kode, r.penilai_nama] for r in rows],
    )
    print(_("{count} people").format(count=len(rows)))
    return 0


def _jabatan_id(ctx: CliContext, name: str | None, current: str | None) -> str | None:
    if name is None:
        return current
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    matches = [
        j.id for j in people.list_jabatan(ctx.db, actor=ctx.actor) if j.nama.casefold() == wanted
    ]
    if len(matches) != 1:
        raise ValidationError(
            _("No single position is named '{name}'. See the positions in the People screen.")
            .format(name=name),
            field="jabatan",
        )  # fmt: skip
    return matches[0]


def _input_from(row: PegawaiRow) -> PegawaiInput:
    return PegawaiInput(
        nip=row.nip, nama=row.nama, jenis_asn=row.jenis_asn, gelar_depan=row.gelar_depan,
        gelar_belakang=row.gelar_belakang, golongan=row.golongan, unit_kode=row.unit_kode,
        jabatan_id=row.jabatan_id, penilai_nip=row.penilai_nip, email=row.email,
        telepon=row.telepon,
    )  # fmt: skip


def _apply(ctx: CliContext, args: argparse.Namespace, data: PegawaiInput) -> PegawaiInput:
    changes: dict[str, Any] = {
        dest: getattr(args, dest) for _o, dest, _h in _FIELDS if getattr(args, dest) is not None
    }
    if args.jenis is not None:
        changes["jenis_asn"] = JenisAsn(args.jenis)
    changes["jabatan_id"] = _jabatan_id(ctx, args.jabatan, data.jabatan_id)
    return dataclasses.replace(data, **changes)


def _done(args: argparse.Namespace, row: PegawaiRow, message: str) -> int:
    if args.json:
        print_json(row)
    else:
        print(message.format(name=row.nama_lengkap, nip=row.nip, unit=row.unit_kode or "-"))
    return 0


def run_add(ctx: CliContext, args: argparse.Namespace) -> int:
    data = _apply(ctx, args, PegawaiInput(nip=args.nip, nama=""))
    row = people.create_person(ctx.db, actor=ctx.actor, data=data, confirm_tmt=args.confirm_tmt)
    return _done(args, row, _("Added {name} ({nip}), unit {unit}."))


def run_edit(ctx: CliContext, args: argparse.Namespace) -> int:
    current = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    data = _apply(ctx, args, _input_from(current))
    if args.new_nip is not None:
        data = dataclasses.replace(data, nip=args.new_nip)
    row = people.update_person(
        ctx.db, actor=ctx.actor, pegawai_id=current.id, data=data, confirm_tmt=args.confirm_tmt
    )
    return _done(args, row, _("Saved {name} ({nip})."))


def run_move(ctx: CliContext, args: argparse.Namespace) -> int:
    current = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    data = dataclasses.replace(
        _input_from(current),
        unit_kode=args.unit,
        jabatan_id=_jabatan_id(ctx, args.jabatan, current.jabatan_id),
    )
    if args.penilai is not None:
        data = dataclasses.replace(data, penilai_nip=args.penilai)
    row = people.update_person(ctx.db, actor=ctx.actor, pegawai_id=current.id, data=data)
    return _done(args, row, _("Moved {name} ({nip}) to unit {unit}."))


def run_penilai(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    if args.clear_non_asn:
        penilai_service.clear_penilai_non_asn(ctx.db, actor=ctx.actor, pegawai_id=person.id)
    elif args.non_asn is not None:
        penilai_service.set_penilai_non_asn(
            ctx.db, actor=ctx.actor, pegawai_id=person.id, nama=args.non_asn,
            jabatan=args.jabatan or "", unit=args.unit,
        )  # fmt: skip
    info = penilai_service.penilai_info(ctx.db, actor=ctx.actor, pegawai_id=person.id)
    if args.json:
        print_json(info)
        return 0
    if info is None:
        print(_("{name} has no pejabat penilai recorded.").format(name=person.nama_lengkap))
        return 0
    print(f"{info.status_penilai}: {info.nama} {info.nip}".rstrip() + f" — {info.jabatan}")
    return 0


def run_move_unit(ctx: CliContext, args: argparse.Namespace) -> int:
    moved = people.move_unit(ctx.db, actor=ctx.actor, kode=args.unit, new_parent_kode=args.parent)
    where = args.parent or _("the top level")
    print(_("Unit {unit} now lies under {parent}.").format(unit=moved.kode, parent=where))
    return 0
