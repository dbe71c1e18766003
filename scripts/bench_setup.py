"""What every benchmark script shares: the admin token, percentiles, a fresh database with
one service's role and schema."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg

from shared.db.migrations import apply_migrations, service_migrations
from shared.db.roles import dsn_for_role, provision_service_role

TOKEN = "benchmark-admin-token-0123456789"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def prepare(admin_dsn: str, service: str, migrations: Path) -> str:
    """A new database with `service`'s role and migrated schema; returns the role's DSN."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f"CREATE DATABASE {name}")
    await admin.close()
    dsn = f"{admin_dsn.rpartition('/')[0]}/{name}"
    admin = await asyncpg.connect(dsn)
    await provision_service_role(admin, service, "bench-password")
    await admin.close()
    role_dsn = dsn_for_role(dsn, service, "bench-password")
    conn = await asyncpg.connect(role_dsn)
    await apply_migrations(conn, service, service_migrations(migrations))
    await conn.close()
    return role_dsn
