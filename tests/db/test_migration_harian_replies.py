"""0006_harian_replies: the replies of ``tanggapan_harian`` become feedback records of the
monitoring thread (same ids, authors, texts, versions), on the SKP covering the entry's day,
in the period of the office's rhythm, on the entry's IKI when it has one; a reply whose
pegawai has no SKP that year is kept in a setting; the old table is gone."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from kinerja_desktop.db.migrate import current_revision, head_revision, upgrade
from kinerja_desktop.models.enums import JenisAsn, JenisJabatan, Pendekatan, Ritme, SkpStatus
from kinerja_desktop.models.harian import ProgresHarian
from kinerja_desktop.models.monitoring import RitmePeriode
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Iki, Rhk, Skp

DAY = dt.date(2026, 11, 23)


def _old_world(database: Path) -> dict[str, str]:
    """People, an approved SKP with an IKI, three entries, at schema 0005_harian."""
    engine = create_engine(f"sqlite:///{database}")
    ids: dict[str, str] = {}
    with Session(engine) as session:
        boss = Pegawai(nip="197001012000031001", jenis_asn=JenisAsn.PNS, nama="Atasan")
        staf = Pegawai(nip="199001012015031001", jenis_asn=JenisAsn.PNS, nama="Staf")
        lone = Pegawai(nip="199201012018031001", jenis_asn=JenisAsn.PNS, nama="Tanpa SKP")
        session.add_all([boss, staf, lone])
        session.flush()
        staf.penilai_id = lone.penilai_id = boss.id
        draft = Skp(pegawai_id=staf.id, penilai_id=boss.id, tahun=2026,
                    periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
                    pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JF,
                    status=SkpStatus.DRAFT)  # fmt: skip
        skp = Skp(pegawai_id=staf.id, penilai_id=boss.id, tahun=2026,
                  periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
                  pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JF,
                  status=SkpStatus.DISETUJUI)  # fmt: skip
        session.add_all([draft, skp, RitmePeriode(tahun=2026, ritme=Ritme.BULANAN)])
        session.flush()
        rhk = Rhk(skp_id=skp.id, teks="Terlaksananya layanan", urutan=1)
        session.add(rhk)
        session.flush()
        iki = Iki(rhk_id=rhk.id, teks="Jumlah layanan", satuan="layanan")
        session.add(iki)
        session.flush()
        common = {"tanggal": DAY, "dicatat": DAY, "mulai": 480, "selesai": 540}
        with_iki = ProgresHarian(pegawai_id=staf.id, kegiatan="Layanan", iki_id=iki.id, **common)
        other = ProgresHarian(pegawai_id=staf.id, kegiatan="Apel", **common)
        orphan = ProgresHarian(pegawai_id=lone.id, kegiatan="Rapat", **common)
        session.add_all([with_iki, other, orphan])
        session.commit()
        ids.update(boss=boss.id, staf=staf.id, skp=skp.id, rhk=rhk.id, iki=iki.id,
                   with_iki=with_iki.id, other=other.id, orphan=orphan.id)  # fmt: skip
    engine.dispose()
    return ids


def _reply(conn: sqlite3.Connection, rid: str, entry: str, author: str, text: str, at: str) -> None:
    conn.execute(
        "INSERT INTO tanggapan_harian (id, progres_id, penulis_id, teks, created_at, created_by, "
        "updated_at, updated_by, vv, change_seq, deleted) "
        "VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, 7, 0)",
        (rid, entry, author, text, at, at, json.dumps({"office-a": 3})),
    )


def test_replies_move_into_the_feedback_thread(tmp_path: Path) -> None:
    database = tmp_path / "kinerja.sqlite3"
    upgrade(database, tmp_path / "backups", target="0005_harian")
    ids = _old_world(database)
    with sqlite3.connect(database) as conn:
        _reply(conn, "r1", ids["with_iki"], ids["boss"], "Lampirkan bukti.", "2026-11-24 01:00:00")
        _reply(conn, "r2", ids["other"], ids["boss"], "Apel tercatat.", "2026-11-24 02:00:00")
        _reply(conn, "r3", ids["orphan"], ids["boss"], "Buat SKP dulu.", "2026-11-24 03:00:00")

    result = upgrade(database, tmp_path / "backups")

    assert result.before == "0005_harian" and current_revision(database) == head_revision()
    assert result.backup is not None, "the data was backed up before the move"
    with sqlite3.connect(database) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "tanggapan_harian" not in tables
        rows = conn.execute(
            "SELECT id, skp_id, periode, rhk_id, iki_id, nilai_id, penulis_id, teks, progres_id, "
            "balasan_untuk_id, vv, change_seq, deleted FROM umpan_balik ORDER BY id"
        ).fetchall()
        kept = conn.execute(
            "SELECT value FROM setting WHERE key = 'harian.tanggapan_tanpa_skp'"
        ).fetchone()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    vv = json.dumps({"office-a": 3})
    assert rows == [
        ("r1", ids["skp"], "2026-B11", ids["rhk"], ids["iki"], None, ids["boss"],
         "Lampirkan bukti.", ids["with_iki"], None, vv, 7, 0),
        ("r2", ids["skp"], "2026-B11", None, None, None, ids["boss"], "Apel tercatat.",
         ids["other"], None, vv, 7, 0),
    ]  # fmt: skip
    orphans = json.loads(kept[0])
    assert [(o["id"], o["progres_id"], o["teks"]) for o in orphans] == [
        ("r3", ids["orphan"], "Buat SKP dulu.")
    ]


def test_an_empty_reply_table_moves_nothing(tmp_path: Path) -> None:
    database = tmp_path / "kinerja.sqlite3"
    upgrade(database, tmp_path / "backups", target="0005_harian")
    upgrade(database, tmp_path / "backups")
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM umpan_balik").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM setting WHERE key LIKE 'harian.%'"
        ).fetchone() == (0,)


def test_downgrade_gives_the_replies_back_to_their_table(tmp_path: Path) -> None:
    from alembic import command

    from kinerja_desktop.db.migrate import _migration_engine, alembic_config

    database = tmp_path / "kinerja.sqlite3"
    upgrade(database, tmp_path / "backups", target="0005_harian")
    ids = _old_world(database)
    with sqlite3.connect(database) as conn:
        _reply(conn, "r1", ids["with_iki"], ids["boss"], "Lampirkan bukti.", "2026-11-24 01:00:00")
    upgrade(database, tmp_path / "backups")
    engine = _migration_engine(database)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005_harian")
    finally:
        engine.dispose()
    assert current_revision(database) == "0005_harian"
    with sqlite3.connect(database) as conn:
        assert conn.execute(
            "SELECT id, progres_id, penulis_id, teks, change_seq FROM tanggapan_harian"
        ).fetchall() == [("r1", ids["with_iki"], ids["boss"], "Lampirkan bukti.", 7)]
        assert conn.execute("SELECT count(*) FROM umpan_balik").fetchone() == (0,)
        columns = {r[1] for r in conn.execute("PRAGMA table_info(umpan_balik)")}
        assert "progres_id" not in columns
