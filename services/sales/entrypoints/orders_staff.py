"""Staff routes of the shop's online orders: read them (READ_SHOP in the shop) and move
them on (RUN_SHOP): confirm the payment, pack, hand over, ship, complete, cancel. A change
the order's state does not allow is refused 409 `order-state` naming the current state."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from services.sales.adapters import orders_views
from services.sales.entrypoints.dependencies import Cursor, Db, PageSize, Settings
from services.sales.entrypoints.orders_public import UoW, stored_order
from services.sales.entrypoints.orders_schemas import list_item, staff_view
from services.sales.service_layer import access
from services.sales.service_layer.handlers.orders import (
    complete_order,
    hand_over_order,
    pack_order,
    ship_order,
)
from services.sales.service_layer.handlers.orders_payment import cancel_order, confirm_payment
from services.sales.service_layer.orders_commands import (
    CancelIn,
    CancelOrder,
    CompleteOrder,
    ConfirmPayment,
    HandOverOrder,
    PackOrder,
    PaymentIn,
    ShipIn,
    ShipOrder,
)
from shared.contracts.orders import OrderState
from shared.errors import NotFound
from shared.http.auth import require_staff
from shared.http.problems import problem_responses

router = APIRouter(
    prefix="/v1/shop/orders", tags=["staff: shop orders"], dependencies=[Depends(require_staff)]
)


async def _view(request: Request, order_id: uuid.UUID, settings: Any) -> dict[str, Any]:
    found = await stored_order(request, order_id)
    if found is None:
        raise NotFound(f"ไม่พบคำสั่งซื้อ / no order {order_id}")
    return staff_view(*found, settings.sales_promptpay_id)


@router.get("")
async def list_orders(
    conn: Db,
    settings: Settings,
    state: OrderState | None = None,
    q: Annotated[str | None, Query(max_length=100, pattern=r"^[^\x00]*$")] = None,
    cursor: Cursor = None,
    limit: PageSize = 50,
) -> dict[str, Any]:
    """Orders newest first, by state and by a search of number, name, phone or e-mail;
    `counts` says how many orders are in each state."""
    access.read_shop(settings.shop_code)
    page = await orders_views.orders(
        conn, state.value if state else None, q, cursor=cursor, limit=limit
    )
    return {
        "items": [list_item(row) for row in page.items],
        "next_cursor": page.next_cursor,
        "counts": await orders_views.counts(conn),
    }


@router.get("/{order_id}", responses=problem_responses(404))
async def read_order(order_id: uuid.UUID, request: Request, settings: Settings) -> dict[str, Any]:
    """The order with its customer, lines, totals, sale and the changes it allows next."""
    access.read_shop(settings.shop_code)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/payment", responses=problem_responses(404, 409))
async def confirm(
    order_id: uuid.UUID, body: PaymentIn, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    """The PromptPay payment was received: `amount` must be the order's total exactly (else
    409 `payment-amount`). The order becomes paid and is recorded as a sale (channel online)
    once; confirming again with the same amount changes nothing."""
    access.run_shop(settings.shop_code)
    await confirm_payment(ConfirmPayment(order_id=order_id, payment=body), uow)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/pack", responses=problem_responses(404, 409))
async def pack(
    order_id: uuid.UUID, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    access.run_shop(settings.shop_code)
    await pack_order(PackOrder(order_id=order_id), uow)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/hand-over", responses=problem_responses(404, 409))
async def hand_over(
    order_id: uuid.UUID, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    """A packed pickup order collected by its customer at the centre."""
    access.run_shop(settings.shop_code)
    await hand_over_order(HandOverOrder(order_id=order_id), uow)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/ship", responses=problem_responses(404, 409))
async def ship(
    order_id: uuid.UUID, body: ShipIn, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    """A packed post order sent, with its tracking number."""
    access.run_shop(settings.shop_code)
    await ship_order(ShipOrder(order_id=order_id, shipment=body), uow)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/complete", responses=problem_responses(404, 409))
async def complete(
    order_id: uuid.UUID, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    access.run_shop(settings.shop_code)
    await complete_order(CompleteOrder(order_id=order_id), uow)
    return await _view(request, order_id, settings)


@router.post("/{order_id}/cancel", responses=problem_responses(404, 409))
async def cancel(
    order_id: uuid.UUID, body: CancelIn, uow: UoW, request: Request, settings: Settings
) -> dict[str, Any]:
    """Cancel with a reason: an unpaid order releases its stock; a paid one (not yet handed
    over or sent) is refunded and its units go back to stock."""
    access.run_shop(settings.shop_code)
    await cancel_order(CancelOrder(order_id=order_id, reason=body.reason), uow)
    return await _view(request, order_id, settings)
