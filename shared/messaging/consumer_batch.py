"""Many messages of one poll in one inbox transaction: one commit (one flush of the log) for
the lot instead of one per event.

The messages run in their order (Kafka keeps each partition's order in a poll). Each gets
what `IdempotentConsumer.handle` gives one: its event id in the inbox, its handler with a
unit of work on the same transaction, its correlation bound for logs and for the outbox
rows the handler writes. The transaction commits only when every handler in it succeeded;
otherwise it rolls back as a whole and each message of the batch goes through `handle` on
its own (its retries, its DLQ), so a failing event never takes its neighbours' work with
it, and the inbox makes a second pass change nothing that did commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from shared.logging import get_logger
from shared.messaging.bus import EventHandler, EventMetadata
from shared.messaging.consumer import (
    RECORD_IN_INBOX,
    IdempotentConsumer,
    IncomingMessage,
    Outcome,
    PermanentError,
)
from shared.messaging.context import bind_event, bind_message
from shared.messaging.envelope import EventEnvelope
from shared.metrics import EVENTS_CONSUMED

log = get_logger(__name__)


@dataclass(frozen=True)
class _Ready:
    message: IncomingMessage
    envelope: EventEnvelope[Any]
    handler: EventHandler


class _Abandon(Exception):
    """A handler of the batch failed: roll the whole transaction back."""


def _bind(item: _Ready) -> None:
    bind_message(item.message)
    bind_event(item.envelope)


async def handle_batch(
    consumer: IdempotentConsumer, messages: Sequence[IncomingMessage]
) -> list[Outcome]:
    """Every message handled exactly as `consumer.handle` would, most in one transaction."""
    if len(messages) == 1:
        return [await consumer.handle(messages[0])]
    ready: list[_Ready] = []
    alone: list[IncomingMessage] = []  # passed over, not envelopes, not for this consumer
    for message in messages:
        if consumer.passes_over(message):
            alone.append(message)
            continue
        try:
            envelope, handler = consumer.parse(message)
        except PermanentError:
            alone.append(message)
            continue
        if envelope is None or handler is None:
            alone.append(message)
        else:
            ready.append(_Ready(message, envelope, handler))
    outcomes = [await consumer.handle(message) for message in alone]
    if not ready:
        return outcomes
    together = await _together(consumer, ready)
    if together is None:
        outcomes += [await consumer.handle(item.message) for item in ready]
        return outcomes
    for item, outcome in zip(ready, together, strict=True):
        _bind(item)
        EVENTS_CONSUMED.labels(consumer.name, outcome).inc()
        if outcome is Outcome.PROCESSED:
            log.info("event processed")
        else:
            log.info("duplicate event ignored")
    structlog.contextvars.clear_contextvars()
    if Outcome.PROCESSED in together:
        consumer.processed()
    return outcomes + together


async def _together(consumer: IdempotentConsumer, ready: list[_Ready]) -> list[Outcome] | None:
    """The outcomes once all of `ready` committed in one transaction; None when it did not
    (nothing of it committed, or whether it did is unknown: the inbox settles that)."""
    outcomes: list[Outcome] = []
    try:
        async with consumer.pool.acquire() as conn, conn.transaction():
            for item in ready:
                _bind(item)
                inserted = await conn.execute(
                    RECORD_IN_INBOX,
                    consumer.name,
                    item.envelope.event_id,
                    item.envelope.event_type,
                    item.message.topic,
                )
                if inserted.endswith(" 0"):
                    outcomes.append(Outcome.DUPLICATE)
                    continue
                metadata = EventMetadata.of(item.envelope, item.message.topic)
                try:
                    await item.handler(item.envelope.data, metadata, consumer.unit_of_work(conn))
                except Exception as exc:
                    raise _Abandon from exc
                outcomes.append(Outcome.PROCESSED)
    except Exception as exc:
        cause = exc.__cause__ if isinstance(exc, _Abandon) else exc
        log.info(
            "batch handled one event at a time",
            events=len(ready),
            reason=f"{type(cause).__name__}: {cause}"[:300],
        )
        return None
    finally:
        structlog.contextvars.clear_contextvars()
    return outcomes
