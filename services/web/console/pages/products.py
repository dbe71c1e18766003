"""Console pages for products: list and filter, register, edit, delist, star ratings."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from services.web.console.pages import product_shop
from services.web.console.pages.members import ShownProblem, blank, see_other, shown
from shared.identity.roles import Action

router = APIRouter(prefix="/console/products")

FILTERS = ("q", "member_id", "category", "min_stars", "segment", "status", "province_code")
KNOWN_SCHEMES = ("fda", "mpc", "gmp", "halal", "haccp", "organic")


def certifications(form: Any) -> list[dict[str, Any]]:
    """The certifications ticked on the product form, each with its number and expiry."""
    chosen = []
    for scheme in form.getlist("cert"):
        chosen.append(
            {
                "scheme": scheme,
                "number": blank(form.get(f"cert_number_{scheme}")),
                "valid_until": blank(form.get(f"cert_valid_{scheme}")),
            }
        )
    return chosen


def product_body(form: Any) -> dict[str, Any]:
    """The registry's product fields from the console's product form."""
    return {
        "name_th": blank(form.get("name_th")),
        "name_en": blank(form.get("name_en")),
        "category": form.get("category"),
        "unit": blank(form.get("unit")),
        "price": blank(form.get("price")),
        "certifications": certifications(form),
        "segment": blank(form.get("segment")),
        "description_th": blank(form.get("description_th")),
        "description_en": blank(form.get("description_en")),
    }


def form_of(product: dict[str, Any]) -> dict[str, Any]:
    """A product as the product form's values (certifications by scheme)."""
    values: dict[str, Any] = {
        name: product.get(name) or ""
        for name in (
            "sku",
            "name_th",
            "name_en",
            "category",
            "unit",
            "price",
            "segment",
            "description_th",
            "description_en",
        )
    }
    values["cert"] = [c["scheme"] for c in product["certifications"]]
    for c in product["certifications"]:
        values[f"cert_number_{c['scheme']}"] = c.get("number") or ""
        values[f"cert_valid_{c['scheme']}"] = c.get("valid_until") or ""
    return values


def values_of(form: Any) -> dict[str, Any]:
    """The entered values, kept to show the form again."""
    return {**dict(form), "cert": form.getlist("cert")}


def schemes(values: dict[str, Any]) -> list[str]:
    return [*KNOWN_SCHEMES, *(s for s in values.get("cert", []) if s not in KNOWN_SCHEMES)]


def common_era(year: str | None) -> str | int | None:
    """A selection round's year as the registry takes it (C.E.); staff may type B.E."""
    if year is None or not year.isdigit():
        return year
    value = int(year)
    return value - 543 if value > 2400 else value


async def _member(calls: Any, member_id: str) -> dict[str, Any]:
    return await calls.get("registry", f"/v1/members/{member_id}")  # type: ignore[no-any-return]


