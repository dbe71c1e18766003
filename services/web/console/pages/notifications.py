"""Console pages for notifications: the delivery log (all, a member's, an event's), one
delivery with its attempts, and a member's notification preferences."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.web.console.kit import Calls, CsrfChecked, ServiceProblem, SignedIn, render
from services.web.console.pages.members import ShownProblem, shown
from shared.contracts.notifications import Channel, NotificationKind
from shared.identity.roles import Action

router = APIRouter(prefix="/console/notifications")

PAGE_SIZE = 50
STATES = ("queued", "sending", "sent", "failed")
CHANNELS = tuple(c.value for c in Channel)
MEMBER_CHANNELS = ("line", "email", "sms")
KINDS = tuple(k.value for k in NotificationKind)
REFUSED = (
    "ท่านไม่มีสิทธิ์เปลี่ยนการตั้งค่าการแจ้งเตือนของสมาชิกนอกอำเภอที่รับผิดชอบ / "
    "you may not change the notification preferences of a member outside your district"
)


def _choice(request: Request, name: str, allowed: tuple[str, ...]) -> str:
    value = (request.query_params.get(name) or "").strip()
    return value if value in allowed else ""


async def _name(calls: Any, service: str, path: str, field: str) -> str | None:
    try:
        found = await calls.get(service, path)
    except ServiceProblem:
        return None
    return str(found[field]) if isinstance(found, dict) and found.get(field) else None


async def _names(calls: Any, ids: set[str], service: str, path: str, field: str) -> dict[str, str]:
    ordered = sorted(ids)
    found = await asyncio.gather(
        *(_name(calls, service, path.format(id=i), field) for i in ordered)
    )
    return {i: n for i, n in zip(ordered, found, strict=True) if n}


async def _named(calls: Any, deliveries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The deliveries with `member_name` and `event_name` looked up from the registry and
    the events service (left out when they cannot be found)."""
    members, events = await asyncio.gather(
        _names(
            calls,
            {d["member_id"] for d in deliveries if d.get("member_id")},
            "registry",
            "/v1/members/{id}",
            "name_th",
        ),
        _names(
            calls,
            {d["event_id"] for d in deliveries if d.get("event_id")},
            "events",
            "/v1/events/{id}",
            "title_th",
        ),
    )
    return [
        {
            **d,
            "member_name": members.get(d.get("member_id") or ""),
            "event_name": events.get(d.get("event_id") or ""),
        }
        for d in deliveries
    ]


async def _log(
    request: Request, calls: Any, path: str, base: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One page of a delivery log: the state filter asked of the service, the channel and
    kind filters applied to the page it answers."""
    chosen = {
        "state": _choice(request, "state", STATES),
        "channel": _choice(request, "channel", CHANNELS),
        "kind": _choice(request, "kind", KINDS),
    }
    params = {
        "limit": PAGE_SIZE,
        "state": chosen["state"],
        "cursor": request.query_params.get("cursor"),
    }
    page = await calls.get("notifications", path, params={k: v for k, v in params.items() if v})
    items = [
        d
        for d in page["items"]
        if (not chosen["channel"] or d.get("channel") == chosen["channel"])
        and (not chosen["kind"] or d.get("kind") == chosen["kind"])
    ]
    return {
        "deliveries": await _named(calls, items),
        "chosen": chosen,
        "filter_query": urlencode({k: v for k, v in chosen.items() if v}),
        "next_cursor": page.get("next_cursor"),
        "paged": bool(request.query_params.get("cursor")),
        "base": base,
        "states": STATES,
        "channels": CHANNELS,
        "kinds": KINDS,
        **(extra or {}),
    }


@router.get("", response_class=HTMLResponse)
async def delivery_log(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    context = await _log(request, calls, "/v1/deliveries", "/console/notifications")
    return render(request, "console/notifications/list.html", context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_log(
    request: Request, event_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    event = await calls.get("events", f"/v1/events/{event_id}")
    context = await _log(
        request,
        calls,
        f"/v1/events/{event_id}/deliveries",
        f"/console/notifications/events/{event_id}",
        {"event": event},
    )
    return render(request, "console/notifications/event.html", context)


@router.get("/deliveries/{delivery_id}", response_class=HTMLResponse)
async def delivery_page(
    request: Request, delivery_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    found = await calls.get("notifications", f"/v1/deliveries/{delivery_id}")
    (delivery,) = await _named(calls, [found])
    return render(request, "console/notifications/delivery.html", {"delivery": delivery})


def preferences_body(form: Any) -> dict[str, Any]:
    """The notifications service's preferences from the console's form: channels in the
    order chosen (each once), opt-outs ticked, quiet hours when both ends are given."""
    channels: list[str] = []
    for position in (1, 2, 3):
        value = str(form.get(f"channel_{position}") or "")
        if value in MEMBER_CHANNELS and value not in channels:
            channels.append(value)
    start, end = str(form.get("quiet_start") or ""), str(form.get("quiet_end") or "")
    return {
        "language": form.get("language") or None,
        "channels": channels,
        "opt_outs": [k for k in form.getlist("opt_out") if k in KINDS],
        "quiet_hours": {"start": start, "end": end} if start and end else None,
    }


def _form_values(preferences: dict[str, Any]) -> dict[str, Any]:
    quiet = preferences.get("quiet_hours") or {}
    channels = list(preferences.get("channels") or [])
    return {
        "language": preferences.get("language") or "",
        "channels": channels + [""] * (3 - len(channels)),
        "opt_outs": list(preferences.get("opt_outs") or []),
        "quiet_start": str(quiet.get("start") or "")[:5],
        "quiet_end": str(quiet.get("end") or "")[:5],
    }


async def _member_page(
    request: Request,
    session: Any,
    calls: Any,
    member_id: uuid.UUID,
    problem: ShownProblem | None = None,
    values: dict[str, Any] | None = None,
    saved: bool = False,
) -> HTMLResponse:
    member, preferences = await asyncio.gather(
        calls.get("registry", f"/v1/members/{member_id}"),
        calls.get("notifications", f"/v1/members/{member_id}/preferences"),
    )
    context = await _log(
        request,
        calls,
        f"/v1/members/{member_id}/deliveries",
        f"/console/notifications/members/{member_id}",
        {
            "member": member,
            "preferences": preferences,
            "values": values or _form_values(preferences),
            "may_edit": session.may(Action.MANAGE_CONTACTS, member["site"]["district_code"]),
            "problem": problem,
            "saved": saved,
            "member_channels": MEMBER_CHANNELS,
        },
    )
    status = 200 if problem is None else (problem.status if problem.status < 500 else 502)
    return render(request, "console/notifications/member.html", context, status_code=status)


@router.get("/members/{member_id}", response_class=HTMLResponse)
async def member_notifications(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> HTMLResponse:
    saved = request.query_params.get("saved") == "1"
    return await _member_page(request, session, calls, member_id, saved=saved)


@router.post("/members/{member_id}/preferences", dependencies=[CsrfChecked])
async def change_preferences(
    request: Request, member_id: uuid.UUID, session: SignedIn, calls: Calls
) -> Response:
    form = await request.form()
    body = preferences_body(form)
    try:
        await calls.put("notifications", f"/v1/members/{member_id}/preferences", json=body)
    except ServiceProblem as problem:
        refusal = shown(problem)
        if problem.status == 403:
            refusal = ShownProblem(403, refusal.heading, f"{REFUSED} ({problem.detail})")
        values = _form_values(body)
        return await _member_page(request, session, calls, member_id, refusal, values)
    return RedirectResponse(
        f"/console/notifications/members/{member_id}?saved=1#preferences", status_code=303
    )
