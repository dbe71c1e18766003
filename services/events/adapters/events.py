"""Postgres repositories of events and of their places (asyncpg, plain SQL).

An event's places are counted in `event_places` and `quota_places` by the database itself
(triggers on events and registrations, see migration 0003), whose checks refuse a count
beyond the capacity or a quota's places; the places are handed out with the event's row
locked (SELECT ... FOR UPDATE), so the seat decisions made on them never race."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime
from decimal import Decimal

import asyncpg

from services.events.adapters.rows import event_from_row, event_values
from services.events.domain.event import Event
from services.events.domain.places import EventPlaces, PlacesTaken
from shared.money import from_satang

EVENT_COLUMNS = """
    event_id, version, kind, status, title_th, title_en, description_th, description_en,
    host_province_code, venue_th, venue_en, starts_at, ends_at, registration_opens_at,
    registration_closes_at, capacity, capacity_unit, budget_satang, eligibility, quotas,
    requires_approval, cancel_reason, published_at, cancelled_at, closed_at
"""
INSERT_EVENT = f"""
INSERT INTO events ({EVENT_COLUMNS})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
        $20, $21, $22, $23, $24, $25)
"""
UPDATE_EVENT = """
UPDATE events SET
    version = $2, kind = $3, status = $4, title_th = $5, title_en = $6, description_th = $7,
    description_en = $8, host_province_code = $9, venue_th = $10, venue_en = $11,
    starts_at = $12, ends_at = $13, registration_opens_at = $14, registration_closes_at = $15,
    capacity = $16, capacity_unit = $17, budget_satang = $18, eligibility = $19, quotas = $20,
    requires_approval = $21, cancel_reason = $22, published_at = $23, cancelled_at = $24,
    closed_at = $25, updated_at = now()
WHERE event_id = $1
"""
SELECT_EVENT = "SELECT * FROM events WHERE event_id = $1"

LOCK_EVENT = SELECT_EVENT + " FOR UPDATE"
SESSION_SPAN = """
SELECT min(starts_at), max(ends_at) FROM event_sessions WHERE event_id = $1
"""
BUDGET_HELD = """
SELECT (SELECT coalesce(sum(amount_satang), 0) FROM event_expenses WHERE event_id = $1),
       (SELECT coalesce(sum(amount_satang), 0) FROM project_grants WHERE event_id = $1)
"""
# Confirmed places per quota label; the general places (no quota) under NULL.
PLACES_TAKEN = """
SELECT NULL::text AS quota,
       p.confirmed - coalesce(
           (SELECT sum(q.confirmed) FROM quota_places q WHERE q.event_id = p.event_id), 0
       ) AS confirmed
FROM event_places p WHERE p.event_id = $1
UNION ALL
SELECT label, confirmed FROM quota_places WHERE event_id = $1 AND confirmed > 0
"""


class PostgresEventRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, event: Event) -> None:
        await self._conn.execute(INSERT_EVENT, *event_values(event))

    async def get(self, event_id: uuid.UUID) -> Event | None:
        row = await self._conn.fetchrow(SELECT_EVENT, event_id)
        return event_from_row(row) if row else None

    async def save(self, event: Event) -> None:
        await self._conn.execute(UPDATE_EVENT, *event_values(event))

    async def budget_held(self, event_id: uuid.UUID) -> tuple[Decimal, Decimal]:
        spent, allocated = await self._conn.fetchrow(BUDGET_HELD, event_id)
        return from_satang(int(spent)), from_satang(int(allocated))

    async def session_span(self, event_id: uuid.UUID) -> tuple[datetime, datetime] | None:
        first, last = await self._conn.fetchrow(SESSION_SPAN, event_id)
        return None if first is None else (first, last)


class PostgresPlacesRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def locked(self, event_id: uuid.UUID) -> EventPlaces | None:
        row = await self._conn.fetchrow(LOCK_EVENT, event_id)
        if row is None:
            return None
        counts: Counter[str | None] = Counter()
        for taken in await self._conn.fetch(PLACES_TAKEN, event_id):
            counts[taken["quota"]] = int(taken["confirmed"])
        return EventPlaces(event_from_row(row), PlacesTaken(counts))
