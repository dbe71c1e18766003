"""The POS sales service (port 8003): bootstrap and the ASGI app factory."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import asyncpg
from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.sales.entrypoints.auth import credential_kind
from services.sales.entrypoints.sale_reads import router as sale_reads_router
from services.sales.entrypoints.staff_api import router as staff_router
from services.sales.entrypoints.subscribers import (
    EVENTS_GROUP,
    PRODUCTS_GROUP,
    register_subscribers,
    register_summary_job,
)
from services.sales.entrypoints.terminal_api import router as terminal_router
from services.sales.service_layer.handlers.read_models import EVENT_HANDLERS, PRODUCT_HANDLERS
from services.sales.service_layer.unit_of_work import SCHEMA, PostgresSalesUnitOfWork
from services.sales.settings import SalesSettings
from shared.contracts.catalogue import (
    EVENTS_SHOWCASES,
    REGISTRY_PRODUCTS,
    SALES_SETTLEMENTS,
    SALES_TRANSACTIONS,
)
from shared.http.app import ServiceDefinition, build_app
from shared.http.observability import ReadinessCheck
from shared.logging import configure_logging
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.publisher import KafkaMessagePublisher

PORT = 8003
MIGRATIONS = Path(__file__).parent / "migrations"


def bootstrap(app: FastAPI, pool: asyncpg.Pool, router: KafkaRouter) -> None:
    app.state.uow_factory = lambda: PostgresSalesUnitOfWork(pool)
    # A terminal's key on a staff route is known, but not allowed there (403, not 401).
    app.state.credential_kind = credential_kind
    dlq = KafkaMessagePublisher(router.broker)
    app.state.product_consumer = IdempotentConsumer(PRODUCTS_GROUP, pool, dlq, PRODUCT_HANDLERS)
    app.state.event_consumer = IdempotentConsumer(EVENTS_GROUP, pool, dlq, EVENT_HANDLERS)


def summary_job_ready(app: FastAPI) -> dict[str, ReadinessCheck]:
    """/readyz also says whether this process's daily-summary job runs."""

    async def summary_job_running() -> None:
        settings: SalesSettings = app.state.settings
        if not settings.sales_summary_job:
            return
        task: asyncio.Task[None] | None = getattr(app.state, "summary_task", None)
        if task is None or task.done():
            raise RuntimeError("the daily-summary job is not running")

    return {"daily_summary_job": summary_job_running}


DEFINITION = ServiceDefinition(
    name=SCHEMA,
    title="OTOP POS sales",
    description=(
        "Sales terminals at the OTOP centre shop and at event booths: sales (idempotent by "
        "sale_id, single or in offline batches), refunds, voids, shifts with cash counts, "
        "PromptPay QR codes; for staff: terminals and keys, revenue reports, consignment "
        "settlements, daily summaries. Consumes registry.products.v1 and events.showcases.v1; "
        "publishes sales.transactions.v1 and sales.settlements.v1."
    ),
    migrations=MIGRATIONS,
    publishes=(SALES_TRANSACTIONS, SALES_SETTLEMENTS),
    routers=[staff_router, sale_reads_router, terminal_router],
    bootstrap=bootstrap,
    subscribers=register_subscribers,
    consumed_topics=(REGISTRY_PRODUCTS, EVENTS_SHOWCASES),
    readiness=summary_job_ready,
)


def build_sales_app(settings: SalesSettings, *, consume: bool = True) -> FastAPI:
    """The app; without `consume` it has no Kafka subscribers (the summary job still runs
    when SALES_SUMMARY_JOB is on)."""
    definition = (
        DEFINITION if consume else dataclasses.replace(DEFINITION, subscribers=register_summary_job)
    )
    app = build_app(definition, settings)

    return app


def create_app(settings: SalesSettings | None = None) -> FastAPI:
    settings = settings or SalesSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=SCHEMA)
    return build_sales_app(settings)
