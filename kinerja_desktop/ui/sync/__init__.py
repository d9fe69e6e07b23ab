"""Sync bundles screens."""
