"""Operator commands against the real broker and PostgreSQL: shared set-up."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterable

import asyncpg
import pytest
from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker

from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.topics import ensure_topics
from tests.infrastructure import Servers


@pytest.fixture
async def scratch_topic(servers: Servers) -> str:
    """A topic (and its .dlq) of this test alone, with three partitions."""
    name = f"ops.{uuid.uuid4().hex[:12]}.v1"
    await ensure_topics(servers.bootstrap_servers, [name, f"{name}.dlq"], partitions=3)
    return name


def envelope(key: str, number: int, event_type: str = "member.status_changed") -> dict:
    return {
        "event_id": str(uuid.uuid4()),
        "event_type": event_type,
        "event_version": 1,
        "occurred_at": "2026-11-21T09:30:00+07:00",
        "producer": "registry",
        "aggregate_id": key,
        "correlation_id": str(uuid.uuid4()),
        "causation_id": None,
        "data": {"number": number, "note": "สินค้าโอทอปห้าดาว"},
    }


async def publish_batched(
    bootstrap_servers: str,
    topic: str,
    envelopes: Iterable[dict],
    headers: Iterable[list[tuple[str, bytes]]] | None = None,
) -> None:
    """Send without waiting between messages, so the producer packs them in batches (the
    embedded broker's reported end offset then lags behind the last record)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=False, linger_ms=20
    )
    await producer.start()
    try:
        items = list(envelopes)
        all_headers = list(headers) if headers is not None else [[] for _ in items]
        futures = [
            await producer.send(
                topic,
                json.dumps(item, ensure_ascii=False).encode(),
                key=item["aggregate_id"].encode(),
                headers=extra,
            )
            for item, extra in zip(items, all_headers, strict=True)
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


@pytest.fixture
async def publisher(servers: Servers) -> AsyncIterator[KafkaMessagePublisher]:
    kafka = KafkaBroker(
        servers.bootstrap_servers, acks="all", enable_idempotence=False, logger=None
    )
    await kafka.start()
    yield KafkaMessagePublisher(kafka)
    await kafka.stop()


async def store_outbox_rows(conn: asyncpg.Connection, topic: str, key: str, count: int) -> None:
    """Rows as a service's outbox holds them (pending), for the topic given."""
    for number in range(count):
        item = envelope(key, number)
        await conn.execute(
            """INSERT INTO outbox (event_id, event_type, topic, message_key, envelope,
                                   correlation_id)
               VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)""",
            uuid.UUID(item["event_id"]),
            item["event_type"],
            topic,
            key,
            json.dumps(item, ensure_ascii=False),
            uuid.UUID(item["correlation_id"]),
        )
