"""Kafka subscribers: one idempotent consumer (own group) per topic the service reads.

Each handler only parses and calls the service layer inside the consumer's inbox
transaction; after a message is handled the delivery worker is woken.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import asyncpg
from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.notifications.service_layer import reactions
from services.notifications.service_layer.notify import SourceEvent
from services.notifications.service_layer.unit_of_work import (
    NotificationsUnitOfWork,
    PostgresNotificationsUnitOfWork,
)
from shared.contracts.catalogue import (
    EVENTS_REGISTRATIONS,
    EVENTS_SHOWCASES,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    SALES_SETTLEMENTS,
    SALES_TRANSACTIONS,
    Topic,
)
from shared.messaging.consumer import Handler, IdempotentConsumer, IncomingMessage, Outcome
from shared.messaging.envelope import EventEnvelope
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.subscription import subscribe

CONSUMED_TOPICS: tuple[Topic, ...] = (
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
    EVENTS_SHOWCASES,
    EVENTS_REGISTRATIONS,
    SALES_TRANSACTIONS,
    SALES_SETTLEMENTS,
)

Reaction = Callable[[Any, SourceEvent, NotificationsUnitOfWork], Awaitable[None]]


def _handler(reaction: Reaction) -> Handler:
    async def handle(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
        source = SourceEvent(envelope.event_id, envelope.event_type)
        await reaction(envelope.data, source, PostgresNotificationsUnitOfWork(within=conn))

    return handle


HANDLERS: dict[str, dict[tuple[str, int], Handler]] = {
    REGISTRY_MEMBERS.name: {
        ("member.registered", 1): _handler(reactions.on_member_snapshot),
        ("member.updated", 1): _handler(reactions.on_member_snapshot),
        ("member.erased", 1): _handler(reactions.on_member_erased),
        ("member.status_changed", 1): _handler(reactions.on_member_status_changed),
    },
    REGISTRY_PRODUCTS.name: {
        ("product.rated", 1): _handler(reactions.on_product_rated),
    },
    EVENTS_SHOWCASES.name: {
        ("event.published", 1): _handler(reactions.on_event_scheduled),
        ("event.updated", 1): _handler(reactions.on_event_scheduled),
        ("event.cancelled", 1): _handler(reactions.on_event_cancelled),
    },
    EVENTS_REGISTRATIONS.name: {
        ("registration.confirmed", 1): _handler(reactions.on_registration_changed),
        ("registration.waitlisted", 1): _handler(reactions.on_registration_changed),
        ("registration.promoted", 1): _handler(reactions.on_registration_changed),
        ("registration.cancelled", 1): _handler(reactions.on_registration_changed),
        ("booth.assigned", 1): _handler(reactions.on_booth_assigned),
    },
    SALES_TRANSACTIONS.name: {
        ("sales.daily_summary", 1): _handler(reactions.on_daily_summary),
    },
    SALES_SETTLEMENTS.name: {
        ("settlement.issued", 1): _handler(reactions.on_settlement_issued),
    },
}


def group_id(topic_name: str) -> str:
    """e.g. notifications.registry-members for registry.members.v1."""
    return f"notifications.{topic_name.rsplit('.', 1)[0].replace('.', '-')}"


class WakingConsumer(IdempotentConsumer):
    """Wakes the delivery worker once a message's deliveries are committed."""

    def __init__(self, *args: Any, wake: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake = wake

    async def handle(self, message: IncomingMessage) -> Outcome:
        outcome = await super().handle(message)
        if outcome is Outcome.PROCESSED:
            self._wake()
        return outcome


def build_consumers(
    app: FastAPI, router: KafkaRouter, handlers: Mapping[str, Mapping[tuple[str, int], Handler]]
) -> dict[str, IdempotentConsumer]:
    dlq = KafkaMessagePublisher(router.broker)

    def wake() -> None:
        loop = getattr(app.state, "delivery_loop", None)
        if loop is not None:
            loop.wake()

    return {
        topic: WakingConsumer(group_id(topic), app.state.pool, dlq, table, wake=wake)
        for topic, table in handlers.items()
    }


def register_subscribers(router: KafkaRouter, app: FastAPI) -> None:
    def consumer_for(topic_name: str) -> Callable[[], IdempotentConsumer]:
        def get() -> IdempotentConsumer:
            consumers: dict[str, IdempotentConsumer] = app.state.consumers
            return consumers[topic_name]

        return get

    for topic in CONSUMED_TOPICS:
        subscribe(
            router, topic.name, group_id=group_id(topic.name), consumer=consumer_for(topic.name)
        )
