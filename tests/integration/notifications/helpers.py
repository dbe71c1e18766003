from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import httpx

from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.entrypoints.workers import build_delivery_worker
from services.notifications.service_layer.delivery_worker import DeliveryWorker
from services.notifications.settings import NotificationSettings
from shared.messaging.bus import EventMetadata
from tests.unit.notifications import samples


@asynccontextmanager
async def delivery_worker(
    pool: asyncpg.Pool, settings: NotificationSettings, **kwargs: Any
) -> AsyncIterator[DeliveryWorker]:
    async with httpx.AsyncClient(timeout=settings.channel_timeout_seconds) as http:
        yield build_delivery_worker(
            lambda: PostgresNotificationsUnitOfWork(pool), settings, http, **kwargs
        )


def source(event_type: str) -> EventMetadata:
    return samples.metadata(event_type)


async def deliveries(pool: asyncpg.Pool, member_id: uuid.UUID) -> list[asyncpg.Record]:
    return await pool.fetch(
        "SELECT * FROM deliveries WHERE member_id = $1 AND subscription_id IS NULL "
        "ORDER BY created_at",
        member_id,
    )


async def drain(worker: DeliveryWorker, pool: asyncpg.Pool, rounds: int = 200) -> None:
    """Run the worker until nothing is queued or sending (backoffs in tests are short)."""
    import asyncio

    for _ in range(rounds):
        await worker.run_once()
        left = await pool.fetchval(
            "SELECT count(*) FROM deliveries WHERE state IN ('queued', 'sending') "
            "AND next_attempt_at < now() + interval '1 minute'"
        )
        if left == 0:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("deliveries still pending after the worker's rounds")
