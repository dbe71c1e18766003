"""The console's calendar: events by month and province, an event's page, planning an event,
publishing, cancelling and closing it, its registrations and the booth plan of a showcase."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated, Any, Literal

import geothai
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from shared.identity.roles import Action, areas_for

router = APIRouter(prefix="/console/calendar")

KIND_NAMES = {
    "showcase": ("งานแสดงสินค้า", "Showcase"),
    "fair": ("งานแสดงและจำหน่ายสินค้า", "Fair"),
    "training": ("การอบรม", "Training"),
    "workshop": ("การประชุมเชิงปฏิบัติการ", "Workshop"),
    "development_project": ("โครงการพัฒนาผลิตภัณฑ์", "Development project"),
}
STATUS_NAMES = {
    "draft": ("ร่าง", "Draft"),
    "published": ("เผยแพร่แล้ว", "Published"),
    "cancelled": ("ยกเลิกแล้ว", "Cancelled"),
    "closed": ("ปิดงานแล้ว", "Closed"),
}
REGISTRATION_NAMES = {
    "pending_approval": ("รออนุมัติ", "Awaiting approval"),
    "confirmed": ("ยืนยันแล้ว", "Confirmed"),
    "waitlisted": ("รอคิว", "Waitlisted"),
    "cancelled": ("ยกเลิก", "Cancelled"),
}
UNIT_NAMES = {"booths": "บูธ", "seats": "ที่นั่ง", "places": "ที่"}
MONTHS_TH = (
    *("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน"),
    *("กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"),
)
BOOTH_KINDS = ("showcase", "fair")
PROBLEM_HEADINGS = {
    403: "ไม่มีสิทธิ์สร้างกิจกรรมในจังหวัดนี้",
    409: "ขัดแย้งกับข้อมูลปัจจุบัน",
    422: "ข้อมูลกิจกรรมไม่ถูกต้อง",
}
NAMES = {
    "kind_names": KIND_NAMES,
    "status_names": STATUS_NAMES,
    "registration_names": REGISTRATION_NAMES,
    "unit_names": UNIT_NAMES,
}


def month_of(value: str | None, today: date) -> date:
    """The first day of the month written YYYY-MM (this month when absent or unreadable)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def month_label(first: date) -> str:
    return f"{MONTHS_TH[first.month - 1]} {first.year + 543}"


def next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def provinces() -> list[tuple[str, str]]:
    return sorted(((p.code, p.name_th) for p in geothai.provinces()), key=lambda p: p[1])


def at_bangkok(value: str) -> str:
    """A datetime-local field's value ("2027-01-15T09:00") as an aware time in Asia/Bangkok."""
    return f"{value}:00+07:00" if len(value) == 16 else value


def event_payload(form: dict[str, str]) -> dict[str, Any]:
    """The events service's body for a new event, from the console's form."""
    body: dict[str, Any] = {
        key: form[key].strip()
        for key in ("kind", "title_th", "title_en", "description_th", "venue_th", "venue_en")
        if form.get(key, "").strip()
    }
    body["host_province_code"] = form.get("host_province_code", "")
    for key in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        body[key] = at_bangkok(form.get(key, ""))
    body["capacity"] = form.get("capacity", "")
    body["requires_approval"] = form.get("requires_approval") == "on"
    if form.get("budget", "").strip():
        body["budget"] = form["budget"].strip()
    if form.get("quota_label", "").strip():
        quota: dict[str, Any] = {"label": form["quota_label"].strip()}
        quota["places"] = form.get("quota_places", "")
        if form.get("quota_segment"):
            quota["segments"] = [form["quota_segment"]]
        body["quotas"] = [quota]
    return body


def quota_usage(event: dict[str, Any], registrations: list[dict[str, Any]]) -> list[dict]:
    used: dict[str, int] = {}
    for r in registrations:
        if r["status"] == "confirmed" and r["quota"]:
            used[r["quota"]] = used.get(r["quota"], 0) + 1
    return [{**q, "used": used.get(q["label"], 0)} for q in event["quotas"]]


