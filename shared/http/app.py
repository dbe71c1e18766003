"""Builds a service's process: FastAPI for HTTP, one FastStream KafkaRouter for Kafka.

Start-up order: database pool and migrations, topics, then the broker (subscribers), then
work that publishes (the outbox relay) in `after_startup`. Shutdown runs in reverse.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import APIRouter, FastAPI
from faststream.kafka.fastapi import KafkaRouter

from shared.asyncapi import declare_publishers
from shared.contracts.catalogue import Topic
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import create_pool
from shared.http.docs import install_docs, install_problem_documentation
from shared.http.observability import (
    ReadinessCheck,
    health_router,
    install_correlation_middleware,
)
from shared.http.problems import install_problem_handlers
from shared.logging import get_logger
from shared.messaging.consumer_health import ConsumerProgress
from shared.messaging.publisher import ProducerPublisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.subscription import start_subscribers_together
from shared.messaging.topics import TopicGuard, TopicMismatch, partition_counts
from shared.settings import ServiceSettings

log = get_logger(__name__)

METADATA_MAX_AGE_MS = 5_000


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
            check = await guard.verify()
            if not check.ok:
                if not isinstance(check.error, str) or "partition counts differ" not in check.error:
                    raise RuntimeError(f"the service's topics are not usable: {check.error}")
                # Wrong partition counts: run, refuse to publish there, and say so in /readyz.
                log.error("topics are not as the catalogue says", error=check.error)
            app.state.pool = pool
            definition.bootstrap(app, pool, router)
            yield {}
        finally:
            await pool.close()

    topic_names = [t.name for t in definition.publishes]
    topic_names += [t.dlq for t in definition.consumed_topics]
    topic_names += [t.name for t in definition.consumed_topics]
    guard = TopicGuard(
        settings.kafka.bootstrap_servers,
        topic_names,
        partitions=settings.kafka.topic_partitions,
        replication_factor=settings.kafka.replication_factor,
    )
    stopping = asyncio.Event()

    router = KafkaRouter(
        settings.kafka.bootstrap_servers,
        acks="all",
        enable_idempotence=False,
        client_id=f"otop-{definition.name}",
        lifespan=lifespan,
        # The AsyncAPI page and documents are served by `install_docs` (no CDN, no "try it
        # out" endpoint that would publish to the broker unauthenticated).
        schema_url=None,
        logger=None,
        # Topics are created by the guard alone, with the catalogue's partition count.
        allow_auto_create_topics=False,
        # A topic that comes back (a broker that restarted empty) is noticed within seconds,
        # so its consumer group rebalances onto it and reads it from the start.
        metadata_max_age_ms=METADATA_MAX_AGE_MS,
    )
    start_subscribers_together(router.broker)

    declare_publishers(router, {t.name for t in definition.publishes})

    @router.after_startup
    async def start_relay(app: FastAPI) -> None:
        app.state.topic_watch = asyncio.create_task(guard.watch(stopping), name="topic-guard")
        if not settings.outbox_relay:
            log.warning("outbox relay disabled in this process (OUTBOX_RELAY=false)")
            return
        publisher = ProducerPublisher(
            settings.kafka.bootstrap_servers, guard, client_id=f"otop-{definition.name}-outbox"
        )
        app.state.outbox_publisher = publisher
        relay = OutboxRelay(
            app.state.pool,
            publisher,
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
        stopping.set()
        relay: OutboxRelay | None = getattr(app.state, "relay", None)
        if relay is not None:
            await relay.stop()
        publisher: ProducerPublisher | None = getattr(app.state, "outbox_publisher", None)
        if publisher is not None:
            await publisher.stop()
        watch: asyncio.Task[None] | None = getattr(app.state, "topic_watch", None)
        if watch is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await watch
        await guard.close()

    app = FastAPI(
        title=definition.title,
        description=definition.description,
        version=definition.version,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.admin_token = settings.admin_token.get_secret_value()
    app.state.service = definition.name
    app.state.kafka_broker = router.broker  # its subscribers, for readiness and operators
    install_problem_handlers(app)
    install_correlation_middleware(app)
    install_problem_documentation(app)

    def asyncapi_document() -> dict[str, Any]:
        document: dict[str, Any] = router.schema.to_specification().to_jsonable()
        document["info"] = {
            **document.get("info", {}),
            "title": f"{definition.title} — events",
            "version": definition.version,
            "description": definition.description,
        }
        return document

    install_docs(app, asyncapi_document)

    async def database_ready() -> None:
        async with app.state.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def broker_ready() -> None:
        """The broker answers and has this service's topics, each as the catalogue says."""
        counts = await partition_counts(settings.kafka.bootstrap_servers, timeout_ms=2000)
        missing = [name for name in topic_names if name not in counts]
        if missing:
            raise RuntimeError(f"topics missing on the broker: {', '.join(missing)}")
        wrong = {n: counts[n] for n in topic_names if counts[n] != guard.partitions}
        if wrong:
            raise TopicMismatch(wrong, guard.partitions)

    async def relay_publishing() -> None:
        relay: OutboxRelay | None = getattr(app.state, "relay", None)
        if not settings.outbox_relay:
            return
        if relay is None or not relay.running:
            raise RuntimeError("the outbox relay is not running")
        await relay.pending_count()
        limit = settings.outbox_ready_max_pending_seconds
        if relay.oldest_pending_seconds > limit:
            raise RuntimeError(
                f"{relay.pending} event(s) wait to be published, the oldest for "
                f"{relay.oldest_pending_seconds:.0f}s (limit {limit:.0f}s)"
                + (f"; last error: {relay.last_failure}" if relay.last_failure else "")
            )

    consumers = ConsumerProgress(
        # Asked at each check: the broker lists its subscribers anew on every access.
        lambda: router.broker.subscribers,
        stall_after=settings.consumer_ready_stall_seconds,
    )

    async def consumers_progressing() -> None:
        await consumers.check()

    checks: dict[str, ReadinessCheck] = {
        "database": database_ready,
        "broker": broker_ready,
        "outbox_relay": relay_publishing,
        "consumers": consumers_progressing,
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
