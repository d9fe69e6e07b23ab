"""Database access: engine, sessions and unit of work, tracking hooks, migrations."""
