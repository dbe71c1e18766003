"""The relay's limit: plain aiokafka produce-then-consume latency on the same broker."""

from __future__ import annotations

import asyncio
import contextlib
import time

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.schedule import open_loop

TOPIC = "bench.raw-latency.v1"


async def _ensure_topic(bootstrap: str, partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        if TOPIC not in await admin.list_topics():
            await admin.create_topics([NewTopic(TOPIC, partitions, 1)])
    finally:
        await admin.close()


async def produce_to_consume(bootstrap: str, rate: float, seconds: float) -> list[float]:
    """Messages sent at `rate`/s (acks=all, as the relay publishes); for each, the seconds
    from the send to the consumer reading it."""
    await _ensure_topic(bootstrap, 3)
    await asyncio.sleep(1)
    consumer = AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="latest",
        fetch_max_wait_ms=5,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
    await consumer.start()
    await consumer.seek_to_end()
    await producer.start()
    sent: dict[bytes, float] = {}
    seen: dict[bytes, float] = {}

    async def read() -> None:
        while True:
            batch = await consumer.getmany(timeout_ms=50)
            now = time.perf_counter()
            for records in batch.values():
                for record in records:
                    seen.setdefault(record.value or b"", now)

    reader = asyncio.create_task(read())
    try:

        async def send(i: int) -> bool:
            value = str(i).encode()
            sent[value] = time.perf_counter()
            await producer.send(TOPIC, value, key=value)
            return True

        await open_loop(rate, seconds, send)
        await producer.flush()
        deadline = time.perf_counter() + 10
        while len(seen) < len(sent) and time.perf_counter() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
        await producer.stop()
        await consumer.stop()
    return [seen[k] - t for k, t in sent.items() if k in seen]
