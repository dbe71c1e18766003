"""Kafka subscribers (read models of products and showcase events) and the background job
that publishes daily summaries."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from faststream import AckPolicy
from faststream.kafka.fastapi import KafkaMessage, KafkaRouter

from services.sales.service_layer.handlers.summaries import summarise_due
from services.sales.settings import SalesSettings
from shared.contracts.catalogue import EVENTS_SHOWCASES, REGISTRY_PRODUCTS
from shared.logging import get_logger
from shared.messaging.consumer import IdempotentConsumer, IncomingMessage

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


async def _raw_body(message: Any) -> bytes:
    body: bytes = message.body
    return body


def subscribe(
    router: KafkaRouter, topic: str, *, group_id: str, consumer: Callable[[], IdempotentConsumer]
) -> None:
    """Like shared.messaging.subscription.subscribe, for a FastAPI KafkaRouter (whose
    handlers take the message through FastAPI's dependency injection): raw bytes to the
    idempotent consumer, offsets committed only after its inbox transaction."""

    async def on_message(body: Any, message: KafkaMessage) -> None:
        record = message.raw_message
        records = record if isinstance(record, tuple) else (record,)
        for item in records:
            await consumer().handle(IncomingMessage.from_record(item))

    on_message.__name__ = f"consume_{topic.replace('.', '_')}"
    router.subscriber(
        topic,
        decoder=_raw_body,
        group_id=group_id,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        include_in_schema=False,
    )(on_message)


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
