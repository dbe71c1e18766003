"""Operator tools for `<topic>.dlq`: list, show, re-drive and discard dead letters.

Handled letters. Kafka cannot delete one record, and the embedded broker supports neither
DeleteRecords nor metadata on committed offsets, so a dead letter that was re-driven or
discarded is recorded as *handled* by a marker on the compacted topic `otop.dlq-handled`
(key `<dlq topic>/<partition>/<offset>`, value: what was done, when, why). Listing, depth
and re-driving leave handled letters out; the letters stay on `<topic>.dlq` until the
broker's retention removes them, so what happened can still be read. This works the same on
Apache Kafka and on the embedded broker.

Reading to the end does not trust the broker's end offsets (`shared.messaging.reading`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.contracts.catalogue import dlq_topic
from shared.logging import get_logger
from shared.messaging.dead_letter_markers import (
    HANDLED_TOPIC,
    Handling,
    ensure_handled_topic,
    handled_markers,
    marker,
)
from shared.messaging.reading import (
    cluster_partitions,
    read_to_end,
    reading_consumer,
    topic_partitions,
)

log = get_logger(__name__)


@dataclass(frozen=True)
class DeadLetter:
    topic: str
    partition: int
    offset: int
    key: str | None
    event_id: str | None
    event_type: str | None
    error: str
    consumer: str | None
    failed_at: str | None
    value: bytes
    headers: dict[str, str]
    dlq: str = ""
    timestamp_ms: int | None = None
    handled: Handling | None = None

    @property
    def marker_key(self) -> str:
        return f"{self.dlq}/{self.partition}/{self.offset}"

    @property
    def origin(self) -> tuple[str, ...]:
        """The message this letter is a copy of: each consumer group that failed on one
        message wrote a letter of its own, and they share this."""
        partition = self.headers.get("dlq.original_partition")
        offset = self.headers.get("dlq.original_offset")
        if partition is not None and offset is not None:
            return (self.topic, partition, offset)
        if self.event_id:
            return (self.topic, "event", self.event_id)
        return (self.dlq, str(self.partition), str(self.offset))


def with_siblings(chosen: Iterable[DeadLetter], pending: Iterable[DeadLetter]) -> list[DeadLetter]:
    """The chosen letters and the pending ones of the same messages (other groups' copies),
    in the order of `pending`: re-driving a message reaches every group of its topic."""
    origins = {letter.origin for letter in chosen}
    return [letter for letter in pending if letter.origin in origins]


def _dead_letter(record: Any) -> DeadLetter:
    headers = {k: v.decode("utf-8", "replace") for k, v in (record.headers or ())}
    return DeadLetter(
        topic=headers.get("dlq.original_topic", record.topic.removesuffix(".dlq")),
        partition=record.partition,
        offset=record.offset,
        key=record.key.decode("utf-8", "replace") if record.key else None,
        event_id=headers.get("event_id"),
        event_type=headers.get("event_type"),
        error=headers.get("dlq.error", ""),
        consumer=headers.get("dlq.consumer"),
        failed_at=headers.get("dlq.failed_at"),
        value=record.value or b"",
        headers=headers,
        dlq=record.topic,
        timestamp_ms=record.timestamp,
    )


# -- listing ---------------------------------------------------------------------------


async def read_dead_letters(
    bootstrap_servers: str, topic: str, *, include_handled: bool = False
) -> list[DeadLetter]:
    """Every dead letter of `topic` (oldest first), each with its handling if any."""
    name = dlq_topic(topic)
    async with reading_consumer(bootstrap_servers) as consumer:
        tps = await topic_partitions(consumer, name)
        records = [r async for r in read_to_end(consumer, tps)]
        markers = await handled_markers(consumer, [name]) if records else {}
    records.sort(key=lambda r: (r.timestamp, r.partition, r.offset))
    letters = []
    for record in records:
        letter = _dead_letter(record)
        handled = markers.get(letter.marker_key)
        if handled is None or include_handled:
            letters.append(replace(letter, handled=handled))
    return letters


async def list_dead_letters(
    bootstrap_servers: str, topic: str, limit: int = 100, *, include_handled: bool = False
) -> list[DeadLetter]:
    """Dead letters of `topic` not re-driven or discarded yet, oldest first."""
    letters = await read_dead_letters(bootstrap_servers, topic, include_handled=include_handled)
    return letters[:limit]


async def dead_letter_depths(bootstrap_servers: str, topics: Iterable[str]) -> dict[str, int]:
    """For each topic, how many of its dead letters are neither re-driven nor discarded."""
    names = {dlq_topic(t): t for t in topics}
    depths = dict.fromkeys(names.values(), 0)
    async with reading_consumer(bootstrap_servers) as consumer:
        cluster = await cluster_partitions(consumer)
        tps = [tp for name in names for tp in cluster.get(name, [])]
        keys = [
            (r.topic, f"{r.topic}/{r.partition}/{r.offset}")
            async for r in read_to_end(consumer, tps)
        ]
        markers = await handled_markers(consumer, names) if keys else {}
    for dlq, key in keys:
        if key not in markers:
            depths[names[dlq]] += 1
    return depths


# -- re-driving and discarding ---------------------------------------------------------


def _redrive_headers(letter: DeadLetter) -> list[tuple[str, bytes]]:
    headers = [(k, v.encode()) for k, v in letter.headers.items() if not k.startswith("dlq.")]
    headers.append(("dlq.redriven_from_offset", str(letter.offset).encode()))
    return headers


def _key(letter: DeadLetter) -> bytes | None:
    return letter.key.encode() if letter.key else None


@asynccontextmanager
async def _producer(bootstrap_servers: str) -> AsyncIterator[AIOKafkaProducer]:
    await ensure_handled_topic(bootstrap_servers)
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=False
    )
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def redrive_letters(
    bootstrap_servers: str,
    letters: Iterable[DeadLetter],
    *,
    on_each: Callable[[DeadLetter], None] | None = None,
) -> int:
    """Send each message back to its topic once, in the order given (letters of several
    groups for one message share one send), then mark its letters re-driven. Returns how
    many messages were sent.

    A crash between the two sends a message once more next time; consumers ignore what they
    already processed.
    """
    sent: set[tuple[str, ...]] = set()
    async with _producer(bootstrap_servers) as producer:
        for letter in letters:
            if letter.handled is not None:
                continue
            if letter.origin not in sent:
                await producer.send_and_wait(
                    letter.topic, letter.value, key=_key(letter), headers=_redrive_headers(letter)
                )
                sent.add(letter.origin)
            await producer.send_and_wait(
                HANDLED_TOPIC,
                marker(letter, "redriven", None),
                key=letter.marker_key.encode(),
            )
            if on_each is not None:
                on_each(letter)
    return len(sent)


async def discard_letters(
    bootstrap_servers: str,
    letters: Iterable[DeadLetter],
    *,
    reason: str | None = None,
    on_each: Callable[[DeadLetter], None] | None = None,
) -> int:
    """Mark letters as handled without sending them anywhere."""
    discarded = 0
    async with _producer(bootstrap_servers) as producer:
        for letter in letters:
            if letter.handled is not None:
                continue
            await producer.send_and_wait(
                HANDLED_TOPIC,
                marker(letter, "discarded", reason),
                key=letter.marker_key.encode(),
            )
            discarded += 1
            if on_each is not None:
                on_each(letter)
    return discarded


async def redrive(
    bootstrap_servers: str, topic: str, *, event_id: uuid.UUID | None = None, limit: int = 1000
) -> int:
    """Send dead letters back to `topic`, each once. Returns how many were sent.

    Without `event_id`: every message with letters not handled before (up to `limit`
    letters, oldest first). With `event_id`: just that event, leaving the others in place.
    """
    pending = await read_dead_letters(bootstrap_servers, topic)
    chosen = pending if event_id is None else [x for x in pending if x.event_id == str(event_id)]
    return await redrive_letters(bootstrap_servers, with_siblings(chosen[:limit], pending))
