"""The demo regency: reproducible demo data for a whole year."""
