"""Reading a topic to its real end, not to the end a broker reports.

The embedded broker can answer a high watermark below the last readable offset, so reading
goes on until the reported end is passed AND a poll stays empty for a quiet period; on a
busy topic it stops at the first record written after reading began.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.logging import get_logger

log = get_logger(__name__)

# How long a poll must stay empty, past the reported end, before the end counts as reached.
QUIET_SECONDS = 0.5
# Reading gives up when nothing arrives this long although the reported end is not reached.
STALL_SECONDS = 10.0


@asynccontextmanager
async def reading_consumer(bootstrap_servers: str) -> AsyncIterator[AIOKafkaConsumer]:
    """A consumer outside any group, for reading partitions it assigns itself."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    try:
        await consumer.start()
    except BaseException:
        await consumer.stop()
        raise
    try:
        yield consumer
    finally:
        await consumer.stop()


async def cluster_partitions(consumer: AIOKafkaConsumer) -> dict[str, list[TopicPartition]]:
    """Every topic of the cluster and its partitions, asked afresh (a consumer's own metadata
    covers only the topics it is assigned)."""
    cluster = await consumer._client.fetch_all_metadata()
    return {
        topic: [TopicPartition(topic, p) for p in sorted(cluster.partitions_for_topic(topic) or ())]
        for topic in cluster.topics()
    }


async def topic_partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    return (await cluster_partitions(consumer)).get(topic, [])


async def read_to_end(
    consumer: AIOKafkaConsumer,
    tps: list[TopicPartition],
    *,
    start: dict[TopicPartition, int] | None = None,
    quiet_seconds: float = QUIET_SECONDS,
    stall_seconds: float = STALL_SECONDS,
) -> AsyncIterator[Any]:
    """Yield every record of `tps` from `start` (default: the beginning) to the real end.

    A partition is done when it has reached max(reported end offset, last seen offset + 1)
    and a poll then returns nothing for `quiet_seconds`, or when a record past its reported
    end was written after reading began (the end as it was is passed: a busy topic does not
    keep the reading going forever).
    """
    if not tps:
        return
    began_ms = int(time.time() * 1000)
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    for tp, offset in (start or {}).items():
        if tp in tps and offset >= 0:
            consumer.seek(tp, offset)
    reported = dict(await consumer.end_offsets(tps))
    ends = dict(reported)
    done: set[TopicPartition] = set()
    loop = asyncio.get_running_loop()
    last_arrival = loop.time()
    while True:
        active = [tp for tp in tps if tp not in done]
        if not active:
            return
        batch = await consumer.getmany(*active, timeout_ms=int(quiet_seconds * 1000))
        if batch:
            last_arrival = loop.time()
            for tp, records in batch.items():
                if tp in done:
                    continue
                for record in records:
                    if record.offset >= reported[tp] and record.timestamp >= began_ms:
                        done.add(tp)
                        break
                    ends[tp] = max(ends[tp], record.offset + 1)
                    yield record
            continue
        behind = [tp for tp in active if await consumer.position(tp) < ends[tp]]
        if not behind:
            return
        if loop.time() - last_arrival > stall_seconds:
            log.warning(
                "stopped reading before the reported end; nothing more arrived",
                partitions=[f"{tp.topic}[{tp.partition}]" for tp in behind],
            )
            return
