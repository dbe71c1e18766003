"""Writing events to the outbox inside the caller's transaction."""

from __future__ import annotations

from typing import Any

import asyncpg

from shared.errors import InvalidInput
from shared.messaging.envelope import EventEnvelope, envelope_for

__all__ = ["MAX_EVENT_BYTES", "envelope_for", "notify_channel", "write_to_outbox"]

# The rows and the relay's wake-up in one statement (one round trip): the INSERT in a WITH
# runs once whether or not the SELECT reads it. The envelopes travel as the JSON text they
# were serialised to, and PostgreSQL reads each into jsonb.
INSERT_OUTBOX_AND_NOTIFY = """
WITH written AS (
    INSERT INTO outbox
        (event_id, event_type, topic, message_key, envelope, correlation_id, actor_id)
    SELECT e.event_id, e.event_type, e.topic, e.message_key, e.envelope::jsonb,
           e.correlation_id, $7::text
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
        AS e(event_id, event_type, topic, message_key, envelope, correlation_id)
)
SELECT pg_notify($8, '')
"""


# Kafka's default largest message is 1 MiB; an event must fit with room for headers.
MAX_EVENT_BYTES = 900_000


def notify_channel(schema: str) -> str:
    return f"outbox_{schema}"


async def write_to_outbox(
    conn: asyncpg.Connection,
    schema: str,
    items: list[tuple[str, EventEnvelope[Any]]],
    *,
    actor_id: str | None = None,
) -> None:
    """Insert the events and wake the relay with ONE notification for the transaction."""
    if not items:
        return
    texts = [env.model_dump_json() for _, env in items]
    for (_, env), text in zip(items, texts, strict=True):
        size = len(text.encode())
        if size > MAX_EVENT_BYTES:
            # Refused here, so an event the broker would reject never blocks the outbox.
            raise InvalidInput(
                f"the change would publish a {env.event_type} event of {size} bytes; "
                f"events are limited to {MAX_EVENT_BYTES} bytes"
            )
    await conn.execute(
        INSERT_OUTBOX_AND_NOTIFY,
        [env.event_id for _, env in items],
        [env.event_type for _, env in items],
        [topic for topic, _ in items],
        [env.aggregate_id for _, env in items],
        texts,
        [env.correlation_id for _, env in items],
        actor_id,
        notify_channel(schema),
    )
