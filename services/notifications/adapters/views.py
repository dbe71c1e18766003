"""Read queries for staff: the delivery log and webhook subscriptions (no secrets)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

_DELIVERY_FIELDS = """delivery_id, kind, member_id, subscription_id, event_id, source_event_id,
    source_event_type, state, channel, language, attempts, failed_channels, last_error,
    next_attempt_at, created_at, sent_at, failed_at"""


async def deliveries(
    conn: asyncpg.Connection,
    *,
    member_id: uuid.UUID | None = None,
    event_id: uuid.UUID | None = None,
    state: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        f"""
        SELECT {_DELIVERY_FIELDS} FROM deliveries
        WHERE ($1::uuid IS NULL OR member_id = $1)
          AND ($2::uuid IS NULL OR event_id = $2)
          AND ($3::text IS NULL OR state = $3)
        ORDER BY created_at DESC, delivery_id
        LIMIT $4
        """,
        member_id,
        event_id,
        state,
        limit,
    )
    return [dict(r) for r in rows]


async def delivery(conn: asyncpg.Connection, delivery_id: uuid.UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        f"SELECT {_DELIVERY_FIELDS} FROM deliveries WHERE delivery_id = $1", delivery_id
    )
    if row is None:
        return None
    attempts = await conn.fetch(
        "SELECT attempt, channel, outcome, error, attempted_at FROM delivery_attempts "
        "WHERE delivery_id = $1 ORDER BY id",
        delivery_id,
    )
    return {**dict(row), "attempt_log": [dict(a) for a in attempts]}


async def webhooks(conn: asyncpg.Connection) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT subscription_id, url, kinds, description, active, created_at "
        "FROM webhook_subscriptions ORDER BY created_at"
    )
    return [dict(r) for r in rows]
