"""Postgres repository of registrations (asyncpg, plain SQL)."""

from __future__ import annotations

import uuid

import asyncpg

from services.events.adapters.rows import registration_from_row, registration_values
from services.events.domain.registration import Registration

REGISTRATION_SELECT = """
SELECT r.*, b.zone, b.booth_number, b.assigned_by,
       p.name_th AS participant_name_th, p.name_en AS participant_name_en,
       p.position_th AS participant_position_th, p.province_code AS participant_province_code,
       p.district_code AS participant_district_code, p.organisation AS participant_organisation
FROM registrations r LEFT JOIN booth_assignments b USING (registration_id)
LEFT JOIN registration_participants p USING (registration_id)
"""
INSERT_REGISTRATION = """
INSERT INTO registrations (
    registration_id, event_id, member_id, status, quota, version, applied_at, confirmed_at,
    cancelled_at, cancel_reason, checked_in_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
"""
UPDATE_REGISTRATION = """
UPDATE registrations SET
    status = $4, quota = $5, version = $6, applied_at = $7, confirmed_at = $8,
    cancelled_at = $9, cancel_reason = $10, checked_in_at = $11
WHERE registration_id = $1 AND event_id = $2 AND member_id IS NOT DISTINCT FROM $3
"""
OPEN_OF_MEMBER = (
    REGISTRATION_SELECT + "WHERE r.event_id = $1 AND r.member_id = $2 AND r.status <> 'cancelled'"
)
OPEN_OF_EVENT = (
    REGISTRATION_SELECT
    + "WHERE r.event_id = $1 AND r.status <> 'cancelled' ORDER BY r.applied_order"
)
SELECT_REGISTRATION = REGISTRATION_SELECT + "WHERE r.registration_id = $1"
WAITLISTED = (
    REGISTRATION_SELECT
    + "WHERE r.event_id = $1 AND r.status = 'waitlisted' ORDER BY r.applied_order"
)
CHECKED_IN_COUNT = """
SELECT count(*) FROM registrations
WHERE event_id = $1 AND status = 'confirmed' AND checked_in_at IS NOT NULL
"""
EVENTS_WITH_OPEN_REGISTRATIONS_OF = """
SELECT DISTINCT event_id FROM registrations WHERE member_id = $1 AND status <> 'cancelled'
"""


class PostgresRegistrationRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, registration: Registration) -> None:
        await self._conn.execute(INSERT_REGISTRATION, *registration_values(registration))

    async def get(self, registration_id: uuid.UUID) -> Registration | None:
        row = await self._conn.fetchrow(SELECT_REGISTRATION, registration_id)
        return registration_from_row(row) if row else None

    async def save(self, registration: Registration) -> None:
        await self._conn.execute(UPDATE_REGISTRATION, *registration_values(registration))

    async def open_of_member(
        self, event_id: uuid.UUID, member_id: uuid.UUID
    ) -> Registration | None:
        row = await self._conn.fetchrow(OPEN_OF_MEMBER, event_id, member_id)
        return registration_from_row(row) if row else None

    async def open_of_event(self, event_id: uuid.UUID) -> list[Registration]:
        return [registration_from_row(r) for r in await self._conn.fetch(OPEN_OF_EVENT, event_id)]

    async def waitlisted(self, event_id: uuid.UUID) -> list[Registration]:
        return [registration_from_row(r) for r in await self._conn.fetch(WAITLISTED, event_id)]

    async def checked_in_count(self, event_id: uuid.UUID) -> int:
        return int(await self._conn.fetchval(CHECKED_IN_COUNT, event_id))

    async def events_with_open_registrations_of(self, member_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self._conn.fetch(EVENTS_WITH_OPEN_REGISTRATIONS_OF, member_id)
        return [r["event_id"] for r in rows]
