"""Read-only queries a terminal makes about itself: its last receipt number, what it may
sell with the producers' names (at the shop: what is left of each), and its sales by receipt
number."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import asyncpg

from services.sales.adapters.producers import PostgresProducerRepository
from services.sales.domain.catalogue import ProductChange
from services.sales.domain.pricing import CatalogueProduct

# A terminal's receipt numbers all start with its (unchanging) code and have six digits, so
# the highest sorts last.
LAST_RECEIPT_NO = """
SELECT max(receipt_no) FROM sales WHERE terminal_id = $1 AND receipt_no IS NOT NULL
"""
LISTED = """
SELECT product_id, member_id, sku, price_satang, version, name_th, name_en, category, unit
FROM catalogue_products WHERE status = 'listed'
"""
# The products the shop sells (approved by its committee, listed in the registry) and the
# units of each left to sell: on hand less those held for online orders, never below zero.
SHOP_AVAILABLE = """
SELECT a.product_id, greatest(coalesce(s.on_hand - s.reserved, 0), 0) AS available
FROM assortment AS a
JOIN catalogue_products AS c ON c.product_id = a.product_id AND c.status = 'listed'
LEFT JOIN stock_on_hand AS s ON s.product_id = a.product_id
WHERE a.state = 'approved'
"""
SALES_BY_RECEIPT_NO = """
SELECT sale_id, receipt, voided_at FROM sales WHERE terminal_id = $1 AND receipt_no = $2
ORDER BY recorded_at, sale_id
"""
LINES = """
SELECT l.sale_id, l.line_no, l.refunded_quantity, c.name_th, c.name_en
FROM sale_lines l LEFT JOIN catalogue_products c USING (product_id)
WHERE l.sale_id = ANY($1::uuid[])
"""
REFUNDS = """
SELECT sale_id, receipt FROM refunds WHERE sale_id = ANY($1::uuid[])
ORDER BY refunded_at, refund_id
"""

Names = dict[uuid.UUID, tuple[str | None, str | None]]


async def last_receipt_no(conn: asyncpg.Connection, terminal_id: uuid.UUID) -> str | None:
    found: str | None = await conn.fetchval(LAST_RECEIPT_NO, terminal_id)
    return found


async def listed_products(conn: asyncpg.Connection) -> list[ProductChange]:
    return [
        ProductChange(
            CatalogueProduct(
                product_id=r["product_id"],
                producer_id=r["member_id"],
                sku=r["sku"],
                price=r["price_satang"],
                listed=True,
            ),
            r["version"],
            name_th=r["name_th"],
            name_en=r["name_en"],
            category=r["category"],
            unit=r["unit"],
        )
        for r in await conn.fetch(LISTED)
    ]


async def shop_available(conn: asyncpg.Connection) -> dict[uuid.UUID, int]:
    """product id → units left to sell, for the products the shop sells; a product not in
    the answer is not sold at the shop."""
    return {r["product_id"]: r["available"] for r in await conn.fetch(SHOP_AVAILABLE)}


async def producer_names(conn: asyncpg.Connection, member_ids: Iterable[uuid.UUID]) -> Names:
    return await PostgresProducerRepository(conn).names(member_ids)


def producer(member_id: uuid.UUID, names: Names) -> dict[str, Any]:
    name_th, name_en = names.get(member_id, (None, None))
    return {"member_id": member_id, "name_th": name_th, "name_en": name_en}


async def sales_by_receipt_no(
    conn: asyncpg.Connection, terminal_id: uuid.UUID, receipt_no: str
) -> list[dict[str, Any]]:
    """The terminal's sales under the receipt number (its receipt, with each line's product
    and producer names, refunded quantities and the sale's refunds)."""
    rows = await conn.fetch(SALES_BY_RECEIPT_NO, terminal_id, receipt_no)
    ids = [r["sale_id"] for r in rows]
    if not ids:
        return []
    shown = {(r["sale_id"], r["line_no"]): r for r in await conn.fetch(LINES, ids)}
    refunds: dict[uuid.UUID, list[Any]] = {}
    for r in await conn.fetch(REFUNDS, ids):
        refunds.setdefault(r["sale_id"], []).append(r["receipt"])
    receipts = [r["receipt"] for r in rows]
    names = await producer_names(
        conn, (uuid.UUID(line["producer_id"]) for rc in receipts for line in rc["lines"])
    )
    found = []
    for row, receipt in zip(rows, receipts, strict=True):
        lines = []
        for line in receipt["lines"]:
            extra = shown.get((row["sale_id"], line["line_no"]))
            lines.append(
                {
                    **line,
                    "name_th": (extra["name_th"] if extra else None) or line["sku"],
                    "name_en": extra["name_en"] if extra else None,
                    "refunded_quantity": extra["refunded_quantity"] if extra else 0,
                    "producer": producer(uuid.UUID(line["producer_id"]), names),
                }
            )
        found.append(
            {
                **receipt,
                "lines": lines,
                "voided_at": row["voided_at"],
                "refunds": refunds.get(row["sale_id"], []),
            }
        )
    return found
