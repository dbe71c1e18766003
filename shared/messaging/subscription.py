"""Wiring an idempotent consumer to a FastStream KafkaRouter subscriber.

Acknowledgement is deliberate: a poll's offsets are committed only after the inbox
transaction of its messages has committed (or a message went to the DLQ). If the process
dies or the DLQ cannot be written, the poll is not acknowledged and its messages come again
(the inbox passes over those already handled).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from faststream import AckPolicy
from faststream._internal.fastapi.get_dependant import mark_faststream_decorated
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.kafka.fastapi import KafkaRouter as FastAPIKafkaRouter

from shared.messaging.consumer import IdempotentConsumer, IncomingMessage
from shared.messaging.consumer_batch import handle_batch

# A dead consumer's partitions move to the group's other members after this long; the embedded
# broker answers a JoinGroup after half of it, so it also bounds how long a start takes.
SESSION_TIMEOUT_MS = 6_000  # Apache Kafka's smallest by default (group.min.session.timeout.ms)
HEARTBEAT_INTERVAL_MS = 1_000
MAX_RECORDS = 100
BATCH_TIMEOUT_MS = 50


async def _raw_body(message: Any) -> bytes:
    body: bytes = message.body
    return body


def subscribe(
    router: Any,
    topic: str,
    *,
    group_id: str,
    consumer: Callable[[], IdempotentConsumer],
    max_poll_interval_ms: int = 300_000,
) -> Any:
    """Register `consumer()` (built after start-up, when the pool exists) for `topic`."""

    async def consume(message: Any) -> None:
        record = message.raw_message
        records = record if isinstance(record, tuple) else (record,)
        await handle_batch(consumer(), [IncomingMessage.from_record(item) for item in records])

    async def on_message(body: Any, message: KafkaMessage) -> None:
        await consume(message)

    if isinstance(router, FastAPIKafkaRouter):
        # A service's FastAPI router would resolve each message's parameters through FastAPI's
        # dependency injection (the message itself in a worker thread); marked as already
        # adapted, the handler is given the message as it is, and the body is never decoded.
        on_message = consume  # type: ignore[assignment]
        mark_faststream_decorated(on_message)
    on_message.__name__ = f"consume_{topic.replace('.', '_')}_{group_id.replace('.', '_')}"
    return router.subscriber(
        topic,
        # Hand the handler the raw bytes: a body that is not JSON must reach the consumer
        # (and so the DLQ), not fail in the framework's decoder and be redelivered forever.
        decoder=_raw_body,
        group_id=group_id,
        auto_offset_reset="earliest",
        # What one poll brings is handled in one inbox transaction, its offsets committed once.
        batch=True,
        max_records=MAX_RECORDS,
        # An idle poll waits this long, and FastStream rests as long again after it: it bounds
        # the delay an event arriving at an idle consumer can meet.
        batch_timeout_ms=BATCH_TIMEOUT_MS,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_poll_interval_ms=max_poll_interval_ms,
        session_timeout_ms=SESSION_TIMEOUT_MS,
        heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS,
        include_in_schema=False,
    )(on_message)


def start_subscribers_together(broker: KafkaBroker) -> None:
    """Start a broker's subscribers at the same time instead of one after another.

    Each subscriber's start waits for its consumer group's first assignment; one after
    another, a service with six subscriptions took six group joins to start.
    """
    if getattr(broker, "_otop_starts_together", False):
        return

    async def start() -> None:
        await broker.connect()
        await asyncio.gather(*(subscriber.start() for subscriber in broker.subscribers))
        for publisher in broker.publishers:
            await publisher.start()
        broker.running = True

    broker.start = start  # type: ignore[method-assign]
    broker._otop_starts_together = True  # type: ignore[attr-defined]
