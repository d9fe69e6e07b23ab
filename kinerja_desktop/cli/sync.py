"""``kinerja sync ...``: enrolment, export, import, receipts, conflicts and history by file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja_desktop.cli.common import CliContext, PrintProgress, print_json, print_table
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.services.sync.exchange import ImportReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sync", help=_("exchange data with a hub or offices by file"))
    actions = parser.add_subparsers(dest="sync_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    def with_json(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--json", action="store_true", help=_("print the result as JSON"))
        return sub

    with_json(action("status", _("this install's identity, peers and conflicts"), _status))
    sub = action("hub-init", _("make this install a hub"), _hub_init)
    sub.add_argument("--name", default="", help=_("name of the hub"))
    sub = action("set-name", _("name this install (shown to its peers)"), _set_name)
    sub.add_argument("name")
    sub = action("enrol-file", _("write this install's identity card for enrolment"), _enrol)
    sub.add_argument("--out", required=True, metavar="FILE", help=_("file or folder"))
    sub = action("trust", _("trust the install of an identity card"), _trust)
    sub.add_argument("card", metavar="FILE")
    sub.add_argument(
        "--fingerprint",
        metavar="XXXX",
        help=_("the key fingerprint the other side read to you (confirms without asking)"),
    )
    sub = action("untrust", _("remove an install and its keys (stop trusting it)"), _untrust)
    sub.add_argument("install", metavar="INSTALL")
    with_json(action("peers", _("list the installs this one exchanges with"), _peers))
    sub = with_json(action("export", _("write a bundle for a peer"), _export))
    sub.add_argument("--to", required=True, metavar="INSTALL", help=_("install id or name"))
    sub.add_argument("--out", required=True, metavar="FILE", help=_("file or folder"))
    sub = with_json(action("import", _("import a bundle or a receipt file"), _import))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--dry-run", action="store_true", help=_("show what would change only"))
    sub = action("resend", _("make the next bundle for a peer hold everything"), _resend)
    sub.add_argument("--to", required=True, metavar="INSTALL")
    sub = action("receipt", _("write a receipt for a peer's bundles imported here"), _receipt)
    sub.add_argument("--to", required=True, metavar="INSTALL")
    sub.add_argument("--out", required=True, metavar="FILE", help=_("file or folder"))
    sub = with_json(action("conflicts", _("list the conflicts waiting for a decision"), _list))
    sub.add_argument("--all", action="store_true", help=_("include decided conflicts"))
    sub = with_json(action("show", _("show a conflict side by side"), _show))
    sub.add_argument("conflict", metavar="ID")
    sub = with_json(action("resolve", _("decide a conflict"), _resolve))
    sub.add_argument("conflict", metavar="ID")
    sub.add_argument("--keep", choices=["mine", "theirs"], help=_("keep one version whole"))
    sub.add_argument("--merge", action="store_true", help=_("merge field by field"))
    sub.add_argument(
        "--take", action="append", default=[], metavar="FIELD", help=_("take their value")
    )
    sub.add_argument(
        "--set", action="append", default=[], metavar="FIELD=TEXT", help=_("set merged text")
    )
    with_json(action("history", _("bundles in and out, with delivery"), _history))
    sub = with_json(action("verify-code", _("check a printed form's verification code"), _code))
    sub.add_argument("code", metavar="CODE")


def _status(ctx: CliContext, args: argparse.Namespace) -> int:
    info = sync_service.status(ctx.db, ctx.home, actor=ctx.actor)
    if args.json:
        print_json(info)
        return 0
    print(_("Install: {name} ({id}), mode {mode}").format(
        name=info.name or "-", id=info.install_id, mode=info.mode))  # fmt: skip
    print(_("Key fingerprint: {fp}").format(fp=info.fingerprint))
    print(_("Conflicts waiting: {n}").format(n=info.open_conflicts))
    _print_peers(list(info.peers))
    return 0


def _print_peers(peers: list[sync_service.PeerRow]) -> None:
    print_table(
        [_("Install"), _("Name"), _("Mode"), _("Fingerprint"), _("Sent"), _("Unconfirmed")],
        [
            [p.install_id[:8], p.name, p.mode, p.fingerprint, str(p.bundles_sent),
             str(p.undelivered)]
            for p in peers
        ],
    )  # fmt: skip


def _hub_init(ctx: CliContext, args: argparse.Namespace) -> int:
    sync_service.set_mode(ctx.db, actor=ctx.actor, mode="hub", name=args.name)
    sync_service.keys(ctx.home)
    print(_("This install is now a hub."))
    return 0


def _set_name(ctx: CliContext, args: argparse.Namespace) -> int:
    info = sync_service.status(ctx.db, ctx.home, actor=ctx.actor)
    sync_service.set_mode(ctx.db, actor=ctx.actor, mode=info.mode, name=args.name)
    return 0


def _enrol(ctx: CliContext, args: argparse.Namespace) -> int:
    path = sync_service.save_identity(ctx.db, ctx.home, actor=ctx.actor, out=Path(args.out))
    info = sync_service.status(ctx.db, ctx.home, actor=ctx.actor)
    print(_("Identity card written to {path}").format(path=path))
    print(_("Key fingerprint (read it to the other side): {fp}").format(fp=info.fingerprint))
    return 0


def _trust(ctx: CliContext, args: argparse.Namespace) -> int:
    card = Path(args.card)
    info = sync_service.read_card(ctx.db, ctx.home, actor=ctx.actor, card_path=card)
    print(_("Identity card of {name} ({id}), mode {mode}").format(
        name=info.name, id=info.install_id, mode=info.mode))  # fmt: skip
    print(_("Its key fingerprint: {fp}").format(fp=info.fingerprint))
    print(_("This install's key fingerprint (read it to the other side): {fp}").format(
        fp=info.own_fingerprint))  # fmt: skip
    confirmed = args.fingerprint
    if confirmed is None:
        if not sys.stdin.isatty():
            raise ValidationError(
                _(
                    "Nobody can confirm the fingerprint here (no terminal): nothing was "
                    "trusted. Compare the fingerprints with the other side by phone, then run "
                    "again with --fingerprint and the fingerprint they read to you."
                ),
                field="fingerprint",
            )
        answer = input(
            _("Does the other side read you exactly this fingerprint? Type yes to trust: ")
        )
        if answer.strip().lower() not in {"yes", "ya", "y"}:
            print(_("Not trusted; nothing was changed."))
            return 1
        confirmed = info.fingerprint
    peer = sync_service.trust(ctx.db, actor=ctx.actor, card_path=card, confirmed=confirmed)
    print(_("Now trusting {name} ({id}), key fingerprint {fp}.").format(
        name=peer.name, id=peer.install_id, fp=peer.fingerprint))  # fmt: skip
    return 0


def _untrust(ctx: CliContext, args: argparse.Namespace) -> int:
    sync_service.untrust(ctx.db, actor=ctx.actor, peer=args.install)
    print(_("Removed: its bundles are refused from now on. Trust its identity card to enrol "
            "it again."))  # fmt: skip
    return 0


def _peers(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = sync_service.peers(ctx.db, actor=ctx.actor)
    if args.json:
        print_json(rows)
    else:
        _print_peers(rows)
    return 0


def _export(ctx: CliContext, args: argparse.Namespace) -> int:
    result = sync_service.export(
        ctx.db, ctx.home, actor=ctx.actor, to=args.to, out=Path(args.out),
        progress=PrintProgress(not args.json),
    )  # fmt: skip
    if args.json:
        print_json({
            "bundle_id": result.bundle_id, "path": str(result.path),
            "to": result.peer_install_id, "bundle_seq": result.bundle_seq,
            "from_seq": result.from_seq, "to_seq": result.to_seq, "counts": result.counts,
            "records": result.records, "attachments": result.attachments,
        })  # fmt: skip
        return 0
    print(_("Bundle no. {seq} for {name}: {records} records, {files} files, written to {path}")
          .format(seq=result.bundle_seq, name=result.peer_name, records=result.records,
                  files=result.attachments, path=result.path))  # fmt: skip
    return 0


def _import(ctx: CliContext, args: argparse.Namespace) -> int:
    result = sync_service.import_file(
        ctx.db, ctx.home, actor=ctx.actor, path=Path(args.file), dry_run=args.dry_run,
        progress=PrintProgress(not args.json),
    )  # fmt: skip
    if not isinstance(result, ImportReport):
        if args.json:
            print_json(result)
        else:
            print(result.message)
        return 0
    if args.json:
        print_json(result.as_dict())
        return 0
    print(_("Bundle no. {seq} from {name}").format(seq=result.bundle_seq, name=result.source_name))
    print(result.message)
    if result.applied:
        print_table([_("Table"), _("Applied")], [[t, str(n)] for t, n in result.applied.items()])
    for item in result.conflicts:
        print(_("Waiting for a decision: {table} {id} ({kind})").format(
            table=item["table"], id=item["record_id"], kind=item["kind"]))  # fmt: skip
    for item in result.refused:
        print(_("Refused: {table} {id}: {why}").format(
            table=item["table"], id=item["record_id"], why=item["reason"]))  # fmt: skip
    return 0


def _resend(ctx: CliContext, args: argparse.Namespace) -> int:
    sync_service.resend_everything(ctx.db, actor=ctx.actor, peer=args.to)
    print(_("The next bundle for this install will hold everything again."))
    return 0


def _receipt(ctx: CliContext, args: argparse.Namespace) -> int:
    path = sync_service.write_receipt(
        ctx.db, ctx.home, actor=ctx.actor, to=args.to, out=Path(args.out)
    )
    print(_("Receipt written to {path}").format(path=path))
    return 0


def _list(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = sync_service.list_conflicts(ctx.db, actor=ctx.actor, include_resolved=args.all)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_("No conflicts wait for a decision."))
        return 0
    print_table(
        [_("Conflict"), _("Table"), _("Record"), _("Kind"), _("From"), _("Fields"), _("Decision")],
        [
            [c.id[:8], c.table, c.record_id[:8], c.kind, c.remote_name,
             ", ".join(f.name for f in c.fields if f.differs), c.resolution or "-"]
            for c in rows
        ],
    )  # fmt: skip
    return 0


def _show(ctx: CliContext, args: argparse.Namespace) -> int:
    view = sync_service.show_conflict(ctx.db, actor=ctx.actor, conflict_id=args.conflict)
    if args.json:
        print_json(view)
        return 0
    print(_("Conflict {id}: {table} {record} ({kind}), other version from {name}").format(
        id=view.id, table=view.table, record=view.record_id, kind=view.kind,
        name=view.remote_name))  # fmt: skip
    print_table(
        ["", _("Field"), _("Mine"), _("Theirs")],
        [["*" if f.differs else "", f.name, _short(f.mine), _short(f.theirs)]
         for f in view.fields],
    )  # fmt: skip
    return 0


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _resolve(ctx: CliContext, args: argparse.Namespace) -> int:
    if bool(args.keep) == bool(args.merge):
        print(_("Say either --keep mine|theirs or --merge."))
        return 2
    texts: dict[str, str] = {}
    for item in args.set:
        field, sep, text = item.partition("=")
        if not sep:
            print(_("--set needs FIELD=TEXT."))
            return 2
        texts[field] = text
    view = sync_service.resolve_conflict(
        ctx.db, actor=ctx.actor, conflict_id=args.conflict, choice=args.keep or "merge",
        take_theirs=tuple(args.take), texts=texts,
    )  # fmt: skip
    if args.json:
        print_json(view)
    else:
        print(_("Conflict decided ({choice}); the decision travels with the next bundle.").format(
            choice=view.resolution))  # fmt: skip
    return 0


def _history(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = sync_service.history(ctx.db, actor=ctx.actor)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [_("Date"), _("Direction"), _("Peer"), _("No."), _("Status"), _("Delivered")],
        [
            [format_date(r.at.date()), _("in") if r.direction == "in" else _("out"),
             r.peer_name or r.peer_install_id[:8], str(r.bundle_seq), r.status,
             _("yes") if r.delivered else _("no")]
            for r in rows
        ],
    )  # fmt: skip
    return 0


def _code(ctx: CliContext, args: argparse.Namespace) -> int:
    result = sync_service.verify_code(ctx.db, actor=ctx.actor, code=args.code)
    if args.json:
        print_json(result)
    else:
        print(result.message)
    return 0 if result.status == "valid" else 1
