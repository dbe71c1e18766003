"""Everything recording sales reads, in one statement: the open shift (FOR SHARE), the
request ledger, the catalogue, the booth's showcase event, the receipt numbers taken and, at
the shop, the products' assortment and stock (their stock rows locked FOR UPDATE, in product
order, so two tills selling the last unit take turns)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import asyncpg

from services.sales.adapters.catalogue import products_from
from services.sales.domain.booth_window import ShowcaseEvent
from services.sales.domain.pricing import CatalogueProduct
from services.sales.domain.request_ledger import LedgerEntry
from services.sales.domain.sale_context import SaleContext
from services.sales.domain.shift_record import Shift
from services.sales.domain.stock import Shelf

# FOR SHARE: a sale joining the shift keeps it from closing until it commits.
SALE_CONTEXT = """
SELECT s.shift_id, s.terminal_id, s.opened_at, s.opening_float_satang, s.closed_at,
       s.counted_cash_satang, s.report,
       l.ids AS ledger_ids, l.hashes AS ledger_hashes, l.receipts AS ledger_receipts,
       c.ids AS product_ids, c.members, c.skus, c.prices, c.statuses, c.versions,
       e.event_id, e.status AS event_status, e.starts_at, e.ends_at, e.ended_at,
       r.numbers AS receipt_nos, r.holders AS receipt_holders,
       c.names_th, c.names_en,
       k.ids AS stock_ids, k.producers AS stock_producers, k.on_hand AS stock_on_hand,
       k.reserved AS stock_reserved, k.needs_count AS stock_needs_count,
       k.low_alerted AS stock_low_alerted,
       a.ids AS shop_ids, a.producers AS shop_producers, a.low_at AS shop_low_at
FROM (SELECT 1) AS one
LEFT JOIN (
    SELECT * FROM shifts WHERE terminal_id = $1 AND closed_at IS NULL FOR SHARE
) AS s ON true
CROSS JOIN (
    SELECT array_agg(sale_id) AS ids, array_agg(request_hash) AS hashes,
           json_agg(receipt) AS receipts
    FROM sales WHERE sale_id = ANY($2::uuid[])
) AS l
CROSS JOIN (
    SELECT array_agg(product_id) AS ids, array_agg(member_id) AS members,
           array_agg(sku) AS skus, array_agg(price_satang) AS prices,
           array_agg(status) AS statuses, array_agg(version) AS versions,
           array_agg(name_th) AS names_th, array_agg(name_en) AS names_en
    FROM catalogue_products WHERE sku = ANY($3::text[])
) AS c
LEFT JOIN showcase_events AS e ON e.event_id = $4::uuid
CROSS JOIN (
    SELECT array_agg(receipt_no) AS numbers, array_agg(sale_id) AS holders
    FROM sales WHERE terminal_id = $1 AND receipt_no = ANY($5::text[])
) AS r
CROSS JOIN (
    SELECT array_agg(product_id) AS ids, array_agg(producer_id) AS producers,
           array_agg(on_hand) AS on_hand, array_agg(reserved) AS reserved,
           array_agg(needs_count) AS needs_count, array_agg(low_alerted) AS low_alerted
    FROM (
        SELECT product_id, producer_id, on_hand, reserved, needs_count, low_alerted
        FROM stock_on_hand
        WHERE $6 AND product_id IN (
            SELECT product_id FROM catalogue_products WHERE sku = ANY($3::text[]))
        ORDER BY product_id
        FOR UPDATE
    ) AS held
) AS k
CROSS JOIN (
    SELECT array_agg(product_id) AS ids, array_agg(producer_id) AS producers,
           array_agg(low_stock_at) AS low_at
    FROM assortment
    WHERE $6 AND state = 'approved' AND product_id IN (
        SELECT product_id FROM catalogue_products WHERE sku = ANY($3::text[]))
) AS a
"""


def _shift(row: asyncpg.Record) -> Shift | None:
    if row["shift_id"] is None:
        return None
    return Shift(
        shift_id=row["shift_id"],
        terminal_id=row["terminal_id"],
        opened_at=row["opened_at"],
        opening_float=row["opening_float_satang"],
        closed_at=row["closed_at"],
        counted_cash=row["counted_cash_satang"],
        report=row["report"],
    )


def _ledger(row: asyncpg.Record) -> dict[uuid.UUID, LedgerEntry]:
    ids = row["ledger_ids"] or []
    return {
        i: LedgerEntry(h, r)
        for i, h, r in zip(
            ids, row["ledger_hashes"] or [], row["ledger_receipts"] or [], strict=True
        )
    }


def _catalogue(row: asyncpg.Record) -> dict[str, CatalogueProduct]:
    columns = ("product_ids", "members", "skus", "prices", "statuses", "versions")
    return products_from(zip(*(row[c] or [] for c in columns), strict=True))


def _showcase(row: asyncpg.Record) -> ShowcaseEvent | None:
    if row["event_id"] is None:
        return None
    return ShowcaseEvent(
        event_id=row["event_id"],
        status=row["event_status"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        ended_at=row["ended_at"],
    )


def _names(row: asyncpg.Record) -> dict[uuid.UUID, tuple[str | None, str | None]]:
    columns = ("product_ids", "names_th", "names_en")
    return {p: (th, en) for p, th, en in zip(*(row[c] or [] for c in columns), strict=True)}


def _shelves(row: asyncpg.Record, catalogue: dict[str, CatalogueProduct]) -> dict[uuid.UUID, Shelf]:
    """The shop's shelf of each product sold under the SKUs: sellable when approved for the
    shop and listed; on hand as its locked stock row says (none: nothing delivered yet)."""
    listed = {p.product_id for p in catalogue.values() if p.listed}
    approved = zip(
        row["shop_ids"] or [], row["shop_producers"] or [], row["shop_low_at"] or [], strict=True
    )
    shelves = {
        product_id: Shelf(product_id, producer_id, product_id in listed, low_stock_at=low_at)
        for product_id, producer_id, low_at in approved
    }
    stock = zip(
        *(
            row[c] or []
            for c in (
                "stock_ids",
                "stock_producers",
                "stock_on_hand",
                "stock_reserved",
                "stock_needs_count",
                "stock_low_alerted",
            )
        ),
        strict=True,
    )
    for product_id, producer_id, on_hand, reserved, needs_count, low_alerted in stock:
        shelf = shelves.setdefault(product_id, Shelf(product_id, producer_id, False))
        shelf.on_hand, shelf.reserved = on_hand, reserved
        shelf.needs_count, shelf.low_alerted = needs_count, low_alerted
    return shelves


async def read_sale_context(
    conn: asyncpg.Connection,
    terminal_id: uuid.UUID,
    sale_ids: Iterable[uuid.UUID],
    skus: Iterable[str],
    event_id: uuid.UUID | None,
    receipt_nos: Iterable[str],
    *,
    shop: bool = False,
) -> SaleContext:
    row = await conn.fetchrow(
        SALE_CONTEXT,
        terminal_id,
        sorted(set(sale_ids)),
        sorted(set(skus)),
        event_id,
        sorted(set(receipt_nos)),
        shop,
    )
    assert row is not None
    holders = zip(row["receipt_nos"] or [], row["receipt_holders"] or [], strict=True)
    catalogue = _catalogue(row)
    return SaleContext(
        shift=_shift(row),
        ledger=_ledger(row),
        catalogue=catalogue,
        showcase=_showcase(row),
        receipt_holders=dict(holders),
        shelves=_shelves(row, catalogue) if shop else {},
        names=_names(row),
    )
