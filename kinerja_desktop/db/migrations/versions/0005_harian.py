"""Progres Harian: daily entries, their evidence and replies, and leave days

Revision ID: 0005_harian
Revises: 0004_regul
Create Date: 2026-12-03 09:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_harian"
down_revision: str | None = "0004_regul"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("vv", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "cuti_pegawai",
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("keterangan", sa.String(length=200), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_cuti_pegawai_pegawai_id_pegawai")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cuti_pegawai")),
    )
    with op.batch_alter_table("cuti_pegawai", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cuti_pegawai_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            "ix_cuti_pegawai_pegawai_tanggal", ["pegawai_id", "tanggal"], unique=False
        )

    op.create_table(
        "progres_harian",
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("mulai", sa.Integer(), nullable=False),
        sa.Column("selesai", sa.Integer(), nullable=False),
        sa.Column("kegiatan", sa.Text(), nullable=False),
        sa.Column("iki_id", sa.String(length=36), nullable=True),
        sa.Column("rencana_aksi_id", sa.String(length=36), nullable=True),
        sa.Column("realisasi", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column("satuan", sa.String(length=100), nullable=False),
        sa.Column("sumber_data", sa.String(length=300), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "diajukan", "diterima", name="statusharian", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("dicatat", sa.Date(), nullable=False),
        sa.Column("diterima_oleh", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["diterima_oleh"], ["pegawai.id"], name=op.f("fk_progres_harian_diterima_oleh_pegawai")
        ),
        sa.ForeignKeyConstraint(["iki_id"], ["iki.id"], name=op.f("fk_progres_harian_iki_id_iki")),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_progres_harian_pegawai_id_pegawai")
        ),
        sa.ForeignKeyConstraint(
            ["rencana_aksi_id"],
            ["rencana_aksi.id"],
            name=op.f("fk_progres_harian_rencana_aksi_id_rencana_aksi"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progres_harian")),
    )
    with op.batch_alter_table("progres_harian", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progres_harian_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            "ix_progres_harian_pegawai_tanggal", ["pegawai_id", "tanggal"], unique=False
        )

    op.create_table(
        "bukti_harian",
        sa.Column("progres_id", sa.String(length=36), nullable=False),
        sa.Column(
            "jenis",
            sa.Enum("file", "link", name="jenisbukti", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("nama", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["progres_id"],
            ["progres_harian.id"],
            name=op.f("fk_bukti_harian_progres_id_progres_harian"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bukti_harian")),
    )
    with op.batch_alter_table("bukti_harian", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bukti_harian_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index("ix_bukti_harian_progres", ["progres_id"], unique=False)

    op.create_table(
        "tanggapan_harian",
        sa.Column("progres_id", sa.String(length=36), nullable=False),
        sa.Column("penulis_id", sa.String(length=36), nullable=False),
        sa.Column("teks", sa.Text(), nullable=False),
        *_synced_columns(),
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


def downgrade() -> None:
    op.drop_table("tanggapan_harian")
    op.drop_table("bukti_harian")
    op.drop_table("progres_harian")
    op.drop_table("cuti_pegawai")
