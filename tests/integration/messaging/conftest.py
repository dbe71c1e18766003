from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from faststream.kafka import KafkaBroker

from services.topology import REGISTRY
from shared.db.pool import create_pool
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.topics import ensure_topics
from tests.conftest import Database, provision
from tests.infrastructure import Servers

MIGRATIONS = REGISTRY.migrations


@pytest.fixture
async def service_dsn(database: Database) -> str:
    """A service schema (the registry's) with the messaging tables, as its own role."""
    return await provision(database, "registry", MIGRATIONS)


@pytest.fixture
async def pool(service_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(service_dsn, schema="registry", min_size=1, max_size=5)
    yield created
    await created.close()


@pytest.fixture
async def broker(servers: Servers) -> AsyncIterator[KafkaBroker]:
    kafka = KafkaBroker(
        servers.bootstrap_servers, acks="all", enable_idempotence=False, logger=None
    )
    await kafka.start()
    yield kafka
    await kafka.stop()


@pytest.fixture
async def seen_table(pool: asyncpg.Pool) -> None:
    """The table the tests' handlers record each event in."""
    async with pool.acquire() as conn:
        await conn.execute("CREATE TABLE seen (event_id uuid, member_id uuid)")


@pytest.fixture
def publisher(broker: KafkaBroker) -> KafkaMessagePublisher:
    return KafkaMessagePublisher(broker)


@pytest.fixture
async def scratch_topic(servers: Servers) -> str:
    """A topic (and its .dlq) of this test alone."""
    name = f"it.{uuid.uuid4().hex[:12]}.v1"
    await ensure_topics(servers.bootstrap_servers, [name, f"{name}.dlq"], partitions=3)
    return name
