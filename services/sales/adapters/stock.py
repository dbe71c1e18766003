"""The shop's stock in Postgres as sales, refunds, voids and online orders move it.

Every change of a product's stock first holds its `stock_on_hand` row (FOR UPDATE, in product
order, as the till's sale context does), so the lots read after it are the latest and two
changes of one product take turns. These functions take the connection of the caller's open
transaction and never commit: the stock moves with what the caller records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

import asyncpg

from services.sales.adapters.local_times import in_bangkok
from services.sales.domain.stock import StockLine as OrderLine
from shared.contracts.consignment import StockLow

HOLD = """
SELECT s.product_id, s.producer_id, s.on_hand, s.reserved, s.needs_count, s.low_alerted,
       coalesce(a.low_stock_at, 3) AS low_stock_at
FROM stock_on_hand AS s LEFT JOIN assortment AS a USING (product_id)
WHERE s.product_id = ANY($1::uuid[])
ORDER BY s.product_id
FOR UPDATE OF s
"""
SELLABLE = """
SELECT a.product_id, greatest(coalesce(s.on_hand - s.reserved, 0), 0) AS available
FROM assortment AS a
JOIN catalogue_products AS c ON c.product_id = a.product_id AND c.status = 'listed'
LEFT JOIN stock_on_hand AS s ON s.product_id = a.product_id
WHERE a.state = 'approved' AND a.product_id = ANY($1::uuid[])
"""
RESERVE = """
UPDATE stock_on_hand AS s SET reserved = s.reserved + r.quantity, updated_at = now()
FROM unnest($1::uuid[], $2::int[]) AS r(product_id, quantity)
WHERE s.product_id = r.product_id
"""
RELEASE = """
UPDATE stock_on_hand AS s SET reserved = greatest(s.reserved - r.quantity, 0),
                              updated_at = now()
FROM unnest($1::uuid[], $2::int[]) AS r(product_id, quantity)
WHERE s.product_id = r.product_id
"""
# Units taken from the lots earliest-expiry-first (ranges of demand laid against ranges of
# lots, as a till's sale takes them); what no lot holds is taken from no lot.
TAKE = """
WITH demand AS (
    SELECT d.product_id, d.producer_id, 0 AS c, d.quantity AS e
    FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS d(product_id, producer_id, quantity)
), supply AS (
    SELECT l.lot_id, l.product_id, sum(l.on_hand) OVER w - l.on_hand AS a,
           sum(l.on_hand) OVER w AS b
    FROM stock_lots AS l
    WHERE l.on_hand > 0 AND l.product_id IN (SELECT product_id FROM demand)
    WINDOW w AS (PARTITION BY l.product_id
                 ORDER BY l.best_before NULLS LAST, l.received_at, l.lot_id)
), taken AS (
    SELECT d.product_id, d.producer_id, s.lot_id, least(s.b, d.e) - greatest(s.a, d.c) AS q
    FROM demand AS d JOIN supply AS s
        ON s.product_id = d.product_id AND s.a < d.e AND s.b > d.c
    UNION ALL
    SELECT d.product_id, d.producer_id, NULL, d.e - greatest(d.c, coalesce(t.total, 0))
    FROM demand AS d
    LEFT JOIN (SELECT product_id, max(b) AS total FROM supply GROUP BY product_id) AS t
        USING (product_id)
    WHERE d.e > coalesce(t.total, 0)
), moved AS (
    INSERT INTO stock_movements (product_id, producer_id, lot_id, kind, quantity, sale_id,
                                 occurred_at)
    SELECT product_id, producer_id, lot_id, 'sale', -q, $1, $5 FROM taken
), lots AS (
    UPDATE stock_lots AS l SET on_hand = l.on_hand - t.q
    FROM (SELECT lot_id, sum(q) AS q FROM taken WHERE lot_id IS NOT NULL GROUP BY lot_id) AS t
    WHERE l.lot_id = t.lot_id
)
INSERT INTO stock_on_hand (product_id, producer_id, on_hand, reserved)
SELECT product_id, producer_id, -e, 0 FROM demand
ON CONFLICT (product_id) DO UPDATE
SET on_hand = stock_on_hand.on_hand + excluded.on_hand,
    reserved = greatest(stock_on_hand.reserved - CASE WHEN $6 THEN -excluded.on_hand ELSE 0 END,
                        0),
    updated_at = now()
