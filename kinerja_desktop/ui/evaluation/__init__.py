"""Evaluation screens."""
