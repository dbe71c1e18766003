"""Each service connects as its own Postgres role that can use only its own schema."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

from shared.logging import get_logger

log = get_logger(__name__)


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


async def provision_service_role(conn: asyncpg.Connection, service: str, password: str) -> None:
    """Create (or update) the service's login role and the schema it alone owns.

    Runs as an administrator. Idempotent: running it again only resets the password.
    """
    role = _ident(service)
    database = await conn.fetchval("SELECT current_database()")
    exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
    # Passwords cannot be bind parameters in DDL; quote_literal makes them safe.
    quoted = await conn.fetchval("SELECT quote_literal($1)", password)
    if exists:
        await conn.execute(f"ALTER ROLE {role} WITH LOGIN NOINHERIT PASSWORD {quoted}")
    else:
        await conn.execute(
            f"CREATE ROLE {role} WITH LOGIN NOINHERIT NOCREATEDB NOCREATEROLE PASSWORD {quoted}"
        )
    await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {role} AUTHORIZATION {role}")
    await conn.execute(f"ALTER SCHEMA {role} OWNER TO {role}")
    await conn.execute(f"REVOKE ALL ON SCHEMA {role} FROM PUBLIC")
    await conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    await conn.execute(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC')
    await conn.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {role}')
    await conn.execute(f"ALTER ROLE {role} SET search_path = {role}")
    log.info("service role provisioned", role=role, database=database)


def dsn_for_role(admin_dsn: str, role: str, password: str) -> str:
    """The admin DSN's host, port and database with the service role's credentials."""
    parts = urlsplit(admin_dsn)
    host = parts.hostname or "localhost"
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(role, safe='')}:{quote(password, safe='')}@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
