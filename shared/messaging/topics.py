"""Topics exist with the catalogue's partition count, or the platform says so.

A topic is created only here, with the partition count the catalogue asks for (the
`KAFKA_TOPIC_PARTITIONS` setting). Clients never create topics as a side effect of asking
for one (`shared.messaging.kafka_clients`), so a broker that came back empty cannot hand out
a topic with its own default count. A topic with another count is an error: keys would land
on partitions that consumers of the catalogue's layout do not expect, so nothing is
published to it until an operator fixes it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaClient
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.contracts.catalogue import TOPICS, Topic
from shared.logging import get_logger
from shared.messaging.kafka_clients import refuse_topic_auto_creation

log = get_logger(__name__)

refuse_topic_auto_creation()

CREATED_ELSEWHERE_WAIT_SECONDS = 10.0


class TopicMismatch(RuntimeError):
    """A topic exists with a partition count other than the catalogue's."""

    def __init__(self, wrong: dict[str, int], expected: int) -> None:
        self.wrong = dict(wrong)
        self.expected = expected
        listed = ", ".join(f"{name} has {count}" for name, count in sorted(wrong.items()))
        super().__init__(
            f"topic partition counts differ from the catalogue's {expected}: {listed}; "
            "nothing is published to them until the topics are recreated "
            f"with {expected} partitions"
        )


def all_topic_names(topics: Iterable[Topic] = TOPICS) -> list[str]:
    names: list[str] = []
    for topic in topics:
        names += [topic.name, topic.dlq]
    return names


async def partition_counts(bootstrap_servers: str, timeout_ms: int = 15000) -> dict[str, int]:
    """Every topic on the broker and its partition count, from one metadata request for all
    topics (which, unlike a request naming topics, never creates one)."""
    client = AIOKafkaClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=timeout_ms)
    try:
        await client.bootstrap()
        return await _counts(client)
    finally:
        await client.close()


async def _counts(client: AIOKafkaClient) -> dict[str, int]:
    metadata = await client.fetch_all_metadata()
    return {topic: len(metadata.partitions_for_topic(topic) or ()) for topic in metadata.topics()}


async def ensure_topics(
    bootstrap_servers: str,
    names: Iterable[str],
    *,
    partitions: int = 6,
    replication_factor: int = 1,
) -> list[str]:
    """Create the topics that do not exist yet, then check every one has `partitions`.

    Returns the names it created; raises TopicMismatch when a topic has another count.
    """
    return await _ensure(bootstrap_servers, names, partitions, replication_factor, None)


async def _ensure(
    bootstrap_servers: str,
    names: Iterable[str],
    partitions: int,
    replication_factor: int,
    client: AIOKafkaClient | None,
) -> list[str]:
    wanted = list(dict.fromkeys(names))
    existing = await (_counts(client) if client else partition_counts(bootstrap_servers))
    if all(existing.get(n) == partitions for n in wanted):
        return []
    missing = [n for n in wanted if n not in existing]
    created = await _create(bootstrap_servers, missing, partitions, replication_factor)
    if created:
        log.info("topics created", topics=created, partitions=partitions)
    counts = {**existing, **dict.fromkeys(created, partitions)}
    # Topics another process created at the same moment ("already exists") reach the
    # metadata a moment later: wait for them a little before calling them missing.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CREATED_ELSEWHERE_WAIT_SECONDS
    while absent := [n for n in wanted if n not in counts]:
        if loop.time() > deadline:
            raise RuntimeError(f"topics could not be created: {', '.join(absent)}")
        await asyncio.sleep(0.2)
        counts = {**await partition_counts(bootstrap_servers), **counts}
    wrong = {n: counts[n] for n in wanted if counts[n] != partitions}
    if wrong:
        raise TopicMismatch(wrong, partitions)
    return created


async def _create(
    bootstrap_servers: str, names: list[str], partitions: int, replication_factor: int
) -> list[str]:
    if not names:
        return []
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=15000)
    await admin.start()
    try:
        try:
            response = await admin.create_topics(
                [NewTopic(n, partitions, replication_factor) for n in names]
            )
        except TopicAlreadyExistsError:
            return []
        created: list[str] = []
        for topic_error in getattr(response, "topic_errors", ()):
            name, code = topic_error[0], topic_error[1]
            if code == 0:
                created.append(name)
            elif code != TopicAlreadyExistsError.errno:
                raise RuntimeError(f"could not create topic {name}: error code {code}")
        return created
    finally:
        await admin.close()


@dataclass(frozen=True)
class TopicCheck:
    """The outcome of the last check of a service's topics."""

    ok: bool
    checked_at: float
    error: str | None = None


class TopicGuard:
    """Keeps one service's topics present with the catalogue's partition count.

    `verify()` creates what is missing and checks the counts with one metadata request over
    a kept connection; it is called at start, before the relay publishes a batch (unless it
    checked within the last `fresh_for` seconds), after a failed publish, and every 10 s
    in the background (`check`, run by the service's loop), so a broker that came
    back empty has its topics again within seconds, for consumers as well as producers.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        names: Iterable[str],
        *,
        partitions: int,
        replication_factor: int = 1,
        fresh_for: float = 1.0,
    ) -> None:
        self._bootstrap = bootstrap_servers
        self.names = list(dict.fromkeys(names))
        self.partitions = partitions
        self._replication_factor = replication_factor
        self._fresh_for = fresh_for
        self._lock = asyncio.Lock()
        self._client: AIOKafkaClient | None = None
        self.last: TopicCheck | None = None

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()

    def invalidate(self) -> None:
        """The broker said something is wrong with a topic: check again before publishing."""
        self.last = None

    async def verify(self) -> TopicCheck:
        async with self._lock:
            try:
                if self._client is None:
                    client = AIOKafkaClient(
                        bootstrap_servers=self._bootstrap, request_timeout_ms=15000
                    )
                    await client.bootstrap()
                    self._client = client
                created = await _ensure(
                    self._bootstrap,
                    self.names,
                    self.partitions,
                    self._replication_factor,
                    self._client,
                )
                if created and self.last is not None:
                    log.warning("topics were missing on the broker; created again", topics=created)
                self.last = TopicCheck(True, time.monotonic())
            except Exception as exc:
                self.last = TopicCheck(False, time.monotonic(), f"{type(exc).__name__}: {exc}")
                if not isinstance(exc, TopicMismatch):
                    await self.close()  # start from a fresh connection next time
            return self.last

    async def ready_for_publishing(self) -> None:
        """Raise unless the topics were found right recently (checking again if need be)."""
        check = self.last
        if check is None or not check.ok or time.monotonic() - check.checked_at > self._fresh_for:
            check = await self.verify()
        if not check.ok:
            raise TopicsNotReady(check.error or "the topics could not be checked")

    async def check(self) -> int:
        """One step of the guard's background loop: raise while the topics are not in order
        (the loop logs it and tries again sooner)."""
        check = await self.verify()
        if not check.ok:
            raise TopicsNotReady(check.error or "the topics could not be checked")
        return 0


class TopicsNotReady(RuntimeError):
    """The topics are missing, of the wrong shape, or the broker cannot be asked."""
