"""What the sales service keeps of other services' aggregates: the products terminals sell
(registry.products.v1) and the showcase events booths sell at (events.showcases.v1).

Each change carries the aggregate's version; the read model keeps the newest and, from an
older change, only what it did not know yet."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from services.sales.domain.pricing import CatalogueProduct


@dataclass(frozen=True)
class ProductChange:
    """A product as one registry event describes it, at the product's `version`."""

    product: CatalogueProduct
    version: int


@dataclass(frozen=True)
class EventChange:
    """What one showcase event's change says of it at `version`; None is not said (a close
    says only that the event closed and when, not its kind or dates)."""

    event_id: uuid.UUID
    version: int
    status: str
    kind: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    ended_at: datetime | None = None


def sold_under_sku(known: Iterable[ProductChange]) -> dict[str, CatalogueProduct]:
    """The product each SKU sells, of the products known under it: a listed one before a
    delisted one, then the newest version."""
    chosen: dict[str, ProductChange] = {}
    for candidate in known:
        sku = candidate.product.sku
        held = chosen.get(sku)
        if held is None or _rank(candidate) > _rank(held):
            chosen[sku] = candidate
    return {sku: change.product for sku, change in chosen.items()}


def _rank(change: ProductChange) -> tuple[bool, int]:
    return change.product.listed, change.version
