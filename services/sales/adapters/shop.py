"""The shop's assortment, consignment notes, counts and stock movements in Postgres, as the
shop's handlers keep them. Stock rows are held (FOR UPDATE, product order) before any lot or
shelf changes, as everywhere stock moves."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from datetime import date, datetime
from typing import Any

import asyncpg

from services.sales.adapters.local_times import in_bangkok, row_in_bangkok
from services.sales.adapters.stock import tell_low
from services.sales.domain.assortment import AssortmentItem
from services.sales.domain.consignment import ShopProduct
from services.sales.domain.stock import Lot
from shared.contracts.consignment import AssortmentState, StockLow

PRODUCTS = """
SELECT c.product_id, c.member_id, c.sku, c.name_th, c.name_en, c.category,
       c.status = 'listed' AS listed, a.state
FROM catalogue_products AS c LEFT JOIN assortment AS a USING (product_id)
WHERE c.product_id = ANY($1::uuid[])
"""
ITEM = "SELECT * FROM assortment WHERE product_id = $1"
ITEM_FOR_UPDATE = ITEM + " FOR UPDATE"
SAVE_ITEM = """
INSERT INTO assortment (product_id, producer_id, state, proposed_at, proposed_by, note,
                        decided_at, decided_by, reason, low_stock_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (product_id) DO UPDATE SET
    state = excluded.state, proposed_at = excluded.proposed_at,
    proposed_by = excluded.proposed_by, note = excluded.note, decided_at = excluded.decided_at,
    decided_by = excluded.decided_by, reason = excluded.reason,
    low_stock_at = excluded.low_stock_at, version = excluded.version
"""
ENSURE = """
INSERT INTO stock_on_hand (product_id, producer_id)
SELECT * FROM unnest($1::uuid[], $2::uuid[]) ORDER BY 1
ON CONFLICT (product_id) DO NOTHING
"""
HOLD = """
SELECT product_id, producer_id, on_hand, reserved FROM stock_on_hand
WHERE product_id = ANY($1::uuid[]) ORDER BY product_id FOR UPDATE
"""
LOTS = """
SELECT lot_id, product_id, lot_code, best_before, received_at, on_hand, expiry_alerted
FROM stock_lots WHERE product_id = ANY($1::uuid[])
"""
NOTE_HASH = "SELECT request_hash FROM consignment_notes WHERE note_id = $1"
COUNT_HASH = "SELECT request_hash FROM stock_counts WHERE count_id = $1"
NEXT_INTAKE = "SELECT nextval('consignment_intake_numbers')"
NEXT_RETURN = "SELECT nextval('consignment_return_numbers')"
ADD_LOTS = """
INSERT INTO stock_lots (lot_id, product_id, producer_id, lot_code, best_before, received_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[],
                     $6::timestamptz[])
ON CONFLICT (product_id, lot_code) DO UPDATE
SET best_before = coalesce(stock_lots.best_before, excluded.best_before)
"""
ADD_NOTE = """
WITH note AS (
    INSERT INTO consignment_notes (note_id, kind, number, producer_id, person, received_by,
                                   reason, request_hash, occurred_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
)
INSERT INTO consignment_note_lines (note_id, line_no, product_id, lot_id, lot_code,
                                    best_before, quantity)
SELECT $1, * FROM unnest($10::int[], $11::uuid[], $12::uuid[], $13::text[], $14::date[],
                         $15::int[])
"""
ADD_COUNT = """
WITH counted AS (
    INSERT INTO stock_counts (count_id, product_id, reason, counted_by, request_hash,
                              counted_at)
    VALUES ($1, $2, $3, $4, $5, $6)
)
INSERT INTO stock_count_lines (count_id, lot_id, lot_code, expected, counted)
SELECT $1, * FROM unnest($7::uuid[], $8::text[], $9::int[], $10::int[])
"""
# Movements stored, and the lots and shelves they change moved with them; a count clears the
# shelf's flag, and a shelf back above its threshold may be told it runs low again.
MOVE = """
WITH m AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[],
                         $6::uuid[], $7::uuid[], $8::text[], $9::timestamptz[])
        AS m(product_id, producer_id, lot_id, kind, quantity, note_id, count_id, reason,
             occurred_at)
), stored AS (
    INSERT INTO stock_movements (product_id, producer_id, lot_id, kind, quantity, note_id,
                                 count_id, reason, occurred_at)
    SELECT * FROM m
), lots AS (
    UPDATE stock_lots AS l SET on_hand = l.on_hand + t.q
    FROM (SELECT lot_id, sum(quantity) AS q FROM m WHERE lot_id IS NOT NULL
          GROUP BY lot_id) AS t
    WHERE l.lot_id = t.lot_id
)
UPDATE stock_on_hand AS s
SET on_hand = s.on_hand + coalesce(t.q, 0),
    needs_count = s.needs_count AND NOT s.product_id = ANY($10::uuid[]),
    low_alerted = s.low_alerted AND s.on_hand + coalesce(t.q, 0) - s.reserved
                  <= coalesce((SELECT low_stock_at FROM assortment AS a
                               WHERE a.product_id = s.product_id), 3),
    updated_at = now()
FROM (SELECT p AS product_id, sum(m.quantity) AS q
      FROM unnest($11::uuid[]) AS p LEFT JOIN m ON m.product_id = p GROUP BY p) AS t
