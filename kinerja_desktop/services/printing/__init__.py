"""Printing the official forms: requests, bulk loading, rendering, verification codes."""
