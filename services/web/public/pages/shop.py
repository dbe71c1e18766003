"""The public shop: the catalogue (categories, search, pages), a product's page with its
photos, producer and community, and the cart kept in a signed cookie."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.calls import ServiceProblem
from services.web.domain.photos import Subject
from services.web.entrypoints.photo_access import PhotoService
from services.web.public.calls import Public, PublicCalls
from services.web.public.cart import (
    MAX_LINES,
    MAX_QUANTITY,
    TOO_MANY_LINES,
    cart_of,
    keep_cart,
    quantity_of,
)
from services.web.public.shop_kit import (
    NEVER_KEPT,
    first_photos,
    form_expired,
    money,
    page,
    problem_page,
)
from services.web.public.shop_words import CATEGORIES
from services.web.public.signing import CSRF_FIELD, FormRefused, check_csrf

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 24
NO_PRODUCT = "ไม่พบสินค้านี้ในร้าน / no such product in the shop"


@router.get("/shop", response_class=HTMLResponse)
async def catalogue(request: Request, public: Public, photos: PhotoService) -> HTMLResponse:
    query = request.query_params
    category = query.get("category") if query.get("category") in CATEGORIES else ""
    q = (query.get("q") or "").strip()[:100]
    params = {"category": category, "q": q, "cursor": query.get("cursor"), "limit": PAGE_SIZE}
    try:
        found = await public.get(
            "sales", "/v1/public/shop/catalogue", params={k: v for k, v in params.items() if v}
        )
    except ServiceProblem as problem:
        return problem_page(request, problem)
    items = found.get("items", [])
    chosen = {k: v for k, v in (("category", category), ("q", q)) if v}
    context = {
        "products": items,
        "photos": await first_photos(photos, items),
        "category": category,
        "q": q,
        "next_cursor": found.get("next_cursor"),
        "paged": bool(query.get("cursor")),
        "filter_query": urlencode(chosen),
        "cart_count": sum(cart_of(request).values()),
    }
    return page(request, "public/shop/catalogue.html", context)


async def _community(public: PublicCalls, member_id: object) -> dict[str, Any] | None:
    """The producer's Nawatwithi community, when the registry publishes one (else None)."""
    if not member_id:
        return None
    try:
        found = await public.get(
            "registry", "/v1/public/communities", params={"member_id": str(member_id)}
        )
    except (ServiceProblem, ValueError):
        return None
    items = found.get("items") if isinstance(found, dict) else found
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else None


@router.get("/shop/products/{product_id}", response_class=HTMLResponse)
async def product_page(
    request: Request, product_id: str, public: Public, photos: PhotoService
) -> HTMLResponse:
    try:
        wanted = uuid.UUID(product_id)
    except ValueError:
        return problem_page(request, ServiceProblem(404, "Not found", NO_PRODUCT))
    try:
        product = await public.get("sales", f"/v1/public/shop/products/{wanted}")
    except ServiceProblem as problem:
        return problem_page(request, problem)
    producer = product.get("producer") or {}
    context = {
        "product": product,
        "photos": await photos.of_subject(Subject("product", wanted)),
        "community": await _community(public, producer.get("member_id")),
        "in_cart": cart_of(request).get(str(wanted), 0),
        "max_quantity": MAX_QUANTITY,
    }
    return page(request, "public/shop/product.html", context)


@router.get("/shop/cart", response_class=HTMLResponse)
async def cart_page(request: Request, public: Public, photos: PhotoService) -> Response:
    cart = cart_of(request)
    try:
        lines, gone = await priced_lines(public, cart)
    except ServiceProblem as problem:
        return problem_page(request, problem)
    context = {
        "lines": lines,
        "gone": gone,
        "subtotal": sum((line["line_total"] for line in lines), money(0)),
        "photos": await first_photos(photos, [line["product"] for line in lines]),
        "shipping": await shipping_table(public),
        "max_quantity": MAX_QUANTITY,
    }
    response = page(request, "public/shop/cart.html", context, headers=NEVER_KEPT)
    if gone:
        keep_cart(request, response, {k: v for k, v in cart.items() if k not in gone})
    return response


@router.post("/shop/cart")
async def change_cart(request: Request) -> Response:
    form = await request.form()
    try:
        check_csrf(request, form.get(CSRF_FIELD))
    except FormRefused:
        return form_expired(request)
    cart = cart_of(request)
    try:
        product_id = str(uuid.UUID(str(form.get("product_id"))))
    except ValueError:
        return RedirectResponse("/shop/cart", status_code=303)
    quantity = quantity_of(form.get("quantity"))
    if quantity is None:
        return problem_page(
            request, ServiceProblem(422, "Invalid quantity", "จำนวนไม่ถูกต้อง / not a quantity")
        )
    if form.get("mode") == "set":
        cart.pop(product_id, None)
        if quantity > 0:
            cart[product_id] = quantity
    elif quantity > 0:
        if product_id not in cart and len(cart) >= MAX_LINES:
            return problem_page(request, ServiceProblem(422, "Cart full", TOO_MANY_LINES))
        cart[product_id] = min(cart.get(product_id, 0) + quantity, MAX_QUANTITY)
    return keep_cart(request, RedirectResponse("/shop/cart", status_code=303), cart)


async def priced_lines(
    public: PublicCalls, cart: dict[str, int]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The cart's lines at today's prices, and the products no longer sold."""
    lines: list[dict[str, Any]] = []
    gone: list[str] = []
    for product_id, quantity in cart.items():
        try:
            product = await public.get("sales", f"/v1/public/shop/products/{product_id}")
        except ServiceProblem as problem:
            if problem.status == 404:
                gone.append(product_id)
                continue
            raise
        price = money(product.get("price"))
        lines.append(
            {
                "product": product,
                "quantity": quantity,
                "unit_price": price,
                "line_total": price * quantity,
            }
        )
    return lines, gone


async def shipping_table(public: PublicCalls) -> dict[str, Any] | None:
    """The postal fee table, or None while it cannot be read."""
    try:
        found = await public.get("sales", "/v1/public/shop/shipping")
    except ServiceProblem:
        return None
    return found if isinstance(found, dict) else None
