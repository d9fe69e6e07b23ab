"""The first-start wizard and the master data it brings in."""
