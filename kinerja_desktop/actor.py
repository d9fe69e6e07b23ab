"""The acting user that every service call carries, so permission checks live in services.

Kept free of the database layer so that the window can appear before SQLAlchemy loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """Roles held by an account; pejabat penilai follows from the data, not from a role."""

    PEGAWAI = "pegawai"
    PENGELOLA = "pengelola"
    HUB_OPERATOR = "hub_operator"


@dataclass(frozen=True)
class Actor:
    """Who is acting: the account, the pegawai it belongs to, and the roles it holds.

    Being someone's pejabat penilai is not a role: it follows from the data
    (``Pegawai.penilai_id``) and services check it per record.
    """

    user_id: str | None
    pegawai_id: str | None
    name: str
    roles: frozenset[Role] = field(default_factory=frozenset)

    @property
    def is_pengelola(self) -> bool:
        return Role.PENGELOLA in self.roles

    @property
    def is_hub_operator(self) -> bool:
        return Role.HUB_OPERATOR in self.roles

    @property
    def is_system(self) -> bool:
        return self.user_id is None and self.pegawai_id is None


SYSTEM = Actor(
    user_id=None,
    pegawai_id=None,
    name="system",
    roles=frozenset({Role.PENGELOLA, Role.HUB_OPERATOR}),
)
"""The program itself (migrations, demo data, the administrator's CLI before accounts exist)."""
