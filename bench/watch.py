"""Reading a topic as it is written: when each record became readable."""

from __future__ import annotations

import asyncio
import contextlib
import time

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError


class TopicWatch:
    """Records, for each record read from `topic` after start, perf_counter when it was
    read, by a key `key_of(envelope)` taken from the JSON value."""

    def __init__(self, bootstrap: str, topic: str, field: str) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.field = field
        self.seen: dict[str, float] = {}
        self.positions: dict[str, tuple[int, int]] = {}  # key → (partition, offset)
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
                        self.positions.setdefault(str(key), (record.partition, record.offset))

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


class GroupProgress:
    """When a consumer group's committed offsets passed each position on `topic`."""

    def __init__(self, bootstrap: str, group: str, topic: str) -> None:
        self.bootstrap = bootstrap
        self.group = group
        self.topic = topic
        self.history: list[tuple[float, dict[int, int]]] = []  # (when, committed by partition)
        self._task: asyncio.Task[None] | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self.failures = 0
        self.last_error = ""
        self.partitions: list[TopicPartition] = []

    async def start(self) -> None:
        self._admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
        await self._admin.start()
        (described,) = await self._admin.describe_topics([self.topic])
        self.partitions = [
            TopicPartition(self.topic, p["partition"]) for p in described["partitions"]
        ]
        self._task = asyncio.create_task(self._poll())

    async def _poll(self) -> None:
        while True:
            try:
                assert self._admin is not None
                # Partitions named: the embedded broker cannot answer an OffsetFetch for all.
                offsets = await self._admin.list_consumer_group_offsets(
                    self.group, partitions=self.partitions
                )
            except KafkaError as error:
                self.failures += 1
                self.last_error = repr(error)
                with contextlib.suppress(KafkaError):
                    await self._admin.close()
                self._admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
                with contextlib.suppress(KafkaError):
                    await self._admin.start()
                await asyncio.sleep(0.1)
                continue
            now = time.perf_counter()
            committed = {
                tp.partition: meta.offset
                for tp, meta in offsets.items()
                if tp.topic == self.topic and meta.offset >= 0
            }
            self.history.append((now, committed))
            await asyncio.sleep(0.025)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._admin is not None:
            with contextlib.suppress(KafkaError):
                await self._admin.close()

    def passed(self, partition: int, offset: int) -> float | None:
        """The first time the committed offset of `partition` was beyond `offset`."""
        for when, committed in self.history:
            if committed.get(partition, -1) > offset:
                return when
        return None


def consumed_delays(
    answered: dict[str, float], positions: dict[str, tuple[int, int]], progress: GroupProgress
) -> list[float]:
    """From each answer to the group's commit past its record."""
    found = []
    for key, at in answered.items():
        if key in positions:
            when = progress.passed(*positions[key])
            if when is not None:
                found.append(max(0.0, when - at))
    return found
