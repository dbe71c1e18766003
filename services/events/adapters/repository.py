"""Postgres repositories of events, registrations and booths (asyncpg, plain SQL)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from services.events.domain.booths import Booth
from services.events.domain.model import Event
from services.events.domain.places import PlacesTaken
from services.events.domain.registration import Registration
from shared.contracts.events import (
    CancellationReason,
    CapacityUnit,
    Eligibility,
    EventKind,
    EventStatus,
    Quota,
    RegistrationStatus,
)
from shared.money import from_satang, to_satang
from shared.timeutil import BANGKOK

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

REGISTRATION_SELECT = """
SELECT r.*, b.zone, b.booth_number, b.assigned_by
FROM registrations r LEFT JOIN booth_assignments b USING (registration_id)
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
WHERE registration_id = $1 AND event_id = $2 AND member_id = $3
"""
OPEN_OF_MEMBER = (
    REGISTRATION_SELECT + "WHERE r.event_id = $1 AND r.member_id = $2 AND r.status <> 'cancelled'"
)
OPEN_OF_EVENT = (
    REGISTRATION_SELECT
    + "WHERE r.event_id = $1 AND r.status <> 'cancelled' ORDER BY r.applied_order"
)
WAITLISTED = (
    REGISTRATION_SELECT
    + "WHERE r.event_id = $1 AND r.status = 'waitlisted' ORDER BY r.applied_order"
)
CONFIRMED_QUOTAS = "SELECT quota FROM registrations WHERE event_id = $1 AND status = 'confirmed'"
CHECKED_IN_COUNT = """
SELECT count(*) FROM registrations
WHERE event_id = $1 AND status = 'confirmed' AND checked_in_at IS NOT NULL
"""
EVENTS_WITH_OPEN_REGISTRATIONS_OF = """
SELECT DISTINCT event_id FROM registrations WHERE member_id = $1 AND status <> 'cancelled'
"""

BOOTHS_TAKEN = "SELECT zone, booth_number FROM booth_assignments WHERE event_id = $1"
ASSIGN_BOOTH = """
INSERT INTO booth_assignments (registration_id, event_id, zone, booth_number, assigned_by)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (registration_id) DO UPDATE SET
    zone = excluded.zone, booth_number = excluded.booth_number,
    assigned_by = excluded.assigned_by, assigned_at = now()
"""
RELEASE_BOOTH = "DELETE FROM booth_assignments WHERE registration_id = $1"


def _local(moment: Any) -> Any:
    """Stored in UTC; the network's times read in Asia/Bangkok."""
    return moment.astimezone(BANGKOK) if moment is not None else None


def event_from_row(row: asyncpg.Record) -> Event:
    return Event(
        event_id=row["event_id"],
        version=row["version"],
        kind=EventKind(row["kind"]),
        status=EventStatus(row["status"]),
        title_th=row["title_th"],
        title_en=row["title_en"],
        description_th=row["description_th"],
        description_en=row["description_en"],
        host_province_code=row["host_province_code"],
        venue_th=row["venue_th"],
        venue_en=row["venue_en"],
        starts_at=_local(row["starts_at"]),
        ends_at=_local(row["ends_at"]),
        registration_opens_at=_local(row["registration_opens_at"]),
        registration_closes_at=_local(row["registration_closes_at"]),
        capacity=row["capacity"],
        capacity_unit=CapacityUnit(row["capacity_unit"]),
        budget=from_satang(row["budget_satang"]) if row["budget_satang"] is not None else None,
        eligibility=Eligibility.model_validate(row["eligibility"]),
        quotas=[Quota.model_validate(q) for q in row["quotas"]],
        requires_approval=row["requires_approval"],
        cancel_reason=row["cancel_reason"],
        published_at=_local(row["published_at"]),
        cancelled_at=_local(row["cancelled_at"]),
        closed_at=_local(row["closed_at"]),
    )


