"""Shared by every area and importing none: permissions, reference tables, periods, units, NIP, the evidence store, the home-screen item type."""
