"""Console pages for the shop's online orders: the list by state, an order with its customer,
lines, totals and PromptPay QR code, and the changes its state allows (confirm the payment,
pack, hand over, ship with a tracking number, complete, cancel). Controls need the right to
run the shop; the list and the order the right to read its reports."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render, require
from services.web.console.shop.lookups import rights, shop_code
from shared.identity.roles import Action

router = APIRouter(prefix="/console/orders")

# (state, Thai, English) in the order an order goes through them.
STATES = (
    ("placed", "รอชำระเงิน", "Awaiting payment"),
    ("paid", "ชำระแล้ว", "Paid"),
    ("packed", "แพ็กแล้ว", "Packed"),
    ("picked_up", "รับสินค้าแล้ว", "Picked up"),
    ("shipped", "จัดส่งแล้ว", "Shipped"),
    ("completed", "เสร็จสิ้น", "Completed"),
    ("cancelled", "ยกเลิก", "Cancelled"),
    ("expired", "หมดเวลาชำระ", "Expired"),
)
FULFILMENTS = {"pickup": ("รับที่ศูนย์", "Pickup"), "post": ("ส่งทางไปรษณีย์", "By post")}
# The action's path at the sales service, and the form fields it sends.
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "payment": ("payment", ("amount", "reference")),
    "pack": ("pack", ()),
    "hand-over": ("hand-over", ()),
    "ship": ("ship", ("carrier", "tracking_no")),
    "complete": ("complete", ()),
    "cancel": ("cancel", ("reason",)),
}


def _qr(payload: str | None) -> str | None:
    """The PromptPay QR code as an inline <svg> element."""
    if not payload:
        return None
    import segno

    return str(segno.make(payload, error="m", micro=False).svg_inline(scale=4, border=2))


@router.get("")
async def orders(
    request: Request,
    session: SignedIn,
    calls: Calls,
    state: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    params: dict[str, Any] = {"limit": 50}
    if state in {s for s, _, _ in STATES}:
        params["state"] = state
    if q and q.strip():
        params["q"] = q.strip()[:100]
    if cursor:
        params["cursor"] = cursor
    page = await calls.get("sales", "/v1/shop/orders", params=params)
    return render(
        request,
        "console/orders/list.html",
        {
            "page": page,
            "states": STATES,
            "state": params.get("state"),
            "q": params.get("q", ""),
            "fulfilments": FULFILMENTS,
            **rights(request, session),
        },
    )


async def _order_page(
    request: Request,
    session: SignedIn,
    calls: Calls,
    order_id: uuid.UUID,
    problem: ServiceProblem | None = None,
) -> HTMLResponse:
    order = await calls.get("sales", f"/v1/shop/orders/{order_id}")
    promptpay = order.get("promptpay") or {}
    return render(
        request,
        "console/orders/order.html",
        {
            "order": order,
            "qr": _qr(promptpay.get("payload")),
            "states": {s: (th, en) for s, th, en in STATES},
            "fulfilments": FULFILMENTS,
            "problem": problem,
            **rights(request, session),
        },
        status_code=problem.status if problem and 400 <= problem.status < 500 else 200,
    )


@router.get("/{order_id}")
async def order(
    order_id: uuid.UUID, request: Request, session: SignedIn, calls: Calls
) -> HTMLResponse:
    require(session, Action.READ_SHOP, shop_code(request))
    return await _order_page(request, session, calls, order_id)


@router.post("/{order_id}/{action}", dependencies=[CsrfChecked])
async def act(
    order_id: uuid.UUID, action: str, request: Request, session: SignedIn, calls: Calls
) -> Response:
    """One change of the order's state; a refusal shows on the order's page."""
    require(session, Action.RUN_SHOP, shop_code(request))
    if action not in ACTIONS:
        return await _order_page(
            request,
            session,
            calls,
            order_id,
            ServiceProblem(404, "Not found", "ไม่มีการทำรายการนี้ / no such action"),
        )
    path, fields = ACTIONS[action]
    form = await request.form()
    body = {f: str(form.get(f) or "").strip() or None for f in fields}
    try:
        await calls.post("sales", f"/v1/shop/orders/{order_id}/{path}", json=body)
    except ServiceProblem as problem:
        if problem.status >= 500:
            raise
        return await _order_page(request, session, calls, order_id, problem)
    return RedirectResponse(f"/console/orders/{order_id}", status_code=303)
