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
    """A product as one registry event describes it, at the product's `version`, with what a
    till shows of it (None: not known, for products kept before the read model had it)."""

    product: CatalogueProduct
    version: int
    name_th: str | None = None
    name_en: str | None = None
    category: str | None = None
    unit: str | None = None


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


def for_sale(known: Iterable[ProductChange]) -> list[ProductChange]:
    """What a terminal may sell: under each SKU the product a sale of it records
    (`sold_under_sku`), when that one is listed; by category, then name, then SKU."""
    chosen: dict[str, ProductChange] = {}
    for candidate in known:
        held = chosen.get(candidate.product.sku)
        if held is None or _rank(candidate) > _rank(held):
            chosen[candidate.product.sku] = candidate
    sellable = [change for change in chosen.values() if change.product.listed]
    return sorted(sellable, key=_shelf_order)


def _shelf_order(change: ProductChange) -> tuple[int, str, str]:
    category = CATEGORY_ORDER.get(change.category or "", len(CATEGORY_ORDER))
    return category, change.name_th or change.product.sku, change.product.sku


# The five official OTOP categories, in their official order: (Thai, English).
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "food": ("อาหาร", "Food"),
    "beverages": ("เครื่องดื่ม", "Beverages"),
    "textiles_and_clothing": ("ผ้า เครื่องแต่งกาย", "Textiles and clothing"),
    "household_decorative_souvenir": (
        "ของใช้ ของตกแต่ง ของที่ระลึก",
        "Household, decorative and souvenir items",
    ),
    "non_food_herbal": ("สมุนไพรที่ไม่ใช่อาหาร", "Non-food herbal products"),
}
CATEGORY_ORDER = {code: n for n, code in enumerate(CATEGORY_NAMES)}


def categories_of(changes: Iterable[ProductChange]) -> list[str]:
    """The official categories the products are in, in the official order."""
    present = {change.category for change in changes}
    return [code for code in CATEGORY_NAMES if code in present]


def _rank(change: ProductChange) -> tuple[bool, int]:
    return change.product.listed, change.version
