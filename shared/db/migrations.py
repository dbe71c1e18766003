"""Numbered plain-SQL migrations per service schema.

Each service keeps `NNNN_name.sql` files; the messaging tables (outbox, inbox) come first
from `shared/db/migrations`. Applied versions are recorded in the schema's
`schema_migrations` table; each file runs in its own transaction, under an advisory lock so
two processes starting at once do not race.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from shared.logging import get_logger

log = get_logger(__name__)

SHARED_MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    source: str
    number: int
    name: str
    sql: str

    @property
    def version(self) -> str:
        return f"{self.source}:{self.number:04d}"

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    pass


def load_migrations(source: str, folder: Path) -> list[Migration]:
    found: list[Migration] = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path} is not named NNNN_name.sql")
        found.append(Migration(source, int(match[1]), match[2], path.read_text("utf-8")))
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"two migrations share a number in {folder}")
    return found


def service_migrations(service_folder: Path) -> list[Migration]:
    return load_migrations("messaging", SHARED_MIGRATIONS) + load_migrations(
        "service", service_folder
    )


async def apply_migrations(
    conn: asyncpg.Connection, schema: str, migrations: list[Migration]
) -> list[str]:
    """Apply what is pending, in order. Returns the versions applied now."""
    applied_now: list[str] = []
    await conn.execute(f"SET search_path TO {_ident(schema)}")
    lock_key = int.from_bytes(hashlib.sha256(f"migrate:{schema}".encode()).digest()[:8], "big")
    lock_key -= 1 << 63 if lock_key >= 1 << 63 else 0
    await conn.execute("SELECT pg_advisory_lock($1)", lock_key)
    try:
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version text PRIMARY KEY,
                   name text NOT NULL,
                   checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        rows = await conn.fetch("SELECT version, checksum FROM schema_migrations")
        done = {r["version"]: r["checksum"] for r in rows}
        for migration in migrations:
            if migration.version in done:
                if done[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.version} ({migration.name}) changed after it "
                        "was applied; add a new migration instead"
                    )
                continue
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    migration.checksum,
                )
            applied_now.append(migration.version)
            log.info("migration applied", schema=schema, version=migration.version)
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", lock_key)
    return applied_now


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise MigrationError(f"not a plain identifier: {name!r}")
    return name
