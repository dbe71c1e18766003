"""The events service (port 8002): bootstrap and the ASGI app factory."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.events.entrypoints.api import router as api_router
from services.events.entrypoints.calendar import router as calendar_router
from services.events.entrypoints.subscribers import (
    MEMBERS_GROUP,
    PRODUCTS_GROUP,
    register_subscribers,
)
from services.events.service_layer.registry_events import MEMBER_HANDLERS, PRODUCT_HANDLERS
from services.events.service_layer.unit_of_work import SCHEMA, PostgresEventsUnitOfWork
from shared.contracts.catalogue import (
    EVENTS_REGISTRATIONS,
    EVENTS_SHOWCASES,
    REGISTRY_MEMBERS,
    REGISTRY_PRODUCTS,
)
from shared.http.app import ServiceDefinition, build_app
from shared.logging import configure_logging
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher
from shared.settings import ServiceSettings

PORT = 8002
MIGRATIONS = Path(__file__).parent / "migrations"


def bootstrap(app: FastAPI, pool: asyncpg.Pool, router: KafkaRouter) -> None:
    app.state.uow_factory = lambda: PostgresEventsUnitOfWork(pool)
    dlq = KafkaMessagePublisher(router.broker)
    app.state.members_consumer = IdempotentConsumer(MEMBERS_GROUP, pool, dlq, MEMBER_HANDLERS)
    app.state.products_consumer = IdempotentConsumer(PRODUCTS_GROUP, pool, dlq, PRODUCT_HANDLERS)


DEFINITION = ServiceDefinition(
    name=SCHEMA,
    title="OTOP showcase events",
    description=(
        "The network's calendar of showcases, fairs, trainings, workshops and development "
        "projects: registrations with quotas and waitlist, booths, attendance, and an "
        "iCalendar feed. Reads registry.members.v1 and registry.products.v1; publishes "
        "events.showcases.v1 and events.registrations.v1."
    ),
    migrations=MIGRATIONS,
    publishes=(EVENTS_SHOWCASES, EVENTS_REGISTRATIONS),
    routers=[api_router, calendar_router],
    bootstrap=bootstrap,
    subscribers=register_subscribers,
    consumed_topics=(REGISTRY_MEMBERS, REGISTRY_PRODUCTS),
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=SCHEMA)
    return build_app(DEFINITION, settings)
