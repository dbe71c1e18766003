"""The shop's public catalogue (no credential): approved, listed products with their price,
producer and whether any is available; never counts, costs or commissions."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Query

from services.sales.adapters.shop_views import catalogue, catalogue_product
from services.sales.domain.catalogue import CATEGORY_NAMES
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.dependencies import Cursor, Db
from shared.contracts.registry import ProductCategory
from shared.http.problems import problem_responses
from shared.money import from_satang

router = APIRouter(prefix="/v1/public/shop", tags=["public: shop catalogue"])


def public_product(r: asyncpg.Record) -> dict[str, Any]:
    names = CATEGORY_NAMES.get(r["category"] or "", (None, None))
    return {
        "product_id": r["product_id"],
        "sku": r["sku"],
        "name_th": r["name_th"],
        "name_en": r["name_en"],
        "category": r["category"],
        "category_th": names[0],
        "category_en": names[1],
        "description": r["description"],
        "description_en": r["description_en"],
        "unit": r["unit"],
        "price": str(from_satang(r["price_satang"])),
        "producer": {
            "member_id": r["member_id"],
            "name_th": r["producer_name_th"],
            "name_en": r["producer_name_en"],
        },
        "available": r["available"],
    }


@router.get("/catalogue")
async def get_catalogue(
    conn: Db,
    category: ProductCategory | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 24,
) -> dict[str, Any]:
    """The shop's products, a page at a time (`next_cursor`), by category and search text
    (names, SKU, producer)."""
    page = await catalogue(
        conn, category.value if category else None, q, cursor=cursor, limit=limit
    )
    return {"items": [public_product(r) for r in page.items], "next_cursor": page.next_cursor}


@router.get("/products/{product_id}", responses=problem_responses(404))
async def get_product(product_id: uuid.UUID, conn: Db) -> dict[str, Any]:
    found = await catalogue_product(conn, product_id)
    if found is None:
        raise NotFound(f"ร้านไม่มีสินค้า {product_id} / the shop does not sell product {product_id}")
    return public_product(found)
