"""Checkout and the customer's order page: the order placed through the sales service with
a client-made order id kept in the form (a second submit is a replay), the access code kept
in an HttpOnly cookie, the PromptPay QR for the exact amount, cancelling while unpaid."""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.calls import ServiceProblem
from services.web.public.calls import Public
from services.web.public.cart import cart_of, keep_cart
from services.web.public.pages.shop import priced_lines, shipping_table
from services.web.public.promptpay_qr import qr_svg
from services.web.public.shop_kit import form_expired, heading_of, page, problem_page, shown_status
from services.web.public.signing import CSRF_FIELD, FormRefused, check_csrf

router = APIRouter(include_in_schema=False)

CODE_HEADER = "X-Order-Code"
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
NO_ORDER = (
    "ไม่พบคำสั่งซื้อนี้ หรือไม่มีรหัสเข้าดูคำสั่งซื้อ โปรดเปิดจากลิงก์ที่ได้รับ / no such order, "
    "or no access code for it: open it from the link you were given"
)
FIELDS = (
    "name",
    "phone",
    "email",
    "line_id",
    "fulfilment",
    "recipient",
    "address",
    "province",
    "postal_code",
    "note",
)


# An access code as the sales service makes it (URL-safe characters); anything else in a
# link or a cookie is no code at all.
_ACCESS_CODE = re.compile(r"[A-Za-z0-9_\-]{8,200}")


def code_cookie(order_id: uuid.UUID | str) -> str:
    return f"otop_order_{uuid.UUID(str(order_id)).hex}"


def _order_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _code_of(request: Request, order_id: uuid.UUID) -> str | None:
    code = request.cookies.get(code_cookie(order_id)) or ""
    return code if _ACCESS_CODE.fullmatch(code) else None


def _blank(value: object) -> str | None:
    text = str(value).strip() if isinstance(value, str) else ""
    return text or None


def order_body(order_id: str, values: dict[str, str], cart: dict[str, int]) -> dict[str, Any]:
    customer = {k: _blank(values.get(k)) for k in ("name", "phone", "email", "line_id")}
    body: dict[str, Any] = {
        "order_id": order_id,
        "customer": {k: v for k, v in customer.items() if v is not None or k == "name"},
        "fulfilment": values.get("fulfilment") or "pickup",
        "lines": [{"product_id": p, "quantity": q} for p, q in cart.items()],
    }
    if body["fulfilment"] == "post":
        body["address"] = {
            "recipient": _blank(values.get("recipient")) or customer["name"],
            "lines": [
                ln.strip() for ln in (values.get("address") or "").splitlines() if ln.strip()
            ],
            "province": _blank(values.get("province")),
            "postal_code": _blank(values.get("postal_code")),
        }
    if _blank(values.get("note")):
        body["note"] = _blank(values.get("note"))
    return body


async def _checkout_page(
    request: Request,
    public: Any,
    order_id: str,
    values: dict[str, str],
    problem: ServiceProblem | None = None,
) -> Response:
    try:
        lines, _ = await priced_lines(public, cart_of(request))
    except ServiceProblem as down:
        return problem_page(request, down)
    if not lines:
        return RedirectResponse("/shop/cart", status_code=303)
    context = {
        "order_id": order_id,
        "values": values,
        "lines": lines,
        "subtotal": sum(line["line_total"] for line in lines),
        "shipping": await shipping_table(public),
        "problem": problem,
        "problem_heading": heading_of(problem) if problem else None,
    }
    status = 200 if problem is None else shown_status(problem)
    return page(request, "public/shop/checkout.html", context, status_code=status, headers=PRIVATE)


@router.get("/shop/checkout", response_class=HTMLResponse)
async def checkout_form(request: Request, public: Public) -> Response:
    return await _checkout_page(request, public, str(uuid.uuid4()), {"fulfilment": "pickup"})


