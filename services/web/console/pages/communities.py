"""Console pages for the Nawatwithi communities: the list, a community's page, register,
edit, its member producers joining and leaving, withdrawal. Changes are offered to staff
who may manage members in the community's district; the registry refuses the rest anyway."""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from services.web.console.pages.areas import area_picker
from services.web.console.pages.members import ShownProblem, blank, see_other, shown
from services.web.domain.photos import Subject
from services.web.entrypoints.photo_access import PhotoService
from shared.identity.roles import Action

_NUMBER = re.compile(r"[0-9]{1,4}")
router = APIRouter(prefix="/console/communities")

TEXTS = ("story_th", "story_en", "wisdom_th", "wisdom_en", "way_of_life_th", "way_of_life_en")
CONTACT = ("phone", "line_id", "facebook_url", "website_url")


def places_of(text: Any) -> list[dict[str, Any]]:
    """One place or activity a line: "ชื่อไทย | English name | คำอธิบาย | description"."""
    places = []
    for line in str(text or "").splitlines():
        parts = [blank(p) for p in line.split("|")] + [None] * 4
        if parts[0]:
            places.append(
                {
                    "name_th": parts[0],
                    "name_en": parts[1],
                    "description_th": parts[2],
                    "description_en": parts[3],
                }
            )
    return places


def lines_of(places: list[dict[str, Any]]) -> str:
    """Places as the form's lines (the inverse of `places_of`)."""
    keys = ("name_th", "name_en", "description_th", "description_en")
    return "\n".join(" | ".join(p.get(k) or "" for k in keys).rstrip(" |") for p in places)


def community_body(form: Any) -> dict[str, Any]:
    """The registry's community fields from the console's form."""
    village_no = str(form.get("village_no") or "").strip()
    return {
        "name_th": blank(form.get("name_th")),
        "name_en": blank(form.get("name_en")),
        "village": {
            "province_code": form.get("province_code", ""),
            "district_code": form.get("district_code", ""),
            "subdistrict_code": form.get("subdistrict_code", ""),
            "village_no": int(village_no) if _NUMBER.fullmatch(village_no) else village_no,
            "village_name_th": blank(form.get("village_name_th")),
        },
        **{name: blank(form.get(name)) for name in TEXTS},
        "attractions": places_of(form.get("attractions")),
        "activities": places_of(form.get("activities")),
        "contact": {name: blank(form.get(f"contact_{name}")) for name in CONTACT},
    }


def form_of(community: dict[str, Any]) -> dict[str, Any]:
    village, contact = community["village"], community.get("contact") or {}
    return {
        "name_th": community["name_th"],
        "name_en": community.get("name_en") or "",
        **{k: village.get(k) or "" for k in ("province_code", "district_code", "subdistrict_code")},
        "village_no": village.get("village_no"),
        "village_name_th": village.get("village_name_th") or "",
        **{name: community.get(name) or "" for name in TEXTS},
        "attractions": lines_of(community.get("attractions") or []),
        "activities": lines_of(community.get("activities") or []),
        **{f"contact_{name}": contact.get(name) or "" for name in CONTACT},
    }


def _form(
    request: Request,
    values: dict[str, Any],
    community: dict[str, Any] | None = None,
    problem: ShownProblem | None = None,
) -> HTMLResponse:
    picker = area_picker(
        values.get("province_code"), values.get("district_code"), values.get("subdistrict_code")
    )
    context = {"values": values, "picker": picker, "problem": problem, "community": community}
    response = render(request, "console/communities/form.html", context)
    if problem is not None:
        response.status_code = problem.status if problem.status < 500 else 502
    return response


