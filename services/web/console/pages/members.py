"""Console pages for members: search, a member's page, register, edit, status, network roles."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import (
    Calls,
    CsrfChecked,
    ServiceProblem,
    SignedIn,
    render,
    require,
)
from services.web.console.pages.areas import area_picker
from shared.identity.roles import Action

router = APIRouter(prefix="/console/members")

FILTERS = ("q", "province_code", "district_code", "type", "status", "segment")
_HEADINGS = {
    403: "ไม่มีสิทธิ์ทำรายการนี้ในพื้นที่นี้ / Not allowed in this area",
    404: "ไม่พบข้อมูล / Not found",
    409: "ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน / Not possible in the current state",
    422: "ข้อมูลไม่ถูกต้อง / The input is not valid",
}


@dataclass(frozen=True)
class ShownProblem:
    """A service's refusal as the console shows it beside a form: Thai first."""

    status: int
    heading: str
    detail: str
    errors: tuple[str, ...] = ()


def shown(problem: ServiceProblem) -> ShownProblem:
    heading = _HEADINGS.get(
        problem.status, "ระบบไม่สามารถทำรายการได้ / The service could not do this"
    )
    errors = tuple(
        f"{e.get('field', '')}: {e.get('message', '')}"
        for e in problem.errors
        if isinstance(e, dict)
    )
    return ShownProblem(problem.status, heading, problem.detail or problem.title, errors)


def blank(value: Any) -> str | None:
    """A form field's text, or None when it was left empty."""
    text = str(value).strip() if value is not None else ""
    return text or None


def member_body(form: Any) -> dict[str, Any]:
    """The registry's member fields from the console's member form."""
    enterprise = form.get("community_enterprise") == "on"
    enterprise_no = blank(form.get("community_enterprise_no")) if enterprise else None
    return {
        "name_th": blank(form.get("name_th")),
        "name_en": blank(form.get("name_en")),
        "contact": {
            "name": blank(form.get("contact_name")),
            "phone": blank(form.get("contact_phone")),
            "email": blank(form.get("contact_email")),
            "line_id": blank(form.get("contact_line_id")),
        },
        "site": {
            "address_line": blank(form.get("address_line")),
            "province_code": form.get("province_code", ""),
            "district_code": form.get("district_code", ""),
            "subdistrict_code": form.get("subdistrict_code", ""),
        },
        "community_enterprise": enterprise,
        "community_enterprise_no": enterprise_no,
        "preferred_language": form.get("preferred_language") or "th",
    }


