"""SKP planning: creating, editing, the workflow, the cascade, the JSON form."""
