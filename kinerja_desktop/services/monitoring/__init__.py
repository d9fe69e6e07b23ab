"""Monitoring through the year: periods, the period sheet, entries, feedback, the board."""
