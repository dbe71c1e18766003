"""What the public shop pages share: rendering with the shop's words and the visitor's CSRF
token, the refusal page, money, and the photos of the products shown."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from services.web.console.calls import ServiceProblem
from services.web.console.rendering import render
from services.web.public.shop_words import WORDS
from services.web.public.signing import FORM_EXPIRED, csrf_token, keep_csrf
from services.web.service_layer.photos import Photos

# Catalogue and community pages show availability and carry the visitor's CSRF token:
# only the visitor's own browser keeps them, and asks again after a minute.
BRIEFLY = {"Cache-Control": "private, max-age=60", "Vary": "Cookie"}
# Pages with a customer's order or cart, and refusals: never kept.
NEVER_KEPT = {"Cache-Control": "no-store"}

HEADINGS = {
    403: "ทำรายการไม่ได้",
    404: "ไม่พบข้อมูล",
    409: "ทำรายการไม่ได้ในขณะนี้",
    422: "ข้อมูลไม่ถูกต้อง",
    429: "ทำรายการมากเกินกำหนด",
    502: "ระบบขัดข้องชั่วคราว",
}


def page(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    full = {**WORDS, "csrf_token": csrf_token(request), **(context or {})}
    kept = BRIEFLY if status_code == 200 else NEVER_KEPT
    response = render(
        request, template, full, status_code=status_code, headers={**kept, **(headers or {})}
    )
    return keep_csrf(request, response)  # type: ignore[return-value]


def shown_status(problem: ServiceProblem) -> int:
    return problem.status if 400 <= problem.status < 500 else 502


def heading_of(problem: ServiceProblem) -> str:
    return HEADINGS.get(shown_status(problem), "ทำรายการไม่สำเร็จ")


def problem_page(request: Request, problem: ServiceProblem) -> HTMLResponse:
    context = {"problem": problem, "problem_heading": heading_of(problem)}
    return page(request, "public/problem.html", context, status_code=shown_status(problem))


def form_expired(request: Request) -> HTMLResponse:
    return problem_page(request, ServiceProblem(403, "Form expired", FORM_EXPIRED))


def money(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


async def first_photos(photos: Photos, items: list[dict[str, Any]]) -> dict[str, Any]:
    """{product id: its first photo} for the products shown."""
    ids = []
    for item in items:
        try:
            ids.append(uuid.UUID(str(item.get("product_id"))))
        except ValueError:
            continue
    found = await photos.first_of("product", ids)
    return {str(k): v for k, v in found.items()}
