"""The database backs the event's places: it counts the confirmed registrations of each event
and quota itself, and refuses a confirmation beyond the capacity or a quota's places even
from a writer that never took the event's lock."""

from __future__ import annotations

import asyncio
import json
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from services import topology
from services.events.adapters.unit_of_work import PostgresEventsUnitOfWork
from services.events.domain.places import Place
from services.events.domain.registration import Registration
from shared.db.migrations import apply_migrations, service_migrations
from shared.db.pool import create_pool
from shared.timeutil import now_bangkok
from tests.conftest import Database, eventually, provision

CAPACITY_REFUSED = "places_within_capacity"
QUOTA_REFUSED = "quota_places_within_quota"

INSERT_EVENT = """
INSERT INTO events (event_id, version, kind, status, title_th, host_province_code, venue_th,
    starts_at, ends_at, registration_opens_at, registration_closes_at, capacity,
    capacity_unit, quotas)
VALUES ($1, 1, 'training', 'published', 'อบรม', '90', 'ห้องประชุม', now() + interval '1 day',
    now() + interval '2 days', now() - interval '1 day', now() + interval '1 day', $2,
    'seats', $3)
"""
INSERT_CONFIRMED = """
INSERT INTO registrations (registration_id, event_id, member_id, status, quota, version,
    applied_at)
VALUES ($1, $2, $3, 'confirmed', $4, 1, now())
"""


