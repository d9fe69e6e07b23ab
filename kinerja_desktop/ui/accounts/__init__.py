"""Account management and backups panels (shown in the settings screen)."""