@router.get("", response_class=HTMLResponse)
async def product_list(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    query = request.query_params
    chosen = {name: (query.get(name) or "").strip() for name in FILTERS}
    params: dict[str, Any] = {
        **{k: v for k, v in chosen.items() if k != "province_code"},
        "province": chosen["province_code"],
        "cursor": query.get("cursor"),
        "limit": 25,
    }
    page = await calls.get(
        "registry", "/v1/products", params={k: v for k, v in params.items() if v}
    )
    member = await _member(calls, chosen["member_id"]) if chosen["member_id"] else None
    context = {
        "products": page["items"],
        "next_cursor": page.get("next_cursor"),
        "paged": bool(query.get("cursor")),
        "chosen": chosen,
        "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
        "member": member,
    }
    return render(request, "console/products/list.html", context)


def _product_form(
    request: Request,
    member: dict[str, Any],
    values: dict[str, Any],
    product: dict[str, Any] | None = None,
    problem: ShownProblem | None = None,
) -> HTMLResponse:
    context = {
        "member": member,
        "product": product,
        "values": values,
        "schemes": schemes(values),
        "problem": problem,
    }
    status = 200 if problem is None else (problem.status if problem.status < 500 else 502)
    return render(request, "console/products/form.html", context, status_code=status)


@router.get("/new", response_class=HTMLResponse)
async def register_form(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    member = await _member(calls, str(member_id))
    return _product_form(request, member, {"category": "food", "cert": []})


@router.post("/new", dependencies=[CsrfChecked])
async def register(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    body = {"sku": blank(form.get("sku")), **product_body(form)}
    try:
        product = await calls.post("registry", f"/v1/members/{member_id}/products", json=body)
    except ServiceProblem as problem:
        member = await _member(calls, str(member_id))
        return _product_form(request, member, values_of(form), None, shown(problem))
    return see_other(f"/console/products/{product['product_id']}")


async def _product_page(
    request: Request,
    session: Any,
    calls: Any,
    product_id: uuid.UUID,
    problem: ShownProblem | None = None,
    values: dict[str, Any] | None = None,
    at: str = "",
) -> HTMLResponse:
    product = await calls.get("registry", f"/v1/products/{product_id}")
    member = await _member(calls, product["member_id"])
    context = {
        "product": product,
        "member": member,
        "may_edit": session.may(Action.MANAGE_MEMBERS, member["site"]["district_code"]),
        "problem": problem,
        "problem_at": at,
        "values": values or {},
        **await product_shop.shop_panel(request, session, calls, product, member),
    }
    status = 200 if problem is None else (problem.status if problem.status < 500 else 502)
    return render(request, "console/products/detail.html", context, status_code=status)


@router.get("/{product_id}", response_class=HTMLResponse)
async def product_page(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    return await _product_page(request, session, calls, product_id)


@router.get("/{product_id}/edit", response_class=HTMLResponse)
async def edit_form(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    product = await calls.get("registry", f"/v1/products/{product_id}")
    member = await _member(calls, product["member_id"])
    return _product_form(request, member, form_of(product), product)


@router.post("/{product_id}/edit", dependencies=[CsrfChecked])
async def edit(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    try:
        await calls.patch("registry", f"/v1/products/{product_id}", json=product_body(form))
    except ServiceProblem as problem:
        product = await calls.get("registry", f"/v1/products/{product_id}")
        member = await _member(calls, product["member_id"])
        return _product_form(request, member, values_of(form), product, shown(problem))
    return see_other(f"/console/products/{product_id}")


@router.post("/{product_id}/ratings", dependencies=[CsrfChecked])
async def rate(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    body = {
        "round_year": common_era(blank(form.get("round_year"))),
        "stars": blank(form.get("stars")),
        "rated_on": blank(form.get("rated_on")),
        "note": blank(form.get("note")),
    }
    try:
        await calls.post("registry", f"/v1/products/{product_id}/ratings", json=body)
    except ServiceProblem as problem:
        return await _product_page(
            request, session, calls, product_id, shown(problem), dict(form), "ratings"
        )
    return see_other(f"/console/products/{product_id}#ratings")


@router.post("/{product_id}/delist", dependencies=[CsrfChecked])
async def delist(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    try:
        await calls.post(
            "registry",
            f"/v1/products/{product_id}/delist",
            json={"reason": blank(form.get("reason"))},
        )
    except ServiceProblem as problem:
        return await _product_page(
            request, session, calls, product_id, shown(problem), dict(form), "delist"
        )
    return see_other(f"/console/products/{product_id}")


@router.post("/{product_id}/shop", dependencies=[CsrfChecked])
async def propose_for_shop(
    request: Request, product_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    try:
        await product_shop.propose(request, session, calls, product_id, form)
    except ServiceProblem as problem:
        return await _product_page(
            request, session, calls, product_id, shown(problem), dict(form), "shop"
        )
    return see_other(f"/console/products/{product_id}?proposed=1#shop")
