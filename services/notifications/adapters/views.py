"""Read queries for staff: the delivery log and webhook subscriptions (no secrets)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from shared.db.pagination import Page, decode_cursor, encode_cursor

DELIVERY_FIELDS = """delivery_id, kind, member_id, subscription_id, event_id, order_id,
    source_event_id, source_event_type, state, channel, language, attempts, failed_channels,
    last_error, next_attempt_at, created_at, sent_at, failed_at"""

# Newest first; $5/$6 are the cursor (the last row of the previous page); $7 an online
# order whose customer was told.
DELIVERY_PAGE = f"""
SELECT {DELIVERY_FIELDS} FROM deliveries
WHERE ($1::uuid IS NULL OR member_id = $1)
  AND ($2::uuid IS NULL OR event_id = $2)
  AND ($3::text IS NULL OR state = $3)
  AND ($7::uuid IS NULL OR order_id = $7)
  AND ($5::timestamptz IS NULL OR (created_at, delivery_id) < ($5, $6::uuid))
ORDER BY created_at DESC, delivery_id DESC
LIMIT $4
"""

DELIVERY = f"SELECT {DELIVERY_FIELDS} FROM deliveries WHERE delivery_id = $1"

ATTEMPTS_OF_DELIVERY = """
SELECT attempt, channel, outcome, error, attempted_at FROM delivery_attempts
WHERE delivery_id = $1 ORDER BY id
"""

# Oldest first; $2/$3 are the cursor (the last row of the previous page).
WEBHOOK_PAGE = """
SELECT subscription_id, url, kinds, description, active, created_at
FROM webhook_subscriptions
WHERE active
  AND ($2::timestamptz IS NULL OR (created_at, subscription_id) > ($2, $3::uuid))
ORDER BY created_at, subscription_id
LIMIT $1
"""


async def deliveries(
    conn: asyncpg.Connection,
    *,
    member_id: uuid.UUID | None = None,
    event_id: uuid.UUID | None = None,
    order_id: uuid.UUID | None = None,
    state: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[dict[str, Any]]:
    """Newest first, a page at a time; `cursor` is the previous page's `next_cursor`."""
    before, before_id = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(
        DELIVERY_PAGE, member_id, event_id, state, limit + 1, before, before_id, order_id
    )
    return _page([dict(r) for r in rows], limit, "created_at", "delivery_id")


def _page(rows: list[dict[str, Any]], limit: int, moment: str, ident: str) -> Page[dict[str, Any]]:
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], encode_cursor(last[moment], last[ident]))


async def delivery(conn: asyncpg.Connection, delivery_id: uuid.UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow(DELIVERY, delivery_id)
    if row is None:
        return None
    attempts = await conn.fetch(ATTEMPTS_OF_DELIVERY, delivery_id)
    return {**dict(row), "attempt_log": [dict(a) for a in attempts]}


async def webhooks(
    conn: asyncpg.Connection, *, limit: int = 50, cursor: str | None = None
) -> Page[dict[str, Any]]:
    """Active subscriptions, oldest first, a page at a time; removed ones are not listed."""
    after, after_id = decode_cursor(cursor) if cursor else (None, None)
    rows = await conn.fetch(WEBHOOK_PAGE, limit + 1, after, after_id)
    return _page([dict(r) for r in rows], limit, "created_at", "subscription_id")
