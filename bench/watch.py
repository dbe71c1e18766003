"""Reading a topic as it is written: when each record became readable."""

from __future__ import annotations

import asyncio
import contextlib
import time

import orjson
from aiokafka import AIOKafkaConsumer


class TopicWatch:
    """Records, for each record read from `topic` after start, perf_counter when it was
    read, by a key `key_of(envelope)` taken from the JSON value."""

    def __init__(self, bootstrap: str, topic: str, field: str) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.field = field
        self.seen: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None
        self._consumer: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        self._consumer = AIOKafkaConsumer(
            self.topic,
            bootstrap_servers=self.bootstrap,
            group_id=None,
            auto_offset_reset="latest",
            fetch_max_wait_ms=5,
            enable_auto_commit=False,
        )
        await self._consumer.start()
        await self._consumer.seek_to_end()
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._consumer is not None
        while True:
            batch = await self._consumer.getmany(timeout_ms=50)
            now = time.perf_counter()
            for records in batch.values():
                for record in records:
                    try:
                        data = orjson.loads(record.value or b"{}").get("data") or {}
                    except orjson.JSONDecodeError:
                        continue
                    key = data.get(self.field)
                    if key is not None:
                        self.seen.setdefault(str(key), now)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()


def delays(answered: dict[str, float], seen: dict[str, float]) -> list[float]:
    """seen − answered of every key in both (a record read before its answer counts 0)."""
    return [max(0.0, seen[k] - t) for k, t in answered.items() if k in seen]
