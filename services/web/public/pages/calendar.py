"""The public calendar: the network's events of a month by day, in Buddhist-era dates, the
events held in a Nawatwithi community's district marked with the community."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import geothai
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.web.console.calls import ServiceProblem
from services.web.console.filters import BUDDHIST_ERA_OFFSET
from services.web.public.calls import Public
from services.web.public.pages.communities import held_in_district, public_communities
from services.web.public.shop_kit import page, problem_page
from shared.timeutil import BANGKOK, now_bangkok

router = APIRouter(include_in_schema=False)

THAI_MONTH_NAMES = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
KINDS: dict[str, tuple[str, str]] = {
    "showcase": ("งานแสดงสินค้า", "Showcase"),
    "fair": ("งานแสดงและจำหน่ายสินค้า", "Fair"),
    "training": ("การอบรม", "Training"),
    "workshop": ("การประชุมเชิงปฏิบัติการ", "Workshop"),
    "development_project": ("โครงการพัฒนาผลิตภัณฑ์", "Development project"),
}
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def month_asked(value: str | None) -> date:
    """The first day of the month asked for as YYYY-MM (Christian era), else this month."""
    found = _MONTH.fullmatch(value or "")
    if found and 1 <= int(found[2]) <= 12 and 1900 < int(found[1]) < 2600:
        return date(int(found[1]), int(found[2]), 1)
    return now_bangkok().date().replace(day=1)


def next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def month_title(first: date) -> str:
    """ "มกราคม 2570" """
    return f"{THAI_MONTH_NAMES[first.month - 1]} {first.year + BUDDHIST_ERA_OFFSET}"


def days_of(event: dict[str, Any], first: date, after: date) -> list[date]:
    """The days of the month the event takes place on (Bangkok)."""
    starts = datetime.fromisoformat(event["starts_at"]).astimezone(BANGKOK).date()
    ends = datetime.fromisoformat(event["ends_at"]).astimezone(BANGKOK).date()
    day, days = max(starts, first), []
    while day <= ends and day < after:
        days.append(day)
        day += timedelta(days=1)
    return days


@router.get("/calendar", response_class=HTMLResponse)
async def calendar(request: Request, public: Public) -> HTMLResponse:
    first = month_asked(request.query_params.get("month"))
    after = next_month(first)
    province = request.query_params.get("province_code") or ""
    if not re.fullmatch(r"[0-9]{2}", province) or geothai.province(province) is None:
        province = ""  # no such province: every province's events
    params = {"from": first.isoformat(), "to": (after - timedelta(days=1)).isoformat()}
    if province:
        params["province_code"] = province
    try:
        found = await public.get("events", "/v1/public/calendar", params=params)
        communities = await public_communities(public)
    except ServiceProblem as problem:
        return problem_page(request, problem)
    by_day: dict[date, list[dict[str, Any]]] = {}
    for event in found.get("items", []):
        event["kind_names"] = KINDS.get(event.get("kind", ""), (event.get("kind"), ""))
        event["communities"] = [c for c in communities if held_in_district(event, c)]
        for day in days_of(event, first, after):
            by_day.setdefault(day, []).append(event)
    context = {
        "month_title": month_title(first),
        "month": first.strftime("%Y-%m"),
        "days": sorted(by_day.items()),
        "previous": (first - timedelta(days=1)).replace(day=1).strftime("%Y-%m"),
        "next": after.strftime("%Y-%m"),
        "province": province,
        "provinces": sorted(((p.code, p.name_th) for p in geothai.provinces()), key=lambda p: p[1]),
    }
    return page(request, "public/calendar/month.html", context)
