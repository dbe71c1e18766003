"""Every deployable's role, schema and migrations on the stack's PostgreSQL (the four
services and the web front)."""

from __future__ import annotations

from services.topology import DEPLOYABLES
from shared.db.provision import provision_service


async def provision_all(admin_dsn: str, passwords: dict[str, str]) -> dict[str, str]:
    """Provision every deployable (role and schema, then its migrations as the role); return
    each one's own DSN by name."""
    dsns: dict[str, str] = {}
    for spec in DEPLOYABLES:
        provisioned = await provision_service(
            admin_dsn, spec.name, spec.migrations, passwords[spec.name]
        )
        dsns[spec.name] = provisioned.dsn
    return dsns
