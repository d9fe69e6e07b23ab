"""``kinerja eval``: a person's evaluation (show, rate, finalize, amend), a unit's capaian
and distribution check, the rounding rule, the monitoring board; the same services and
permissions as the GUI."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, print_json, print_table, to_jsonable
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, format_datetime, format_number, format_percent
from kinerja_desktop.models.enums import CapaianOrganisasi, Predikat, Rating, Ritme
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation import distribution, keberatan
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.monitoring import base as monitoring
from kinerja_desktop.services.monitoring import board as monitoring_board
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.printing import service as printing


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval", help=_("evaluations and the distribution check"))
    sub = parser.add_subparsers(dest="eval_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help=_("show a person's evaluation for a period"))
    show.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    show.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    show.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    show.set_defaults(handler=run_show)
    dist = sub.add_parser("distribusi", help=_("check a unit's predikat distribution"))
    dist.add_argument("--unit", required=True, metavar="CODE", help=_("unit code"))
    dist.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    dist.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    dist.set_defaults(handler=run_distribusi)
    board = sub.add_parser("board", help=_("who in a unit lacks realisasi, feedback or evaluation"))
    board.add_argument("--unit", required=True, metavar="CODE", help=_("unit code"))
    board.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    board.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    board.set_defaults(handler=run_board)
    ritme = sub.add_parser("ritme", help=_("show or set the periodic rhythm of a year"))
    ritme.add_argument("--year", type=int, required=True, help=_("the year"))
    ritme.add_argument(
        "--set", dest="value", choices=[r.value for r in Ritme], help=_("the new rhythm")
    )
    ritme.set_defaults(handler=run_ritme)
    ratings = [r.value for r in Rating]
    rate = sub.add_parser("rate", help=_("rate a person and save the draft (the pejabat penilai)"))
    amend = sub.add_parser(
        "amend", help=_("change a final evaluation, with the reason (the pejabat penilai)")
    )
    for step in (rate, amend):
        step.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
        step.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
        step.add_argument("--hasil", choices=ratings, help=_("rating of the work results"))
        step.add_argument("--perilaku", choices=ratings, help=_("rating of the work behaviour"))
        step.add_argument("--catatan", help=_("notes"))
        step.add_argument("--rekomendasi", help=_("recommendation"))
        step.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    rate.set_defaults(handler=run_rate)
    amend.add_argument("--reason", required=True, help=_("why the final evaluation changes"))
    amend.set_defaults(handler=run_amend)
    finalize = sub.add_parser("finalize", help=_("make an evaluation final (the pejabat penilai)"))
    finalize.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    finalize.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    finalize.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    finalize.set_defaults(handler=run_finalize)
    capaian = sub.add_parser("capaian", help=_("show or set a unit's organisational achievement"))
    capaian.add_argument("--unit", required=True, metavar="CODE", help=_("unit code"))
    capaian.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    capaian.add_argument(
        "--set", dest="value", choices=[c.value for c in CapaianOrganisasi], help=_("the value")
    )
    capaian.add_argument("--catatan", default="", help=_("notes"))
    capaian.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    capaian.set_defaults(handler=run_capaian)
    rounding = sub.add_parser(
        "pembulatan", help=_("show or set the rounding rule of the distribution limits")
    )
    rounding.add_argument(
        "--set",
        dest="value",
        choices=[r.value for r in distribution.Pembulatan],
        help=_("the new rule (pengelola kinerja)"),
    )
    rounding.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    rounding.set_defaults(handler=run_pembulatan)
    _register_keberatan(sub, ratings)


def _register_keberatan(sub: Any, ratings: list[str]) -> None:
    """``kinerja eval keberatan file|decide|list|show|print``."""
    objection = sub.add_parser(
        "keberatan", help=_("objections to a final evaluation (PP 30/2019 Pasal 59)")
    )
    steps = objection.add_subparsers(dest="keberatan_command", metavar="STEP", required=True)
    filing = steps.add_parser("file", help=_("object to a final evaluation (the pegawai)"))
    filing.add_argument("--nip", required=True, help=_("NIP or NI PPPK of the person"))
    filing.add_argument("--period", required=True, help=_("period code, e.g. 2026 or 2026-TW2"))
    filing.add_argument("--reason", required=True, help=_("the reasons of the objection"))
    filing.add_argument("--evidence", default="", help=_("the evidence offered"))
    filing.add_argument("--date", type=_date, help=_("the day it is filed (default today)"))
    filing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    filing.set_defaults(handler=run_keberatan_file)
    deciding = steps.add_parser(
        "decide", help=_("decide on an objection (the atasan pejabat penilai); final")
    )
    deciding.add_argument("--id", required=True, help=_("the objection's id"))
    deciding.add_argument("--reason", required=True, help=_("the reasons of the decision"))
    deciding.add_argument("--hasil", choices=ratings, help=_("the rating of the work results set"))
    deciding.add_argument(
        "--perilaku", choices=ratings, help=_("the rating of the work behaviour set")
    )
    deciding.add_argument("--date", type=_date, help=_("the day of the decision (default today)"))
    deciding.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    deciding.set_defaults(handler=run_keberatan_decide)
    listing = steps.add_parser("list", help=_("list the objections you may see"))
    listing.add_argument("--nip", help=_("only this person's"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(handler=run_keberatan_list)
    showing = steps.add_parser(
        "show", help=_("show one objection in full: reasons, evidence, decision")
    )
    showing.add_argument("--id", required=True, help=_("the objection's id"))
    showing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    showing.set_defaults(handler=run_keberatan_show)
    letter = steps.add_parser("print", help=_("print the objection letter as PDF"))
    letter.add_argument("--id", required=True, help=_("the objection's id"))
    letter.add_argument("--out", required=True, type=Path, help=_("file to write"))
    letter.set_defaults(handler=run_keberatan_print)


def _or_dash(value: Any) -> str:
    if value is None:
        return "-"
    return label(value) if hasattr(value, "value") else str(value)


def run_show(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    row = evaluation.get_evaluation(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period
    )
    if args.json:
        data = to_jsonable(row)
        data["angka_kredit"] = str(row.angka_kredit) if row.angka_kredit is not None else None
        print_json(data)
        return 0
    lines = [
        (_("Name"), row.pegawai_nama),
        (_("NIP"), row.pegawai_nip),
        (_("Position"), row.jabatan),
        (_("Period"), row.periode_label),
        (_("Appraising official"), row.penilai_nama or "-"),
        (_("Organisational achievement"), _or_dash(row.capaian_organisasi)),
        (_("Work result rating"), _or_dash(row.rating_hasil)),
        (_("Work behaviour rating"), _or_dash(row.rating_perilaku)),
        (_("Predikat"), _or_dash(row.predikat)),
        (_("Credit points"), format_number(row.angka_kredit, 3) if row.angka_kredit else "-"),
        (_("Status"), _("Final") if row.is_final else _("Draft")),
        (_("Notes"), row.catatan or "-"),
        (_("Recommendation"), row.rekomendasi or "-"),
    ]
    width = max(len(k) for k, _v in lines)
    for key, value in lines:
        print(f"{key.ljust(width)}  {value}")
    for change in row.amandemen:
        print(
            _("Amended {at} by {who}: {reason} ({before} -> {after})").format(
                at=format_datetime(change.at.astimezone()),
                who=change.oleh_nama or "-",
                reason=change.alasan,
                before=change.sebelum.get("predikat") or "-",
                after=change.sesudah.get("predikat") or "-",
            )
        )
    return 0


def run_distribusi(ctx: CliContext, args: argparse.Namespace) -> int:
    result = distribution.unit_distribution(
        ctx.db, actor=ctx.actor, unit_kode=args.unit, periode=args.period
    )
    if args.json:
        print_json(result)
        return 0
    check = result.check
    print(f"{result.unit_kode} {result.unit_nama} — {args.period}")
    print(
        _("Organisational achievement: {value}").format(value=_or_dash(check.capaian)),
    )
    print(
        _("{rated} of {people} people have a predikat ({final} final).").format(
            rated=check.total, people=result.jumlah_pegawai, final=result.jumlah_final
        )
    )
    print_table(
        [_("Predikat"), _("People"), _("Share")],
        [[label(p), str(check.jumlah[p]), format_percent(check.persen[p])] for p in Predikat],
    )
    for rule in check.aturan:
        mark = _("ok") if rule.terpenuhi else _("WARNING")
        print(f"[{mark}] {rule.aturan}")
    for warning in check.peringatan:
        print(_("Warning: {text}").format(text=warning))
    print(check.catatan)
    return 0


def run_board(ctx: CliContext, args: argparse.Namespace) -> int:
    board = monitoring_board.unit_board(
        ctx.db, actor=ctx.actor, unit_kode=args.unit, periode=args.period
    )
    if args.json:
        print_json(
            {
                "unit": board.unit_kode,
                "periode": board.periode,
                "total": board.total,
                "with_skp": board.with_skp,
                "with_realisasi": board.with_realisasi,
                "with_feedback": board.with_feedback,
                "evaluated": board.evaluated,
                "rows": board.rows,
            }
        )
        return 0
    yes, no = _("yes"), _("no")
    print_table(
        [_("NIP"), _("Name"), _("SKP"), _("Achievement"), _("Feedback"), _("Predikat")],
        [
            [
                r.nip,
                r.nama,
                yes if r.has_skp else no,
                f"{r.realisasi}/{r.iki_total}",
                str(r.feedback),
                _or_dash(r.predikat),
            ]
            for r in board.rows
        ],
    )
    print(
        _(
            "{total} people: {skp} with an approved SKP, {real} with every achievement "
            "entered, {fb} with feedback, {ev} evaluated."
        ).format(
            total=board.total,
            skp=board.with_skp,
            real=board.with_realisasi,
            fb=board.with_feedback,
            ev=board.evaluated,
        )
    )
    return 0


def run_ritme(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.value:
        monitoring.set_ritme(ctx.db, actor=ctx.actor, tahun=args.year, ritme=Ritme(args.value))
    value = monitoring.get_ritme(ctx.db, actor=ctx.actor, tahun=args.year)
    periods = monitoring.periods(ctx.db, actor=ctx.actor, tahun=args.year)
    print(f"{args.year}: {label(value)} — " + ", ".join(p.code for p in periods))
    return 0


def _evaluation_done(ctx: CliContext, args: argparse.Namespace, row: Any) -> int:
    if args.json:
        data = to_jsonable(row)
        data["angka_kredit"] = str(row.angka_kredit) if row.angka_kredit is not None else None
        print_json(data)
        return 0
    print(
        _("{name} ({nip}), {period}: {predikat} ({status}).").format(
            name=row.pegawai_nama,
            nip=row.pegawai_nip,
            period=row.periode_label,
            predikat=_or_dash(row.predikat),
            status=_("Final") if row.is_final else _("Draft"),
        )
    )
    return 0


def _current(ctx: CliContext, args: argparse.Namespace) -> tuple[str, Any]:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    row = evaluation.get_evaluation(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period
    )
    return person.id, row


def _given(value: str | None, current: Any) -> Any:
    return current if value is None else value


def run_rate(ctx: CliContext, args: argparse.Namespace) -> int:
    pegawai_id, row = _current(ctx, args)
    hasil = _given(args.hasil, row.rating_hasil)
    perilaku = _given(args.perilaku, row.rating_perilaku)
    saved = evaluation.save_evaluation(
        ctx.db, actor=ctx.actor, pegawai_id=pegawai_id, periode=args.period,
        rating_hasil=Rating(hasil) if hasil else None,
        rating_perilaku=Rating(perilaku) if perilaku else None,
        catatan=_given(args.catatan, row.catatan), rekomendasi=_given(args.rekomendasi,
                                                                    row.rekomendasi),
    )  # fmt: skip
    return _evaluation_done(ctx, args, saved)


def run_finalize(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    row = evaluation.finalize_evaluation(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period
    )
    return _evaluation_done(ctx, args, row)


def run_amend(ctx: CliContext, args: argparse.Namespace) -> int:
    pegawai_id, row = _current(ctx, args)
    hasil = _given(args.hasil, row.rating_hasil)
    perilaku = _given(args.perilaku, row.rating_perilaku)
    if hasil is None or perilaku is None:
        raise ValidationError(
            _("Give both the work result rating and the work behaviour rating first."),
            field="rating_hasil",
        )
    amended = evaluation.amend_evaluation(
        ctx.db, actor=ctx.actor, pegawai_id=pegawai_id, periode=args.period, alasan=args.reason,
        rating_hasil=Rating(hasil), rating_perilaku=Rating(perilaku),
        catatan=_given(args.catatan, row.catatan),
        rekomendasi=_given(args.rekomendasi, row.rekomendasi),
    )  # fmt: skip
    return _evaluation_done(ctx, args, amended)


def run_capaian(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.value:
        row = evaluation.set_capaian(
            ctx.db, actor=ctx.actor, unit_kode=args.unit, periode=args.period,
            capaian=CapaianOrganisasi(args.value), catatan=args.catatan,
        )  # fmt: skip
    else:
        row = evaluation.get_capaian(ctx.db, actor=ctx.actor, unit_kode=args.unit,
                                     periode=args.period)  # fmt: skip
    if args.json:
        print_json(row)
        return 0
    print(
        _("{unit} {name}, {period}: organisational achievement {value}.").format(
            unit=row.unit_kode, name=row.unit_nama, period=row.periode, value=_or_dash(row.capaian)
        )
    )
    return 0


def run_pembulatan(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.value:
        rule = distribution.set_pembulatan(ctx.db, actor=ctx.actor, rule=args.value)
    else:
        rule = distribution.get_pembulatan(ctx.db, actor=ctx.actor)
    if args.json:
        print_json({"pembulatan": rule, "label": distribution.pembulatan_label(rule)})
        return 0
    print(f"{rule.value}: {distribution.pembulatan_label(rule)}")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date; write YYYY-MM-DD.").format(value=value)
        ) from None


def _keberatan_done(args: argparse.Namespace, row: keberatan.KeberatanRow) -> int:
    if args.json:
        print_json(row)
        return 0
    state = (
        _("decided on {date}").format(date=row.keputusan_tanggal)
        if row.diputuskan
        else _("waiting for the decision of {name}").format(name=row.atasan_nama)
    )
    print(f"{row.id}  {row.pegawai_nama} ({row.pegawai_nip}), {row.periode_label}: {state}")
    return 0


def run_keberatan_file(ctx: CliContext, args: argparse.Namespace) -> int:
    person = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip)
    row = keberatan.file_keberatan(
        ctx.db, actor=ctx.actor, pegawai_id=person.id, periode=args.period, alasan=args.reason,
        bukti=args.evidence, tanggal=args.date,
    )  # fmt: skip
    return _keberatan_done(args, row)


def run_keberatan_decide(ctx: CliContext, args: argparse.Namespace) -> int:
    row = keberatan.decide_keberatan(
        ctx.db, actor=ctx.actor, keberatan_id=args.id, alasan=args.reason,
        rating_hasil=Rating(args.hasil) if args.hasil else None,
        rating_perilaku=Rating(args.perilaku) if args.perilaku else None, tanggal=args.date,
    )  # fmt: skip
    return _keberatan_done(args, row)


def run_keberatan_list(ctx: CliContext, args: argparse.Namespace) -> int:
    pegawai_id = people.find_by_nip(ctx.db, actor=ctx.actor, nip=args.nip).id if args.nip else None
    rows = keberatan.list_keberatan(ctx.db, actor=ctx.actor, pegawai_id=pegawai_id)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Id"), _("Name"), _("Period"), _("Filed"), _("Status"), _("Decided")],
        [
            [r.id, r.pegawai_nama, r.periode_label, r.tanggal.isoformat(), label(r.status),
             r.keputusan_tanggal.isoformat() if r.keputusan_tanggal else "-"]
            for r in rows
        ],
    )  # fmt: skip
    return 0


def run_keberatan_show(ctx: CliContext, args: argparse.Namespace) -> int:
    row = keberatan.get_keberatan(ctx.db, actor=ctx.actor, keberatan_id=args.id)
    _keberatan_done(args, row)
    if not args.json:
        print(_("Reasons: {text}").format(text=row.alasan))
        if row.bukti:
            print(_("Evidence: {text}").format(text=row.bukti))
        if row.diputuskan:
            print(_("Decision: {text}").format(text=row.keputusan_alasan))
    return 0


def run_keberatan_print(ctx: CliContext, args: argparse.Namespace) -> int:
    result = printing.print_keberatan(ctx.db, actor=ctx.actor, keberatan_id=args.id, out=args.out)
    print(_("Written: {path}").format(path=result.path))
    return 0
