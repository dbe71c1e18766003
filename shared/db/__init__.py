"""Postgres: the connection pool, per-service roles and numbered plain-SQL migrations."""
