"""A producer's consignment stock over a settlement's period: what was delivered, sold,
refunded, returned and adjusted in it, and what the shop held of it when the period ended."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import asyncpg

from shared.timeutil import BANGKOK

STOCK_POSITION = """
SELECT m.product_id, c.sku, c.name_th, c.name_en,
       coalesce(sum(m.quantity) FILTER (WHERE m.kind = 'intake' AND m.occurred_at >= $2), 0)
           AS delivered,
       coalesce(-sum(m.quantity) FILTER (WHERE m.kind = 'sale' AND m.occurred_at >= $2), 0)
           AS sold,
       coalesce(sum(m.quantity) FILTER (WHERE m.kind IN ('refund', 'void')
                                         AND m.occurred_at >= $2), 0) AS refunded,
       coalesce(-sum(m.quantity) FILTER (WHERE m.kind = 'return' AND m.occurred_at >= $2), 0)
           AS returned,
       coalesce(sum(m.quantity) FILTER (WHERE m.kind = 'adjustment'
                                         AND m.occurred_at >= $2), 0) AS adjusted,
       coalesce(sum(m.quantity) FILTER (WHERE m.occurred_at < $2), 0) AS opening,
       sum(m.quantity) AS on_hand
FROM stock_movements AS m LEFT JOIN catalogue_products AS c USING (product_id)
WHERE m.producer_id = $1 AND m.occurred_at < $3
GROUP BY m.product_id, c.sku, c.name_th, c.name_en
ORDER BY c.sku NULLS LAST, m.product_id
"""


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=BANGKOK)


async def stock_position(
    conn: asyncpg.Connection, producer_id: uuid.UUID, start: date, end: date
) -> list[asyncpg.Record]:
    """Per product: opening stock, the period's movements by kind, and on hand at its end
    (Asia/Bangkok business days `start` to `end`, both included)."""
    return list(
        await conn.fetch(
            STOCK_POSITION, producer_id, _start_of(start), _start_of(end + timedelta(days=1))
        )
    )
