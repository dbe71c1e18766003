"""The events' and products' names kept for notices, on PostgreSQL: a newer version replaces
an older one, a redelivered or older one changes nothing; events published before names were
kept take theirs from the reminders' schedule."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
import pytest

from services import topology
from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.service_layer.notify import event_context
from tests.unit.notifications import project_samples

pytestmark = pytest.mark.integration

BACKFILL = topology.NOTIFICATIONS.migrations / "0005_event_names_from_reminders.sql"


async def test_the_newest_titles_and_names_are_kept_whatever_order_they_arrive_in(
    pool: asyncpg.Pool,
) -> None:
    first = project_samples.project(version=1)
    renamed = first.model_copy(update={"version": 2, "title_th": "โครงการ KBO มุกดาหาร ปี 2564"})
    product_id = uuid.uuid4()
    async with PostgresNotificationsUnitOfWork(pool) as uow:
        assert await uow.names.keep_event(first.event_id, 2, event_context(renamed))
        assert not await uow.names.keep_event(first.event_id, 1, event_context(first))
        assert await uow.names.keep_product(product_id, 3, "MDH-0007", "ผ้าไหมลายใหม่", None)
        assert not await uow.names.keep_product(product_id, 1, "MDH-0007", "ผ้าไหมเดิม", "Silk")
        await uow.commit()
    async with PostgresNotificationsUnitOfWork(pool) as uow:
        event = await uow.names.event(first.event_id)
        product = await uow.names.product(product_id)
        assert await uow.names.event(uuid.uuid4()) is None
        assert await uow.names.product(uuid.uuid4()) is None
    assert event is not None and event["title_th"] == "โครงการ KBO มุกดาหาร ปี 2564"
    # Not newer: fills only what the row lacks (its English name), keeps the Thai one.
    assert product == {"sku": "MDH-0007", "name_th": "ผ้าไหมลายใหม่", "name_en": "Silk"}


async def test_events_published_before_names_were_kept_take_them_from_the_reminders(
    pool: asyncpg.Pool,
) -> None:
    earlier, unnamed = project_samples.project(), uuid.uuid4()
    starts = earlier.starts_at
    async with pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO event_reminders (event_id, version, event, starts_at, remind_at, state)"
            " VALUES ($1, 1, $2, $3, $4, 'sent'), ($5, 1, '{}'::jsonb, $3, $4, 'dropped')",
            earlier.event_id,
            event_context(earlier),
            starts,
            starts - timedelta(days=1),
            unnamed,
        )
        await conn.execute(BACKFILL.read_text("utf-8"))
        await conn.execute(BACKFILL.read_text("utf-8"))  # twice: changes nothing
        rows = await conn.fetch(
            "SELECT event_id, event->>'title_th' AS title FROM event_names"
            " WHERE event_id = ANY($1::uuid[])",
            [earlier.event_id, unnamed],
        )
    assert [(r["event_id"], r["title"]) for r in rows] == [(earlier.event_id, earlier.title_th)]
