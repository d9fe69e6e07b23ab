"""People: units tree, people list with filter, detail and editing."""
