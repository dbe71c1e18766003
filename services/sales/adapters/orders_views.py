"""What staff and customers read of the online orders (the read side: no unit of work)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import asyncpg

from services.sales.adapters.local_times import row_in_bangkok
from shared.db.pagination import Page, decode_cursor, encode_cursor

# With what the order's refund gave back of its goods (a till may have refunded some before).
ORDER = """
SELECT o.*, r.total_satang AS refund_goods_satang
FROM orders o LEFT JOIN refunds r ON r.refund_id = o.refund_id
WHERE o.order_id = $1
"""
ORDER_LINES = "SELECT * FROM order_lines WHERE order_id = $1 ORDER BY line_no"
# Newest first; `q` finds an order by its number or its customer's name, phone or e-mail;
# phones are kept as digits (0812345678), so $6 is `q` as such digits when it reads as a
# phone however it was typed (081-234-5678, +66 81 234 5678).
ORDERS = """
SELECT o.*, (SELECT sum(quantity) FROM order_lines l WHERE l.order_id = o.order_id) AS items
FROM orders o
WHERE ($1::text IS NULL OR o.state = $1)
  AND ($2::text IS NULL OR o.number ILIKE '%' || $2 || '%' OR o.customer_name ILIKE '%' || $2 || '%'
       OR o.phone LIKE '%' || $2 || '%' OR o.email ILIKE '%' || $2 || '%'
       OR ($6::text IS NOT NULL AND o.phone LIKE '%' || $6 || '%'))
  AND ($3::timestamptz IS NULL OR (o.placed_at, o.order_id) < ($3, $4))
ORDER BY o.placed_at DESC, o.order_id DESC
LIMIT $5
"""
# What a phone number may be typed with besides its digits.
_PHONE_TYPED = re.compile(r"^\+?[0-9 ()./-]+$")
# Digits of a phone searched for: at least this many, so a short number finds no phone.
_PHONE_DIGITS_MIN = 3
COUNTS = "SELECT state, count(*) AS n FROM orders GROUP BY state"
SHIPPING = "SELECT * FROM shipping_fees"


def _like(q: str | None) -> str | None:
    if q is None or not q.strip():
        return None
    return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def phone_digits(q: str | None) -> str | None:
    """`q` as the digits of a stored phone (a Thai number from 0, +66 or 66 turned to 0),
    or None when `q` does not read as (a part of) a phone number."""
    if q is None or not _PHONE_TYPED.match(q.strip()):
        return None
    text = q.strip()
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < _PHONE_DIGITS_MIN:
        return None
    if text.startswith("+66") or (digits.startswith("66") and len(digits) >= 11):
        digits = "0" + digits[2:] if digits[2:3] != "0" else digits[2:]
    return digits


async def order(
    conn: asyncpg.Connection, order_id: uuid.UUID
) -> tuple[dict[str, Any], list[asyncpg.Record]] | None:
    row = await conn.fetchrow(ORDER, order_id)
    if row is None:
        return None
    return row_in_bangkok(row), list(await conn.fetch(ORDER_LINES, order_id))


async def orders(
    conn: asyncpg.Connection, state: str | None, q: str | None, *, cursor: str | None, limit: int
) -> Page[dict[str, Any]]:
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = list(
        await conn.fetch(ORDERS, state, _like(q), after[0], after[1], limit + 1, phone_digits(q))
    )
    last = rows[limit - 1] if len(rows) > limit else None
    following = encode_cursor(last["placed_at"], last["order_id"]) if last else None
    return Page([row_in_bangkok(r) for r in rows[:limit]], following)


async def counts(conn: asyncpg.Connection) -> dict[str, int]:
    return {r["state"]: r["n"] for r in await conn.fetch(COUNTS)}


async def shipping(conn: asyncpg.Connection) -> dict[str, Any]:
    row = await conn.fetchrow(SHIPPING)
    assert row is not None
    return dict(row)
