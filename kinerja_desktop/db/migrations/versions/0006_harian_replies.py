"""Replies on daily entries become feedback records of the monitoring thread

Revision ID: 0006_harian_replies
Revises: 0005_harian
Create Date: 2026-12-03 12:45:00

``umpan_balik`` gains ``progres_id`` (the daily entry a feedback is about). Every reply of
``tanggapan_harian`` is moved into ``umpan_balik`` with the same id, author, text, times and
version (each install runs this migration on the same records, so the rows stay identical
and nothing needs to travel again): on the SKP of the entry's pegawai covering the entry's
day (an approved one first, else the newest of any status covering the day, else the newest
of that year), in the period of the office's rhythm containing the day, with the entry's IKI
and RHK when that IKI belongs to that SKP. A reply whose pegawai has no SKP in that year at
all cannot be a feedback record (they belong to an SKP): it is kept, as written, in the
setting ``harian.tanggapan_tanpa_skp``. Then ``tanggapan_harian`` is dropped.
"""

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006_harian_replies"
down_revision: str | None = "0005_harian"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORPHANS_KEY = "harian.tanggapan_tanpa_skp"
_COLUMNS = (
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "vv",
    "change_seq",
    "deleted",
)


def _period_code(day: dt.date, ritme: str) -> str:
    if ritme == "bulanan":
        return f"{day.year}-B{day.month:02d}"
    if ritme == "semesteran":
        return f"{day.year}-S{1 if day.month <= 6 else 2}"
    return f"{day.year}-TW{(day.month - 1) // 3 + 1}"


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _skp_of(conn: sa.Connection, pegawai_id: str, day: dt.date) -> str | None:
    found = conn.execute(
        sa.text(
            "SELECT id FROM skp WHERE pegawai_id = :p AND deleted = 0 AND tahun = :y "
            "ORDER BY (periode_mulai <= :d AND periode_selesai >= :d) DESC, "
            "status = 'disetujui' DESC, updated_at DESC LIMIT 1"
        ),
        {"p": pegawai_id, "y": day.year, "d": day.isoformat()},
    ).first()
    return str(found[0]) if found else None


def upgrade() -> None:
    with op.batch_alter_table("umpan_balik", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progres_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_umpan_balik_progres_id_progres_harian"),
            "progres_harian",
            ["progres_id"],
            ["id"],
        )
        batch_op.create_index("ix_umpan_balik_progres", ["progres_id"], unique=False)

    conn = op.get_bind()
    rhythms: dict[Any, Any] = dict(
        conn.execute(sa.text("SELECT tahun, ritme FROM ritme_periode WHERE deleted = 0")).all()
    )
    replies = conn.execute(
        sa.text(
            "SELECT t.progres_id, t.penulis_id, t.teks, p.pegawai_id, p.tanggal, p.iki_id, "
            f"{', '.join('t.' + c for c in _COLUMNS)} "
            "FROM tanggapan_harian t JOIN progres_harian p ON p.id = t.progres_id "
            "ORDER BY t.created_at"
        )
    ).mappings()
    orphans: list[dict[str, Any]] = []
    for reply in list(replies):
        day = _date(reply["tanggal"])
        skp_id = _skp_of(conn, reply["pegawai_id"], day)
        if skp_id is None:
            orphans.append(
                {
                    "id": reply["id"],
                    "progres_id": reply["progres_id"],
                    "penulis_id": reply["penulis_id"],
                    "teks": reply["teks"],
                    "created_at": str(reply["created_at"]),
                    "deleted": bool(reply["deleted"]),
                }
            )
            continue
        iki = None
        if reply["iki_id"] is not None:
            iki = conn.execute(
                sa.text(
                    "SELECT iki.id, iki.rhk_id FROM iki JOIN rhk ON rhk.id = iki.rhk_id "
                    "WHERE iki.id = :i AND rhk.skp_id = :s"
                ),
                {"i": reply["iki_id"], "s": skp_id},
            ).first()
        values = {c: reply[c] for c in _COLUMNS}
        values.update(
            skp_id=skp_id,
            periode=_period_code(day, str(rhythms.get(day.year, "triwulanan"))),
            rhk_id=iki[1] if iki else None,
            iki_id=iki[0] if iki else None,
            penulis_id=reply["penulis_id"],
            teks=reply["teks"],
            progres_id=reply["progres_id"],
        )
        names = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        conn.execute(sa.text(f"INSERT INTO umpan_balik ({names}) VALUES ({marks})"), values)
    if orphans:
        kept = conn.execute(
            sa.text("SELECT value FROM setting WHERE key = :k"), {"k": ORPHANS_KEY}
        ).scalar()
        earlier = json.loads(kept) if isinstance(kept, str) else []
        conn.execute(sa.text("DELETE FROM setting WHERE key = :k"), {"k": ORPHANS_KEY})
        conn.execute(
            sa.text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
            {"k": ORPHANS_KEY, "v": json.dumps(earlier + orphans)},
        )

    with op.batch_alter_table("tanggapan_harian", schema=None) as batch_op:
        batch_op.drop_index("ix_tanggapan_harian_progres")
        batch_op.drop_index(batch_op.f("ix_tanggapan_harian_change_seq"))
    op.drop_table("tanggapan_harian")


def downgrade() -> None:
    op.create_table(
        "tanggapan_harian",
        sa.Column("progres_id", sa.String(length=36), nullable=False),
        sa.Column("penulis_id", sa.String(length=36), nullable=False),
        sa.Column("teks", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("vv", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["penulis_id"], ["pegawai.id"], name=op.f("fk_tanggapan_harian_penulis_id_pegawai")
        ),
        sa.ForeignKeyConstraint(
            ["progres_id"],
            ["progres_harian.id"],
            name=op.f("fk_tanggapan_harian_progres_id_progres_harian"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tanggapan_harian")),
    )
    with op.batch_alter_table("tanggapan_harian", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tanggapan_harian_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index("ix_tanggapan_harian_progres", ["progres_id"], unique=False)
    columns = ", ".join(("progres_id", "penulis_id", "teks", *_COLUMNS))
    op.execute(
        f"INSERT INTO tanggapan_harian ({columns}) SELECT {columns} FROM umpan_balik "
        "WHERE progres_id IS NOT NULL"
    )
    op.execute("DELETE FROM umpan_balik WHERE progres_id IS NOT NULL")
    with op.batch_alter_table("umpan_balik", schema=None) as batch_op:
        batch_op.drop_index("ix_umpan_balik_progres")
        batch_op.drop_constraint(
            batch_op.f("fk_umpan_balik_progres_id_progres_harian"), type_="foreignkey"
        )
        batch_op.drop_column("progres_id")
