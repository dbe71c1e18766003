"""The database backs a per-district quota's places too: each district's places are counted
under '<label>#<district>' by the same triggers, and a confirmation beyond a district's
places is refused even from writers that never took the event's lock."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.integration.events.test_places_guard import QUOTA_REFUSED, _counts

PRESIDENTS = {
    "label": "ประธานอำเภอ",
    "places": 1,
    "per_district": True,
    "participant_kinds": ["office_holder", "member"],
}
INSERT_EVENT = """
INSERT INTO events (event_id, version, kind, status, title_th, host_province_code, venue_th,
    starts_at, ends_at, registration_opens_at, registration_closes_at, capacity,
    capacity_unit, quotas)
VALUES ($1, 1, 'training', 'published', 'อบรม', '90', 'ห้องประชุม', now() + interval '1 day',
    now() + interval '2 days', now() - interval '1 day', now() + interval '1 day', 34,
    'seats', $2)
"""
INSERT_MEMBER = """
INSERT INTO registrations (registration_id, event_id, member_id, status, quota, version,
    applied_at)
VALUES ($1, $2, $3, 'confirmed', $4, 1, now())
"""
INSERT_PARTICIPANT = """
INSERT INTO registrations (registration_id, event_id, member_id, status, quota, version,
    applied_at, participant_kind)
VALUES ($1, $2, NULL, 'confirmed', $3, 1, now(), 'office_holder')
"""


@pytest.fixture
async def pool(events_dsn: str) -> AsyncIterator[asyncpg.Pool]:
    created = await asyncpg.create_pool(events_dsn, min_size=2, max_size=6)
    try:
        yield created
    finally:
        await created.close()


async def test_a_districts_place_is_taken_once_by_a_member_or_an_office_holder(
    pool: asyncpg.Pool,
) -> None:
    event_id = uuid.uuid4()
    await pool.execute(INSERT_EVENT, event_id, json.dumps([PRESIDENTS]))
    label = "ประธานอำเภอ#9001"

    async def member() -> None:
        await pool.execute(INSERT_MEMBER, uuid.uuid4(), event_id, uuid.uuid4(), label)

    async def office_holder() -> None:
        await pool.execute(INSERT_PARTICIPANT, uuid.uuid4(), event_id, label)

    outcomes = await asyncio.gather(
        member(), office_holder(), member(), office_holder(), return_exceptions=True
    )
    refused = [o for o in outcomes if isinstance(o, asyncpg.CheckViolationError)]
    assert len(refused) == 3 and all(QUOTA_REFUSED in str(o) for o in refused), outcomes
    async with pool.acquire() as conn:
        assert await _counts(conn, event_id) == (1, {label: 1})
        # Another district has its own place; one of no quota's districts has none.
        await conn.execute(INSERT_PARTICIPANT, uuid.uuid4(), event_id, "ประธานอำเภอ#9002")
        with pytest.raises(asyncpg.CheckViolationError, match=QUOTA_REFUSED):
            await conn.execute(INSERT_PARTICIPANT, uuid.uuid4(), event_id, "ไม่มีโควตา#9003")
        # Two places a district from now on: the district's row follows the quota.
        await conn.execute(
            "UPDATE events SET quotas = $2 WHERE event_id = $1",
            event_id,
            json.dumps([{**PRESIDENTS, "places": 2}]),
        )
        await conn.execute(INSERT_MEMBER, uuid.uuid4(), event_id, uuid.uuid4(), label)
        assert await _counts(conn, event_id) == (3, {label: 2, "ประธานอำเภอ#9002": 1})
