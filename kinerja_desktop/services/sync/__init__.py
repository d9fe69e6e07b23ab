"""Sync bundles as use cases: enrolment, export, import, conflicts, history."""