def form_of(member: dict[str, Any]) -> dict[str, Any]:
    """A member as the member form's values."""
    contact, site = member["contact"], member["site"]
    return {
        "member_type": member["member_type"],
        "name_th": member["name_th"],
        "name_en": member.get("name_en") or "",
        "contact_name": contact["name"],
        "contact_phone": contact.get("phone") or "",
        "contact_email": contact.get("email") or "",
        "contact_line_id": contact.get("line_id") or "",
        "address_line": site["address_line"],
        "province_code": site["province_code"],
        "district_code": site["district_code"],
        "subdistrict_code": site["subdistrict_code"],
        "community_enterprise": "on" if member["community_enterprise"] else "",
        "community_enterprise_no": member.get("community_enterprise_no") or "",
        "preferred_language": member.get("preferred_language") or "th",
    }


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.get("", response_class=HTMLResponse)
async def member_list(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    query = request.query_params
    chosen = {name: (query.get(name) or "").strip() for name in FILTERS}
    params: dict[str, Any] = {
        "q": chosen["q"],
        "province": chosen["province_code"],
        "district": chosen["district_code"],
        "type": chosen["type"],
        "status": chosen["status"],
        "segment": chosen["segment"],
        "cursor": query.get("cursor"),
        "limit": 25,
    }
    page = await calls.get("registry", "/v1/members", params={k: v for k, v in params.items() if v})
    picker = area_picker(chosen["province_code"], chosen["district_code"], levels=2, required=False)
    context = {
        "members": page["items"],
        "next_cursor": page.get("next_cursor"),
        "chosen": chosen,
        "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
        "picker": picker,
        "paged": bool(query.get("cursor")),
        "may_register": any(session.may(Action.MANAGE_MEMBERS, g.area) for g in session.grants),
    }
    return render(request, "console/members/list.html", context)


def _register_form(
    request: Request, values: dict[str, Any], problem: ShownProblem | None = None
) -> HTMLResponse:
    picker = area_picker(
        values.get("province_code"), values.get("district_code"), values.get("subdistrict_code")
    )
    context = {"values": values, "picker": picker, "problem": problem, "member": None}
    response = render(request, "console/members/form.html", context)
    if problem is not None:
        response.status_code = problem.status if problem.status < 500 else 502
    return response


@router.get("/new", response_class=HTMLResponse)
async def register_form(request: Request, session: SignedIn) -> HTMLResponse:
    return _register_form(request, {"member_type": "community_group", "preferred_language": "th"})


@router.post("/new", dependencies=[CsrfChecked])
async def register(request: Request, session: SignedIn, calls: Calls) -> Response:
    form = await request.form()
    body = {"member_type": form.get("member_type"), **member_body(form)}
    try:
        member = await calls.post("registry", "/v1/members", json=body)
    except ServiceProblem as problem:
        return _register_form(request, dict(form), shown(problem))
    return see_other(f"/console/members/{member['member_id']}")


async def _rated(calls: Any, product: dict[str, Any]) -> dict[str, Any]:
    return await calls.get("registry", f"/v1/products/{product['product_id']}")  # type: ignore[no-any-return]


async def _member_page(
    request: Request,
    session: Any,
    calls: Any,
    member_id: uuid.UUID,
    problem: ShownProblem | None = None,
    values: dict[str, Any] | None = None,
    at: str = "",
) -> HTMLResponse:
    member = await calls.get("registry", f"/v1/members/{member_id}")
    site = member["site"]
    listed = await calls.get(
        "registry", "/v1/products", params={"member_id": str(member_id), "limit": 50}
    )
    products = await asyncio.gather(*(_rated(calls, p) for p in listed["items"]))
    holders = await calls.get(
        "registry", "/v1/roles", params={"province": site["province_code"], "limit": 500}
    )
    roles = [r for r in holders["items"] if r["member_id"] == str(member_id)]
    context = {
        "member": member,
        "products": products,
        "roles": roles,
        "may_edit": session.may(Action.MANAGE_MEMBERS, site["district_code"]),
        "may_assign": session.may(Action.MANAGE_ROLES, site["district_code"]),
        "problem": problem,
        "problem_at": at,
        "values": values or {},
    }
    response = render(request, "console/members/detail.html", context)
    if problem is not None:
        response.status_code = problem.status if problem.status < 500 else 502
    return response


@router.get("/{member_id}", response_class=HTMLResponse)
async def member_page(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    return await _member_page(request, session, calls, member_id)


def _edit_form(
    request: Request,
    member: dict[str, Any],
    values: dict[str, Any],
    problem: ShownProblem | None = None,
) -> HTMLResponse:
    picker = area_picker(
        values.get("province_code"), values.get("district_code"), values.get("subdistrict_code")
    )
    context = {"values": values, "picker": picker, "problem": problem, "member": member}
    response = render(request, "console/members/form.html", context)
    if problem is not None:
        response.status_code = problem.status if problem.status < 500 else 502
    return response


@router.get("/{member_id}/edit", response_class=HTMLResponse)
async def edit_form(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    member = await calls.get("registry", f"/v1/members/{member_id}")
    require(session, Action.MANAGE_MEMBERS, member["site"]["district_code"])
    return _edit_form(request, member, form_of(member))


@router.post("/{member_id}/edit", dependencies=[CsrfChecked])
async def edit(request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls) -> Response:
    form = await request.form()
    try:
        await calls.patch("registry", f"/v1/members/{member_id}", json=member_body(form))
    except ServiceProblem as problem:
        member = await calls.get("registry", f"/v1/members/{member_id}")
        return _edit_form(request, member, dict(form), shown(problem))
    return see_other(f"/console/members/{member_id}")


@router.post("/{member_id}/status", dependencies=[CsrfChecked])
async def change_status(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    body = {"status": form.get("status"), "reason": blank(form.get("reason"))}
    try:
        await calls.post("registry", f"/v1/members/{member_id}/status", json=body)
    except ServiceProblem as problem:
        return await _member_page(
            request, session, calls, member_id, shown(problem), dict(form), "status"
        )
    return see_other(f"/console/members/{member_id}")


@router.post("/{member_id}/roles", dependencies=[CsrfChecked])
async def assign_role(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    area = str(form.get("area_code") or "")
    body = {
        "member_id": str(member_id),
        "person_name": blank(form.get("person_name")),
        "role": form.get("role"),
        "province_code": area[:2],
        "district_code": area if len(area) == 4 else None,
        "term_start": blank(form.get("term_start")),
        "term_end": blank(form.get("term_end")),
    }
    try:
        await calls.post("registry", "/v1/roles", json=body)
    except ServiceProblem as problem:
        return await _member_page(
            request, session, calls, member_id, shown(problem), dict(form), "roles"
        )
    return see_other(f"/console/members/{member_id}#roles")
