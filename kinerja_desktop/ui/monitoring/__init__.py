"""Monitoring screens."""
