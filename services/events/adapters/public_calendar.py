"""The public calendar's read: the events that have been on the calendar (published, later
closed or cancelled) hosted in a province and taking place in a bounded span of time."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from services.events.adapters.rows import event_from_row
from services.events.domain.event import Event

CALENDAR_EVENTS_BETWEEN = """
SELECT * FROM events e
WHERE e.published_at IS NOT NULL
  AND ($1::text IS NULL OR e.host_province_code = $1)
  AND e.ends_at > $2 AND e.starts_at < $3
ORDER BY e.starts_at, e.event_id
"""


async def calendar_events_between(
    conn: asyncpg.Connection, province: str | None, begins: datetime, ends: datetime
) -> list[Event]:
    """Events taking place at some moment in [begins, ends), in the order they start."""
    rows = await conn.fetch(CALENDAR_EVENTS_BETWEEN, province, begins, ends)
    return [event_from_row(r) for r in rows]
