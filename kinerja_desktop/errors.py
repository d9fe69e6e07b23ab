"""Domain errors: a translated, human message and the field it concerns.

Services raise these for anything a user can fix; the GUI shows ``message`` next to ``field``
and the CLI prints it. Nothing is written when one is raised inside a unit of work.
"""

from __future__ import annotations


class KinerjaError(Exception):
    """Base of every error a user is meant to read."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(KinerjaError):
    """Input that breaks a rule; ``field`` names the input concerned."""


class ConfirmationRequired(ValidationError):
    """Input that is possible but unusual: the service accepts it only when the caller says
    the user confirmed it (the GUI asks, the CLI needs a flag)."""


class NotFoundError(KinerjaError):
    """A record that the caller named does not exist (or is not visible to them)."""


class PermissionDenied(KinerjaError):
    """The acting user may not do this."""


class WorkflowError(KinerjaError):
    """The action is not allowed in the record's current state."""


class DatabaseError(KinerjaError):
    """The database cannot be used (newer version, damaged file, locked)."""
