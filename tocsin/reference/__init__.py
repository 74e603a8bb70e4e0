"""Reference data every layer may use: the canonical country table."""
