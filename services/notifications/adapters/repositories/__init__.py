"""asyncpg repositories of the notifications schema, one per aggregate, each with its SQL
as named query constants."""
