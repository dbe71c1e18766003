"""The events service's migrations build its schema; its rules hold in the database too."""

from __future__ import annotations

import uuid

import asyncpg
import pytest


async def test_the_migrations_build_the_events_tables(events_dsn: str) -> None:
    conn = await asyncpg.connect(events_dsn)
    try:
        tables = {
            r[0]
            for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'events'"
            )
        }
    finally:
        await conn.close()
    assert {
        "events",
        "registrations",
        "booth_assignments",
        "members",
        "products",
        "member_roles",
        "outbox",
        "inbox",
    } <= tables


async def test_the_database_refuses_a_booth_given_twice(events_dsn: str) -> None:
    conn = await asyncpg.connect(events_dsn)
    try:
        event_id = uuid.uuid4()
        await conn.execute(
            """INSERT INTO events (event_id, version, kind, status, title_th,
                   host_province_code, venue_th, starts_at, ends_at, registration_opens_at,
                   registration_closes_at, capacity, capacity_unit)
               VALUES ($1, 1, 'fair', 'published', 'งาน', '90', 'ลาน', now(),
                   now() + interval '1 day', now() - interval '1 day', now(), 5, 'booths')""",
            event_id,
        )
        registrations = [uuid.uuid4(), uuid.uuid4()]
        for registration_id in registrations:
            await conn.execute(
                """INSERT INTO registrations (registration_id, event_id, member_id, status,
                       version, applied_at)
                   VALUES ($1, $2, $3, 'confirmed', 1, now())""",
                registration_id,
                event_id,
                uuid.uuid4(),
            )
        insert_booth = """INSERT INTO booth_assignments
            (registration_id, event_id, zone, booth_number, assigned_by)
            VALUES ($1, $2, 'A', 1, 'staff')"""
        await conn.execute(insert_booth, registrations[0], event_id)
        with pytest.raises(asyncpg.UniqueViolationError, match="booth_given_once"):
            await conn.execute(insert_booth, registrations[1], event_id)
    finally:
        await conn.close()
