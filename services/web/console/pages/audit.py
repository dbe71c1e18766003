"""The audit trail across the four services: who changed what, when, newest first.

Each service keeps its own trail (`GET /v1/audit`); the page asks all four at once, merges
their rows by time and pages on with one `before` per service. A service that does not
answer is named as unavailable while the others' rows are still listed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.web.console.calls import SERVICES
from services.web.console.kit import Calls, ServiceProblem, SignedIn, account_names, render

router = APIRouter(prefix="/console/audit")

PAGE_SIZE = 50
FILTERS = ("aggregate_id", "actor_id", "aggregate_type")
OPERATOR_ID = "admin-token"

# aggregate type → (service, path of its console page, the field holding its Thai name)
PAGES: dict[str, tuple[str, str, str]] = {
    "member": ("registry", "/console/members/{id}", "name_th"),
    "product": ("registry", "/console/products/{id}", "name_th"),
    "event": ("events", "/console/calendar/{id}", "title_th"),
    "registration": ("events", "/console/checkin/registrations/{id}", ""),
    "settlement": ("sales", "/console/shop/settlements/{id}", ""),
}
LOOKUPS = {"member": "/v1/members/{id}", "product": "/v1/products/{id}", "event": "/v1/events/{id}"}


@dataclass
class Trail:
    """One service's answer: its rows, where it pages on, or why it is unavailable."""

    service: str
    items: list[dict[str, Any]] = field(default_factory=list)
    next_before: int | None = None
    problem: str | None = None


def _chosen(request: Request) -> dict[str, str]:
    query = request.query_params
    return {name: (query.get(name) or "").strip()[:100] for name in FILTERS}


def _before(request: Request, service: str) -> int | None:
    value = request.query_params.get(f"before.{service}", "")
    return int(value) if value.isdigit() and 0 < int(value) < 2**62 else None


async def _trail(calls: Any, service: str, params: dict[str, Any]) -> Trail:
    try:
        page = await calls.get(
            service, "/v1/audit", params={k: v for k, v in params.items() if v is not None}
        )
    except ServiceProblem as problem:
        return Trail(service, problem=problem.detail or problem.title)
    items = [{**row, "service": service} for row in page.get("items", [])]
    return Trail(service, items, page.get("next_before"))


def merge(trails: list[Trail], limit: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The newest `limit` rows of all trails, and each service's `before` for the next page
    (only services with more to show)."""
    rows = sorted(
        (row for t in trails for row in t.items),
        key=lambda r: (datetime.fromisoformat(r["occurred_at"]), r["id"]),
        reverse=True,
    )
    shown = rows[:limit]
    onward: dict[str, int] = {}
    for trail in trails:
        mine = [r for r in shown if r["service"] == trail.service]
        if len(mine) < len(trail.items):
            # Some of its rows did not fit: go on from the last one shown (or where it was).
            if mine:
                onward[trail.service] = mine[-1]["id"]
            else:
                onward[trail.service] = trail.items[0]["id"] + 1
        elif trail.next_before is not None:
            onward[trail.service] = trail.next_before
    return shown, onward


async def _aggregate_name(calls: Any, kind: str, ident: str) -> tuple[str, str | None]:
    service, _, name_field = PAGES[kind]
    try:
        found = await calls.get(service, LOOKUPS[kind].format(id=ident))
    except ServiceProblem:
        return ident, None
    name = found.get(name_field) if isinstance(found, dict) else None
    return ident, str(name) if name else None


async def _aggregate_names(calls: Any, rows: list[dict[str, Any]]) -> dict[str, str]:
    wanted = {(r["aggregate_type"], r["aggregate_id"]) for r in rows}
    looked_up = await asyncio.gather(
        *(_aggregate_name(calls, kind, ident) for kind, ident in wanted if kind in LOOKUPS)
    )
    return {ident: name for ident, name in looked_up if name}


def aggregate_link(row: dict[str, Any]) -> str | None:
    found = PAGES.get(row["aggregate_type"])
    return found[1].format(id=row["aggregate_id"]) if found else None


@router.get("", response_class=HTMLResponse)
async def audit_trail(request: Request, session: SignedIn, calls: Calls) -> HTMLResponse:
    chosen = _chosen(request)
    filters = {k: v for k, v in chosen.items() if v}
    trails = await asyncio.gather(
        *(
            _trail(calls, s, {**filters, "limit": PAGE_SIZE, "before": _before(request, s)})
            for s in SERVICES
        )
    )
    rows, onward = merge(list(trails), PAGE_SIZE)
    staff_ids = {r["actor"]["id"] for r in rows if r["actor"]["kind"] == "staff"}
    if chosen["actor_id"]:
        staff_ids.add(chosen["actor_id"])
    names = await account_names(request, staff_ids)
    aggregates = await _aggregate_names(calls, rows)
    for row in rows:
        row["link"] = aggregate_link(row)
        row["aggregate_name"] = aggregates.get(row["aggregate_id"])
        row["actor_name"] = names.get(row["actor"]["id"])
    subject = await _aggregate_names(
        calls,
        [{"aggregate_type": t, "aggregate_id": chosen["aggregate_id"]} for t in LOOKUPS]
        if chosen["aggregate_id"] and not rows
        else [],
    )
    next_query = (
        urlencode({**filters, **{f"before.{s}": b for s, b in onward.items()}}) if onward else None
    )
    context = {
        "rows": rows,
        "chosen": chosen,
        "unavailable": [t for t in trails if t.problem],
        "next_query": next_query,
        "paged": any(_before(request, s) for s in SERVICES),
        "first_query": urlencode(filters),
        "actor_name": names.get(chosen["actor_id"]),
        "subject_name": aggregates.get(chosen["aggregate_id"])
        or subject.get(chosen["aggregate_id"]),
        "operator_id": OPERATOR_ID,
    }
    return render(request, "console/audit/list.html", context)
