"""A small world of installs for sync tests: offices and a hub in separate data homes."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services import sync as sync_service
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.export import ExportResult
from kinerja_desktop.sync.importer import ImportReport

_counter = itertools.count()


class Install:
    """One install: its data home, database and sync helpers (acting as SYSTEM)."""

    def __init__(self, root: Path, *, mode: str, name: str) -> None:
        self.root = root
        self.home = DataHome(root).ensure()
        self.db: Database = open_home(self.home)[0]
        sync_service.set_mode(self.db, actor=SYSTEM, mode=mode, name=name)
        self.name = name
        self.outbox = root.parent / f"{name}-outbox"
        self.outbox.mkdir(exist_ok=True)

    @property
    def install_id(self) -> str:
        return sync_service.status(self.db, self.home, actor=SYSTEM).install_id

    def card(self) -> Path:
        return sync_service.save_identity(
            self.db, self.home, actor=SYSTEM, out=self.outbox / f"{self.name}.kinerja-id"
        )

    def trust(self, other: Install) -> None:
        sync_service.trust(self.db, actor=SYSTEM, card_path=other.card())

    def export_to(self, other: Install) -> ExportResult:
        out = self.outbox / f"b{next(_counter):05d}.kinerja"
        return sync_service.export(self.db, self.home, actor=SYSTEM, to=other.install_id, out=out)

    def import_file(self, path: Path, *, dry_run: bool = False) -> Any:
        return sync_service.import_file(
            self.db, self.home, actor=SYSTEM, path=path, dry_run=dry_run
        )

    def import_bundle(self, path: Path, *, dry_run: bool = False) -> ImportReport:
        report = self.import_file(path, dry_run=dry_run)
        assert isinstance(report, ImportReport)
        return report

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Every synced row (what travels), without the local change_seq."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        with self.db.read(SYSTEM) as session:
            for name, spec in tables.SYNCED.items():
                rows = session.execute(select(spec.table).where(spec.exclusion())).all()
                out[name] = {
                    r.id: {k: v for k, v in tables.encode_row(r).items() if k != "change_seq"}
                    for r in rows
                }
        return out

    def open_conflicts(self) -> list[Any]:
        return sync_service.list_conflicts(self.db, actor=SYSTEM)

    def close(self) -> None:
        self.db.close()


def enrol(hub: Install, *offices: Install) -> None:
    for office in offices:
        hub.trust(office)
        office.trust(hub)


def tree_digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` (relative path -> digest)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
