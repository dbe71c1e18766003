"""In-memory fake of the names repository: events' titles and products' names."""

from __future__ import annotations

import uuid
from typing import Any


class FakeNames:
    def __init__(self) -> None:
        self.events: dict[uuid.UUID, tuple[int, dict[str, Any]]] = {}
        self.products: dict[uuid.UUID, tuple[int, dict[str, Any]]] = {}

    async def keep_event(self, event_id: uuid.UUID, version: int, event: dict[str, Any]) -> bool:
        current = self.events.get(event_id)
        if current and current[0] >= version:
            return False
        self.events[event_id] = (version, dict(event))
        return True

    async def event(self, event_id: uuid.UUID) -> dict[str, Any] | None:
        found = self.events.get(event_id)
        return dict(found[1]) if found else None

    async def keep_product(
        self, product_id: uuid.UUID, version: int, sku: str, name_th: str, name_en: str | None
    ) -> bool:
        current = self.products.get(product_id)
        if current and current[0] >= version:
            return False
        self.products[product_id] = (version, {"sku": sku, "name_th": name_th, "name_en": name_en})
        return True

    async def product(self, product_id: uuid.UUID) -> dict[str, Any] | None:
        found = self.products.get(product_id)
        return dict(found[1]) if found else None
