"""Provisioning one service's database: its role and schema as the administrator, then its
migrations as the role itself. `otop migrate`, the one-machine stack and the tests all
provision through this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import asyncpg

from shared.db.migrations import apply_migrations, service_migrations
from shared.db.roles import dsn_for_role, provision_service_role


@dataclass(frozen=True)
class ProvisionedService:
    service: str
    dsn: str  # the service's own role on the administrator's host and database
    applied: list[str]  # the migration versions applied now


async def provision_service(
    admin_dsn: str, service: str, migrations: Path, password: str
) -> ProvisionedService:
    """Create (or update) the service's login role and the schema it alone owns, then apply
    its pending migrations (the shared messaging ones and those in `migrations`) as that
    role. Idempotent: running it again resets the password and applies nothing new."""
    admin = await asyncpg.connect(admin_dsn)
    try:
        await provision_service_role(admin, service, password)
    finally:
        await admin.close()
    dsn = dsn_for_role(admin_dsn, service, password)
    conn = await asyncpg.connect(dsn)
    try:
        applied = await apply_migrations(conn, service, service_migrations(migrations))
    finally:
        await conn.close()
    return ProvisionedService(service, dsn, applied)
