"""Online orders in Postgres: the orders, their lines, the stock they hold (through the
shop's stock adapter), the shipping fee table and the yearly order numbers."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import asyncpg
from pydantic import BaseModel

from services.sales.adapters import stock
from services.sales.adapters.local_times import in_bangkok
from services.sales.domain.orders import Order, OrderLine
from services.sales.domain.orders_fees import ShippingTable
from services.sales.service_layer.orders_ports import Held, KeptOrder, Offer
from shared.contracts.orders import Fulfilment, OrderState

ORDER = "SELECT * FROM orders WHERE order_id = $1"
ORDER_FOR_UPDATE = ORDER + " FOR UPDATE"
ORDER_LINES = "SELECT * FROM order_lines WHERE order_id = $1 ORDER BY line_no"
# One lock per contact (phone, e-mail) for the rest of the transaction: two orders from one
# contact are counted one after the other, so the unpaid-order limit holds under races.
HOLD_CONTACT = "SELECT pg_advisory_xact_lock(hashtextextended($1, 7051))"
UNPAID = """
SELECT count(*) FROM orders
WHERE state = 'placed' AND (phone = $1 OR lower(email) = lower($2))
"""
OFFERS = """
SELECT product_id, member_id, sku, price_satang, name_th, name_en
FROM catalogue_products WHERE product_id = ANY($1::uuid[])
"""
SHIPPING = "SELECT * FROM shipping_fees"
NEXT_NUMBER = """
INSERT INTO order_numbers AS n (be_year, last_no) VALUES ($1, 1)
ON CONFLICT (be_year) DO UPDATE SET last_no = n.last_no + 1
RETURNING last_no
"""
INSERT_ORDER = """
INSERT INTO orders (
    order_id, number, state, access_hash, request_hash, customer_name, phone, email, line_id,
    fulfilment, address, note, subtotal_satang, shipping_satang, total_satang, placed_at,
    expires_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16)
ON CONFLICT (order_id) DO NOTHING
RETURNING order_id
"""
INSERT_LINES = """
INSERT INTO order_lines (
    order_id, line_no, product_id, sku, producer_id, name_th, name_en, quantity,
    unit_price_satang, line_total_satang)
SELECT $1, l.* FROM unnest($2::int[], $3::uuid[], $4::text[], $5::uuid[], $6::text[],
                           $7::text[], $8::int[], $9::bigint[], $10::bigint[]) AS l
"""
INSERT_RESERVATIONS = """
INSERT INTO order_reservations (order_id, product_id, quantity)
SELECT $1, * FROM unnest($2::uuid[], $3::int[])
"""
RESERVATIONS = """
SELECT r.product_id, l.producer_id, r.quantity
FROM order_reservations r JOIN order_lines l USING (order_id, product_id)
WHERE r.order_id = $1 ORDER BY r.product_id
"""
DROP_RESERVATIONS = "DELETE FROM order_reservations WHERE order_id = $1"
DUE = """
SELECT * FROM orders WHERE state = 'placed' AND expires_at <= $1
ORDER BY expires_at, order_id LIMIT $2 FOR UPDATE SKIP LOCKED
"""
# The customer's personal data emptied on orders that ended before $1, or were placed before
# $2 and never ended; their amounts, lines and sale stay. Orders another transaction holds
# are left to the next round.
ERASE_CONTACTS = """
WITH due AS (
    SELECT order_id FROM orders
    WHERE contact_erased_at IS NULL
      AND ((state IN ('completed', 'cancelled', 'expired')
            AND coalesce(completed_at, cancelled_at, expired_at) <= $1)
           OR placed_at <= $2)
    ORDER BY placed_at, order_id
    LIMIT $4
    FOR UPDATE SKIP LOCKED
)
UPDATE orders AS o
SET customer_name = NULL, phone = NULL, email = NULL, line_id = NULL, address = NULL,
    note = NULL, request_hash = '', contact_erased_at = $3, updated_at = $3,
    -- An unpaid order's reason is the customer's own words; a paid one's is its refund's.
    cancel_reason = CASE WHEN o.sale_id IS NULL THEN NULL ELSE o.cancel_reason END
