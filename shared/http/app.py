"""Builds a service's process from its definition: FastAPI for HTTP, one FastStream
KafkaRouter for Kafka.

Start-up order: database pool and migrations, topics, consumers, then the broker
(subscribers), then work that publishes (the outbox relay) and the background jobs in
`after_startup`. Shutdown runs in reverse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from shared.asyncapi import declare_publishers
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import create_pool
from shared.http.audit_api import router as audit_router
from shared.http.docs import install_docs, install_problem_documentation
from shared.http.observability import health_router, install_correlation_middleware
from shared.http.problems import install_problem_handlers
from shared.http.readiness import readiness_checks
from shared.logging import get_logger
from shared.messaging.bus import CommandBus
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher
from shared.messaging.subscription import start_subscribers_together, subscribe
from shared.messaging.topics import TopicGuard
from shared.service.definition import ServiceDefinition
from shared.service.lifecycle import Lifecycle
from shared.service.runtime import Runtime
from shared.settings import ServiceSettings

log = get_logger(__name__)

METADATA_MAX_AGE_MS = 5_000


def build_app(definition: ServiceDefinition, settings: ServiceSettings) -> FastAPI:
    topology = definition.topology
    schema = definition.name
    topic_names = [t.name for t in topology.publishes]
    topic_names += [t.dlq for t in topology.consumes]
    topic_names += [t.name for t in topology.consumes]
    guard = TopicGuard(
        settings.kafka.bootstrap_servers,
        topic_names,
        partitions=settings.kafka.topic_partitions,
        replication_factor=settings.kafka.replication_factor,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        pool = await create_pool(
            settings.database_url.get_secret_value(),
            schema=schema,
            min_size=settings.db_pool_min_size,
            max_size=settings.db_pool_max_size,
        )
        try:
            async with pool.acquire() as conn:
                await apply_migrations(conn, schema, service_migrations(topology.migrations))
            check = await guard.verify()
            if not check.ok:
                if not isinstance(check.error, str) or "partition counts differ" not in check.error:
                    raise RuntimeError(f"the service's topics are not usable: {check.error}")
                # Wrong partition counts: run, refuse to publish there, and say so in /readyz.
                log.error("topics are not as the catalogue says", error=check.error)
            runtime.started(pool)
            runtime.commands = CommandBus(runtime.unit_of_work, definition.commands)
            dlq = KafkaMessagePublisher(router.broker)
            for topic, handlers in definition.handlers.items():
                runtime.consumers[topic.name] = IdempotentConsumer(
                    topology.group(topic),
                    pool,
                    dlq,
                    handlers,
                    runtime.unit_of_work_within,
                    after_processed=_waking(runtime, definition.wakes),
                )
            yield {}
        finally:
            # The framework runs the shutdown hooks only when the app ends normally: when
            # whatever ran the app ended with an error, the background work stops here.
            await lifecycle.stop()
            await pool.close()

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
    declare_publishers(router, {t.name for t in topology.publishes})

    runtime = Runtime(definition.name, settings, router.broker, definition.unit_of_work)
    runtime.credential_kind = definition.credential_kind
    lifecycle = Lifecycle(definition, runtime, guard)

    @router.after_startup
    async def start_background_work(app: FastAPI) -> None:
        await lifecycle.start()

    @router.on_broker_shutdown
    async def stop_background_work(app: FastAPI) -> None:
        await lifecycle.stop()

    app = FastAPI(
        title=definition.title,
        description=definition.description,
        version=definition.version,
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = runtime
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
    app.include_router(health_router(readiness_checks(definition, runtime, guard, topic_names)))
    for api in definition.routers:
        app.include_router(api)
    app.include_router(audit_router)
    for topic in definition.handlers:
        subscribe(
            router,
            topic.name,
            group_id=topology.group(topic),
            consumer=_consumer_of(runtime, topic.name),
        )
    app.include_router(router)
    return app


def _consumer_of(runtime: Runtime, topic: str) -> Any:
    # Looked up per message: consumers exist only once the pool does.
    return lambda: runtime.consumers[topic]


def _waking(runtime: Runtime, jobs: tuple[str, ...]) -> Any:
    if not jobs:
        return None
    return lambda: runtime.wake(*jobs)
