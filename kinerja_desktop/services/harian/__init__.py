"""Progres Harian: the daily work log (entries, working-day calendar, team view, roll-up,
export and import). Qt-free; the GUI and the CLI call these modules."""
