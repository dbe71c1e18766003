"""Sales, their lines and payments, refunds and voids in Postgres (set-based writes, so a
batch of a thousand sales is a handful of statements)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime

import asyncpg

from services.sales.adapters.request_ledger import ledger_columns
from services.sales.adapters.sale_context import read_sale_context
from services.sales.adapters.sale_insert import INSERT_SALES
from services.sales.domain.records import NewRefund, NewSale, StoredLine, StoredSale
from services.sales.domain.sale_context import SaleContext
from shared.contracts.sales import TerminalLocation

# DO UPDATE, not DO NOTHING: a mark held by a running summary waits for it, and when that run
# then deletes the mark, the row goes in again; a change committed while a run computes its
# figures is never lost with the mark the run clears.
# Rows are locked in (producer, day) order, so sales of the same producers cannot deadlock.
MARK_DUE = """
INSERT INTO summary_due (producer_id, business_day)
SELECT DISTINCT p, d FROM unnest($1::uuid[], $2::date[]) AS due(p, d) ORDER BY p, d
ON CONFLICT (producer_id, business_day) DO UPDATE SET producer_id = excluded.producer_id
"""
LOCK_SALE = "SELECT * FROM sales WHERE sale_id = $1 FOR UPDATE"
SALE_LINES = """
SELECT line_no, product_id, sku, producer_id, quantity, net_satang, refunded_quantity,
       settlement_id IS NOT NULL AS settled
FROM sale_lines WHERE sale_id = $1 ORDER BY line_no
"""
INSERT_REFUND = """
INSERT INTO refunds (
    refund_id, sale_id, terminal_id, shift_id, event_id, method, total_satang, reason,
    refunded_at, business_day, sale_business_day, request_hash, receipt)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
"""
INSERT_REFUND_LINES = """
INSERT INTO refund_lines (
    refund_id, line_no, sale_id, product_id, sku, producer_id, quantity, amount_satang)
SELECT $1, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::int[],
                         $8::bigint[])
"""
TAKE_BACK = """
UPDATE sale_lines l SET refunded_quantity = l.refunded_quantity + r.quantity,
                        refunded_satang = l.refunded_satang + r.amount