def _event_values(e: Event) -> list[Any]:
    """In the column order of EVENT_COLUMNS."""
    return [
        e.event_id,
        e.version,
        e.kind.value,
        e.status.value,
        e.title_th,
        e.title_en,
        e.description_th,
        e.description_en,
        e.host_province_code,
        e.venue_th,
        e.venue_en,
        e.starts_at,
        e.ends_at,
        e.registration_opens_at,
        e.registration_closes_at,
        e.capacity,
        e.capacity_unit.value,
        to_satang(e.budget) if e.budget is not None else None,
        e.eligibility.model_dump(mode="json"),
        [q.model_dump(mode="json") for q in e.quotas],
        e.requires_approval,
        e.cancel_reason,
        e.published_at,
        e.cancelled_at,
        e.closed_at,
    ]


def registration_from_row(row: asyncpg.Record) -> Registration:
    booth = Booth(row["zone"], row["booth_number"]) if row["zone"] is not None else None
    return Registration(
        registration_id=row["registration_id"],
        event_id=row["event_id"],
        member_id=row["member_id"],
        status=RegistrationStatus(row["status"]),
        applied_at=_local(row["applied_at"]),
        version=row["version"],
        quota=row["quota"],
        confirmed_at=_local(row["confirmed_at"]),
        cancelled_at=_local(row["cancelled_at"]),
        cancel_reason=CancellationReason(row["cancel_reason"]) if row["cancel_reason"] else None,
        checked_in_at=_local(row["checked_in_at"]),
        booth=booth,
        booth_assigned_by=row["assigned_by"],
    )


def _registration_values(r: Registration) -> list[Any]:
    return [
        r.registration_id,
        r.event_id,
        r.member_id,
        r.status.value,
        r.quota,
        r.version,
        r.applied_at,
        r.confirmed_at,
        r.cancelled_at,
        r.cancel_reason.value if r.cancel_reason else None,
        r.checked_in_at,
    ]


class PostgresEventRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, event: Event) -> None:
        await self._conn.execute(INSERT_EVENT, *_event_values(event))

    async def get(self, event_id: uuid.UUID, *, for_update: bool = False) -> Event | None:
        row = await self._conn.fetchrow(
            SELECT_EVENT + (" FOR UPDATE" if for_update else ""), event_id
        )
        return event_from_row(row) if row else None

    async def save(self, event: Event) -> None:
        await self._conn.execute(UPDATE_EVENT, *_event_values(event))


class PostgresRegistrationRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, registration: Registration) -> None:
        await self._conn.execute(INSERT_REGISTRATION, *_registration_values(registration))

    async def get(self, registration_id: uuid.UUID) -> Registration | None:
        row = await self._conn.fetchrow(
            REGISTRATION_SELECT + "WHERE r.registration_id = $1", registration_id
        )
        return registration_from_row(row) if row else None

    async def save(self, registration: Registration) -> None:
        await self._conn.execute(UPDATE_REGISTRATION, *_registration_values(registration))

    async def open_of_member(
        self, event_id: uuid.UUID, member_id: uuid.UUID
    ) -> Registration | None:
        row = await self._conn.fetchrow(OPEN_OF_MEMBER, event_id, member_id)
        return registration_from_row(row) if row else None

    async def open_of_event(self, event_id: uuid.UUID) -> list[Registration]:
        return [registration_from_row(r) for r in await self._conn.fetch(OPEN_OF_EVENT, event_id)]

    async def waitlisted(self, event_id: uuid.UUID) -> list[Registration]:
        return [registration_from_row(r) for r in await self._conn.fetch(WAITLISTED, event_id)]

    async def places_taken(self, event_id: uuid.UUID) -> PlacesTaken:
        rows = await self._conn.fetch(CONFIRMED_QUOTAS, event_id)
        return PlacesTaken.of([r["quota"] for r in rows])

    async def checked_in_count(self, event_id: uuid.UUID) -> int:
        return int(await self._conn.fetchval(CHECKED_IN_COUNT, event_id))

    async def events_with_open_registrations_of(self, member_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self._conn.fetch(EVENTS_WITH_OPEN_REGISTRATIONS_OF, member_id)
        return [r["event_id"] for r in rows]


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
