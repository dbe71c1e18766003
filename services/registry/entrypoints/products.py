"""The registry's product routes: parse, send the command or read the view, answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Response

from services.registry.adapters import views
from services.registry.entrypoints.dependencies import (
    Bus,
    Cursor,
    Db,
    Limit,
    ProvinceCode,
    Search,
    staff_router,
)
from services.registry.entrypoints.schemas import ProductOut, ProductPage
from services.registry.service_layer import commands
from shared.contracts.registry import DevelopmentSegment, ProductCategory, ProductStatus
from shared.errors import NotFound

router = staff_router()


@router.post(
    "/members/{member_id}/products", status_code=201, response_model=ProductOut, tags=["products"]
)
async def list_product(
    member_id: uuid.UUID, body: commands.ProductInput, bus: Bus, response: Response
) -> ProductOut:
    product = await bus.handle(commands.ListProduct(member_id=member_id, product=body))
    response.headers["Location"] = f"/v1/products/{product.product_id}"
    return ProductOut.of(product)


@router.get("/products", response_model=ProductPage, tags=["products"])
async def list_products(
    conn: Db,
    member_id: uuid.UUID | None = None,
    category: ProductCategory | None = None,
    segment: DevelopmentSegment | None = None,
    status: ProductStatus | None = None,
    province: ProvinceCode = None,
    min_stars: Annotated[int | None, Query(ge=1, le=5)] = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ProductPage:
    page = await views.list_products(
        conn,
        member_id=member_id,
        category=category,
        segment=segment,
        status=status,
        province=province,
        min_stars=min_stars,
        q=q,
        cursor=cursor,
        limit=limit,
    )
    return ProductPage(
        items=[ProductOut.of(p, with_ratings=False) for p in page.items],
        next_cursor=page.next_cursor,
    )


@router.get("/products/{product_id}", response_model=ProductOut, tags=["products"])
async def get_product(product_id: uuid.UUID, conn: Db) -> ProductOut:
    product = await views.get_product(conn, product_id)
    if product is None:
        raise NotFound(f"there is no product {product_id}")
    return ProductOut.of(product)


@router.patch("/products/{product_id}", response_model=ProductOut, tags=["products"])
async def update_product(
    product_id: uuid.UUID, body: commands.ProductChanges, bus: Bus
) -> ProductOut:
    product = await bus.handle(commands.UpdateProduct(product_id=product_id, changes=body))
    return ProductOut.of(product)


@router.post("/products/{product_id}/delist", response_model=ProductOut, tags=["products"])
async def delist_product(
    product_id: uuid.UUID, body: commands.DelistReason, bus: Bus
) -> ProductOut:
    product = await bus.handle(commands.DelistProduct(product_id=product_id, reason=body.reason))
    return ProductOut.of(product)


@router.post(
    "/products/{product_id}/ratings", status_code=201, response_model=ProductOut, tags=["products"]
)
async def rate_product(product_id: uuid.UUID, body: commands.RatingInput, bus: Bus) -> ProductOut:
    product = await bus.handle(commands.RateProduct(product_id=product_id, rating=body))
    return ProductOut.of(product)
