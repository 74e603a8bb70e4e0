"""Data sources: the dataset registry, download or mirror copy, checksum verification,
and readers that validate each file's layout."""
