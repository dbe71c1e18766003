"""Giving a broker that started (or came back) empty its topics and the recent history:
every topic is created, and every service's retained outbox rows are queued for its relay to
publish again (consumers discard what they have already processed)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from devstack.stack.output import say
from services.topology import SERVICES
from shared.db.pool import connect
from shared.messaging.relay import mark_for_republish
from shared.messaging.topics import all_topic_names, ensure_topics

# Every retained outbox row, whenever it was written.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


async def create_topics(bootstrap: str) -> list[str]:
    """Every topic of the catalogue and its .dlq; returns the ones created now."""
    partitions = int(os.environ.get("KAFKA_TOPIC_PARTITIONS", "6"))
    return await ensure_topics(bootstrap, all_topic_names(), partitions=partitions)


async def republish_retained_outboxes(admin_dsn: str) -> dict[str, int]:
    """Queue every service's retained, already published outbox rows for its relay to send
    again. Returns how many rows each service queued."""
    queued: dict[str, int] = {}
    for spec in SERVICES:
        conn = await connect(admin_dsn, schema=spec.name)
        try:
            queued[spec.name] = await mark_for_republish(conn, spec.name, _BEGINNING)
        finally:
            await conn.close()
    return queued


async def republish_retained(admin_dsn: str, reason: str) -> None:
    """Republish every retained outbox row and say how many each service queued."""
    queued = await republish_retained_outboxes(admin_dsn)
    if not any(queued.values()):
        say(f"{reason}; no retained outbox rows to republish")
        return
    counts = ", ".join(f"{name} {count}" for name, count in queued.items())
    say(f"{reason}; retained outbox rows queued for republishing: {counts}")


async def refill_empty_broker(bootstrap: str, admin_dsn: str) -> None:
    """After the embedded broker came back empty: its topics, then the recent history."""
    created = await create_topics(bootstrap)
    say(f"{len(created)} topic(s) created again on the embedded broker")
    await republish_retained(admin_dsn, "the embedded broker came back empty")
