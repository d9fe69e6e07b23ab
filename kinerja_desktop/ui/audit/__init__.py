"""Audit log screens."""
