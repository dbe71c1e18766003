"""Mukdahan's KBO development project, loaded through the services' APIs like its own report
(7–8 June, at the Mukdahan Grand Hotel): 20 producers of group D or rated 1–3 stars and 20
KBO committee members chosen by the project's rules, a grant of 50,000 THB for each producer
within the budget (the first instalment paid to some), a development plan per product, and
the committee's one product for the province in the national contest.

The committee's KBO roles are assigned in the registry first; loading waits (bounded) until
the events service's copy of the registry knows them. The project is the next 7–8 June (its
participants are chosen while registration is open), from `data/events_projects.json`. Loads
once: when a project of that title is already in the host province, nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx

from devstack.demo.client import DemoApi, demo_api, demo_file, wait_until
from shared.timeutil import BANGKOK, now_bangkok

PROJECT: dict[str, Any] = demo_file("events_projects.json")
READ_MODEL_PATIENCE = 180.0


def _at(day: date, hhmm: str) -> datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), BANGKOK)


def first_day(now: datetime, project: Mapping[str, Any] = PROJECT) -> date:
    """The next 7 June (or the project's day) at least a week away, so registration is open."""
    year = now.year
    while True:
        start = date(year, project["month"], project["day"])
        if _at(start, project["starts"]) - timedelta(days=7) > now:
            return start
        year += 1


def event_body(start: date, now: datetime, project: Mapping[str, Any] = PROJECT) -> dict[str, Any]:
    keys = ("kind", "title_th", "title_en", "description_th", "host_province_code", "venue_th")
    starts = _at(start, project["starts"])
    return {
        **{key: project[key] for key in keys},
        "starts_at": starts.isoformat(),
        "ends_at": _at(start + timedelta(days=project["days"] - 1), project["ends"]).isoformat(),
        "registration_opens_at": (now - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (starts - timedelta(days=2)).isoformat(),
        "capacity": project["capacity"],
        "budget": project["budget"],
        "quotas": project["quotas"],
    }


def needs_development(products: list[dict[str, Any]], max_stars: int) -> bool:
    """A product of group D, or rated 1 to `max_stars` stars."""
    return any(
        p.get("segment") == "D" or (p.get("stars") and p["stars"] <= max_stars) for p in products
    )


def choose(
    members: list[dict[str, Any]],
    products: list[dict[str, Any]],
    project: Mapping[str, Any] = PROJECT,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(producers, committee): the producers needing development, community producer groups
    first; the committee from the others, those not needing development first."""
    of_member: dict[str, list[dict[str, Any]]] = {}
    for product in products:
        of_member.setdefault(product["member_id"], []).append(product)
    max_stars = project["rules"]["max_stars"]
    ordered = sorted(members, key=lambda m: (m["member_type"] != "community_group", m["name_th"]))
    wanting = [
        m for m in ordered if needs_development(of_member.get(m["member_id"], []), max_stars)
    ]
    producers = wanting[: project["producers"]]
    chosen = {m["member_id"] for m in producers}
    others = sorted(
        (m for m in members if m["member_id"] not in chosen),
        key=lambda m: (m in wanting, m["name_th"]),
    )
    return producers, others[: project["committee"]]


async def _exists(api: DemoApi, events_url: str) -> bool:
    province = PROJECT["host_province_code"]
    found = await api.all_items(
        f"{events_url}/v1/events", kind="development_project", province=province
    )
    return any(e["title_th"] == PROJECT["title_th"] for e in found)


async def _appoint_committee(
    api: DemoApi, registry_url: str, committee: list[dict[str, Any]]
) -> None:
    term = PROJECT["committee_term"]
    for member, name in zip(committee, PROJECT["committee_names"], strict=False):
        body = {
            "member_id": member["member_id"],
            "person_name": name,
            "role": "kbo_committee",
            "province_code": PROJECT["host_province_code"],
            "term_start": term[0],
            "term_end": term[1],
        }
        await api.send("POST", f"{registry_url}/v1/roles", body, ok=(409,))


async def _wait_for_roles(api: DemoApi, events_url: str, committee: list[dict[str, Any]]) -> None:
    waiting = [m["member_id"] for m in committee]

    async def known() -> bool:
        still = []
        for member_id in waiting:
            found = await api.send("GET", f"{events_url}/v1/members/{member_id}", ok=(404,))
            if found.status_code != 200 or "kbo_committee" not in found.json()["network_roles"]:
                still.append(member_id)
        waiting[:] = still
        return not waiting

    await wait_until(
        known,
        patience=READ_MODEL_PATIENCE,
        where=f"{events_url}/v1/members",
        failure=lambda: f"{len(waiting)} KBO committee roles did not reach the events service",
    )


async def _wait_for_candidates(api: DemoApi, base: str, ids: list[str]) -> None:
    """Until the events service's copy of the registry (members, products, ratings, roles)
    makes every chosen member a candidate under the project's rules."""
    missing = set(ids)

    async def all_candidates() -> bool:
        found = (await api.call("GET", f"{base}/candidates"))["items"]
        missing.difference_update(c["member_id"] for c in found)
        return not missing

    await wait_until(
        all_candidates,
        patience=READ_MODEL_PATIENCE,
        where=f"{base}/candidates",
        failure=lambda: f"{len(missing)} chosen members are not yet candidates of the project",
    )


async def _load(api: DemoApi, events_url: str, registry_url: str) -> dict[str, int]:
    counts = {"projects": 0, "participants": 0, "grants": 0, "disbursements": 0, "plans": 0}
    counts["nominations"] = 0
    if await _exists(api, events_url):
        return counts
    province = PROJECT["host_province_code"]
    members = await api.all_items(f"{registry_url}/v1/members", province=province, status="active")
    products = await api.all_items(
        f"{registry_url}/v1/products", province=province, status="listed"
    )
    producers, committee = choose(members, products)
    await _appoint_committee(api, registry_url, committee)
    await _wait_for_roles(api, events_url, committee)

    now = now_bangkok()
    body = event_body(first_day(now), now)
    event_id = (await api.call("POST", f"{events_url}/v1/events", body))["event_id"]
    await api.call("POST", f"{events_url}/v1/events/{event_id}/publish")
    base = f"{events_url}/v1/projects/{event_id}"
    await api.call("PUT", f"{base}/rules", PROJECT["rules"])
    counts["projects"] = 1
    ids = [m["member_id"] for m in producers + committee]
    await _wait_for_candidates(api, base, ids)
    outcomes = (await api.call("POST", f"{base}/selections", {"member_ids": ids}))["items"]
    confirmed = {o["member_id"] for o in outcomes if o["status"] == "confirmed"}
    counts["participants"] = len(confirmed)

    grants = []
    for member in (m for m in producers if m["member_id"] in confirmed):
        kind = "group" if member["member_type"] == "community_group" else "member"
        grant = {**PROJECT["grant"], "member_id": member["member_id"], "recipient_kind": kind}
        grants.append(await api.call("POST", f"{base}/grants", grant))
    counts["grants"] = len(grants)
    instalment = PROJECT["first_instalment"]
    for grant in grants[: instalment["grants"]]:
        payment = {
            "amount": instalment["amount"],
            "disbursed_on": now.date().isoformat(),
            "note_th": instalment["note_th"],
        }
        await api.call("POST", f"{base}/grants/{grant['grant_id']}/disbursements", payment)
        counts["disbursements"] += 1

    producer_ids = {m["member_id"] for m in producers}
    plans = [p for p in (await api.call("GET", f"{base}/plans"))["items"]]
    developed = [p for p in plans if p["member_id"] in producer_ids]
    for index, product in enumerate(developed):
        plan = PROJECT["plans"][index % len(PROJECT["plans"])]
        await api.call("PUT", f"{base}/plans/{product['product_id']}", plan)
        counts["plans"] += 1
    nominators = [m["member_id"] for m in committee if m["member_id"] in confirmed]
    if developed and nominators and PROJECT["nominations"]:
        nomination = {
            "product_id": developed[0]["product_id"],
            "nominated_by_member_id": nominators[0],
        }
        await api.call("POST", f"{base}/nominations", nomination)
        counts["nominations"] = 1
    return counts


async def load_demo_data(
    events_url: str,
    registry_url: str,
    admin_token: str,
    *,
    client: httpx.AsyncClient | None = None,
) -> dict[str, int]:
    """Load Mukdahan's KBO project; returns how many of each were loaded."""
    async with demo_api(admin_token, client) as api:
        return await _load(api, events_url, registry_url)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    """The one-machine stack's entry point."""
    return await load_demo_data(urls["events"], urls["registry"], admin_token)
