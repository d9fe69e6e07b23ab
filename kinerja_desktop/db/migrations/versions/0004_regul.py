"""Regulatory fidelity (issue 15): who received the filled B.1.8 form; keberatan; non-ASN
penilai

Revision ID: 0004_regul
Revises: 0003_siasn
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_regul"
down_revision: str | None = "0003_siasn"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sesi_coaching", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("b18_diserahkan_kepada_id", sa.String(length=36), nullable=True)
        )
        batch_op.add_column(sa.Column("b18_diserahkan_tanggal", sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_sesi_coaching_b18_diserahkan_kepada_id_pegawai"),
            "pegawai",
            ["b18_diserahkan_kepada_id"],
            ["id"],
        )

    op.create_table(
        "keberatan_evaluasi",
        sa.Column("evaluasi_id", sa.String(length=36), nullable=False),
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("atasan_id", sa.String(length=36), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("bukti", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("diajukan", "diputuskan", name="statuskeberatan", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("keputusan_tanggal", sa.Date(), nullable=True),
        sa.Column("keputusan_alasan", sa.Text(), nullable=False),
        sa.Column("sebelum", sa.JSON(), nullable=False),
        sa.Column("sesudah", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("vv", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["atasan_id"], ["pegawai.id"], name=op.f("fk_keberatan_evaluasi_atasan_id_pegawai")
        ),
        sa.ForeignKeyConstraint(
            ["evaluasi_id"],
            ["evaluasi.id"],
            name=op.f("fk_keberatan_evaluasi_evaluasi_id_evaluasi"),
        ),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_keberatan_evaluasi_pegawai_id_pegawai")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keberatan_evaluasi")),
    )
    with op.batch_alter_table("keberatan_evaluasi", schema=None) as batch_op:
        batch_op.create_index("ix_keberatan_atasan", ["atasan_id"], unique=False)
        batch_op.create_index("ix_keberatan_evaluasi", ["evaluasi_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_keberatan_evaluasi_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "penilai_non_asn",
        sa.Column("pegawai_id", sa.String(length=36), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("jabatan", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("vv", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_penilai_non_asn_pegawai_id_pegawai")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_penilai_non_asn")),
    )
    with op.batch_alter_table("penilai_non_asn", schema=None) as batch_op:
        batch_op.create_index("ix_penilai_non_asn_pegawai", ["pegawai_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_penilai_non_asn_change_seq"), ["change_seq"], unique=False
        )


def downgrade() -> None:
    op.drop_table("penilai_non_asn")
    op.drop_table("keberatan_evaluasi")
    with op.batch_alter_table("sesi_coaching", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_sesi_coaching_b18_diserahkan_kepada_id_pegawai"), type_="foreignkey"
        )
        batch_op.drop_column("b18_diserahkan_tanggal")
        batch_op.drop_column("b18_diserahkan_kepada_id")
