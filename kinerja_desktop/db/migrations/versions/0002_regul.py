"""Regulatory fidelity (issue 15): who received the filled B.1.8 form

Revision ID: 0002_regul
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_regul"
down_revision: str | None = "0001"
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


def downgrade() -> None:
    with op.batch_alter_table("sesi_coaching", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_sesi_coaching_b18_diserahkan_kepada_id_pegawai"), type_="foreignkey"
        )
        batch_op.drop_column("b18_diserahkan_tanggal")
        batch_op.drop_column("b18_diserahkan_kepada_id")