"""
# The held products whose units available fell to their threshold and whose producer was not
# told yet (approved for the shop and listed): marked told, once until restocked above it.
TELL_LOW = """
UPDATE stock_on_hand AS s SET low_alerted = true, updated_at = now()
FROM assortment AS a JOIN catalogue_products AS c USING (product_id)
WHERE s.product_id = a.product_id AND s.product_id = ANY($1::uuid[])
  AND a.state = 'approved' AND c.status = 'listed' AND NOT s.low_alerted
  AND s.on_hand - s.reserved <= a.low_stock_at
RETURNING s.product_id, s.producer_id, s.on_hand - s.reserved AS available,
          a.low_stock_at, c.sku, c.name_th, c.name_en
"""
# Units of a sale given back (a refund or a void) into the lots they were taken from, in the
# order they were taken, never more than the sale took from a lot less what came back.
PUT_BACK = """
WITH asked AS (
    SELECT * FROM unnest($2::uuid[], $3::int[]) AS a(product_id, quantity)
), net AS (
    SELECT m.product_id, m.producer_id, m.lot_id, -sum(m.quantity) AS out, min(m.id) AS first
    FROM stock_movements AS m
    WHERE m.sale_id = $1 AND m.product_id IN (SELECT product_id FROM asked)
    GROUP BY m.product_id, m.producer_id, m.lot_id
    HAVING -sum(m.quantity) > 0
), ranged AS (
    SELECT n.*, sum(n.out) OVER w - n.out AS a, sum(n.out) OVER w AS b
    FROM net AS n
    WINDOW w AS (PARTITION BY n.product_id ORDER BY n.first)
), back AS (
    SELECT r.product_id, r.producer_id, r.lot_id, least(r.b, k.quantity) - r.a AS q
    FROM ranged AS r JOIN asked AS k USING (product_id)
    WHERE r.a < k.quantity
), moved AS (
    INSERT INTO stock_movements (product_id, producer_id, lot_id, kind, quantity, sale_id,
                                 refund_id, occurred_at)
    SELECT product_id, producer_id, lot_id, $4, q, $1, $5, $6 FROM back
), lots AS (
    UPDATE stock_lots AS l SET on_hand = l.on_hand + t.q
    FROM (SELECT lot_id, sum(q) AS q FROM back WHERE lot_id IS NOT NULL GROUP BY lot_id) AS t
    WHERE l.lot_id = t.lot_id
), shelves AS (
    UPDATE stock_on_hand AS s
    SET on_hand = s.on_hand + t.q,
        low_alerted = s.low_alerted
                      AND s.on_hand + t.q - s.reserved <= coalesce(t.low_stock_at, 3),
        updated_at = now()
    FROM (SELECT b.product_id, sum(b.q) AS q, min(a.low_stock_at) AS low_stock_at
          FROM back AS b LEFT JOIN assortment AS a USING (product_id)
          GROUP BY b.product_id) AS t
    WHERE s.product_id = t.product_id
)
SELECT coalesce(sum(q), 0) FROM back
"""


def _summed(lines: Iterable[OrderLine]) -> list[OrderLine]:
    """One line per product, in product order (the order rows are locked in)."""
    total: dict[uuid.UUID, OrderLine] = {}
    for line in lines:
        held = total.get(line.product_id)
        quantity = line.quantity + (held.quantity if held else 0)
        total[line.product_id] = OrderLine(line.product_id, line.producer_id, quantity)
    return [total[p] for p in sorted(total)]


async def hold(conn: asyncpg.Connection, product_ids: Iterable[uuid.UUID]) -> list[asyncpg.Record]:
    """Lock the products' stock rows (in product order) and read them."""
    return list(await conn.fetch(HOLD, sorted(set(product_ids))))


