"""Reads what was published to topics after the probe started, with an ordinary Kafka client."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition


@dataclass(frozen=True)
class Received:
    topic: str
    partition: int
    offset: int
    key: str | None
    headers: dict[str, str]
    value: bytes

    def json(self) -> Any:
        return json.loads(self.value)


class KafkaProbe:
    def __init__(self, bootstrap_servers: str, topics: list[str]) -> None:
        self._bootstrap = bootstrap_servers
        self._topics = topics
        self._consumer: AIOKafkaConsumer | None = None
        self._started_ms = 0
        self.received: list[Received] = []

    async def __aenter__(self) -> KafkaProbe:
        self._started_ms = int(time.time() * 1000)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap, group_id=None, enable_auto_commit=False
        )
        await consumer.start()
        await consumer._client.force_metadata_update()
        partitions = [
            TopicPartition(topic, p)
            for topic in self._topics
            for p in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        for tp in partitions:  # pin the positions now, before anything is published
            await consumer.position(tp)
        self._consumer = consumer
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._consumer is not None:
            await self._consumer.stop()

    async def _poll(self) -> None:
        assert self._consumer is not None
        batch = await self._consumer.getmany(timeout_ms=200)
        for records in batch.values():
            for r in records:
                if r.timestamp < self._started_ms:
                    continue  # a broker's end offset can lag; this was sent before we started
                self.received.append(
                    Received(
                        topic=r.topic,
                        partition=r.partition,
                        offset=r.offset,
                        key=r.key.decode() if r.key else None,
                        headers={k: v.decode() for k, v in (r.headers or ())},
                        value=r.value or b"",
                    )
                )

    async def wait_for(
        self, predicate: Callable[[Received], bool], count: int = 1, timeout: float = 20.0
    ) -> list[Received]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            matching = [r for r in self.received if predicate(r)]
            if len(matching) >= count:
                return matching
            if loop.time() > deadline:
                raise AssertionError(
                    f"expected {count} matching message(s) within {timeout}s, "
                    f"got {len(matching)} of {len(self.received)} received"
                )
            await self._poll()

    async def settle(self, seconds: float = 1.0) -> None:
        """Keep reading for a while, to see that nothing more arrives."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            await self._poll()


def event_of_type(event_type: str, aggregate_id: str | None = None) -> Callable[[Received], bool]:
    def match(r: Received) -> bool:
        body = r.json()
        return body.get("event_type") == event_type and (
            aggregate_id is None or body.get("aggregate_id") == aggregate_id
        )

    return match