WHERE s.product_id = t.product_id
"""
MARK_EXPIRY_TOLD = "UPDATE stock_lots SET expiry_alerted = true WHERE lot_id = ANY($1::uuid[])"
EXPIRING_LOTS = """
SELECT l.lot_id, l.product_id, l.producer_id, l.lot_code, l.best_before, l.on_hand,
       c.sku, c.name_th, c.name_en
FROM stock_lots AS l LEFT JOIN catalogue_products AS c USING (product_id)
WHERE NOT l.expiry_alerted AND l.on_hand > 0 AND l.best_before <= $1
ORDER BY l.product_id, l.lot_id
FOR UPDATE OF l SKIP LOCKED
"""
ON_HAND = "SELECT on_hand FROM stock_on_hand WHERE product_id = $1"


def _item(row: asyncpg.Record | None) -> AssortmentItem | None:
    if row is None:
        return None
    values = row_in_bangkok(row)
    values["state"] = AssortmentState(values["state"])
    return AssortmentItem(**values)


def _lot(r: asyncpg.Record) -> Lot:
    return Lot(
        r["lot_id"], r["lot_code"], r["best_before"], in_bangkok(r["received_at"]), r["on_hand"]
    )


Movement = tuple[
    uuid.UUID, uuid.UUID, uuid.UUID | None, str, int, uuid.UUID | None, uuid.UUID | None,
    str | None, datetime,
]  # fmt: skip


class PostgresShopRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def products(self, product_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ShopProduct]:
        rows = await self._conn.fetch(PRODUCTS, sorted(set(product_ids)))
        return {r["product_id"]: ShopProduct(*r.values()) for r in rows}

    async def item(
        self, product_id: uuid.UUID, *, for_update: bool = False
    ) -> AssortmentItem | None:
        return _item(await self._conn.fetchrow(ITEM_FOR_UPDATE if for_update else ITEM, product_id))

    async def save_item(self, item: AssortmentItem) -> None:
        values = astuple(item)
        await self._conn.execute(SAVE_ITEM, *values[:2], item.state.value, *values[3:])

    async def hold(self, shelves: dict[uuid.UUID, uuid.UUID]) -> dict[uuid.UUID, Any]:
        """Lock the products' stock rows (made at zero when missing); product → producer."""
        ids = sorted(shelves)
        await self._conn.execute(ENSURE, ids, [shelves[p] for p in ids])
        return {r["product_id"]: r for r in await self._conn.fetch(HOLD, ids)}

    async def lots(self, product_ids: Iterable[uuid.UUID]) -> list[tuple[uuid.UUID, Lot, bool]]:
        """(product, lot, whether its expiry was told) of every lot of the products."""
        rows = await self._conn.fetch(LOTS, sorted(set(product_ids)))
        return [(r["product_id"], _lot(r), r["expiry_alerted"]) for r in rows]

    async def request_hash(self, kind: str, request_id: uuid.UUID) -> str | None:
        found: str | None = await self._conn.fetchval(
            COUNT_HASH if kind == "count" else NOTE_HASH, request_id
        )
        return found

    async def next_number(self, kind: str) -> int:
        number: int = await self._conn.fetchval(NEXT_INTAKE if kind == "intake" else NEXT_RETURN)
        return number

    async def add_lots(
        self, lots: Sequence[tuple[uuid.UUID, uuid.UUID, uuid.UUID, str, date | None, datetime]]
    ) -> None:
        if lots:
            await self._conn.execute(ADD_LOTS, *(list(c) for c in zip(*lots, strict=True)))

    async def add_note(self, head: tuple[Any, ...], lines: Sequence[tuple[Any, ...]]) -> None:
        await self._conn.execute(ADD_NOTE, *head, *(list(c) for c in zip(*lines, strict=True)))

    async def add_count(self, head: tuple[Any, ...], lines: Sequence[tuple[Any, ...]]) -> None:
        columns = [list(c) for c in zip(*lines, strict=True)] if lines else [[], [], [], []]
        await self._conn.execute(ADD_COUNT, *head, *columns)

    async def move(
        self,
        movements: Sequence[Movement],
        *,
        counted: Iterable[uuid.UUID] = (),
        touched: Iterable[uuid.UUID] = (),
    ) -> None:
        columns = [list(c) for c in zip(*movements, strict=True)] if movements else [[]] * 9
        products = sorted({m[0] for m in movements} | set(touched))
        await self._conn.execute(MOVE, *columns, sorted(set(counted)), products)

    async def low_alerts(self, product_ids: Iterable[uuid.UUID], at: datetime) -> list[StockLow]:
        """`stock.low` for the held products now at or below their threshold, told once."""
        return await tell_low(self._conn, product_ids, at)

    async def expiring_lots(self, until: date) -> list[asyncpg.Record]:
        return list(await self._conn.fetch(EXPIRING_LOTS, until))

    async def mark_expiry_told(self, lot_ids: Iterable[uuid.UUID]) -> None:
        await self._conn.execute(MARK_EXPIRY_TOLD, sorted(set(lot_ids)))

    async def on_hand(self, product_id: uuid.UUID) -> int:
        found: int | None = await self._conn.fetchval(ON_HAND, product_id)
        return found or 0
