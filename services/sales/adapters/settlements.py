"""Settlements and the sale and refund lines each one paid out."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import asyncpg

from shared.db.pagination import Page, decode_keyset, encode_keyset

# One settlement run at a time, across every replica.
SERIALISE_SETTLEMENTS = "SELECT pg_advisory_xact_lock(hashtext('sales.settlements'))"
# FOR SHARE OF s: a void waits for the settlement (and then sees the lines are paid), and a
# settlement waits for a void (and then leaves the voided sale out).
UNSETTLED_SALE_LINES = """
SELECT l.producer_id, l.sale_id, l.line_no, l.net_satang
FROM sale_lines l JOIN sales s USING (sale_id)
WHERE l.settlement_id IS NULL AND s.voided_at IS NULL
  AND s.business_day BETWEEN $1 AND $2
ORDER BY l.sale_id, l.line_no
FOR SHARE OF s
"""
UNSETTLED_REFUND_LINES = """
SELECT rl.producer_id, rl.refund_id, rl.line_no, rl.amount_satang
FROM refund_lines rl JOIN refunds r USING (refund_id)
WHERE rl.settlement_id IS NULL AND r.sale_business_day BETWEEN $1 AND $2
ORDER BY rl.refund_id, rl.line_no
"""
ORIGINALS = """
SELECT producer_id, settlement_id FROM settlements
WHERE period_start = $1 AND period_end = $2 AND corrects IS NULL
"""
INSERT_SETTLEMENT = """
INSERT INTO settlements (
    settlement_id, producer_id, period_start, period_end, corrects, sale_count, gross_satang,
    refunds_satang, net_satang, commission_percent, commission_satang, payout_satang, issued_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
"""
PAY_SALE_LINES = """
UPDATE sale_lines l SET settlement_id = $1
FROM unnest($2::uuid[], $3::int[]) AS p(sale_id, line_no)
WHERE l.sale_id = p.sale_id AND l.line_no = p.line_no AND l.settlement_id IS NULL
"""
PAY_REFUND_LINES = """
UPDATE refund_lines l SET settlement_id = $1
FROM unnest($2::uuid[], $3::int[]) AS p(refund_id, line_no)
WHERE l.refund_id = p.refund_id AND l.line_no = p.line_no AND l.settlement_id IS NULL
"""
SETTLEMENT = "SELECT * FROM settlements WHERE settlement_id = $1"
SETTLED_SALE_LINES = """
SELECT l.sale_id, l.line_no, s.business_day, s.occurred_at, l.product_id, l.sku, l.quantity,
       l.unit_price_satang, l.discount_satang, l.net_satang
FROM sale_lines l JOIN sales s USING (sale_id)
WHERE l.settlement_id = $1
ORDER BY s.business_day, s.occurred_at, l.sale_id, l.line_no
"""
SETTLED_REFUND_LINES = """
SELECT rl.refund_id, rl.line_no, rl.sale_id, r.sale_business_day, r.refunded_at, rl.product_id,
       rl.sku, rl.quantity, rl.amount_satang
FROM refund_lines rl JOIN refunds r USING (refund_id)
WHERE rl.settlement_id = $1
ORDER BY r.sale_business_day, r.refunded_at, rl.refund_id, rl.line_no
"""
LIST_SETTLEMENTS = """
SELECT * FROM settlements
WHERE ($1::uuid IS NULL OR producer_id = $1)
  AND ($2::date IS NULL OR period_end >= $2)
  AND ($3::date IS NULL OR period_start <= $3)
  AND ($4::date IS NULL OR (period_start, producer_id, issued_at, settlement_id) > ($4, $5, $6, $7))
ORDER BY period_start, producer_id, issued_at, settlement_id
LIMIT $8
"""


class PostgresSettlementRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def serialise(self) -> None:
        await self._conn.execute(SERIALISE_SETTLEMENTS)

    async def unsettled_sale_lines(self, start: date, end: date) -> list[asyncpg.Record]:
        return list(await self._conn.fetch(UNSETTLED_SALE_LINES, start, end))

    async def unsettled_refund_lines(self, start: date, end: date) -> list[asyncpg.Record]:
        return list(await self._conn.fetch(UNSETTLED_REFUND_LINES, start, end))

    async def originals(self, start: date, end: date) -> dict[uuid.UUID, uuid.UUID]:
        rows = await self._conn.fetch(ORIGINALS, start, end)
        return {r["producer_id"]: r["settlement_id"] for r in rows}

    async def add(
        self,
        *,
        settlement_id: uuid.UUID,
        producer_id: uuid.UUID,
        start: date,
        end: date,
        corrects: uuid.UUID | None,
        figures: dict[str, Any],
        commission_percent: Decimal,
        sale_lines: list[tuple[uuid.UUID, int]],
        refund_lines: list[tuple[uuid.UUID, int]],
    ) -> None:
        await self._conn.execute(
            INSERT_SETTLEMENT,
            settlement_id,
            producer_id,
            start,
            end,
            corrects,
            figures["sale_count"],
            figures["gross"],
            figures["refunds"],
            figures["net"],
            commission_percent,
            figures["commission"],
            figures["payout"],
            figures["issued_at"],
        )
        paid = await self._conn.execute(
            PAY_SALE_LINES,
            settlement_id,
            [sid for sid, _ in sale_lines],
            [n for _, n in sale_lines],
        )
        taken = await self._conn.execute(
            PAY_REFUND_LINES,
            settlement_id,
            [rid for rid, _ in refund_lines],
            [n for _, n in refund_lines],
        )
        if int(paid.split()[-1]) != len(sale_lines) or int(taken.split()[-1]) != len(refund_lines):
            raise RuntimeError("a line was settled by another settlement meanwhile")


async def list_settlements(
    conn: asyncpg.Connection,
    producer_id: uuid.UUID | None,
    start: date | None,
    end: date | None,
    *,
    cursor: str | None,
    limit: int,
) -> Page[asyncpg.Record]:
    """Settlements overlapping [start, end], a page at a time: by period, then producer, then
    when issued (a correction after what it corrects), then id."""
    after = (
        decode_keyset(cursor, date, uuid.UUID, datetime, uuid.UUID)
        if cursor
        else (None, None, None, None)
    )
    rows = list(await conn.fetch(LIST_SETTLEMENTS, producer_id, start, end, *after, limit + 1))
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = (
        encode_keyset(
            last["period_start"], last["producer_id"], last["issued_at"], last["settlement_id"]
        )
        if last
        else None
    )
    return Page(rows[:limit], next_cursor)


async def settlement_with_lines(
    conn: asyncpg.Connection, settlement_id: uuid.UUID
) -> tuple[asyncpg.Record, list[asyncpg.Record], list[asyncpg.Record]] | None:
    """The settlement, the sale lines it paid out and the refund lines it took back."""
    row = await conn.fetchrow(SETTLEMENT, settlement_id)
    if row is None:
        return None
    sold = list(await conn.fetch(SETTLED_SALE_LINES, settlement_id))
    refunded = list(await conn.fetch(SETTLED_REFUND_LINES, settlement_id))
    return row, sold, refunded