def booth_plan(registrations: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    zones: dict[str, list[dict[str, Any]]] = {}
    for r in registrations:
        if r["booth"] and r["status"] == "confirmed":
            zones.setdefault(r["booth"]["zone"], []).append(r)
    return {
        zone: sorted(rows, key=lambda r: r["booth"]["booth_number"])
        for zone, rows in sorted(zones.items())
    }


@router.get("", response_class=HTMLResponse)
async def calendar(
    request: Request,
    session: SignedIn,
    calls: Calls,
    month: str | None = None,
    province: Annotated[str, Query(max_length=2)] = "",
    kind: Annotated[str, Query(max_length=30)] = "",
    status: Annotated[str, Query(max_length=30)] = "",
) -> HTMLResponse:
    first = month_of(month, date.today())
    params = {"from": first.isoformat(), "to": (next_month(first) - timedelta(days=1)).isoformat()}
    params |= {"limit": "200"}
    filters = {"province": province, "kind": kind, "status": status}
    params |= {k: v for k, v in filters.items() if v}
    page = await calls.get("events", "/v1/events", params=params)
    context = {
        "events": page["items"],
        "more": page["next_cursor"] is not None,
        "month": first,
        "month_label": month_label(first),
        "previous": (first - timedelta(days=1)).strftime("%Y-%m"),
        "following": next_month(first).strftime("%Y-%m"),
        "filters": filters,
        "provinces": provinces(),
        "may_plan": areas_for(session.grants, Action.MANAGE_EVENTS) != [],
        **NAMES,
    }
    return render(request, "console/calendar/list.html", context)


def plan_form(
    request: Request, session: Any, form: dict[str, str], problem: ServiceProblem | None = None
) -> HTMLResponse:
    allowed = areas_for(session.grants, Action.MANAGE_EVENTS)
    choices = [p for p in provinces() if allowed is None or p[0] in allowed]
    form = {"host_province_code": choices[0][0] if len(choices) == 1 else "", **form}
    context = {"form": form, "provinces": choices, "problem": problem, **NAMES}
    if problem is None:
        return render(request, "console/calendar/new.html", context)
    context["problem_heading"] = PROBLEM_HEADINGS.get(problem.status, "ทำรายการไม่สำเร็จ")
    status = problem.status if 400 <= problem.status < 500 else 502
    return render(request, "console/calendar/new.html", context, status_code=status)


@router.get("/new", response_class=HTMLResponse)
async def new_event(request: Request, session: SignedIn) -> HTMLResponse:
    return plan_form(request, session, {"kind": "showcase"})


@router.post("/new", dependencies=[CsrfChecked])
async def plan_event(request: Request, session: SignedIn, calls: Calls):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        event = await calls.post("events", "/v1/events", json=event_payload(form))
    except ServiceProblem as problem:
        return plan_form(request, session, form, problem)
    return RedirectResponse(f"/console/calendar/{event['event_id']}", status_code=303)


@router.get("/{event_id}", response_class=HTMLResponse)
async def event_page(
    request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    event = await calls.get("events", f"/v1/events/{event_id}")
    page = await calls.get(
        "events", f"/v1/events/{event_id}/registrations", params={"limit": "500"}
    )
    registrations = page["items"]
    host = event["host_province_code"]
    context = {
        "event": event,
        "registrations": registrations,
        "more_registrations": page["next_cursor"] is not None,
        "quotas": quota_usage(event, registrations),
        "booths": booth_plan(registrations) if event["kind"] in BOOTH_KINDS else None,
        "may_manage": session.may(Action.MANAGE_EVENTS, host),
        "may_register": session.may(Action.MANAGE_REGISTRATIONS, host),
        **NAMES,
    }
    return render(request, "console/calendar/event.html", context)


async def event_action(calls: Any, event_id: uuid.UUID, action: str, body: Any = None):
    await calls.post("events", f"/v1/events/{event_id}/{action}", json=body)
    return RedirectResponse(f"/console/calendar/{event_id}", status_code=303)


@router.post("/{event_id}/publish", dependencies=[CsrfChecked])
async def publish(event_id: uuid.UUID, session: SignedIn, calls: Calls):
    return await event_action(calls, event_id, "publish")


@router.post("/{event_id}/cancel", dependencies=[CsrfChecked])
async def cancel(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    reason: Annotated[str, Form(max_length=2000)] = "",
):
    body = {"reason": reason.strip()} if reason.strip() else None
    return await event_action(calls, event_id, "cancel", body)


@router.post("/{event_id}/close", dependencies=[CsrfChecked])
async def close(event_id: uuid.UUID, session: SignedIn, calls: Calls):
    return await event_action(calls, event_id, "close")


@router.get("/{event_id}/members", response_class=HTMLResponse)
async def member_search(
    request: Request,
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    q: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    found: list[dict[str, Any]] = []
    if len(q.strip()) >= 2:
        page = await calls.get(
            "registry", "/v1/members", params={"q": q.strip(), "status": "active", "limit": "10"}
        )
        found = page["items"]
    context = {"event_id": event_id, "members": found, "q": q}
    return render(request, "console/calendar/_members.html", context)


@router.post("/{event_id}/registrations", dependencies=[CsrfChecked])
async def register_member(
    event_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    member_id: Annotated[uuid.UUID, Form()],
):
    body = {"member_id": str(member_id)}
    await calls.post("events", f"/v1/events/{event_id}/registrations", json=body)
    return RedirectResponse(f"/console/calendar/{event_id}#registrations", status_code=303)


@router.post("/{event_id}/registrations/{registration_id}/{decision}", dependencies=[CsrfChecked])
async def decide(
    event_id: uuid.UUID,
    registration_id: uuid.UUID,
    decision: Literal["approve", "decline", "withdraw"],
    session: SignedIn,
    calls: Calls,
):
    action = {"approve": "approve", "decline": "reject", "withdraw": "cancel"}[decision]
    body = {"reason": "staff_cancelled"} if action == "cancel" else None
    await calls.post("events", f"/v1/registrations/{registration_id}/{action}", json=body)
    return RedirectResponse(f"/console/calendar/{event_id}#registrations", status_code=303)


@router.post("/{event_id}/booths/{registration_id}", dependencies=[CsrfChecked])
async def assign_booth(
    event_id: uuid.UUID,
    registration_id: uuid.UUID,
    session: SignedIn,
    calls: Calls,
    zone: Annotated[str, Form(max_length=20)],
    booth_number: Annotated[int, Form(ge=1, le=100_000)],
):
    body = {"zone": zone.strip(), "booth_number": booth_number}
    await calls.put("events", f"/v1/registrations/{registration_id}/booth", json=body)
    return RedirectResponse(f"/console/calendar/{event_id}#booths", status_code=303)
