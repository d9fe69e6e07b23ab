"""Use cases in plain Python: validation, permissions, workflow rules. No Qt here.

One package per area (``core`` is shared and imports no area); modules starting with ``_``
are private to their area. Functions take the ``Database`` and keyword-only arguments,
including the acting user, and return plain frozen dataclasses, never live ORM objects.
"""
