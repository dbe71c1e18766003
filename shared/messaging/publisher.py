"""The tiny publish interface the outbox relay and the DLQ use, and its Kafka adapter."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Protocol

from faststream.kafka import KafkaBroker


class PublishFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Published:
    """How many messages, from the start, the broker confirmed; why it stopped, if it did."""

    confirmed: int
    error: str | None = None


class MessagePublisher(Protocol):
    async def publish_ordered(
        self, messages: list[tuple[str, bytes, bytes, dict[str, str]]]
    ) -> Published:
        """Publish (topic, key, value, headers) in order."""
        ...


class KafkaMessagePublisher:
    """Publishes through a FastStream KafkaBroker (aiokafka, acks=all, no idempotence)."""

    def __init__(self, broker: KafkaBroker, timeout_seconds: float = 30.0) -> None:
        self._broker = broker
        self._timeout = timeout_seconds

    async def publish_ordered(
        self, messages: list[tuple[str, bytes, bytes, dict[str, str]]]
    ) -> Published:
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
        confirmed = 0
        for future in futures:
            try:
                await asyncio.wait_for(future, self._timeout)
            except Exception as exc:
                return Published(confirmed, f"{type(exc).__name__}: {exc}"[:1000])
            confirmed += 1
        return Published(confirmed, error[:1000] if error else None)
