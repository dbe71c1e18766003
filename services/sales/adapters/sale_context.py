"""Everything recording sales reads, in one statement: the open shift (FOR SHARE), the
request ledger, the catalogue, the booth's showcase event and the receipt numbers taken."""

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

# FOR SHARE: a sale joining the shift keeps it from closing until it commits.
SALE_CONTEXT = """
SELECT s.shift_id, s.terminal_id, s.opened_at, s.opening_float_satang, s.closed_at,
       s.counted_cash_satang, s.report,
       l.ids AS ledger_ids, l.hashes AS ledger_hashes, l.receipts AS ledger_receipts,
       c.ids AS product_ids, c.members, c.skus, c.prices, c.statuses, c.versions,
       e.event_id, e.status AS event_status, e.starts_at, e.ends_at, e.ended_at,
       r.numbers AS receipt_nos, r.holders AS receipt_holders
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
           array_agg(status) AS statuses, array_agg(version) AS versions
    FROM catalogue_products WHERE sku = ANY($3::text[])
) AS c
LEFT JOIN showcase_events AS e ON e.event_id = $4::uuid
CROSS JOIN (
    SELECT array_agg(receipt_no) AS numbers, array_agg(sale_id) AS holders
    FROM sales WHERE terminal_id = $1 AND receipt_no = ANY($5::text[])
) AS r
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


async def read_sale_context(
    conn: asyncpg.Connection,
    terminal_id: uuid.UUID,
    sale_ids: Iterable[uuid.UUID],
    skus: Iterable[str],
    event_id: uuid.UUID | None,
    receipt_nos: Iterable[str],
) -> SaleContext:
    row = await conn.fetchrow(
        SALE_CONTEXT,
        terminal_id,
        sorted(set(sale_ids)),
        sorted(set(skus)),
        event_id,
        sorted(set(receipt_nos)),
    )
    assert row is not None
    holders = zip(row["receipt_nos"] or [], row["receipt_holders"] or [], strict=True)
    return SaleContext(
        shift=_shift(row),
        ledger=_ledger(row),
        catalogue=_catalogue(row),
        showcase=_showcase(row),
        receipt_holders=dict(holders),
    )
