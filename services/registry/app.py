"""The member registry service (port 8001): bootstrap and the ASGI app factory."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.registry.entrypoints.api import router as api_router
from services.registry.service_layer.unit_of_work import SCHEMA, PostgresRegistryUnitOfWork
from shared.contracts.catalogue import REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.http.app import ServiceDefinition, build_app
from shared.logging import configure_logging
from shared.settings import ServiceSettings

PORT = 8001
MIGRATIONS = Path(__file__).parent / "migrations"


def bootstrap(app: FastAPI, pool: asyncpg.Pool, _router: KafkaRouter) -> None:
    app.state.uow_factory = lambda: PostgresRegistryUnitOfWork(pool)


DEFINITION = ServiceDefinition(
    name=SCHEMA,
    title="OTOP member registry",
    description=(
        "Members (OTOP producers and entrepreneurs), their products with star ratings and "
        "development segments, and network roles. Publishes registry.members.v1 and "
        "registry.products.v1."
    ),
    migrations=MIGRATIONS,
    publishes=(REGISTRY_MEMBERS, REGISTRY_PRODUCTS),
    routers=[api_router],
    bootstrap=bootstrap,
)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=SCHEMA)
    return build_app(DEFINITION, settings)
