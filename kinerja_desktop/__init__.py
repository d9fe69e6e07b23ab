"""Kinerja Desktop: offline performance management for Indonesian civil servants."""

__version__ = "0.1.0"