@pytest.fixture
async def conn(events_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(events_dsn)
    try:
        yield connection
    finally:
        await connection.close()


async def _event(
    conn: asyncpg.Connection, capacity: int, quotas: list[dict[str, object]] | None = None
) -> uuid.UUID:
    event_id = uuid.uuid4()
    await conn.execute(INSERT_EVENT, event_id, capacity, json.dumps(quotas or []))
    return event_id


async def _confirm(conn: asyncpg.Connection, event_id: uuid.UUID, quota: str | None = None) -> None:
    await conn.execute(INSERT_CONFIRMED, uuid.uuid4(), event_id, uuid.uuid4(), quota)


async def _counts(conn: asyncpg.Connection, event_id: uuid.UUID) -> tuple[int, dict[str, int]]:
    total = await conn.fetchval("SELECT confirmed FROM event_places WHERE event_id = $1", event_id)
    rows = await conn.fetch(
        "SELECT label, confirmed FROM quota_places WHERE event_id = $1", event_id
    )
    return total, {r["label"]: r["confirmed"] for r in rows}


async def test_the_database_refuses_the_seat_after_the_last_without_any_lock(
    conn: asyncpg.Connection,
) -> None:
    event_id = await _event(conn, capacity=1)
    await _confirm(conn, event_id)
    with pytest.raises(asyncpg.CheckViolationError, match=CAPACITY_REFUSED):
        await _confirm(conn, event_id)
    assert await _counts(conn, event_id) == (1, {})


async def test_two_writers_racing_for_the_last_seat_without_the_lock_confirm_one(
    events_dsn: str, conn: asyncpg.Connection
) -> None:
    event_id = await _event(conn, capacity=1)
    first, second = await asyncpg.connect(events_dsn), await asyncpg.connect(events_dsn)
    try:
        first_tx, second_tx = first.transaction(), second.transaction()
        await first_tx.start()
        await second_tx.start()
        await _confirm(first, event_id)
        racing = asyncio.create_task(_confirm(second, event_id))
        await eventually(lambda: _waiting_for_a_lock(conn))  # on the event's count
        assert not racing.done()
        await first_tx.commit()
        with pytest.raises(asyncpg.CheckViolationError, match=CAPACITY_REFUSED):
            await racing
        await second_tx.rollback()
    finally:
        await first.close()
        await second.close()
    assert await _counts(conn, event_id) == (1, {})


async def _waiting_for_a_lock(conn: asyncpg.Connection) -> bool:
    waiting = await conn.fetchval(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    return bool(waiting)


async def test_a_handler_that_forgot_the_lock_cannot_oversell_through_the_repository(
    events_dsn: str, conn: asyncpg.Connection
) -> None:
    event_id = await _event(conn, capacity=1)
    pool = await create_pool(events_dsn, schema="events", min_size=1, max_size=2)
    try:
        for attempt in range(2):
            uow = PostgresEventsUnitOfWork(pool)
            async with uow:
                event = await uow.events.get(event_id)  # read, not locked
                assert event is not None
                registration = Registration.apply(event_id, uuid.uuid4(), now_bangkok())
                registration.confirm(Place(None), event.summary(), now_bangkok(), is_new=True)
                if attempt == 0:
                    await uow.registrations.add(registration)
                    await uow.commit()
                else:
                    with pytest.raises(asyncpg.CheckViolationError, match=CAPACITY_REFUSED):
                        await uow.registrations.add(registration)
    finally:
        await pool.close()
    assert await _counts(conn, event_id) == (1, {})


async def test_a_quota_holds_no_more_than_its_places_and_unknown_quotas_hold_none(
    conn: asyncpg.Connection,
) -> None:
    event_id = await _event(conn, capacity=5, quotas=[{"label": "กลุ่ม D", "places": 1}])
    await _confirm(conn, event_id, "กลุ่ม D")
    with pytest.raises(asyncpg.CheckViolationError, match=QUOTA_REFUSED):
        await _confirm(conn, event_id, "กลุ่ม D")
    with pytest.raises(asyncpg.CheckViolationError, match=QUOTA_REFUSED):
        await _confirm(conn, event_id, "no such quota")
    await _confirm(conn, event_id)
    assert await _counts(conn, event_id) == (2, {"กลุ่ม D": 1})


async def test_cancellations_free_places_and_capacity_cannot_drop_below_the_confirmed(
    conn: asyncpg.Connection,
) -> None:
    event_id = await _event(conn, capacity=2, quotas=[{"label": "กลุ่ม D", "places": 1}])
    await _confirm(conn, event_id, "กลุ่ม D")
    await _confirm(conn, event_id)
    with pytest.raises(asyncpg.CheckViolationError, match=CAPACITY_REFUSED):
        await conn.execute("UPDATE events SET capacity = 1 WHERE event_id = $1", event_id)
    with pytest.raises(asyncpg.CheckViolationError, match=QUOTA_REFUSED):
        await conn.execute("UPDATE events SET quotas = '[]' WHERE event_id = $1", event_id)
    await conn.execute(
        "UPDATE registrations SET status = 'cancelled', cancel_reason = 'member_cancelled' "
        "WHERE event_id = $1 AND quota IS NOT NULL",
        event_id,
    )
    assert await _counts(conn, event_id) == (1, {"กลุ่ม D": 0})
    await conn.execute(
        "UPDATE events SET capacity = 1, quotas = '[]' WHERE event_id = $1", event_id
    )
    assert await _counts(conn, event_id) == (1, {})


async def test_the_migration_counts_the_registrations_already_there(
    database: Database, tmp_path: Path
) -> None:
    earlier = tmp_path / "migrations"
    earlier.mkdir()
    for path in sorted(topology.EVENTS.migrations.glob("*.sql")):
        if path.name < "0003":
            shutil.copy(path, earlier / path.name)
    dsn = await provision(database, "events", earlier)
    conn = await asyncpg.connect(dsn)
    try:
        event_id = await _event(conn, capacity=3, quotas=[{"label": "กลุ่ม D", "places": 1}])
        await _confirm(conn, event_id, "กลุ่ม D")
        await _confirm(conn, event_id)
        await conn.execute(
            INSERT_CONFIRMED.replace("'confirmed'", "'waitlisted'"),
            uuid.uuid4(),
            event_id,
            uuid.uuid4(),
            None,
        )
        empty = await _event(conn, capacity=1)
        await apply_migrations(conn, "events", service_migrations(topology.EVENTS.migrations))
        assert await _counts(conn, event_id) == (2, {"กลุ่ม D": 1})
        assert await _counts(conn, empty) == (0, {})
        await _confirm(conn, event_id)
        with pytest.raises(asyncpg.CheckViolationError, match=CAPACITY_REFUSED):
            await _confirm(conn, event_id)
    finally:
        await conn.close()
