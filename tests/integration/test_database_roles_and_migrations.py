"""Migrations build each service's schema; each service's role can use only its own schema."""

from __future__ import annotations

import asyncpg
import pytest

from services.topology import SERVICES
from shared.db.migrations import Migration, MigrationError, apply_migrations, service_migrations
from shared.db.roles import provision_service_role
from tests.conftest import ROLE_PASSWORD, Database, provision


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
async def test_migrations_build_the_service_schema_and_apply_once(database: Database, spec):
    dsn = await provision(database, spec.name, spec.migrations)
    conn = await asyncpg.connect(dsn)
    try:
        tables = {
            r["table_name"]
            for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
                spec.name,
            )
        }
        assert {"outbox", "inbox", "schema_migrations"} <= tables
        applied = await conn.fetchval("SELECT count(*) FROM schema_migrations")
        assert applied == len(service_migrations(spec.migrations))
        assert await apply_migrations(conn, spec.name, service_migrations(spec.migrations)) == []
    finally:
        await conn.close()


async def test_registry_schema_has_its_tables(database: Database):
    spec = SERVICES[0]
    conn = await asyncpg.connect(await provision(database, spec.name, spec.migrations))
    try:
        tables = {
            r[0]
            for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'registry'"
            )
        }
    finally:
        await conn.close()
    assert {"members", "products", "product_ratings", "role_assignments"} <= tables


async def test_a_migration_edited_after_it_was_applied_is_refused(database: Database):
    spec = SERVICES[0]
    conn = await asyncpg.connect(await provision(database, spec.name, spec.migrations))
    try:
        migrations = service_migrations(spec.migrations)
        edited = Migration(
            migrations[-1].source,
            migrations[-1].number,
            migrations[-1].name,
            migrations[-1].sql + "\n-- edited",
        )
        with pytest.raises(MigrationError, match="changed after it was applied"):
            await apply_migrations(conn, spec.name, [*migrations[:-1], edited])
    finally:
        await conn.close()


async def test_registry_role_cannot_read_another_services_tables(database: Database):
    registry_dsn = await provision(database, "registry", SERVICES[0].migrations)
    admin = await asyncpg.connect(database.admin_dsn)
    try:
        await provision_service_role(admin, "sales", ROLE_PASSWORD)
        await admin.execute("CREATE TABLE sales.sales (sale_id uuid PRIMARY KEY, total bigint)")
        await admin.execute("ALTER TABLE sales.sales OWNER TO sales")
    finally:
        await admin.close()
    conn = await asyncpg.connect(registry_dsn)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.fetch("SELECT * FROM sales.sales")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE sales.sneaky (id int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE public.sneaky (id int)")
        assert await conn.fetchval("SELECT count(*) FROM registry.members") == 0
    finally:
        await conn.close()
    sales = await asyncpg.connect(database.role_dsn("sales"))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await sales.fetch("SELECT * FROM registry.members")
    finally:
        await sales.close()


async def test_provisioning_twice_keeps_the_schema_and_its_data(database: Database):
    dsn = await provision(database, "registry", SERVICES[0].migrations)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE TABLE keepsake (id int)")
        await conn.execute("INSERT INTO keepsake VALUES (1)")
    finally:
        await conn.close()
    admin = await asyncpg.connect(database.admin_dsn)
    try:
        await provision_service_role(admin, "registry", ROLE_PASSWORD)
    finally:
        await admin.close()
    conn = await asyncpg.connect(dsn)
    try:
        assert await conn.fetchval("SELECT count(*) FROM keepsake") == 1
    finally:
        await conn.close()