@router.post("/shop/checkout")
async def place_order(request: Request, public: Public) -> Response:
    form = await request.form()
    try:
        check_csrf(request, form.get(CSRF_FIELD))
    except FormRefused:
        return form_expired(request)
    try:
        order_id = str(uuid.UUID(str(form.get("order_id"))))
    except ValueError:
        order_id = str(uuid.uuid4())
    if request.cookies.get(code_cookie(order_id)):  # placed already: this is a second submit
        return RedirectResponse(f"/shop/orders/{order_id}", status_code=303)
    values = {k: str(form.get(k) or "") for k in FIELDS}
    cart = cart_of(request)
    if not cart:
        return RedirectResponse("/shop/cart", status_code=303)
    try:
        placed = await public.post(
            "sales", "/v1/public/shop/orders", json=order_body(order_id, values, cart)
        )
    except ServiceProblem as problem:
        return await _checkout_page(request, public, order_id, values, problem)
    response = RedirectResponse(f"/shop/orders/{order_id}", status_code=303)
    if placed.get("access_code"):
        _keep_code(request, response, order_id, str(placed["access_code"]))
    return keep_cart(request, response, {})


def _keep_code(request: Request, response: Response, order_id: str, code: str) -> None:
    response.set_cookie(
        code_cookie(order_id),
        code,
        max_age=60 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=request.app.state.web.settings.cookie_secure,
        path="/shop",
    )


@router.get("/shop/orders/{order_id}", response_class=HTMLResponse)
async def order_page(request: Request, order_id: str, public: Public) -> Response:
    order_uuid = _order_id(order_id)
    if order_uuid is None:
        return problem_page(request, ServiceProblem(404, "Not found", NO_ORDER))
    given = request.query_params.get("code")
    if given is not None:  # from the link: kept in the cookie, then off the address bar
        response = RedirectResponse(f"/shop/orders/{order_uuid}", status_code=303, headers=PRIVATE)
        if _ACCESS_CODE.fullmatch(given):
            _keep_code(request, response, str(order_uuid), given)
        return response
    return await _order_page(request, order_uuid, public)


async def _order_page(
    request: Request, order_id: uuid.UUID, public: Any, problem: ServiceProblem | None = None
) -> Response:
    code = _code_of(request, order_id)
    if not code:
        return problem_page(request, ServiceProblem(404, "Not found", NO_ORDER))
    try:
        order = await public.get(
            "sales", f"/v1/public/shop/orders/{order_id}", headers={CODE_HEADER: code}
        )
    except ServiceProblem as missing:
        if missing.status == 404:
            missing = ServiceProblem(404, "Not found", NO_ORDER)
        return problem_page(request, missing)
    promptpay = order.get("promptpay") or {}
    payload = promptpay.get("payload") if order.get("state") == "placed" else None
    base = str(request.base_url).rstrip("/")
    context = {
        "order": order,
        "qr": qr_svg(payload) if payload else None,
        "link": f"{base}/shop/orders/{order_id}?code={code}",
        "problem": problem,
        "problem_heading": heading_of(problem) if problem else None,
    }
    status = 200 if problem is None else shown_status(problem)
    return page(request, "public/shop/order.html", context, status_code=status, headers=PRIVATE)


@router.post("/shop/orders/{order_id}/cancel")
async def cancel_order(request: Request, order_id: str, public: Public) -> Response:
    form = await request.form()
    try:
        check_csrf(request, form.get(CSRF_FIELD))
    except FormRefused:
        return form_expired(request)
    order_uuid = _order_id(order_id)
    code = _code_of(request, order_uuid) if order_uuid else None
    if order_uuid is None or not code:
        return problem_page(request, ServiceProblem(404, "Not found", NO_ORDER))
    try:
        await public.post(
            "sales",
            f"/v1/public/shop/orders/{order_uuid}/cancel",
            headers={CODE_HEADER: code},
            json={},
        )
    except ServiceProblem as refused:
        return await _order_page(request, order_uuid, public, refused)
    return RedirectResponse(f"/shop/orders/{order_uuid}", status_code=303)
