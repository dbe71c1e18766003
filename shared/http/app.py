"""Builds a service's process: FastAPI for HTTP, one FastStream KafkaRouter for Kafka.

Start-up order: database pool and migrations, topics, then the broker (subscribers), then
work that publishes (the outbox relay) in `after_startup`. Shutdown runs in reverse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import APIRouter, FastAPI
from faststream.kafka.fastapi import KafkaRouter

from shared.asyncapi import declare_publishers
from shared.contracts.catalogue import Topic
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import create_pool
from shared.http.observability import (
    ReadinessCheck,
    health_router,
    install_correlation_middleware,
)
from shared.http.problems import install_problem_handlers
from shared.logging import get_logger
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.topics import ensure_topics
from shared.settings import ServiceSettings

log = get_logger(__name__)


@dataclass
class ServiceDefinition:
    """What makes one service: its name (= schema = role), HTTP routes, topics, wiring."""

    name: str
    title: str
    description: str
    migrations: Path
    publishes: tuple[Topic, ...]
    routers: list[APIRouter]
    # Called once the pool exists: put handler dependencies on app.state.
    bootstrap: Callable[[FastAPI, asyncpg.Pool, KafkaRouter], None]
    # Register Kafka subscribers on the service's router (before start-up).
    subscribers: Callable[[KafkaRouter, FastAPI], None] | None = None
    consumed_topics: tuple[Topic, ...] = field(default_factory=tuple)
    # Extra /readyz checks (e.g. the service's own background work), by name.
    readiness: Callable[[FastAPI], dict[str, ReadinessCheck]] | None = None
    version: str = "1.0.0"


def build_app(definition: ServiceDefinition, settings: ServiceSettings) -> FastAPI:
    dsn = settings.database_url.get_secret_value()
    schema = definition.name

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        pool = await create_pool(
            dsn,
            schema=schema,
            min_size=settings.db_pool_min_size,
            max_size=settings.db_pool_max_size,
        )
        try:
            async with pool.acquire() as conn:
                await apply_migrations(conn, schema, service_migrations(definition.migrations))
            topics = [t.name for t in definition.publishes]
            topics += [t.dlq for t in definition.consumed_topics]
            topics += [t.name for t in definition.consumed_topics]
            await ensure_topics(
                settings.kafka.bootstrap_servers,
                topics,
                partitions=settings.kafka.topic_partitions,
                replication_factor=settings.kafka.replication_factor,
            )
            app.state.pool = pool
            definition.bootstrap(app, pool, router)
            yield {}
        finally:
            await pool.close()

    router = KafkaRouter(
        settings.kafka.bootstrap_servers,
        acks="all",
        enable_idempotence=False,
        client_id=f"otop-{definition.name}",
        lifespan=lifespan,
        schema_url="/asyncapi",
        logger=None,
    )

    declare_publishers(router, {t.name for t in definition.publishes})

    @router.after_startup
    async def start_relay(app: FastAPI) -> None:
        if not settings.outbox_relay:
            log.warning("outbox relay disabled in this process (OUTBOX_RELAY=false)")
            return
        relay = OutboxRelay(
            app.state.pool,
            KafkaMessagePublisher(router.broker),
            schema=schema,
            dsn=dsn,
            batch_size=settings.outbox_batch_size,
            poll_interval=settings.outbox_poll_interval_seconds,
            retention=timedelta(hours=settings.outbox_retention_hours),
        )
        app.state.relay = relay
        relay.start()

    @router.on_broker_shutdown
    async def stop_relay(app: FastAPI) -> None:
        relay: OutboxRelay | None = getattr(app.state, "relay", None)
        if relay is not None:
            await relay.stop()

    app = FastAPI(
        title=definition.title,
        description=definition.description,
        version=definition.version,
    )
    app.state.settings = settings
    app.state.admin_token = settings.admin_token.get_secret_value()
    app.state.service = definition.name
    install_problem_handlers(app)
    install_correlation_middleware(app)

    async def database_ready() -> None:
        async with app.state.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def broker_ready() -> None:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=settings.kafka.bootstrap_servers, request_timeout_ms=2000
        )
        await admin.start()
        try:
            await admin.list_topics()
        finally:
            await admin.close()

    async def relay_running() -> None:
        relay: OutboxRelay | None = getattr(app.state, "relay", None)
        if settings.outbox_relay and (relay is None or not relay.running):
            raise RuntimeError("the outbox relay is not running")

    checks: dict[str, ReadinessCheck] = {
        "database": database_ready,
        "broker": broker_ready,
        "outbox_relay": relay_running,
    }
    if definition.readiness is not None:
        checks.update(definition.readiness(app))
    app.include_router(health_router(checks))
    for api in definition.routers:
        app.include_router(api)
    if definition.subscribers is not None:
        definition.subscribers(router, app)
    app.include_router(router)
    return app
