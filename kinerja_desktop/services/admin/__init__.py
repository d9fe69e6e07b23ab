"""The office, local accounts, backups and the audit log."""
