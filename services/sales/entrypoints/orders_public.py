"""The customer's routes of the shop's online orders (no credential): place an order, read
it and cancel it while unpaid with its access code (header X-Order-Code), read the shipping
fees. Nothing here tells anyone's personal data, other orders or the stock's counts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from services.sales.adapters import orders_views
from services.sales.adapters.orders_uow import PostgresOrdersUnitOfWork
from services.sales.domain.orders import OrderLimitReached
from services.sales.domain.orders_access import opens
from services.sales.entrypoints.dependencies import Db, Settings
from services.sales.entrypoints.orders_schemas import customer_view, placed_answer, shipping_answer
from services.sales.entrypoints.orders_settings import order_settings
from services.sales.service_layer.handlers.orders import place_order
from services.sales.service_layer.handlers.orders_payment import cancel_order
from services.sales.service_layer.orders_commands import CancelOrder, PlaceOrder
from services.sales.service_layer.orders_ports import OrdersUnitOfWork
from shared.errors import NotFound
from shared.http.problems import problem, problem_responses
from shared.limits import REASON_MAX
from shared.service.runtime import runtime_of

router = APIRouter(prefix="/v1/public/shop", tags=["public: shop orders"])


async def orders_uow(request: Request) -> OrdersUnitOfWork:
    return PostgresOrdersUnitOfWork(runtime_of(request.app).pool)


UoW = Annotated[OrdersUnitOfWork, Depends(orders_uow)]
Code = Annotated[
    str | None,
    Header(alias="X-Order-Code", max_length=100, description="The order's access code."),
]


def _limit(exc: OrderLimitReached) -> JSONResponse:
    return problem(429, exc.title, exc.detail, slug=exc.slug, **exc.extra)


async def stored_order(request: Request, order_id: uuid.UUID) -> tuple[Any, list[Any]] | None:
    """The order as stored, read on a connection held only for the reading: a route that
    also runs a command never holds one connection while its unit of work waits for another
    (requests enough to take every connection would otherwise wait on each other forever)."""
    async with runtime_of(request.app).pool.acquire() as conn:
        return await orders_views.order(conn, order_id)


async def _own(request: Request, order_id: uuid.UUID, code: str | None) -> tuple[Any, list[Any]]:
    """The order when `code` is its access code; 404 alike for no order and a wrong code."""
    found = await stored_order(request, order_id)
    if found is None or not opens(found[0]["access_hash"], code):
        raise NotFound("ไม่พบคำสั่งซื้อ / no such order (or the access code is not its)")
    return found


@router.post(
    "/orders",
    status_code=201,
    responses=problem_responses(409, 422, 429),
)
async def place(body: PlaceOrder, uow: UoW, request: Request, settings: Settings) -> JSONResponse:
    """Place an order: its units are held until it is paid (PromptPay QR for the exact total)
    or expires. `access_code` reads or cancels the order: keep it. The same body again (a
    retry) is answered 200 with the same order and the same code; another body
    under a used `order_id` is refused 409. 409 `out-of-stock` names the products short,
    409 `not-in-assortment` those the shop does not sell online, 409
    `promptpay-not-set-up` while the shop has no PromptPay id; 429 `order-limit` beyond
    10 units a line, 20 lines, or 3 unpaid orders per phone or e-mail."""
    options = order_settings()
    try:
        placed = await place_order(
            body,
            uow,
            promptpay_id=settings.sales_promptpay_id,
            payment_minutes=options.shop_order_payment_minutes,
            code_secret=options.code_secret,
        )
    except OrderLimitReached as exc:
        return _limit(exc)
    found = await stored_order(request, placed.order.order_id)
    assert found is not None
    answer = placed_answer(*found, settings.sales_promptpay_id, placed.access_code)
    status = 200 if placed.replayed else 201
    return JSONResponse(jsonable_encoder(answer), status_code=status)


@router.get("/orders/{order_id}", responses=problem_responses(404))
async def read(order_id: uuid.UUID, request: Request, settings: Settings, code: Code = None) -> Any:
    """The order as its customer sees it (state, lines, totals, the PromptPay payload while
    unpaid, the tracking number once sent); 404 without the order's access code."""
    return customer_view(*await _own(request, order_id, code), settings.sales_promptpay_id)


class CustomerCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(default=None, max_length=REASON_MAX, pattern=r"^[^\x00]*$")


@router.post("/orders/{order_id}/cancel", responses=problem_responses(404, 409))
async def cancel(
    order_id: uuid.UUID,
    uow: UoW,
    request: Request,
    settings: Settings,
    code: Code = None,
    body: CustomerCancel | None = None,
) -> Any:
    """Cancel the order while it is unpaid (409 `order-state` after); its stock is released."""
    await _own(request, order_id, code)
    reason = body.reason if body else None
    await cancel_order(CancelOrder(order_id=order_id, reason=reason, by_customer=True), uow)
    return customer_view(*await _own(request, order_id, code), settings.sales_promptpay_id)


@router.get("/shipping")
async def shipping(conn: Db) -> dict[str, Any]:
    """The shipping fee table (by post: the first item, each further item, free from a
    total; pickup at the centre is free) and the order limits."""
    payment_minutes = order_settings().shop_order_payment_minutes
    return shipping_answer(await orders_views.shipping(conn), payment_minutes)
