"""A year of demo events with registrations, loaded through the events service's API.

Showcases and fairs, trainings and workshops, development projects with quotas, across
Songkhla and the southern provinces, Khon Kaen and Mukdahan (`data/events.json`), laid out
month by month from the day of loading (so registration is open). The registry's demo
members apply: their ids come from the registry's API, and loading waits (bounded) until this
service's read model, fed from Kafka, knows them. Loads once: when the service already has
events, nothing is loaded.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx

from devstack.demo.client import DemoApi, DemoDataError, demo_api, demo_file, wait_until
from shared.timeutil import BANGKOK, now_bangkok

__all__ = ["EVENTS", "DemoDataError", "load_demo_data"]

READ_MODEL_PATIENCE = 180.0


@dataclass(frozen=True)
class DemoEvent:
    kind: str
    title_th: str
    title_en: str
    description_th: str
    host_province_code: str
    venue_th: str
    # When: months after the loading month, the day of that month, days and daily hours.
    month: int
    day: int
    days: int
    capacity: int
    hours: tuple[int, int] = (9, 17)
    budget: str | None = None
    eligibility: dict[str, Any] = field(default_factory=dict)
    quotas: tuple[dict[str, Any], ...] = ()
    requires_approval: bool = False
    # How many demo members apply (those eligible, in the registry's order).
    applicants: int = 0
    cancelled_because: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DemoEvent:
        return cls(
            **{
                **record,
                "hours": tuple(record.get("hours", (9, 17))),
                "quotas": tuple(record.get("quotas", ())),
            }
        )


EVENTS: tuple[DemoEvent, ...] = tuple(DemoEvent.from_record(e) for e in demo_file("events.json"))


def _month_day(today: date, months: int, day: int) -> date:
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def event_body(event: DemoEvent, now: datetime) -> dict[str, Any]:
    """The POST /v1/events body, dated relative to `now` (Asia/Bangkok)."""
    first = _month_day(now.date(), event.month, event.day)
    starts = datetime.combine(first, time(event.hours[0]), BANGKOK)
    ends = datetime.combine(first + timedelta(days=event.days - 1), time(event.hours[1]), BANGKOK)
    return {
        "kind": event.kind,
        "title_th": event.title_th,
        "title_en": event.title_en,
        "description_th": event.description_th,
        "host_province_code": event.host_province_code,
        "venue_th": event.venue_th,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "registration_opens_at": (now - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (starts - timedelta(days=2)).isoformat(),
        "capacity": event.capacity,
        "budget": event.budget,
        "eligibility": event.eligibility,
        "quotas": list(event.quotas),
        "requires_approval": event.requires_approval,
    }


async def _wait_for_read_model(
    api: DemoApi, events_url: str, registry_url: str, patience: float
) -> list[dict[str, Any]]:
    """The registry's members, once this service's read model has each with its status and
    listed products (bounded: DemoDataError after `patience` seconds)."""
    members = await api.all_items(f"{registry_url}/v1/members")
    products = await api.all_items(f"{registry_url}/v1/products", status="listed")
    listed = Counter(p["member_id"] for p in products)
    waiting = list(members)

    async def caught_up() -> bool:
        still: list[dict[str, Any]] = []
        for member in waiting:
            response = await api.send(
                "GET", f"{events_url}/v1/members/{member['member_id']}", ok=(404,)
            )
            known = response.json() if response.status_code == 200 else None
            if not (
                known
                and known["status"] == member["status"]
                and known["listed_products"] == listed[member["member_id"]]
            ):
                still.append(member)
        waiting[:] = still
        return not waiting

    await wait_until(
        caught_up,
        patience=patience,
        where=f"{events_url}/v1/members",
        failure=lambda: (
            f"{len(waiting)} registry members did not reach the events service "
            f"within {patience:.0f}s"
        ),
    )
    return members


async def _apply(api: DemoApi, url: str, active: list[dict[str, Any]], wanted: int) -> list[Any]:
    """The first `wanted` active members that may apply do; those not eligible (409) are
    passed over. Returns the registrations made."""
    applied: list[dict[str, Any]] = []
    for member in active:
        if len(applied) >= wanted:
            break
        response = await api.send("POST", url, {"member_id": member["member_id"]}, ok=(409,))
        if response.status_code == 201:
            applied.append(response.json())
    return applied


async def _load(
    api: DemoApi, events_url: str, registry_url: str, patience: float
) -> dict[str, int]:
    counts = {"events": 0, "registrations": 0}
    existing = await api.call("GET", f"{events_url}/v1/events?limit=1")
    if existing["items"]:
        return counts
    members = await _wait_for_read_model(api, events_url, registry_url, patience)
    active = [m for m in members if m["status"] == "active"]
    now = now_bangkok()
    for demo in EVENTS:
        created = await api.call("POST", f"{events_url}/v1/events", event_body(demo, now))
        event_id = created["event_id"]
        await api.call("POST", f"{events_url}/v1/events/{event_id}/publish")
        counts["events"] += 1
        url = f"{events_url}/v1/events/{event_id}/registrations"
        applied = await _apply(api, url, active, demo.applicants)
        counts["registrations"] += len(applied)
        if demo.requires_approval:
            for registration in applied[: len(applied) - 1]:
                await api.call(
                    "POST",
                    f"{events_url}/v1/registrations/{registration['registration_id']}/approve",
                )
        if demo.cancelled_because:
            await api.call(
                "POST",
                f"{events_url}/v1/events/{event_id}/cancel",
                {"reason": demo.cancelled_because},
            )
    return counts


async def load_demo_data(
    events_url: str,
    registry_url: str,
    admin_token: str,
    *,
    client: httpx.AsyncClient | None = None,
    patience: float = READ_MODEL_PATIENCE,
) -> dict[str, int]:
    """Load the demo calendar; returns how many events and registrations were loaded."""
    async with demo_api(admin_token, client) as api:
        return await _load(api, events_url, registry_url, patience)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point: the registry's members apply for the events."""
    return await load_demo_data(urls["events"], urls["registry"], admin_token)
