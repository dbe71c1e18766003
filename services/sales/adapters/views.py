"""Read-only queries for staff reports."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from shared.db.pagination import Page, decode_cursor, decode_keyset, encode_cursor, encode_keyset

# (key of a sale line, key of a refund line) per dimension; a refund counts on its sale's day.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "producer": ("l.producer_id::text", "rl.producer_id::text"),
    "product": ("l.product_id::text", "rl.product_id::text"),
    "event": ("coalesce(s.event_id::text, '')", "coalesce(r.event_id::text, '')"),
    "day": ("s.business_day::text", "r.sale_business_day::text"),
}

REVENUE = """
WITH sold AS (
    SELECT {sold_key} AS key, max(l.sku) AS sku, sum(l.quantity)::bigint AS quantity,
           sum(l.net_satang)::bigint AS amount, count(DISTINCT l.sale_id) AS sales
    FROM sale_lines l JOIN sales s USING (sale_id)
    WHERE s.voided_at IS NULL AND s.business_day BETWEEN $1 AND $2
    GROUP BY 1),
refunded AS (
    SELECT {refund_key} AS key, max(rl.sku) AS sku, sum(rl.quantity)::bigint AS quantity,
           sum(rl.amount_satang)::bigint AS amount
    FROM refund_lines rl JOIN refunds r USING (refund_id)
    WHERE r.sale_business_day BETWEEN $1 AND $2
    GROUP BY 1)
SELECT coalesce(sold.key, refunded.key) AS key, coalesce(sold.sku, refunded.sku) AS sku,
       coalesce(sold.sales, 0) AS sale_count,
       coalesce(sold.quantity, 0) AS quantity_sold,
       coalesce(refunded.quantity, 0) AS quantity_refunded,
       coalesce(sold.amount, 0) AS gross, coalesce(refunded.amount, 0) AS refunds
FROM sold FULL JOIN refunded ON sold.key = refunded.key
ORDER BY 1
"""

CATALOGUE = """
SELECT product_id, member_id, sku, price_satang, status, version FROM catalogue_products
WHERE ($1::text IS NULL OR status = $1)
  AND ($2::text IS NULL OR (sku, product_id) > ($2, $3))
ORDER BY sku, product_id
LIMIT $4
"""
SALE = """
SELECT receipt, voided_at, void_reason FROM sales
WHERE sale_id = $1 AND ($2::uuid IS NULL OR terminal_id = $2)
"""
SALE_REFUNDS = "SELECT receipt FROM refunds WHERE sale_id = $1 ORDER BY refunded_at, refund_id"
TERMINALS = """
SELECT * FROM terminals
WHERE ($1::timestamptz IS NULL OR (created_at, terminal_id) > ($1, $2))
ORDER BY created_at, terminal_id
LIMIT $3
"""
# Newest first; a day is the Bangkok business day the shift opened on.
SHIFTS = """
SELECT sh.*, t.name AS terminal_name, t.location, t.event_id
FROM shifts sh JOIN terminals t USING (terminal_id)
WHERE ($1::uuid IS NULL OR sh.terminal_id = $1)
  AND ($2::date IS NULL OR (sh.opened_at AT TIME ZONE 'Asia/Bangkok')::date >= $2)
  AND ($3::date IS NULL OR (sh.opened_at AT TIME ZONE 'Asia/Bangkok')::date <= $3)
  AND ($4::text IS NULL OR ($4 = 'open') = (sh.closed_at IS NULL))
  AND ($5::timestamptz IS NULL OR (sh.opened_at, sh.shift_id) < ($5, $6))
ORDER BY sh.opened_at DESC, sh.shift_id DESC
LIMIT $7
"""
TERMINAL_KEYS = (
    "SELECT * FROM terminal_keys WHERE terminal_id = ANY($1::uuid[]) ORDER BY created_at"
)


async def revenue(
    conn: asyncpg.Connection, dimension: str, start: date, end: date
) -> list[asyncpg.Record]:
    sold_key, refund_key = DIMENSIONS[dimension]
    sql = REVENUE.format(sold_key=sold_key, refund_key=refund_key)
    return list(await conn.fetch(sql, start, end))


async def catalogue(
    conn: asyncpg.Connection, status: str | None, *, cursor: str | None, limit: int
) -> Page[asyncpg.Record]:
    """The products terminals can sell, a page at a time in the order of their SKU (then id)."""
    after = decode_keyset(cursor, str, uuid.UUID) if cursor else (None, None)
    rows = list(await conn.fetch(CATALOGUE, status, after[0], after[1], limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(rows[:limit], encode_keyset(last["sku"], last["product_id"]) if last else None)


async def sale(
    conn: asyncpg.Connection, sale_id: uuid.UUID, terminal_id: uuid.UUID | None = None
) -> dict[str, Any] | None:
    """The sale with its refunds; with `terminal_id` only if that terminal recorded it."""
    row = await conn.fetchrow(SALE, sale_id, terminal_id)
    if row is None:
        return None
    refunds = [r["receipt"] for r in await conn.fetch(SALE_REFUNDS, sale_id)]
    return {
        "sale": row["receipt"],
        "voided_at": row["voided_at"],
        "void_reason": row["void_reason"],
        "refunds": refunds,
    }


async def terminals(
    conn: asyncpg.Connection, *, cursor: str | None, limit: int
) -> tuple[Page[asyncpg.Record], list[asyncpg.Record]]:
    """A page of terminals in the order registered (then id), and the keys of those."""
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = list(await conn.fetch(TERMINALS, after[0], after[1], limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    page = Page(
        rows[:limit], encode_cursor(last["created_at"], last["terminal_id"]) if last else None
    )
    keys = list(await conn.fetch(TERMINAL_KEYS, [r["terminal_id"] for r in page.items]))
    return page, keys


async def shifts(
    conn: asyncpg.Connection,
    terminal_id: uuid.UUID | None,
    start: date | None,
    end: date | None,
    status: str | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[asyncpg.Record]:
    """Shifts with their terminal, newest first, a page at a time."""
    after = decode_cursor(cursor) if cursor else (None, None)
    rows = list(
        await conn.fetch(SHIFTS, terminal_id, start, end, status, after[0], after[1], limit + 1)
    )
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(rows[:limit], encode_cursor(last["opened_at"], last["shift_id"]) if last else None)
