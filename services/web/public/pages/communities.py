"""The public pages of the OTOP Nawatwithi tourism communities: the list by province and a
community's page (story, wisdom, way of life, places and activities, contact, photos, its
producers and their products, the events held in its province)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.web.console.calls import ServiceProblem
from services.web.domain.photos import Subject
from services.web.entrypoints.photo_access import PhotoService
from services.web.public.calls import Public, PublicCalls
from services.web.public.shop_kit import page, problem_page
from shared.timeutil import now_bangkok

router = APIRouter(include_in_schema=False)

NO_COMMUNITY = "ไม่พบชุมชนนี้ / no such community"
# How far ahead a community's page looks for events, and how many products it checks
# against the shop.
EVENTS_AHEAD = timedelta(days=365)
MOST_PRODUCTS_CHECKED = 40


def village_line(village: dict[str, Any]) -> str:
    """ "หมู่ที่ 4 บ้านเกาะยอ ต.เกาะยอ อ.เมืองสงขลา จ.สงขลา" """
    name = f" {village['village_name_th']}" if village.get("village_name_th") else ""
    return (
        f"หมู่ที่ {village.get('village_no')}{name} ต.{village.get('subdistrict_name_th')} "
        f"อ.{village.get('district_name_th')} จ.{village.get('province_name_th')}"
    )


def village_line_en(village: dict[str, Any]) -> str:
    return (
        f"Village No. {village.get('village_no')}, {village.get('subdistrict_name_en')}, "
        f"{village.get('district_name_en')}, {village.get('province_name_en')}"
    )


def held_in_district(event: dict[str, Any], community: dict[str, Any]) -> bool:
    """Whether an event of the community's province is held in its district: its venue
    names the district (อำเภอ…, อ.…), the subdistrict (ตำบล…, ต.…) or the community."""
    village = community.get("village") or {}
    if event.get("province_code") != village.get("province_code"):
        return False
    venue = f"{event.get('venue_th') or ''} {event.get('title_th') or ''}"
    district, subdistrict = village.get("district_name_th"), village.get("subdistrict_name_th")
    names = [f"อำเภอ{district}", f"อ.{district}", f"ตำบล{subdistrict}", f"ต.{subdistrict}"]
    names.append(str(community.get("name_th") or "\0"))
    if village.get("village_name_th"):
        names.append(village["village_name_th"])
    return any(name and name in venue for name in names)


async def public_communities(
    public: PublicCalls, province_code: str | None = None
) -> list[dict[str, Any]]:
    params = {"province_code": province_code} if province_code else {}
    found = await public.get("registry", "/v1/public/communities", params=params)
    return list(found.get("items", [])) if isinstance(found, dict) else []


async def _shop_sells(public: PublicCalls, product_ids: list[str]) -> set[str]:
    """The products the shop's online catalogue sells (none when it cannot be asked)."""

    async def sold(product_id: str) -> str | None:
        try:
            response = await public.raw("sales", "GET", f"/v1/public/shop/products/{product_id}")
        except ServiceProblem:
            return None
        return product_id if response.status_code == 200 else None

    found = await asyncio.gather(*(sold(p) for p in product_ids[:MOST_PRODUCTS_CHECKED]))
    return {p for p in found if p}


async def _events_of(public: PublicCalls, community: dict[str, Any]) -> list[dict[str, Any]]:
    """The coming events of the community's province, those in its district first."""
    today = now_bangkok().date()
    params = {
        "province_code": (community.get("village") or {}).get("province_code"),
        "from": today.isoformat(),
        "to": (today + EVENTS_AHEAD).isoformat(),
    }
    try:
        found = await public.get("events", "/v1/public/calendar", params=params)
    except ServiceProblem:
        return []
    events = [e for e in found.get("items", []) if e.get("status") != "cancelled"]
    for event in events:
        event["in_district"] = held_in_district(event, community)
    return sorted(events, key=lambda e: (not e["in_district"], e.get("starts_at") or ""))


@router.get("/communities", response_class=HTMLResponse)
async def communities(request: Request, public: Public, photos: PhotoService) -> HTMLResponse:
    wanted = request.query_params.get("province_code") or ""
    try:
        everyone = await public_communities(public)
    except ServiceProblem as problem:
        return problem_page(request, problem)
    provinces = sorted(
        {
            (
                c["village"]["province_code"],
                c["village"]["province_name_th"],
                c["village"]["province_name_en"],
            )
            for c in everyone
        },
        key=lambda p: p[1],
    )
    shown = [c for c in everyone if not wanted or c["village"]["province_code"] == wanted]
    by_province: dict[str, list[dict[str, Any]]] = {}
    for community in shown:
        community["village_line"] = village_line(community["village"])
        by_province.setdefault(community["village"]["province_code"], []).append(community)
    ids = [uuid.UUID(c["community_id"]) for c in shown]
    first = {str(k): v for k, v in (await photos.first_of("community", ids)).items()}
    context = {
        "groups": [(p, by_province[p[0]]) for p in provinces if p[0] in by_province],
        "provinces": provinces,
        "wanted": wanted,
        "photos": first,
    }
    return page(request, "public/communities/list.html", context)


@router.get("/communities/{community_id}", response_class=HTMLResponse)
async def community_page(
    request: Request, community_id: str, public: Public, photos: PhotoService
) -> HTMLResponse:
    try:
        wanted = uuid.UUID(community_id)
    except ValueError:
        return problem_page(request, ServiceProblem(404, "Not found", NO_COMMUNITY))
    try:
        community = await public.get("registry", f"/v1/public/communities/{wanted}")
    except ServiceProblem as problem:
        return problem_page(request, problem)
    product_ids = [
        str(p["product_id"]) for m in community.get("producers", []) for p in m["products"]
    ]
    sold, events = await asyncio.gather(
        _shop_sells(public, product_ids), _events_of(public, community)
    )
    context = {
        "community": community,
        "village_line": village_line(community["village"]),
        "village_line_en": village_line_en(community["village"]),
        "photos": await photos.of_subject(Subject("community", wanted)),
        "sold": sold,
        "events": events,
    }
    return page(request, "public/communities/community.html", context)
