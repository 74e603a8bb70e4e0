"""Persistence: SQLAlchemy models, migrations, loaders and the audit log."""
