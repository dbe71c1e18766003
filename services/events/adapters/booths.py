"""Postgres repository of the booths given at showcases and fairs (asyncpg, plain SQL)."""

from __future__ import annotations

import uuid

import asyncpg

from services.events.domain.booths import Booth
from services.events.domain.registration import Registration

BOOTHS_TAKEN = "SELECT zone, booth_number FROM booth_assignments WHERE event_id = $1"
ASSIGN_BOOTH = """
INSERT INTO booth_assignments (registration_id, event_id, zone, booth_number, assigned_by)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (registration_id) DO UPDATE SET
    zone = excluded.zone, booth_number = excluded.booth_number,
    assigned_by = excluded.assigned_by, assigned_at = now()
"""
RELEASE_BOOTH = "DELETE FROM booth_assignments WHERE registration_id = $1"


class PostgresBoothRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def taken(self, event_id: uuid.UUID) -> set[Booth]:
        rows = await self._conn.fetch(BOOTHS_TAKEN, event_id)
        return {Booth(r["zone"], r["booth_number"]) for r in rows}

    async def assign(self, registration: Registration) -> None:
        assert registration.booth is not None
        await self._conn.execute(
            ASSIGN_BOOTH,
            registration.registration_id,
            registration.event_id,
            registration.booth.zone,
            registration.booth.number,
            registration.booth_assigned_by or "automatic",
        )

    async def release(self, registration_id: uuid.UUID) -> None:
        await self._conn.execute(RELEASE_BOOTH, registration_id)
