"""Products approved for the shop and stocked, as the shop committee and a consignment note
would leave them, for tests that sell at the shop."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg
from fastapi import FastAPI

from shared.service.runtime import runtime_of
from shared.timeutil import now_bangkok

APPROVE = """
INSERT INTO assortment (product_id, producer_id, state, proposed_at, proposed_by, decided_at,
                        decided_by, low_stock_at)
VALUES ($1, $2, 'approved', $3, 'test', $3, 'test', $4)
ON CONFLICT (product_id) DO UPDATE SET state = 'approved', low_stock_at = excluded.low_stock_at
"""
LOT = """
INSERT INTO stock_lots (lot_id, product_id, producer_id, lot_code, best_before, received_at,
                        on_hand)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""
SHELF = """
INSERT INTO stock_on_hand (product_id, producer_id, on_hand) VALUES ($1, $2, $3)
ON CONFLICT (product_id) DO UPDATE SET on_hand = stock_on_hand.on_hand + excluded.on_hand
"""
MOVE = """
INSERT INTO stock_movements (product_id, producer_id, lot_id, kind, quantity, occurred_at)
VALUES ($1, $2, $3, 'intake', $4, $5)
"""


async def approve_and_stock_on(
    conn: asyncpg.Connection,
    product_id: uuid.UUID,
    producer_id: uuid.UUID,
    quantity: int = 1000,
    *,
    lot_code: str | None = None,
    best_before: date | None = None,
    low_stock_at: int = 3,
    received_at: datetime | None = None,
) -> None:
    """Approve the product for the shop and, when `quantity` > 0, take in one lot of it
    (received now, unless `received_at` says when)."""
    now = received_at or now_bangkok()
    async with conn.transaction():
        await conn.execute(APPROVE, product_id, producer_id, now, low_stock_at)
        if quantity <= 0:
            return
        lot_id = uuid.uuid4()
        code = lot_code or f"LOT-{lot_id.hex[:8]}"
        await conn.execute(LOT, lot_id, product_id, producer_id, code, best_before, now, quantity)
        await conn.execute(SHELF, product_id, producer_id, quantity)
        await conn.execute(MOVE, product_id, producer_id, lot_id, quantity, now)


async def approve_and_stock(
    app: FastAPI,
    product_id: uuid.UUID,
    producer_id: uuid.UUID,
    quantity: int = 1000,
    **lot: object,
) -> None:
    async with runtime_of(app).pool.acquire() as conn:
        await approve_and_stock_on(conn, product_id, producer_id, quantity, **lot)  # type: ignore[arg-type]
