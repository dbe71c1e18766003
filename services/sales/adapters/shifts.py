"""Shifts and the figures of their close report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from services.sales.domain.shift_record import Shift
from services.sales.domain.shifts import ShiftTakings, net_of_change
from shared.contracts.sales import PaymentMethod

INSERT_SHIFT = """
INSERT INTO shifts (shift_id, terminal_id, opened_at, opening_float_satang)
VALUES ($1, $2, $3, $4)
"""
# FOR SHARE: a sale or refund joining the shift keeps it from closing until it commits.
OPEN_SHIFT = "SELECT * FROM shifts WHERE terminal_id = $1 AND closed_at IS NULL"
OPEN_SHIFT_SHARED = OPEN_SHIFT + " FOR SHARE"
SELECT_SHIFT = "SELECT * FROM shifts WHERE shift_id = $1"
LOCK_SHIFT = SELECT_SHIFT + " FOR UPDATE"
CLOSE_SHIFT = """
UPDATE shifts SET closed_at = $2, counted_cash_satang = $3, report = $4 WHERE shift_id = $1
"""
SALES_BY_METHOD = """
SELECT p.method, sum(p.amount_satang)::bigint AS amount
FROM sales s JOIN sale_payments p USING (sale_id)
WHERE s.shift_id = $1 AND s.voided_at IS NULL
GROUP BY p.method
"""
SALE_COUNTS = """
SELECT count(*) FILTER (WHERE voided_at IS NULL) AS sale_count,
       coalesce(sum(change_given_satang) FILTER (WHERE voided_at IS NULL), 0)::bigint AS change,
       count(*) FILTER (WHERE voided_at IS NOT NULL) AS void_count,
       coalesce(sum(total_satang) FILTER (WHERE voided_at IS NOT NULL), 0)::bigint AS voided
FROM sales WHERE shift_id = $1
"""
REFUNDS_BY_METHOD = """
SELECT method, count(*) AS refunds, sum(total_satang)::bigint AS amount
FROM refunds WHERE shift_id = $1 GROUP BY method
"""


def shift_from(row: asyncpg.Record) -> Shift:
    return Shift(
        shift_id=row["shift_id"],
        terminal_id=row["terminal_id"],
        opened_at=row["opened_at"],
        opening_float=row["opening_float_satang"],
        closed_at=row["closed_at"],
        counted_cash=row["counted_cash_satang"],
        report=row["report"],
    )


class PostgresShiftRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def add(self, shift: Shift) -> None:
        await self._conn.execute(
            INSERT_SHIFT, shift.shift_id, shift.terminal_id, shift.opened_at, shift.opening_float
        )

    async def open_of(self, terminal_id: uuid.UUID, *, hold: bool = False) -> Shift | None:
        """The terminal's open shift; `hold` keeps it from closing until this commits."""
        row = await self._conn.fetchrow(OPEN_SHIFT_SHARED if hold else OPEN_SHIFT, terminal_id)
        return shift_from(row) if row else None

    async def get(self, shift_id: uuid.UUID, *, for_update: bool = False) -> Shift | None:
        row = await self._conn.fetchrow(LOCK_SHIFT if for_update else SELECT_SHIFT, shift_id)
        return shift_from(row) if row else None

    async def takings(self, shift: Shift) -> ShiftTakings:
        tendered = {
            PaymentMethod(r["method"]): r["amount"]
            for r in await self._conn.fetch(SALES_BY_METHOD, shift.shift_id)
        }
        counts = await self._conn.fetchrow(SALE_COUNTS, shift.shift_id)
        refunds = await self._conn.fetch(REFUNDS_BY_METHOD, shift.shift_id)
        return ShiftTakings(
            opening_float=shift.opening_float,
            cash_tendered=tendered.get(PaymentMethod.CASH, 0),
            change_given=counts["change"],
            sales_by_method=net_of_change(tendered, counts["change"]),
            sale_count=counts["sale_count"],
            refunds_by_method={PaymentMethod(r["method"]): r["amount"] for r in refunds},
            refund_count=sum(r["refunds"] for r in refunds),
            void_count=counts["void_count"],
            voided_total=counts["voided"],
        )

    async def close(
        self, shift_id: uuid.UUID, at: datetime, counted: int, report: dict[str, Any]
    ) -> None:
        await self._conn.execute(CLOSE_SHIFT, shift_id, at, counted, report)
