"""Alembic environment, run from the package (no alembic.ini).

The caller passes an open connection in ``config.attributes["connection"]`` whose
transaction it owns (see ``kinerja_desktop.db.migrate``), so the whole upgrade is one
transaction together with the foreign key check.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

import kinerja_desktop.models  # noqa: F401  (registers every table on the metadata)
from kinerja_desktop.models.base import Base, UTCDateTime


def _render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    """Render the project's column types as plain SQLAlchemy ones in migration scripts."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=_render_item,
)
with context.begin_transaction():
    context.run_migrations()
