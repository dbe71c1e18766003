"""Read-side queries: the calendar with filters and cursor pagination, registrations,
attendance."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from services.events.adapters.registrations import REGISTRATION_SELECT, SELECT_REGISTRATION
from services.events.adapters.rows import event_from_row, registration_from_row
from services.events.domain.event import Event
from services.events.domain.registration import Registration
from shared.db.pagination import Page, decode_cursor, decode_keyset, encode_cursor, encode_keyset

LIST_EVENTS = """
SELECT * FROM events e
WHERE ($1::timestamptz IS NULL OR e.ends_at > $1)
  AND ($2::timestamptz IS NULL OR e.starts_at < $2)
  AND ($3::text IS NULL OR e.host_province_code = $3
       OR e.eligibility -> 'province_codes' ? $3)
  AND ($4::text IS NULL OR e.kind = $4)
  AND ($5::text IS NULL OR e.status = $5)
  AND ($6::timestamptz IS NULL OR (e.starts_at, e.event_id) > ($6, $7))
ORDER BY e.starts_at, e.event_id
LIMIT $8
"""


async def list_events(
    conn: asyncpg.Connection,
    *,
    starting_from: datetime | None = None,
    until: datetime | None = None,
    province: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Event]:
    """Events overlapping [starting_from, until), in date order. `province` matches events
    hosted in the province or open to its members."""
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(
        LIST_EVENTS, starting_from, until, province, kind, status, after[0], after[1], limit + 1
    )
    items = [event_from_row(r) for r in rows[:limit]]
    next_cursor = (
        encode_cursor(rows[limit - 1]["starts_at"], rows[limit - 1]["event_id"])
        if len(rows) > limit
        else None
    )
    return Page[Event](items, next_cursor)


SELECT_EVENT = "SELECT * FROM events WHERE event_id = $1"


async def get_event(conn: asyncpg.Connection, event_id: uuid.UUID) -> Event | None:
    row = await conn.fetchrow(SELECT_EVENT, event_id)
    return event_from_row(row) if row else None


REGISTRATION_COUNTS = """
SELECT status, count(*) AS n, count(checked_in_at) AS checked_in
FROM registrations WHERE event_id = $1 GROUP BY status
"""


async def registration_counts(conn: asyncpg.Connection, event_id: uuid.UUID) -> dict[str, int]:
    counts = {
        "pending_approval": 0,
        "confirmed": 0,
        "waitlisted": 0,
        "cancelled": 0,
        "checked_in": 0,
    }
    for row in await conn.fetch(REGISTRATION_COUNTS, event_id):
        counts[row["status"]] = row["n"]
        if row["status"] == "confirmed":
            counts["checked_in"] = row["checked_in"]
    return counts


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    member_name_th: str | None
    waitlist_position: int | None
    member_name_en: str | None = None


LIST_REGISTRATIONS = f"""
SELECT * FROM (
    SELECT x.*, m.name_th AS member_name_th, m.name_en AS member_name_en,
           CASE WHEN x.status = 'waitlisted' THEN
               row_number() OVER (PARTITION BY x.status = 'waitlisted' ORDER BY x.applied_order)
           END AS waitlist_position
    FROM ({REGISTRATION_SELECT} WHERE r.event_id = $1) x
    LEFT JOIN members m USING (member_id)
) listed
WHERE ($2::text IS NULL OR status = $2)
  AND ($3::boolean IS NULL OR (checked_in_at IS NOT NULL) = $3)
  AND ($4::bigint IS NULL OR applied_order > $4)
  AND ($5::uuid IS NULL OR registration_id = $5)
ORDER BY applied_order
LIMIT $6
"""


def _registration_row(row: asyncpg.Record) -> RegistrationRow:
    return RegistrationRow(
        registration_from_row(row),
        row["member_name_th"],
        row["waitlist_position"],
        row["member_name_en"],
    )


async def list_registrations(
    conn: asyncpg.Connection,
    event_id: uuid.UUID,
    *,
    status: str | None = None,
    checked_in: bool | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> Page[RegistrationRow]:
    """The event's registrations, a page at a time in the order applied (the waitlist's
    order)."""
    (after,) = decode_keyset(cursor, int) if cursor else (None,)
    rows = await conn.fetch(
        LIST_REGISTRATIONS, event_id, status, checked_in, after, None, limit + 1
    )
    items = [_registration_row(r) for r in rows[:limit]]
    next_cursor = encode_keyset(rows[limit - 1]["applied_order"]) if len(rows) > limit else None
    return Page(items, next_cursor)


async def get_registration(
    conn: asyncpg.Connection, registration_id: uuid.UUID
) -> RegistrationRow | None:
    row = await conn.fetchrow(SELECT_REGISTRATION, registration_id)
    if row is None:
        return None
    registration = registration_from_row(row)
    listed = await conn.fetchrow(
        LIST_REGISTRATIONS, registration.event_id, None, None, None, registration_id, 1
    )
    return _registration_row(listed) if listed else RegistrationRow(registration, None, None)


CALENDAR_EVENTS = """
SELECT * FROM events e
WHERE e.published_at IS NOT NULL
  AND ($1::text IS NULL OR e.host_province_code = $1 OR e.eligibility -> 'province_codes' ? $1)
ORDER BY e.starts_at, e.event_id
"""


async def calendar_events(conn: asyncpg.Connection, province: str | None) -> list[Event]:
    """Every event that has been on the calendar (published, later closed or cancelled)."""
    return [event_from_row(r) for r in await conn.fetch(CALENDAR_EVENTS, province)]


EVENTS_UPDATED_AT = "SELECT event_id, updated_at FROM events WHERE event_id = ANY($1::uuid[])"


async def event_updated_at(
    conn: asyncpg.Connection, event_ids: list[uuid.UUID]
) -> dict[uuid.UUID, datetime]:
    rows = await conn.fetch(EVENTS_UPDATED_AT, event_ids)
    return {r["event_id"]: r["updated_at"] for r in rows}
