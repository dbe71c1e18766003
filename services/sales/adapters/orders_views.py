"""What staff and customers read of the online orders (the read side: no unit of work)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from shared.db.pagination import Page, decode_cursor, encode_cursor

ORDER = "SELECT * FROM orders WHERE order_id = $1"
ORDER_LINES = "SELECT * FROM order_lines WHERE order_id = $1 ORDER BY line_no"
# Newest first; `q` finds an order by its number or its customer's name, phone or e-mail.
ORDERS = """
SELECT o.*, (SELECT sum(quantity) FROM order_lines l WHERE l.order_id = o.order_id) AS items
FROM orders o
WHERE ($1::text IS NULL OR o.state = $1)
  AND ($2::text IS NULL OR o.number ILIKE '%' || $2 || '%' OR o.customer_name ILIKE '%' || $2 || '%'
       OR o.phone LIKE '%' || $2 || '%' OR o.email ILIKE '%' || $2 || '%')
  AND ($3::timestamptz IS NULL OR (o.placed_at, o.order_id) < ($3, $4))
ORDER BY o.placed_at DESC, o.order_id DESC
LIMIT $5
"""
COUNTS = "SELECT state, count(*) AS n FROM orders GROUP BY state"
SHIPPING = "SELECT * FROM shipping_fees"


def _like(q: str | None) -> str | None:
    if q is None or not q.strip():
        return None
    return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def order(
    conn: asyncpg.Connection, order_id: uuid.UUID
) -> tuple[asyncpg.Record, list[asyncpg.Record]] | None:
    row = await conn.fetchrow(ORDER, order_id)
    if row is None:
        return None
    return row, list(await conn.fetch(ORDER_LINES, order_id))


async def orders(
    conn: asyncpg.Connection, state: str | None, q: str | None, *, cursor: str | None, limit: int
) -> Page[asyncpg.Record]:
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = list(await conn.fetch(ORDERS, state, _like(q), after[0], after[1], limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(rows[:limit], encode_cursor(last["placed_at"], last["order_id"]) if last else None)


async def counts(conn: asyncpg.Connection) -> dict[str, int]:
    return {r["state"]: r["n"] for r in await conn.fetch(COUNTS)}


async def shipping(conn: asyncpg.Connection) -> dict[str, Any]:
    row = await conn.fetchrow(SHIPPING)
    assert row is not None
    return dict(row)
