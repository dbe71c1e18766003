"""Read models built from other services' topics: products and showcase events.

Both follow the platform's rule for read models (`shared.db.versioned.versioned_upsert`): a
newer version replaces what it gives, a duplicate or a stale event that arrives late only
fills what the row does not know yet."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import asyncpg

from services.sales.domain.catalogue import EventChange, ProductChange, sold_under_sku
from services.sales.domain.pricing import CatalogueProduct
from services.sales.service_layer.catalogue_events import DescribedProductChange, product_change
from shared.contracts.registry import ProductSnapshot, ProductStatus
from shared.db.versioned import versioned_upsert

PRODUCTS = "catalogue_products"
EVENTS = "showcase_events"
PRODUCTS_UNDER_SKUS = """
SELECT product_id, member_id, sku, price_satang, status, version FROM catalogue_products
WHERE sku = ANY($1::text[])
"""
SELECT_EVENT = "SELECT * FROM showcase_events WHERE event_id = $1"


async def keep_product(conn: asyncpg.Connection, change: ProductChange) -> None:
    product = change.product
    # What a till and the shop's catalogue show, when the change says it (a registry
    # snapshot says all of it; a missing description is said as None and clears one).
    shown: dict[str, Any] = {}
    if change.name_th is not None:
        shown = {
            "name_th": change.name_th,
            "name_en": change.name_en,
            "category": change.category,
            "unit": change.unit,
        }
        if isinstance(change, DescribedProductChange):
            shown["description"] = change.description_th
            shown["description_en"] = change.description_en
    await versioned_upsert(
        conn,
        PRODUCTS,
        key={"product_id": product.product_id},
        version=change.version,
        values={
            "member_id": product.producer_id,
            "sku": product.sku,
            "price_satang": product.price,
            "status": (ProductStatus.LISTED if product.listed else ProductStatus.DELISTED).value,
            **shown,
        },
    )


async def keep_event(conn: asyncpg.Connection, change: EventChange) -> None:
    """Only what the change says is given: a close keeps the kind and dates already known."""
    said: dict[str, Any] = {
        "kind": change.kind,
        "status": change.status,
        "starts_at": change.starts_at,
        "ends_at": change.ends_at,
        "ended_at": change.ended_at,
    }
    await versioned_upsert(
        conn,
        EVENTS,
        key={"event_id": change.event_id},
        version=change.version,
        values={column: value for column, value in said.items() if value is not None},
    )


async def upsert_product(conn: asyncpg.Connection, product: ProductSnapshot) -> None:
    """Put a product into the read model as its registry event would (loaders and tests)."""
    await keep_product(conn, product_change(product))


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
    """Put a showcase event into the read model as its event would (loaders and tests)."""
    await keep_event(
        conn, EventChange(event_id, version, status, kind, starts_at, ends_at, ended_at)
    )


def products_from(
    found: Iterable[tuple[uuid.UUID, uuid.UUID, str, int, str, int]],
) -> dict[str, CatalogueProduct]:
    """The product each SKU sells (`sold_under_sku`), of the products known under it given as
    (product_id, member_id, sku, price_satang, status, version)."""
    return sold_under_sku(
        ProductChange(
            CatalogueProduct(
                product_id=product_id,
                producer_id=member_id,
                sku=sku,
                price=price,
                listed=status == ProductStatus.LISTED.value,
            ),
            version,
        )
        for product_id, member_id, sku, price, status, version in found
    )


async def products_by_sku(
    conn: asyncpg.Connection, skus: Iterable[str]
) -> dict[str, CatalogueProduct]:
    """The product each SKU sells, for the SKUs known here."""
    rows = await conn.fetch(PRODUCTS_UNDER_SKUS, sorted(set(skus)))
    return products_from(tuple(r.values()) for r in rows)


async def showcase_event(conn: asyncpg.Connection, event_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(SELECT_EVENT, event_id)


class PostgresCatalogueRepository:
    """The read models as the sales handlers keep and read them."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def keep_product(self, change: ProductChange) -> None:
        await keep_product(self._conn, change)

    async def keep_event(self, change: EventChange) -> None:
        await keep_event(self._conn, change)

    async def event_status(self, event_id: uuid.UUID) -> tuple[str | None, str] | None:
        """(kind, status) of a showcase event, or None when it is not known."""
        row = await showcase_event(self._conn, event_id)
        return (row["kind"], row["status"]) if row else None
