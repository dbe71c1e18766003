"""The names notices use, kept from other services' events: each event's titles (from
events.showcases.v1) and each product's SKU and names (from registry.products.v1)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from shared.db.versioned import versioned_upsert

EVENT = "SELECT event FROM event_names WHERE event_id = $1"
PRODUCT = "SELECT sku, name_th, name_en FROM product_names WHERE product_id = $1"


class PostgresNameRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def keep_event(self, event_id: uuid.UUID, version: int, event: dict[str, Any]) -> bool:
        return await versioned_upsert(
            self._conn,
            "event_names",
            key={"event_id": event_id},
            version=version,
            values={"event": event},
        )

    async def event(self, event_id: uuid.UUID) -> dict[str, Any] | None:
        found = await self._conn.fetchval(EVENT, event_id)
        return dict(found) if found is not None else None

    async def keep_product(
        self, product_id: uuid.UUID, version: int, sku: str, name_th: str, name_en: str | None
    ) -> bool:
        return await versioned_upsert(
            self._conn,
            "product_names",
            key={"product_id": product_id},
            version=version,
            values={"sku": sku, "name_th": name_th, "name_en": name_en},
        )

    async def product(self, product_id: uuid.UUID) -> dict[str, Any] | None:
        row = await self._conn.fetchrow(PRODUCT, product_id)
        return dict(row) if row is not None else None
