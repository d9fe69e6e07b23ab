"""Use cases in plain Python: validation, permissions, workflow rules. No Qt here.

Each area has its module. Functions take the ``Database`` and keyword-only arguments,
including the acting user, and return plain frozen dataclasses, never live ORM objects.
"""
