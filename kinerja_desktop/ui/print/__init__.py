"""Printing forms screens."""
