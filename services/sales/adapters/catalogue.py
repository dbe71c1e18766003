"""Read models built from other services' topics: products and showcase events.

Each upsert keeps the row only if the incoming version is newer, so a duplicate or a stale
event that arrives late changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import asyncpg

from services.sales.domain.booth_window import ShowcaseEvent
from services.sales.domain.pricing import CatalogueProduct
from shared.contracts.registry import ProductSnapshot
from shared.money import to_satang

UPSERT_PRODUCT = """
INSERT INTO catalogue_products (product_id, member_id, sku, price_satang, status, version)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (product_id) DO UPDATE SET
    member_id = excluded.member_id, sku = excluded.sku, price_satang = excluded.price_satang,
    status = excluded.status, version = excluded.version, updated_at = now()
WHERE catalogue_products.version < excluded.version
"""
PRODUCTS_BY_SKU = """
SELECT DISTINCT ON (sku) * FROM catalogue_products WHERE sku = ANY($1::text[])
ORDER BY sku, (status = 'listed') DESC, version DESC
"""
UPSERT_EVENT = """
INSERT INTO showcase_events (event_id, kind, status, version, starts_at, ends_at, ended_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (event_id) DO UPDATE SET
    kind = coalesce(excluded.kind, showcase_events.kind), status = excluded.status,
    starts_at = coalesce(excluded.starts_at, showcase_events.starts_at),
    ends_at = coalesce(excluded.ends_at, showcase_events.ends_at),
    ended_at = excluded.ended_at,
    version = excluded.version, updated_at = now()
WHERE showcase_events.version < excluded.version
"""
SELECT_EVENT = "SELECT * FROM showcase_events WHERE event_id = $1"


async def upsert_product(conn: asyncpg.Connection, product: ProductSnapshot) -> None:
    await conn.execute(
        UPSERT_PRODUCT,
        product.product_id,
        product.member_id,
        product.sku,
        to_satang(product.price),
        product.status.value,
        product.version,
    )


async def upsert_event(
    conn: asyncpg.Connection,
    event_id: uuid.UUID,
    kind: str | None,
    status: str,
    version: int,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    ended_at: datetime | None = None,
) -> None:
    """Keep the event's newest version; dates not given keep the ones already known."""
    await conn.execute(UPSERT_EVENT, event_id, kind, status, version, starts_at, ends_at, ended_at)


async def products_by_sku(
    conn: asyncpg.Connection, skus: Iterable[str]
) -> dict[str, CatalogueProduct]:
    rows = await conn.fetch(PRODUCTS_BY_SKU, sorted(set(skus)))
    return {
        r["sku"]: CatalogueProduct(
            product_id=r["product_id"],
            producer_id=r["member_id"],
            sku=r["sku"],
            price=r["price_satang"],
            listed=r["status"] == "listed",
        )
        for r in rows
    }


async def showcase_event(conn: asyncpg.Connection, event_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(SELECT_EVENT, event_id)


class PostgresCatalogueRepository:
    """What the sales handlers read of the read models."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def by_sku(self, skus: Iterable[str]) -> dict[str, CatalogueProduct]:
        return await products_by_sku(self._conn, skus)

    async def event_status(self, event_id: uuid.UUID) -> tuple[str | None, str] | None:
        """(kind, status) of a showcase event, or None when it is not known."""
        row = await showcase_event(self._conn, event_id)
        return (row["kind"], row["status"]) if row else None

    async def showcase(self, event_id: uuid.UUID) -> ShowcaseEvent | None:
        """The event a booth terminal sells for: its status, dates and when it ended."""
        row = await showcase_event(self._conn, event_id)
        if row is None:
            return None
        return ShowcaseEvent(
            event_id=row["event_id"],
            status=row["status"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            ended_at=row["ended_at"],
        )