@router.get("", response_class=HTMLResponse)
async def community_list(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    query = request.query_params
    chosen = {k: (query.get(k) or "").strip() for k in ("province_code", "district_code")}
    params = {"province": chosen["province_code"], "district": chosen["district_code"]}
    found = await calls.get(
        "registry", "/v1/communities", params={k: v for k, v in params.items() if v}
    )
    context = {
        "communities": found["items"],
        "picker": area_picker(
            chosen["province_code"], chosen["district_code"], levels=2, required=False
        ),
        "may_register": any(session.may(Action.MANAGE_MEMBERS, g.area) for g in session.grants),
    }
    return render(request, "console/communities/list.html", context)


@router.get("/new", response_class=HTMLResponse)
async def register_form(request: Request, session: SignedIn) -> HTMLResponse:
    return _form(request, {"village_no": 1})


@router.post("/new", dependencies=[CsrfChecked])
async def register(request: Request, session: SignedIn, calls: Calls) -> Response:
    form = await request.form()
    try:
        created = await calls.post("registry", "/v1/communities", json=community_body(form))
    except ServiceProblem as problem:
        return _form(request, dict(form), None, shown(problem))
    return see_other(f"/console/communities/{created['community_id']}")


async def _page(
    request: Request,
    session: Any,
    calls: Any,
    photos: Any,
    community_id: uuid.UUID,
    problem: ShownProblem | None = None,
) -> HTMLResponse:
    community = await calls.get("registry", f"/v1/communities/{community_id}")
    district = community["village"]["district_code"]
    in_district = await calls.get(
        "registry", "/v1/members", params={"district": district, "status": "active", "limit": 200}
    )
    names = {m["member_id"]: m for m in in_district["items"]}
    producers = [
        names.get(m) or {"member_id": m, "name_th": m} for m in community.get("member_ids", [])
    ]
    context = {
        "community": community,
        "producers": producers,
        "candidates": [
            m for m in in_district["items"] if m["member_id"] not in community["member_ids"]
        ],
        "photos": await photos.of_subject(Subject("community", community_id)),
        "may_change": community["status"] == "active"
        and session.may(Action.MANAGE_MEMBERS, district),
        "problem": problem,
    }
    response = render(request, "console/communities/detail.html", context)
    if problem is not None:
        response.status_code = problem.status if problem.status < 500 else 502
    return response


@router.get("/{community_id}", response_class=HTMLResponse)
async def community_page(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> HTMLResponse:
    return await _page(request, session, calls, photos, community_id)


@router.get("/{community_id}/edit", response_class=HTMLResponse)
async def edit_form(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    community = await calls.get("registry", f"/v1/communities/{community_id}")
    return _form(request, form_of(community), community)


@router.post("/{community_id}/edit", dependencies=[CsrfChecked])
async def edit(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    try:
        await calls.patch("registry", f"/v1/communities/{community_id}", json=community_body(form))
    except ServiceProblem as problem:
        community = await calls.get("registry", f"/v1/communities/{community_id}")
        return _form(request, dict(form), community, shown(problem))
    return see_other(f"/console/communities/{community_id}")


async def _act(
    request: Request,
    session: Any,
    calls: Any,
    photos: Any,
    community_id: uuid.UUID,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
) -> Response:
    try:
        if method == "DELETE":
            await calls.delete("registry", path)
        else:
            await calls.post("registry", path, json=body)
    except ServiceProblem as problem:
        return await _page(request, session, calls, photos, community_id, shown(problem))
    return see_other(f"/console/communities/{community_id}")


@router.post("/{community_id}/members", dependencies=[CsrfChecked])
async def join(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> Response:
    form = await request.form()
    body = {"member_id": form.get("member_id") or ""}
    path = f"/v1/communities/{community_id}/members"
    return await _act(request, session, calls, photos, community_id, "POST", path, body)


@router.post("/{community_id}/members/{member_id}/leave", dependencies=[CsrfChecked])
async def leave(
    request: Request,
    community_id: uuid.UUID,
    member_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    photos: PhotoService,
) -> Response:
    path = f"/v1/communities/{community_id}/members/{member_id}"
    return await _act(request, session, calls, photos, community_id, "DELETE", path)


@router.post("/{community_id}/withdraw", dependencies=[CsrfChecked])
async def withdraw(
    request: Request, community_id: uuid.UUID, session: SignedIn, calls: Calls, photos: PhotoService
) -> Response:
    form = await request.form()
    body = {"reason": blank(form.get("reason"))}
    path = f"/v1/communities/{community_id}/withdraw"
    return await _act(request, session, calls, photos, community_id, "POST", path, body)
