"""Dialogue and coaching screens."""
