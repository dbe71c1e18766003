"""Staff routes for the shop's assortment: proposals (RUN_SHOP, or MANAGE_MEMBERS in the
producer's district), the committee's decisions (RUN_SHOP), and reading it (READ_SHOP)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from services.sales.adapters.shop_views import assortment_item, list_assortment
from services.sales.domain.errors import NotFound
from services.sales.entrypoints.dependencies import Cursor, Db, PageSize, Settings, UoW
from services.sales.service_layer import access
from services.sales.service_layer.handlers import assortment
from services.sales.service_layer.shop_commands import (
    ApproveProduct,
    DecideWithReason,
    ProposeProduct,
)
from shared.contracts.consignment import AssortmentState
from shared.contracts.registry import ProductCategory
from shared.http.auth import require_staff
from shared.http.problems import problem_responses

router = APIRouter(prefix="/v1/shop", dependencies=[Depends(require_staff)])
TAGS: list[str | Any] = ["staff: shop assortment"]


class AssortmentPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None


def _item(r: Mapping[str, Any]) -> dict[str, Any]:
    return dict(r)


@router.post("/assortment", status_code=201, tags=TAGS, responses=problem_responses(404, 409))
async def propose(body: ProposeProduct, uow: UoW, settings: Settings) -> dict[str, Any]:
    """Propose a listed product for the shop (again, after a decline or a withdrawal)."""
    return await assortment.propose(body, uow, settings.shop_code)


@router.post("/assortment/{product_id}/approve", tags=TAGS, responses=problem_responses(404, 409))
async def approve(
    product_id: uuid.UUID, body: ApproveProduct, uow: UoW, settings: Settings
) -> dict[str, Any]:
    """Approve a proposed product: the shop sells it from now on (`low_stock_at`: how few
    available units make its producer be told, 3 unless given)."""
    return await assortment.decide(product_id, "approve", body, uow, settings.shop_code)


@router.post("/assortment/{product_id}/decline", tags=TAGS, responses=problem_responses(404, 409))
async def decline(
    product_id: uuid.UUID, body: DecideWithReason, uow: UoW, settings: Settings
) -> dict[str, Any]:
    """Decline a proposed product, with the committee's reason."""
    return await assortment.decide(product_id, "decline", body, uow, settings.shop_code)


@router.post("/assortment/{product_id}/withdraw", tags=TAGS, responses=problem_responses(404, 409))
async def withdraw(
    product_id: uuid.UUID, body: DecideWithReason, uow: UoW, settings: Settings
) -> dict[str, Any]:
    """Take a product out of the shop's assortment: sales stop, and units on hand are
    called back (`stock.recall_requested`)."""
    return await assortment.decide(product_id, "withdraw", body, uow, settings.shop_code)


@router.get("/assortment", response_model=AssortmentPage, tags=TAGS)
async def get_assortment(
    conn: Db,
    settings: Settings,
    state: AssortmentState | None = None,
    producer_id: uuid.UUID | None = None,
    category: ProductCategory | None = None,
    q: str | None = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> AssortmentPage:
    """The assortment, newest proposal first, a page at a time (`next_cursor`)."""
    access.read_shop(settings.shop_code)
    page = await list_assortment(
        conn,
        state.value if state else None,
        producer_id,
        category.value if category else None,
        q[:100] if q else None,
        cursor=cursor,
        limit=limit,
    )
    return AssortmentPage(items=[_item(r) for r in page.items], next_cursor=page.next_cursor)


@router.get("/assortment/{product_id}", tags=TAGS, responses=problem_responses(404))
async def get_assortment_item(
    product_id: uuid.UUID, conn: Db, settings: Settings
) -> dict[str, Any]:
    # Where one product stands with the shop is not a report: any staff member reads it (the
    # officer who proposed it included).
    access.read()
    found = await assortment_item(conn, product_id)
    if found is None:
        raise NotFound(f"สินค้า {product_id} ไม่อยู่ในรายการของร้าน / {product_id} was never proposed")
    return _item(found)
