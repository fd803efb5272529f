"""Storage: SQLAlchemy models, the database connection and Alembic migrations."""
