"""Operator tools for `<topic>.dlq`: list what is there, and re-drive it to the topic.

Re-driving commits its progress under its own consumer group, so each dead letter is sent
back once; the consumer's inbox makes a re-sent event that was processed meanwhile a no-op.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from shared.contracts.catalogue import dlq_topic

REDRIVE_GROUP = "otop.dlq-redrive"


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
    )


async def list_dead_letters(
    bootstrap_servers: str, topic: str, limit: int = 100
) -> list[DeadLetter]:
    """Everything on `<topic>.dlq`, oldest first, without moving any consumer group."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    try:
        return [_dead_letter(r) for r in await _read_to_end(consumer, dlq_topic(topic), limit)]
    finally:
        await consumer.stop()


async def _read_to_end(consumer: AIOKafkaConsumer, topic: str, limit: int) -> list[Any]:
    partitions = consumer.partitions_for_topic(topic) or set()
    if not partitions:
        await consumer._client.force_metadata_update()
        partitions = consumer.partitions_for_topic(topic) or set()
    tps = [TopicPartition(topic, p) for p in sorted(partitions)]
    if not tps:
        return []
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    ends = await consumer.end_offsets(tps)
    records: list[Any] = []
    while len(records) < limit:
        remaining = [tp for tp in tps if await consumer.position(tp) < ends[tp]]
        if not remaining:
            break
        batch = await consumer.getmany(*remaining, timeout_ms=1000, max_records=limit)
        for items in batch.values():
            records.extend(items)
    records.sort(key=lambda r: (r.timestamp, r.partition, r.offset))
    return records[:limit]


def _redrive_headers(letter: DeadLetter) -> list[tuple[str, bytes]]:
    headers = [(k, v.encode()) for k, v in letter.headers.items() if not k.startswith("dlq.")]
    headers.append(("dlq.redriven_from_offset", str(letter.offset).encode()))
    return headers


async def redrive(
    bootstrap_servers: str, topic: str, *, event_id: uuid.UUID | None = None, limit: int = 1000
) -> int:
    """Send dead letters back to `topic`. Returns how many were sent.

    Without `event_id`: every dead letter not re-driven before, tracked by a consumer group.
    With `event_id`: just that event's dead letter(s), leaving the others in place.
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=False
    )
    await producer.start()
    try:
        if event_id is not None:
            sent = 0
            for letter in await list_dead_letters(bootstrap_servers, topic, limit=100_000):
                if letter.event_id == str(event_id):
                    await producer.send_and_wait(
                        letter.topic,
                        letter.value,
                        key=_key(letter),
                        headers=_redrive_headers(letter),
                    )
                    sent += 1
            return sent
        return await _redrive_all(bootstrap_servers, topic, producer, limit)
    finally:
        await producer.stop()


def _key(letter: DeadLetter) -> bytes | None:
    return letter.key.encode() if letter.key else None


async def _redrive_all(
    bootstrap_servers: str, topic: str, producer: AIOKafkaProducer, limit: int
) -> int:
    """Read each partition of the DLQ from the group's committed offset to its end offset.

    Partitions are assigned directly (no group join), so nothing depends on a rebalance
    having finished; progress is committed per partition after each batch is re-sent.
    """
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=REDRIVE_GROUP,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    sent = 0
    try:
        await consumer._client.force_metadata_update()
        name = dlq_topic(topic)
        tps = [TopicPartition(name, p) for p in sorted(consumer.partitions_for_topic(name) or ())]
        if not tps:
            return 0
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        for tp in tps:
            committed = await consumer.committed(tp)
            if committed is None:
                await consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)
        while sent < limit:
            remaining = [tp for tp in tps if await consumer.position(tp) < ends[tp]]
            if not remaining:
                break
            batch = await consumer.getmany(
                *remaining, timeout_ms=1000, max_records=min(500, limit - sent)
            )
            for tp, records in batch.items():
                for record in records:
                    letter = _dead_letter(record)
                    await producer.send_and_wait(
                        letter.topic, record.value, key=record.key, headers=_redrive_headers(letter)
                    )
                    sent += 1
                await consumer.commit({tp: records[-1].offset + 1})
    finally:
        await consumer.stop()
    return sent
