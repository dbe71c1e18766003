"""The tiny publish interface the outbox relay and the DLQ use, and its Kafka adapter."""

from __future__ import annotations

import asyncio
from typing import Protocol

from faststream.kafka import KafkaBroker


class PublishFailed(RuntimeError):
    pass


class MessagePublisher(Protocol):
    async def publish_ordered(
        self, messages: list[tuple[str, bytes, bytes, dict[str, str]]]
    ) -> int:
        """Publish (topic, key, value, headers) in order; return how many were confirmed
        from the start before the first failure."""
        ...


class KafkaMessagePublisher:
    """Publishes through a FastStream KafkaBroker (aiokafka, acks=all, no idempotence)."""

    def __init__(self, broker: KafkaBroker, timeout_seconds: float = 30.0) -> None:
        self._broker = broker
        self._timeout = timeout_seconds

    async def publish_ordered(
        self, messages: list[tuple[str, bytes, bytes, dict[str, str]]]
    ) -> int:
        futures: list[asyncio.Future[object]] = []
        try:
            for topic, key, value, headers in messages:
                futures.append(
                    await self._broker.publish(
                        value, topic, key=key, headers=headers, no_confirm=True
                    )
                )
        except Exception:
            # Messages handed over before the failure may still be confirmed below.
            pass
        confirmed = 0
        for future in futures:
            try:
                await asyncio.wait_for(future, self._timeout)
            except Exception:
                break
            confirmed += 1
        return confirmed
