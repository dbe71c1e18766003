"""The reminder schedule in Postgres: due reminders queue once, across restarts and
replicas; cancelled events drop theirs."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

import asyncpg

from services.notifications.adapters.unit_of_work import PostgresNotificationsUnitOfWork
from services.notifications.service_layer import (
    registration_events,
    showcase_events,
)
from services.notifications.service_layer.reminders import send_due_reminders
from shared.db.pool import create_pool
from shared.timeutil import BANGKOK
from tests.integration.notifications.helpers import source
from tests.unit.notifications import samples

STARTS = datetime(2026, 12, 5, 9, 0, tzinfo=BANGKOK)
DUE = datetime(2026, 12, 4, 9, 0, tzinfo=BANGKOK)


def uow(pool: asyncpg.Pool) -> PostgresNotificationsUnitOfWork:
    return PostgresNotificationsUnitOfWork(pool)


async def scheduled_event_with(pool: asyncpg.Pool, members: list[uuid.UUID]) -> uuid.UUID:
    event_id = uuid.uuid4()
    await showcase_events.on_event_scheduled(
        samples.published(event_id, starts=STARTS), source("event.published"), uow(pool)
    )
    for member_id in members:
        await registration_events.on_registration_changed(
            samples.confirmed(member_id, samples.summary(event_id, STARTS)),
            source("registration.confirmed"),
            uow(pool),
        )
    return event_id


async def reminders_queued(pool: asyncpg.Pool, event_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await pool.fetch(
        "SELECT member_id FROM deliveries WHERE event_id = $1 AND kind = 'event_reminder' "
        "ORDER BY member_id",
        event_id,
    )
    return [r["member_id"] for r in rows]


async def test_a_reminder_survives_a_restart_and_two_replicas_queue_it_once(
    pool: asyncpg.Pool, notifications_dsn: str
) -> None:
    members = sorted(uuid.uuid4() for _ in range(3))
    event_id = await scheduled_event_with(pool, members)
    assert await send_due_reminders(uow(pool), lambda: DUE - timedelta(minutes=1)) == 0
    # A "restarted" process with pools of its own, two replicas at the same moment.
    first = await create_pool(notifications_dsn, schema="notifications")
    second = await create_pool(notifications_dsn, schema="notifications")
    try:
        handled = await asyncio.gather(
            send_due_reminders(uow(first), lambda: DUE),
            send_due_reminders(uow(second), lambda: DUE),
        )
    finally:
        await first.close()
        await second.close()
    assert sorted(handled) == [0, 1]
    assert await reminders_queued(pool, event_id) == members
    assert await send_due_reminders(uow(pool), lambda: DUE + timedelta(hours=1)) == 0


async def test_a_rescheduled_event_reminds_for_its_new_date(pool: asyncpg.Pool) -> None:
    member_id = uuid.uuid4()
    event_id = await scheduled_event_with(pool, [member_id])
    assert await send_due_reminders(uow(pool), lambda: DUE) == 1
    later = STARTS + timedelta(days=7)
    moved = samples.published(event_id, version=2, starts=later)
    await showcase_events.on_event_scheduled(moved, source("event.updated"), uow(pool))
    assert await send_due_reminders(uow(pool), lambda: DUE + timedelta(days=7)) == 1
    assert await reminders_queued(pool, event_id) == [member_id, member_id]


async def test_a_cancelled_event_drops_its_reminder(pool: asyncpg.Pool) -> None:
    member_id = uuid.uuid4()
    event_id = await scheduled_event_with(pool, [member_id])
    await showcase_events.on_event_cancelled(
        samples.event_cancelled(event_id, [member_id]), source("event.cancelled"), uow(pool)
    )
    assert await send_due_reminders(uow(pool), lambda: DUE) == 0
    kinds = await pool.fetch("SELECT kind FROM deliveries WHERE event_id = $1", event_id)
    assert sorted(r["kind"] for r in kinds) == ["event_cancelled", "registration_confirmed"]


async def test_a_reminder_due_after_the_event_began_is_not_sent(pool: asyncpg.Pool) -> None:
    event_id = await scheduled_event_with(pool, [uuid.uuid4()])
    assert await send_due_reminders(uow(pool), lambda: STARTS + timedelta(hours=1)) == 1
    assert await reminders_queued(pool, event_id) == []
    state = await pool.fetchval("SELECT state FROM event_reminders WHERE event_id = $1", event_id)
    assert state == "missed"
