"""SKP planning screens."""
