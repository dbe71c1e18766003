"""Read a topic from its beginning without a consumer group, as an outside subscriber does.

The end is not taken from the broker's high watermark (the embedded broker can report one
below the last readable offset): reading goes on until `enough` says so or nothing new has
arrived for a while."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]


async def read_topic(
    bootstrap_servers: str,
    topic: str,
    enough: Callable[[list[Record]], bool] = lambda _: False,
    quiet: float = 3.0,
    timeout: float = 60.0,
) -> list[Record]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    records: list[Record] = []
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        if not partitions:
            await consumer._client.force_metadata_update()  # a topic created a moment ago
            partitions = consumer.partitions_for_topic(topic) or set()
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not assigned:
            return records
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        last_new = loop.time()
        while loop.time() < deadline and loop.time() - last_new < quiet:
            batch = await consumer.getmany(timeout_ms=300, max_records=5000)
            for messages in batch.values():
                for m in messages:
                    records.append(
                        Record(
                            m.topic,
                            m.partition,
                            m.offset,
                            m.key,
                            m.value or b"",
                            {k: v.decode("utf-8", "replace") for k, v in (m.headers or ())},
                        )
                    )
                    last_new = loop.time()
            if enough(records):
                break
    finally:
        await consumer.stop()
    return records


async def partition_counts(bootstrap_servers: str, topics: list[str]) -> dict[str, int]:
    """How many partitions the broker has for each topic (0: the topic does not exist)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    counts = dict.fromkeys(topics, 0)
    for topic in described:
        name = topic["topic"] if isinstance(topic, dict) else topic[1]
        parts = topic["partitions"] if isinstance(topic, dict) else topic[3]
        error = topic["error_code"] if isinstance(topic, dict) else topic[0]
        if error == 0:
            counts[name] = len(parts)
    return counts


async def committed_offsets(bootstrap_servers: str, group: str) -> dict[tuple[str, int], int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items()}
