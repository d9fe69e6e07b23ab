"""Settings: language and office-wide choices."""