async def sellable(
    conn: asyncpg.Connection, product_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """product id → units available, for the products approved for the shop and listed in
    the registry; a product not in the answer is not sold at the shop."""
    rows = await conn.fetch(SELLABLE, sorted(set(product_ids)))
    return {r["product_id"]: r["available"] for r in rows}


async def reserve(conn: asyncpg.Connection, lines: Sequence[OrderLine]) -> dict[uuid.UUID, int]:
    """Hold the units for an order, all or nothing: {} when reserved; else nothing is held
    and the answer maps each short product to the units available (0 when it is not sold
    at the shop or was never delivered)."""
    wanted = _summed(lines)
    ids = [line.product_id for line in wanted]
    rows = {r["product_id"]: r for r in await hold(conn, ids)}
    open_for_sale = await sellable(conn, ids)
    short: dict[uuid.UUID, int] = {}
    for line in wanted:
        row = rows.get(line.product_id)
        available = row["on_hand"] - row["reserved"] if row else 0
        if line.product_id not in open_for_sale or available < line.quantity:
            short[line.product_id] = max(available, 0) if line.product_id in open_for_sale else 0
    if not short:
        await conn.execute(RESERVE, ids, [line.quantity for line in wanted])
    return short


async def release(conn: asyncpg.Connection, lines: Sequence[OrderLine]) -> None:
    """Give back held units (an order expired or cancelled before it was paid)."""
    wanted = _summed(lines)
    await hold(conn, [line.product_id for line in wanted])
    await conn.execute(
        RELEASE, [line.product_id for line in wanted], [line.quantity for line in wanted]
    )


async def tell_low(
    conn: asyncpg.Connection, product_ids: Iterable[uuid.UUID], at: datetime
) -> list[StockLow]:
    """`stock.low` for each of the products (their rows held by the caller) whose units
    available are now at or below the threshold and whose producer was not told since it was
    last restocked above it; each is marked told in the same transaction."""
    rows = await conn.fetch(TELL_LOW, sorted(set(product_ids)))
    return [
        StockLow(
            producer_id=r["producer_id"],
            product_id=r["product_id"],
            sku=r["sku"],
            name_th=r["name_th"],
            name_en=r["name_en"],
            available=r["available"],
            threshold=r["low_stock_at"],
            at=in_bangkok(at),
        )
        for r in sorted(rows, key=lambda r: r["product_id"])
    ]


async def take(
    conn: asyncpg.Connection,
    sale_id: uuid.UUID,
    lines: Sequence[OrderLine],
    occurred_at: datetime,
    *,
    reserved: bool,
) -> None:
    """The units of a sale taken from stock (and, for a paid order, from what it held)."""
    wanted = _summed(lines)
    await hold(conn, [line.product_id for line in wanted])
    await conn.execute(
        TAKE,
        sale_id,
        [line.product_id for line in wanted],
        [line.producer_id for line in wanted],
        [line.quantity for line in wanted],
        occurred_at,
        reserved,
    )


async def consume_reserved(
    conn: asyncpg.Connection,
    sale_id: uuid.UUID,
    lines: Sequence[OrderLine],
    occurred_at: datetime,
) -> list[StockLow]:
    """A paid order becoming sale `sale_id`: on hand and reserved both fall by its units,
    taken from the lots earliest-expiry-first (movements of kind `sale`). Answers the
    `stock.low` events to publish with the sale (products left at or below their threshold
    whose producer was not told yet), as a till's sale does."""
    await take(conn, sale_id, lines, occurred_at, reserved=True)
    return await tell_low(conn, {line.product_id for line in lines}, occurred_at)


async def put_back(
    conn: asyncpg.Connection,
    sale_id: uuid.UUID,
    refund_id: uuid.UUID | None,
    lines: Sequence[OrderLine],
    occurred_at: datetime,
    *,
    kind: str = "refund",
) -> int:
    """Units of sale `sale_id` back on the shelf (a refund, or `kind="void"`), into the lots
    they were taken from; a sale that took no stock (a booth's) puts nothing back. Returns
    the units put back."""
    wanted = _summed(lines)
    await hold(conn, [line.product_id for line in wanted])
    back: int = await conn.fetchval(
        PUT_BACK,
        sale_id,
        [line.product_id for line in wanted],
        [line.quantity for line in wanted],
        kind,
        refund_id,
        occurred_at,
    )
    return back


class PostgresStockRepository:
    """The stock as the sales handlers move it."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def put_back(
        self,
        sale_id: uuid.UUID,
        refund_id: uuid.UUID | None,
        lines: Sequence[OrderLine],
        at: datetime,
        *,
        kind: str = "refund",
    ) -> int:
        return await put_back(self._conn, sale_id, refund_id, lines, at, kind=kind)