FROM unnest($2::int[], $3::int[], $4::bigint[]) AS r(line_no, quantity, amount)
WHERE l.sale_id = $1 AND l.line_no = r.line_no
"""
VOID_SALE = "UPDATE sales SET voided_at = $2, void_reason = $3 WHERE sale_id = $1"


def _sale_from(row: asyncpg.Record) -> StoredSale:
    return StoredSale(
        sale_id=row["sale_id"],
        terminal_id=row["terminal_id"],
        shift_id=row["shift_id"],
        location=TerminalLocation(row["location"]),
        event_id=row["event_id"],
        business_day=row["business_day"],
        total=row["total_satang"],
        voided=row["voided_at"] is not None,
        receipt=row["receipt"],
    )


class PostgresSaleRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def context(
        self,
        terminal_id: uuid.UUID,
        sale_ids: Iterable[uuid.UUID],
        skus: Iterable[str],
        event_id: uuid.UUID | None,
        receipt_nos: Iterable[str],
        *,
        shop: bool = False,
    ) -> SaleContext:
        """What recording the sales reads, the terminal's open shift held (FOR SHARE) and,
        at the shop, the products' stock rows held (FOR UPDATE)."""
        return await read_sale_context(
            self._conn, terminal_id, sale_ids, skus, event_id, receipt_nos, shop=shop
        )

    async def add_all(
        self,
        sales: list[NewSale],
        needs_count: Iterable[uuid.UUID] = (),
        low_alerted: Iterable[uuid.UUID] = (),
    ) -> set[uuid.UUID]:
        """Store the sales whose id is not taken yet, with the stock they take (flagging the
        products given for a count, or as told they run low); returns the ids stored."""
        if not sales:
            return set()
        demand = [(s, *taken) for s in sales for taken in s.stock]
        ledger = [ledger_columns(s.request) for s in sales]
        lines = [(s.sale_id, line) for s in sales for line in s.priced.lines]
        payments = [(s.sale_id, n, p) for s in sales for n, p in enumerate(s.priced.payments, 1)]
        rows = await self._conn.fetch(
            INSERT_SALES,
            [s.sale_id for s in sales],
            [s.terminal_id for s in sales],
            [s.shift_id for s in sales],
            [s.location.value for s in sales],
            [s.event_id for s in sales],
            [s.occurred_at for s in sales],
            [s.recorded_at for s in sales],
            [s.business_day for s in sales],
            [s.priced.subtotal for s in sales],
            [s.priced.discount for s in sales],
            [s.priced.total for s in sales],
            [s.priced.change_given for s in sales],
            [fingerprint for fingerprint, _ in ledger],
            [receipt for _, receipt in ledger],
            [s.receipt_no for s in sales],
            [sid for sid, _ in lines],
            [ln.line_no for _, ln in lines],
            [ln.product_id for _, ln in lines],
            [ln.sku for _, ln in lines],
            [ln.producer_id for _, ln in lines],
            [ln.quantity for _, ln in lines],
            [ln.unit_price for _, ln in lines],
            [ln.line_total for _, ln in lines],
            [ln.discount for _, ln in lines],
            [ln.net for _, ln in lines],
            [sid for sid, _, _ in payments],
            [n for _, n, _ in payments],
            [p.method.value for _, _, p in payments],
            [p.amount for _, _, p in payments],
            [s.sale_id for s, *_ in demand],
            list(range(len(demand))),
            [product for _, product, _, _ in demand],
            [producer for _, _, producer, _ in demand],
            [quantity for _, _, _, quantity in demand],
            [s.occurred_at for s, *_ in demand],
            sorted(set(needs_count)),
            sorted(set(low_alerted)),
        )
        stored: set[uuid.UUID] = {r["sale_id"] for r in rows}
        return stored

    async def mark_due(self, producer_days: Iterable[tuple[uuid.UUID, date]]) -> None:
        pairs = sorted(set(producer_days))
        if pairs:
            await self._conn.execute(MARK_DUE, [p for p, _ in pairs], [d for _, d in pairs])

    async def get_for_update(self, sale_id: uuid.UUID) -> StoredSale | None:
        row = await self._conn.fetchrow(LOCK_SALE, sale_id)
        return _sale_from(row) if row else None

    async def lines(self, sale_id: uuid.UUID) -> list[StoredLine]:
        return [
            StoredLine(
                line_no=r["line_no"],
                product_id=r["product_id"],
                sku=r["sku"],
                producer_id=r["producer_id"],
                quantity=r["quantity"],
                net=r["net_satang"],
                refunded_quantity=r["refunded_quantity"],
                settled=r["settled"],
            )
            for r in await self._conn.fetch(SALE_LINES, sale_id)
        ]

    async def add_refund(self, refund: NewRefund) -> None:
        fingerprint, receipt = ledger_columns(refund.request)
        await self._conn.execute(
            INSERT_REFUND,
            refund.refund_id,
            refund.sale_id,
            refund.terminal_id,
            refund.shift_id,
            refund.event_id,
            refund.method.value,
            refund.total,
            refund.reason,
            refund.refunded_at,
            refund.business_day,
            refund.sale_business_day,
            fingerprint,
            receipt,
        )
        lines = refund.lines
        await self._conn.execute(
            INSERT_REFUND_LINES,
            refund.refund_id,
            [ln.line_no for ln in lines],
            [refund.sale_id for _ in lines],
            [ln.product_id for ln in lines],
            [ln.sku for ln in lines],
            [ln.producer_id for ln in lines],
            [ln.quantity for ln in lines],
            [ln.amount for ln in lines],
        )
        await self._conn.execute(
            TAKE_BACK,
            refund.sale_id,
            [ln.line_no for ln in lines],
            [ln.quantity for ln in lines],
            [ln.amount for ln in lines],
        )
        await self.mark_due((ln.producer_id, refund.sale_business_day) for ln in lines)

    async def void(self, sale_id: uuid.UUID, at: datetime, reason: str | None) -> None:
        await self._conn.execute(VOID_SALE, sale_id, at, reason)
