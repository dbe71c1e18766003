"""Kafka subscribers: the registry's topics feed the read model through idempotent consumers."""

from __future__ import annotations

from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from shared.contracts.catalogue import REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.messaging.subscription import subscribe

MEMBERS_GROUP = "events.registry-members"
PRODUCTS_GROUP = "events.registry-products"


def register_subscribers(router: KafkaRouter, app: FastAPI) -> None:
    subscribe(
        router,
        REGISTRY_MEMBERS.name,
        group_id=MEMBERS_GROUP,
        consumer=lambda: app.state.members_consumer,
    )
    subscribe(
        router,
        REGISTRY_PRODUCTS.name,
        group_id=PRODUCTS_GROUP,
        consumer=lambda: app.state.products_consumer,
    )
