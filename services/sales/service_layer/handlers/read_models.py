"""Keeping the local read models of products and showcase events from other services'
events. Each runs inside the consumer's inbox transaction; stale versions change nothing."""

from __future__ import annotations

from typing import Any

import asyncpg

from services.sales.adapters.catalogue import upsert_event, upsert_product
from shared.contracts.events import EventCancelled, EventClosed, EventSnapshot
from shared.contracts.registry import ProductSnapshot
from shared.messaging.envelope import EventEnvelope


async def product_changed(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    product: ProductSnapshot = envelope.data
    await upsert_product(conn, product)


async def event_changed(conn: asyncpg.Connection, envelope: EventEnvelope[Any]) -> None:
    data = envelope.data
    if isinstance(data, EventSnapshot):
        await upsert_event(
            conn,
            data.event_id,
            data.kind.value,
            data.status.value,
            data.version,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
        )
    elif isinstance(data, EventCancelled):
        await upsert_event(
            conn,
            data.event_id,
            data.kind.value,
            "cancelled",
            data.version,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            ended_at=data.cancelled_at,
        )
    elif isinstance(data, EventClosed):
        await upsert_event(
            conn, data.event_id, None, "closed", data.version, ended_at=data.closed_at
        )


PRODUCT_HANDLERS = {
    ("product.listed", 1): product_changed,
    ("product.updated", 1): product_changed,
    ("product.delisted", 1): product_changed,
}
EVENT_HANDLERS = {
    ("event.published", 1): event_changed,
    ("event.updated", 1): event_changed,
    ("event.cancelled", 1): event_changed,
    ("event.closed", 1): event_changed,
}
