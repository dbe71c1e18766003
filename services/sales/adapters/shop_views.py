"""What staff and the public read of the shop: the assortment, consignment notes, stock on
hand with its lots, the stock check, and the public catalogue."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from services.sales.adapters.local_times import row_in_bangkok
from shared.db.pagination import Page, decode_keyset, encode_keyset

LIST_ASSORTMENT = """
SELECT a.*, c.sku, c.name_th, c.name_en, c.category, c.status = 'listed' AS listed
FROM assortment AS a LEFT JOIN catalogue_products AS c USING (product_id)
WHERE ($1::text IS NULL OR a.state = $1) AND ($2::uuid IS NULL OR a.producer_id = $2)
  AND ($3::text IS NULL OR c.category = $3)
  AND ($4::text IS NULL OR c.name_th ILIKE '%' || $4 || '%' OR c.name_en ILIKE '%' || $4 || '%'
       OR c.sku ILIKE '%' || $4 || '%')
  AND ($5::timestamptz IS NULL OR (a.proposed_at, a.product_id) < ($5, $6::uuid))
ORDER BY a.proposed_at DESC, a.product_id DESC
LIMIT $7
"""
ONE_ITEM = """
SELECT a.*, c.sku, c.name_th, c.name_en, c.category, c.status = 'listed' AS listed
FROM assortment AS a LEFT JOIN catalogue_products AS c USING (product_id)
WHERE a.product_id = $1
"""
LIST_NOTES = """
SELECT n.note_id, n.kind, n.number, n.producer_id, n.person, n.received_by, n.reason,
       n.occurred_at, n.created_at, p.name_th AS producer_name_th,
       p.name_en AS producer_name_en,
       (SELECT coalesce(sum(quantity), 0) FROM consignment_note_lines l
        WHERE l.note_id = n.note_id) AS units
FROM consignment_notes AS n LEFT JOIN producers AS p ON p.member_id = n.producer_id
WHERE ($1::uuid IS NULL OR n.producer_id = $1) AND ($2::text IS NULL OR n.kind = $2)
  AND ($3::timestamptz IS NULL OR (n.occurred_at, n.note_id) < ($3, $4::uuid))
ORDER BY n.occurred_at DESC, n.note_id DESC
LIMIT $5
"""
ONE_NOTE = """
SELECT n.note_id, n.kind, n.number, n.producer_id, n.person, n.received_by, n.reason,
       n.occurred_at, n.created_at, p.name_th AS producer_name_th,
       p.name_en AS producer_name_en
FROM consignment_notes AS n LEFT JOIN producers AS p ON p.member_id = n.producer_id
WHERE n.note_id = $1
"""
NOTE_LINES = """
SELECT l.line_no, l.product_id, c.sku, c.name_th, c.name_en, c.unit, l.lot_code,
       l.best_before, l.quantity
FROM consignment_note_lines AS l LEFT JOIN catalogue_products AS c USING (product_id)
WHERE l.note_id = $1 ORDER BY l.line_no
"""
STOCK = """
SELECT s.product_id, s.producer_id, s.on_hand, s.reserved, s.needs_count,
       c.sku, c.name_th, c.name_en, c.category, a.state, coalesce(a.low_stock_at, 3) AS low_at,
       p.name_th AS producer_name_th,
       coalesce((SELECT json_agg(json_build_object(
                    'lot_code', l.lot_code, 'best_before', l.best_before,
                    'on_hand', l.on_hand) ORDER BY l.best_before NULLS LAST, l.received_at)
                 FROM stock_lots l WHERE l.product_id = s.product_id AND l.on_hand <> 0),
                '[]'::json) AS lots
FROM stock_on_hand AS s
LEFT JOIN catalogue_products AS c USING (product_id)
LEFT JOIN assortment AS a USING (product_id)
LEFT JOIN producers AS p ON p.member_id = s.producer_id
WHERE ($1::uuid IS NULL OR s.producer_id = $1) AND ($2::boolean IS NULL OR s.needs_count = $2)
  AND ($3::boolean IS NULL OR
       (s.on_hand - s.reserved <= coalesce(a.low_stock_at, 3)) = $3)
  AND ($4::uuid IS NULL OR s.product_id > $4)
ORDER BY s.product_id
LIMIT $5
"""
CHECK = """
WITH m AS (
    SELECT product_id,
           coalesce(sum(quantity) FILTER (WHERE kind = 'intake'), 0) AS intake,
           coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0) AS sold,
           coalesce(sum(quantity) FILTER (WHERE kind IN ('refund', 'void')), 0) AS refunded,
           coalesce(-sum(quantity) FILTER (WHERE kind = 'return'), 0) AS returned,
           coalesce(sum(quantity) FILTER (WHERE kind = 'adjustment'), 0) AS adjusted
    FROM stock_movements GROUP BY product_id
), lots AS (
    SELECT l.product_id, bool_and(l.on_hand = coalesce(
               (SELECT sum(quantity) FROM stock_movements x WHERE x.lot_id = l.lot_id), 0))
               AS lots_ok
    FROM stock_lots AS l GROUP BY l.product_id
)
SELECT s.product_id, s.producer_id, c.sku, c.name_th, c.name_en,
       coalesce(m.intake, 0) AS intake, coalesce(m.sold, 0) AS sold,
       coalesce(m.refunded, 0) AS refunded, coalesce(m.returned, 0) AS returned,
       coalesce(m.adjusted, 0) AS adjusted, s.on_hand, coalesce(lots.lots_ok, true) AS lots_ok
