"""Kafka subscribers (read models of products and showcase events) and the background job
that publishes daily summaries."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import FastAPI
from faststream.kafka.fastapi import KafkaRouter

from services.sales.service_layer.handlers.summaries import summarise_due
from services.sales.settings import SalesSettings
from shared.contracts.catalogue import EVENTS_SHOWCASES, REGISTRY_PRODUCTS
from shared.logging import get_logger
from shared.messaging.consumer import IdempotentConsumer
from shared.messaging.subscription import subscribe

log = get_logger(__name__)

PRODUCTS_GROUP = "sales.registry-products"
EVENTS_GROUP = "sales.events-showcases"


async def publish_daily_summaries(app: FastAPI, interval: float) -> None:
    """Every `interval` seconds, publish the summaries of finished days that changed."""
    while True:
        try:
            while len(await summarise_due(app.state.uow_factory())) > 0:
                pass
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the job keeps running; the next round tries again
            log.warning("daily summaries failed; trying again later", error=str(exc))
        await asyncio.sleep(interval)


def register_subscribers(router: KafkaRouter, app: FastAPI) -> None:
    def products() -> IdempotentConsumer:
        consumer: IdempotentConsumer = app.state.product_consumer
        return consumer

    def events() -> IdempotentConsumer:
        consumer: IdempotentConsumer = app.state.event_consumer
        return consumer

    subscribe(router, REGISTRY_PRODUCTS.name, group_id=PRODUCTS_GROUP, consumer=products)
    subscribe(router, EVENTS_SHOWCASES.name, group_id=EVENTS_GROUP, consumer=events)
    register_summary_job(router, app)


def register_summary_job(router: KafkaRouter, app: FastAPI) -> None:
    """Start the daily-summary job once the broker runs; stop it before the broker stops."""

    @router.after_startup
    async def start_summaries(_: FastAPI) -> None:
        settings: SalesSettings = app.state.settings
        if settings.sales_summary_job:
            app.state.summary_task = asyncio.create_task(
                publish_daily_summaries(app, settings.sales_summary_interval_seconds)
            )

    @router.on_broker_shutdown
    async def stop_summaries(_: FastAPI) -> None:
        task: asyncio.Task[None] | None = getattr(app.state, "summary_task", None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
