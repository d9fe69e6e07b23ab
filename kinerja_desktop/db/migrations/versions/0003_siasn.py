"""SIASN hand-over: the record of handed-over evaluations and the results read back; the
TMT jabatan of a pegawai (from master-data sheets)

Revision ID: 0003_siasn
Revises: 0002_sec_audit
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_siasn"
down_revision: str | None = "0002_sec_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tmt_jabatan", sa.Date(), nullable=True))
    op.create_table(
        "serah_siasn",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("export_id", sa.String(length=36), nullable=False),
        sa.Column("evaluasi_id", sa.String(length=36), nullable=False),
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("periode", sa.String(length=12), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluasi_id"], ["evaluasi.id"], name=op.f("fk_serah_siasn_evaluasi_id_evaluasi")
        ),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_serah_siasn_pegawai_id_pegawai")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_serah_siasn")),
    )
    with op.batch_alter_table("serah_siasn", schema=None) as batch_op:
        batch_op.create_index("ix_serah_siasn_evaluasi", ["evaluasi_id"], unique=False)
        batch_op.create_index("ix_serah_siasn_export", ["export_id"], unique=False)
    op.create_table(
        "riwayat_siasn",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("periode", sa.String(length=12), nullable=False),
        sa.Column("predikat", sa.String(length=32), nullable=False),
        sa.Column("angka_kredit", sa.String(length=16), nullable=False),
        sa.Column("sumber", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_riwayat_siasn_pegawai_id_pegawai")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riwayat_siasn")),
    )
    with op.batch_alter_table("riwayat_siasn", schema=None) as batch_op:
        batch_op.create_index("ix_riwayat_siasn_pegawai", ["pegawai_id", "periode"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("riwayat_siasn", schema=None) as batch_op:
        batch_op.drop_index("ix_riwayat_siasn_pegawai")
    op.drop_table("riwayat_siasn")
    with op.batch_alter_table("serah_siasn", schema=None) as batch_op:
        batch_op.drop_index("ix_serah_siasn_export")
        batch_op.drop_index("ix_serah_siasn_evaluasi")
    op.drop_table("serah_siasn")
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.drop_column("tmt_jabatan")