FROM stock_on_hand AS s
LEFT JOIN m USING (product_id)
LEFT JOIN lots USING (product_id)
LEFT JOIN catalogue_products AS c USING (product_id)
WHERE ($1::uuid IS NULL OR s.producer_id = $1)
ORDER BY c.name_th NULLS LAST, s.product_id
"""
CATALOGUE = """
SELECT c.product_id, c.sku, c.name_th, c.name_en, c.category, c.description, c.description_en,
       c.unit,
       c.price_satang, c.member_id, p.name_th AS producer_name_th,
       p.name_en AS producer_name_en,
       coalesce(s.on_hand - s.reserved, 0) > 0 AS available
FROM assortment AS a
JOIN catalogue_products AS c USING (product_id)
LEFT JOIN producers AS p ON p.member_id = c.member_id
LEFT JOIN stock_on_hand AS s USING (product_id)
WHERE a.state = 'approved' AND c.status = 'listed'
  AND ($1::uuid IS NULL OR c.product_id = $1)
  AND ($2::text IS NULL OR c.category = $2)
  AND ($3::text IS NULL OR c.name_th ILIKE '%' || $3 || '%'
       OR c.name_en ILIKE '%' || $3 || '%' OR c.sku ILIKE '%' || $3 || '%'
       OR p.name_th ILIKE '%' || $3 || '%')
  AND ($4::uuid IS NULL OR c.product_id > $4)
ORDER BY c.product_id
LIMIT $5
"""


def _like(q: str | None) -> str | None:
    """A search text as a LIKE pattern's middle: its wildcards taken literally."""
    if not q or not q.strip():
        return None
    return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_assortment(
    conn: asyncpg.Connection,
    state: str | None,
    producer_id: uuid.UUID | None,
    category: str | None,
    q: str | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[dict[str, Any]]:
    after = decode_keyset(cursor, datetime, uuid.UUID) if cursor else (None, None)
    rows = list(
        await conn.fetch(LIST_ASSORTMENT, state, producer_id, category, _like(q), *after, limit + 1)
    )
    last = rows[limit - 1] if len(rows) > limit else None
    following = encode_keyset(last["proposed_at"], last["product_id"]) if last else None
    return Page([row_in_bangkok(r) for r in rows[:limit]], following)


async def assortment_item(conn: asyncpg.Connection, product_id: uuid.UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow(ONE_ITEM, product_id)
    return None if row is None else row_in_bangkok(row)


async def list_notes(
    conn: asyncpg.Connection,
    producer_id: uuid.UUID | None,
    kind: str | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[dict[str, Any]]:
    after = decode_keyset(cursor, datetime, uuid.UUID) if cursor else (None, None)
    rows = list(await conn.fetch(LIST_NOTES, producer_id, kind, *after, limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    following = encode_keyset(last["occurred_at"], last["note_id"]) if last else None
    return Page([row_in_bangkok(r) for r in rows[:limit]], following)


async def note_with_lines(
    conn: asyncpg.Connection, note_id: uuid.UUID
) -> tuple[dict[str, Any], list[asyncpg.Record]] | None:
    head = await conn.fetchrow(ONE_NOTE, note_id)
    if head is None:
        return None
    return row_in_bangkok(head), list(await conn.fetch(NOTE_LINES, note_id))


async def stock(
    conn: asyncpg.Connection,
    producer_id: uuid.UUID | None,
    needs_count: bool | None,
    low: bool | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[asyncpg.Record]:
    after = decode_keyset(cursor, uuid.UUID)[0] if cursor else None
    rows = list(await conn.fetch(STOCK, producer_id, needs_count, low, after, limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(rows[:limit], encode_keyset(last["product_id"]) if last else None)


async def stock_check(
    conn: asyncpg.Connection, producer_id: uuid.UUID | None = None
) -> list[asyncpg.Record]:
    return list(await conn.fetch(CHECK, producer_id))


async def catalogue(
    conn: asyncpg.Connection,
    category: str | None,
    q: str | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[asyncpg.Record]:
    after = decode_keyset(cursor, uuid.UUID)[0] if cursor else None
    rows = list(await conn.fetch(CATALOGUE, None, category, _like(q), after, limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    return Page(rows[:limit], encode_keyset(last["product_id"]) if last else None)


async def catalogue_product(conn: asyncpg.Connection, product_id: uuid.UUID) -> Any:
    return await conn.fetchrow(CATALOGUE, product_id, None, None, None, 1)
