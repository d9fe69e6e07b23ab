"""The Harian area: the daily work log (day, week, the team month grid)."""
