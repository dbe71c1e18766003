"""The tiny publish interface the outbox relay and the DLQ use, and its Kafka adapters."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Protocol

from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker

from shared.logging import get_logger
from shared.messaging.topics import TopicGuard, TopicsNotReady

log = get_logger(__name__)

Message = tuple[str, bytes, bytes, dict[str, str]]  # topic, key, value, headers


class PublishFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Published:
    """How many messages, from the start, the broker confirmed; why it stopped, if it did."""

    confirmed: int
    error: str | None = None


class MessagePublisher(Protocol):
    async def publish_ordered(self, messages: list[Message]) -> Published:
        """Publish (topic, key, value, headers) in order."""
        ...


async def _confirmed(futures: list[asyncio.Future[object]], seconds: float) -> Published:
    confirmed = 0
    for future in futures:
        try:
            await asyncio.wait_for(future, seconds)
        except Exception as exc:
            return Published(confirmed, f"{type(exc).__name__}: {exc}"[:1000])
        confirmed += 1
    return Published(confirmed)


class KafkaMessagePublisher:
    """Publishes through a FastStream KafkaBroker (aiokafka, acks=all, no idempotence)."""

    def __init__(self, broker: KafkaBroker, timeout_seconds: float = 30.0) -> None:
        self._broker = broker
        self._timeout = timeout_seconds

    async def publish_ordered(self, messages: list[Message]) -> Published:
        futures: list[asyncio.Future[object]] = []
        error: str | None = None
        try:
            for topic, key, value, headers in messages:
                futures.append(
                    await self._broker.publish(
                        value, topic, key=key, headers=headers, no_confirm=True
                    )
                )
        except Exception as exc:
            # Messages handed over before the failure may still be confirmed below.
            error = f"{type(exc).__name__}: {exc}"
        result = await _confirmed(futures, self._timeout)
        if result.error or result.confirmed < len(messages):
            return Published(result.confirmed, result.error or (error or "")[:1000] or None)
        return result


class ProducerPublisher:
    """The relay's own producer (acks=all, no idempotent producer: the embedded broker has
    none), which publishes only to topics whose partition count is the catalogue's.

    Before a batch it checks the topics through the guard (recently checked, or checked now)
    and that the producer's own view of each topic has the catalogue's count, since that view
    decides the partition of each key. After a failed batch the guard checks again, and after
    a few failed batches in a row the producer is replaced, so nothing a broker restart left
    behind in the old one (connections, metadata, batches) outlives it.
    """

    RESET_AFTER_FAILURES = 3

    def __init__(
        self,
        bootstrap_servers: str,
        guard: TopicGuard,
        *,
        client_id: str,
        timeout_seconds: float = 30.0,
    ) -> None:
        self._bootstrap = bootstrap_servers
        self._guard = guard
        self._client_id = client_id
        self._timeout = timeout_seconds
        self._producer: AIOKafkaProducer | None = None
        self._failures = 0

    async def _started(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = AIOKafkaProducer(
                bootstrap_servers=self._bootstrap,
                client_id=self._client_id,
                acks="all",
                enable_idempotence=False,
                request_timeout_ms=int(self._timeout * 1000),
                linger_ms=2,
                metadata_max_age_ms=5_000,
            )
            await producer.start()
            self._producer = producer
        return self._producer

    async def stop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            with contextlib.suppress(Exception):
                await producer.stop()

    async def publish_ordered(self, messages: list[Message]) -> Published:
        if not messages:
            return Published(0)
        try:
            await self._guard.ready_for_publishing()
            producer = await self._started()
            await self._check_partitions(producer, {m[0] for m in messages})
        except (TopicsNotReady, WrongPartitionCount) as exc:
            return await self._failed(Published(0, str(exc)[:1000]))
        except Exception as exc:
            return await self._failed(Published(0, f"{type(exc).__name__}: {exc}"[:1000]))
        futures: list[asyncio.Future[object]] = []
        error: str | None = None
        try:
            for topic, key, value, headers in messages:
                futures.append(
                    await producer.send(
                        topic,
                        value,
                        key=key,
                        headers=[(k, v.encode()) for k, v in headers.items()],
                    )
                )
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"[:1000]
        result = await _confirmed(futures, self._timeout)
        if result.confirmed < len(messages):
            return await self._failed(Published(result.confirmed, result.error or error))
        self._failures = 0
        return result

    async def _check_partitions(self, producer: AIOKafkaProducer, topics: set[str]) -> None:
        expected = self._guard.partitions
        for topic in sorted(topics):
            known = await asyncio.wait_for(producer.partitions_for(topic), self._timeout)
            if len(known) != expected:
                await producer.client.force_metadata_update()
                raise WrongPartitionCount(
                    f"the producer sees {len(known)} partitions of {topic}, the catalogue "
                    f"{expected}; not publishing to it"
                )

    async def _failed(self, result: Published) -> Published:
        self._failures += 1
        self._guard.invalidate()
        if self._failures >= self.RESET_AFTER_FAILURES:
            log.warning("replacing the outbox producer after failures", failures=self._failures)
            self._failures = 0
            await self.stop()
        return result


class WrongPartitionCount(RuntimeError):
    pass
