"""The audit log's hash chain: prev_hash and row_hash, filled for the rows already there

Revision ID: 0002_sec_audit
Revises: 0001
Create Date: 2026-12-03 09:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kinerja_desktop.db.audit_chain import COLUMNS, GENESIS, iter_rows, row_hash

revision: str = "0002_sec_audit"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    driver = op.get_bind().connection.driver_connection
    assert driver is not None
    previous = GENESIS
    updates = []
    for row in iter_rows(driver.execute):
        current = row_hash(dict(zip(COLUMNS, row[: len(COLUMNS)], strict=True)), previous)
        updates.append((previous, current, row[0]))
        previous = current
    driver.executemany("UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?", updates)


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