FROM due WHERE o.order_id = due.order_id
RETURNING o.order_id
"""
# The columns a change of state may set besides the state itself.
_CHANGEABLE = frozenset(
    {
        "paid_at",
        "payment_reference",
        "sale_id",
        "packed_at",
        "handed_over_at",
        "shipped_at",
        "carrier",
        "tracking_no",
        "completed_at",
        "cancelled_at",
        "cancel_reason",
        "expired_at",
        "refund_id",
    }
)


def order_from(row: asyncpg.Record, lines: Iterable[asyncpg.Record] = ()) -> Order:
    return Order(
        order_id=row["order_id"],
        number=row["number"],
        state=OrderState(row["state"]),
        fulfilment=Fulfilment(row["fulfilment"]),
        subtotal=row["subtotal_satang"],
        shipping=row["shipping_satang"],
        total=row["total_satang"],
        placed_at=in_bangkok(row["placed_at"]),
        expires_at=in_bangkok(row["expires_at"]),
        lines=tuple(
            OrderLine(
                line_no=ln["line_no"],
                product_id=ln["product_id"],
                sku=ln["sku"],
                producer_id=ln["producer_id"],
                name_th=ln["name_th"],
                name_en=ln["name_en"],
                quantity=ln["quantity"],
                unit_price=ln["unit_price_satang"],
            )
            for ln in lines
        ),
        sale_id=row["sale_id"],
        refund_id=row["refund_id"],
        paid_at=in_bangkok(row["paid_at"]),
    )


def _stock_lines(held: Sequence[Held]) -> list[stock.OrderLine]:
    return [stock.OrderLine(h.product_id, h.producer_id, h.quantity) for h in held]


class PostgresOrderRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def get(self, order_id: uuid.UUID, *, for_update: bool = False) -> KeptOrder | None:
        row = await self._conn.fetchrow(ORDER_FOR_UPDATE if for_update else ORDER, order_id)
        if row is None:
            return None
        lines = await self._conn.fetch(ORDER_LINES, order_id)
        return KeptOrder(order_from(row, lines), row["request_hash"], row["access_hash"])

    async def hold_contacts(self, contacts: Sequence[str]) -> None:
        for contact in sorted(set(contacts)):
            await self._conn.execute(HOLD_CONTACT, contact)

    async def unpaid(self, phone: str | None, email: str | None) -> int:
        count: int = await self._conn.fetchval(UNPAID, phone, email)
        return count

    async def offers(self, product_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Offer]:
        ids = sorted(set(product_ids))
        available = await stock.sellable(self._conn, ids)
        return {
            r["product_id"]: Offer(
                product_id=r["product_id"],
                producer_id=r["member_id"],
                sku=r["sku"],
                price=r["price_satang"],
                name_th=r["name_th"],
                name_en=r["name_en"],
                available=available[r["product_id"]],
            )
            for r in await self._conn.fetch(OFFERS, ids)
            if r["product_id"] in available
        }

    async def shipping_table(self) -> ShippingTable:
        row = await self._conn.fetchrow(SHIPPING)
        assert row is not None, "migration 0005 keeps one row of shipping fees"
        return ShippingTable(
            row["first_item_satang"], row["each_further_satang"], row["free_from_satang"]
        )

    async def next_number(self, be_year: int) -> int:
        number: int = await self._conn.fetchval(NEXT_NUMBER, be_year)
        return number

    async def add(self, kept: KeptOrder, customer: dict[str, Any], note: str | None) -> bool:
        """Store the order and its lines; False when its id was taken meanwhile."""
        o = kept.order
        address = customer.get("address")
        stored = await self._conn.fetchval(
            INSERT_ORDER,
            o.order_id,
            o.number,
            o.state.value,
            kept.access_hash,
            kept.request_hash,
            customer["name"],
            customer.get("phone"),
            customer.get("email"),
            customer.get("line_id"),
            o.fulfilment.value,
            json.dumps(address, ensure_ascii=False) if address is not None else None,
            note,
            o.subtotal,
            o.shipping,
            o.total,
            o.placed_at,
            o.expires_at,
        )
        if stored is None:
            return False
        lines = o.lines
        await self._conn.execute(
            INSERT_LINES,
            o.order_id,
            [ln.line_no for ln in lines],
            [ln.product_id for ln in lines],
            [ln.sku for ln in lines],
            [ln.producer_id for ln in lines],
            [ln.name_th for ln in lines],
            [ln.name_en for ln in lines],
            [ln.quantity for ln in lines],
            [ln.unit_price for ln in lines],
            [ln.line_total for ln in lines],
        )
        return True

    async def reserve(self, order_id: uuid.UUID, held: Sequence[Held]) -> dict[uuid.UUID, int]:
        """Hold the units, all or none: {} when held, else the short products' availability."""
        short = await stock.reserve(self._conn, _stock_lines(held))
        if not short:
            await self._conn.execute(
                INSERT_RESERVATIONS,
                order_id,
                [h.product_id for h in held],
                [h.quantity for h in held],
            )
        return short

    async def _held(self, order_id: uuid.UUID) -> list[Held]:
        rows = await self._conn.fetch(RESERVATIONS, order_id)
        return [Held(r["product_id"], r["producer_id"], r["quantity"]) for r in rows]

    async def release(self, order_id: uuid.UUID) -> list[Held]:
        held = await self._held(order_id)
        if held:
            await stock.release(self._conn, _stock_lines(held))
            await self._conn.execute(DROP_RESERVATIONS, order_id)
        return held

    async def consume(
        self, order_id: uuid.UUID, sale_id: uuid.UUID, at: datetime
    ) -> list[BaseModel]:
        """The held units leave stock as the order's sale; the stock events to publish."""
        held = await self._held(order_id)
        # The stock adapter may answer the stock events (e.g. stock.low) the sale raises.
        raised: Any = await stock.consume_reserved(self._conn, sale_id, _stock_lines(held), at)
        await self._conn.execute(DROP_RESERVATIONS, order_id)
        return list(raised or [])

    async def put_back(
        self, sale_id: uuid.UUID, refund_id: uuid.UUID, held: Sequence[Held], at: datetime
    ) -> None:
        await stock.put_back(self._conn, sale_id, refund_id, _stock_lines(held), at)

    async def change(
        self, order_id: uuid.UUID, state: OrderState, at: datetime, **fields: Any
    ) -> None:
        unknown = set(fields) - _CHANGEABLE
        if unknown:
            raise ValueError(f"an order's change cannot set {sorted(unknown)}")
        names = sorted(fields)
        sets = "".join(f", {name} = ${i}" for i, name in enumerate(names, 4))
        sql = f"UPDATE orders SET state = $2, updated_at = $3{sets} WHERE order_id = $1"
        await self._conn.execute(sql, order_id, state.value, at, *(fields[n] for n in names))

    async def erase_contacts(
        self, ended_before: datetime, placed_before: datetime, at: datetime, limit: int
    ) -> list[uuid.UUID]:
        rows = await self._conn.fetch(ERASE_CONTACTS, ended_before, placed_before, at, limit)
        return [r["order_id"] for r in rows]

    async def due_to_expire(self, now: datetime, limit: int) -> list[Order]:
        return [order_from(row) for row in await self._conn.fetch(DUE, now, limit)]
