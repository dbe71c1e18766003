"""Session-wide real servers; every test that needs them gets its own database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import asyncpg
import pytest

from shared.db.provision import provision_service
from shared.db.roles import dsn_for_role
from shared.messaging.topics import all_topic_names, ensure_topics
from tests.backlogs import skip_backlogs
from tests.infrastructure import Servers, real_servers

ROLE_PASSWORD = "test-role-password"
ADMIN_TOKEN = "test-admin-token-0123456789"
# Every topic the tests create has this many partitions, and so does every service process
# they start: a service refuses to publish to a topic of another count.
TEST_PARTITIONS = 3
os.environ.setdefault("KAFKA_TOPIC_PARTITIONS", str(TEST_PARTITIONS))


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    with real_servers() as found:
        yield found


@pytest.fixture(scope="session")
async def session_topics(servers: Servers) -> list[str]:
    names = all_topic_names()
    await ensure_topics(servers.bootstrap_servers, names, partitions=TEST_PARTITIONS)
    return names


@pytest.fixture
async def topics(servers: Servers, session_topics: list[str]) -> list[str]:
    """The platform's topics, with every consumer group where a fresh deployment's would be:
    after what earlier tests published."""
    await skip_backlogs(servers.bootstrap_servers)
    return session_topics


@dataclass(frozen=True)
class Database:
    name: str
    admin_dsn: str

    def role_dsn(self, role: str) -> str:
        return dsn_for_role(self.admin_dsn, role, ROLE_PASSWORD)


def _with_database(dsn: str, name: str) -> str:
    base, _, _ = dsn.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture
async def database(servers: Servers) -> AsyncIterator[Database]:
    """A fresh database, dropped after the test: isolation without touching other tests."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    yield Database(name, _with_database(servers.admin_dsn, name))
    admin = await asyncpg.connect(servers.admin_dsn)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


async def provision(database: Database, service: str, migrations_folder) -> str:  # type: ignore[no-untyped-def]
    """Create the service's role and schema as the admin, migrate as the role; return its DSN."""
    provisioned = await provision_service(
        database.admin_dsn, service, migrations_folder, ROLE_PASSWORD
    )
    return provisioned.dsn


async def eventually(check, timeout: float = 15.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll `check` (async, returns a truthy value when done) until it succeeds or time runs out."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(interval)
