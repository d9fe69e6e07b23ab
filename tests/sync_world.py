"""A small world of installs for sync tests: offices and a hub in separate data homes."""

from __future__ import annotations

import functools
import hashlib
import itertools
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.sync_state import InstallState
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.sync import tables
from kinerja_desktop.sync.export import ExportResult
from kinerja_desktop.sync.importer import ImportReport

_counter = itertools.count()
_TEMPLATE: list[Path] = []


def _template_database() -> Path:
    """A migrated, empty database made once per test run (migrations take a while)."""
    if not _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="kinerja-template-"))
        home = DataHome(root).ensure()
        db = open_home(home)[0]
        db.close()
        _TEMPLATE.append(home.database)
    return _TEMPLATE[0]


class Install:
    """One install: its data home, database and sync helpers (acting as SYSTEM)."""

    def __init__(self, root: Path, *, mode: str, name: str) -> None:
        self.root = root
        self.home = DataHome(root).ensure()
        shutil.copy(_template_database(), self.home.database)
        self.db: Database = open_home(self.home)[0]
        with self.db.unit_of_work(SYSTEM) as session:
            session.execute(update(InstallState).values(install_id=str(uuid.uuid4())))
        sync_service.set_mode(self.db, actor=SYSTEM, mode=mode, name=name)
        self.name = name
        self.outbox = root.parent / f"{name}-outbox"
        self.outbox.mkdir(exist_ok=True)

    @functools.cached_property
    def install_id(self) -> str:
        return sync_service.status(self.db, self.home, actor=SYSTEM).install_id

    def card(self) -> Path:
        return sync_service.save_identity(
            self.db, self.home, actor=SYSTEM, out=self.outbox / f"{self.name}.kinerja-id"
        )

    def trust(self, other: Install) -> None:
        card = other.card()
        info = sync_service.read_card(self.db, self.home, actor=SYSTEM, card_path=card)
        sync_service.trust(self.db, actor=SYSTEM, card_path=card, confirmed=info.fingerprint)

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


def add_person(install: Install, nip: str, nama: str, **extra: Any) -> str:
    """A pegawai created directly in ``install`` (its id)."""
    from kinerja_desktop.models.enums import JenisAsn
    from kinerja_desktop.models.org import Pegawai

    with install.db.unit_of_work(SYSTEM) as session:
        person = Pegawai(nip=nip, jenis_asn=JenisAsn.PNS, nama=nama, **extra)
        session.add(person)
        session.flush()
        return person.id


def add_skp(install: Install, pegawai_id: str, penilai_id: str | None, tahun: int = 2026) -> str:
    """A draft SKP with one RHK and one IKI (its id)."""
    import datetime as dt

    from kinerja_desktop.models.enums import JenisJabatan, Pendekatan
    from kinerja_desktop.models.skp import Iki, Rhk, Skp

    with install.db.unit_of_work(SYSTEM) as session:
        skp = Skp(pegawai_id=pegawai_id, penilai_id=penilai_id, tahun=tahun,
                  periode_mulai=dt.date(tahun, 1, 1), periode_selesai=dt.date(tahun, 12, 31),
                  pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JF)  # fmt: skip
        session.add(skp)
        session.flush()
        rhk = Rhk(skp_id=skp.id, teks="Terlaksananya layanan", urutan=1)
        session.add(rhk)
        session.flush()
        session.add(Iki(rhk_id=rhk.id, teks="Jumlah layanan", target_min=10, target_max=10,
                        satuan="layanan"))  # fmt: skip
        return skp.id


def bundle_records(path: Path, install: Install) -> list[tuple[str, dict[str, Any]]]:
    """(table, record) for every record of a bundle addressed to ``install`` (decrypted)."""
    from kinerja_desktop.sync.bundle_file import BundleReader, decompress, records_of
    from kinerja_desktop.sync.keys import decrypt_part, unwrap_key

    keys = sync_service.keys(install.home)
    out: list[tuple[str, dict[str, Any]]] = []
    with BundleReader(path) as reader:
        manifest = reader.manifest
        key = unwrap_key(manifest["encryption"]["recipient_key"], keys,
                         manifest["bundle_id"].encode())  # fmt: skip
        for part in manifest["parts"]:
            if part["kind"] != "records":
                continue
            aad = f"{manifest['bundle_id']}/{part['name']}".encode()
            data = decompress(decrypt_part(key, reader.part(part), aad), part=part["name"])
            out.extend((part["table"], rec) for rec in records_of(data, part=part["name"]))
    return out


def forge_bundle(
    src: Install,
    dst: Install,
    out: Path,
    records: dict[str, list[dict[str, Any]]],
    *,
    files: list[tuple[str, bytes]] | None = None,
    **manifest_changes: Any,
) -> Path:
    """A bundle signed by ``src`` for ``dst`` holding exactly ``records`` by table and ``files``
    as (declared SHA-256, content) attachment parts (for hostile tests)."""
    import json
    import os
    import uuid

    from kinerja_desktop.sync.bundle_file import (
        FORMAT,
        FORMAT_VERSION,
        BundleWriter,
        compress,
        signed_bytes,
    )
    from kinerja_desktop.sync.keys import encrypt_part, wrap_key

    keys = sync_service.keys(src.home)
    dst_card = json.loads(dst.card().read_text())
    bundle_id, content_key = str(uuid.uuid4()), os.urandom(32)
    with BundleWriter(out) as writer:

        def seal(data: bytes, **info: Any) -> None:
            aad = f"{bundle_id}/{writer.next_name()}".encode()
            writer.add_part(encrypt_part(content_key, compress(data), aad), **info)

        for table, rows in records.items():
            seal("\n".join(json.dumps(r) for r in rows).encode(), kind="records", table=table,
                 count=len(rows))  # fmt: skip
        for sha, content in files or []:
            seal(content, kind="attachment", file_sha256=sha)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "bundle_id": bundle_id,
            "created_at": "2026-11-27T00:00:00+00:00",
            "source": {"install_id": src.install_id, "name": src.name, "mode": "office",
                       "sign_public_key": keys.sign_public},
            "target": {"install_id": dst.install_id, "name": dst.name},
            "bundle_seq": 99,
            "prerequisite": None,
            "change_seq": {"from": 0, "to": 1},
            "counts": {t: len(r) for t, r in records.items()},
            "attachments": len(files or []),
            "receipt": None,
            "encryption": {"recipient_key": wrap_key(content_key, dst_card["box_public_key"],
                                                     bundle_id.encode())},
            "parts": writer.parts,
        }  # fmt: skip
        manifest.update(manifest_changes)
        manifest["signature"] = keys.sign(signed_bytes(manifest))
        writer.finish(manifest)
    return out
