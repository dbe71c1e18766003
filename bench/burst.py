"""Thousands of simultaneous applications to a few events: the time to decide them all,
that no event ends above its capacity, and each application's delivery row."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import asyncpg

from bench.client import Api
from shared.timeutil import now_bangkok


def event_body(n: int, capacity: int) -> dict[str, Any]:
    start = (now_bangkok() + timedelta(days=30)).replace(microsecond=0)
    return {
        "kind": "fair" if n % 2 else "training",
        "title_th": f"งานทดสอบ {n}",
        "host_province_code": "90",
        "venue_th": "ศูนย์ OTOP สงขลา",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(days=1)).isoformat(),
        "registration_opens_at": (now_bangkok() - timedelta(hours=1)).isoformat(),
        "registration_closes_at": (start - timedelta(days=1)).isoformat(),
        "capacity": capacity,
    }


async def registration_burst(
    api: Api, events_url: str, admin_dsn: str, members: list[str], events: int, capacity: int
) -> dict[str, Any]:
    event_ids = []
    for n in range(events):
        created = await api.call("POST", f"{events_url}/v1/events", event_body(n, capacity))
        await api.call("POST", f"{events_url}/v1/events/{created['event_id']}/publish")
        event_ids.append(created["event_id"])
    answered: dict[tuple[str, str], float] = {}
    statuses: dict[int, int] = {}

    async def apply(event_id: str, member_id: str) -> None:
        status = await api.status(
            "POST", f"{events_url}/v1/events/{event_id}/registrations", {"member_id": member_id}
        )
        statuses[status] = statuses.get(status, 0) + 1
        if status == 201:
            answered[(member_id, event_id)] = time.perf_counter()

    seen: dict[tuple[str, str], float] = {}
    conn = await asyncpg.connect(admin_dsn)
    watching = True

    async def watch() -> None:
        while watching or len(seen) < len(answered):
            rows = await conn.fetch(
                "SELECT DISTINCT member_id::text, event_id::text FROM notifications.deliveries "
                "WHERE event_id = ANY($1::uuid[])",
                event_ids,
            )
            now = time.perf_counter()
            for row in rows:
                seen.setdefault((row[0], row[1]), now)
            if not watching and time.perf_counter() - stop_at > 120:
                return
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(watch())
    started = time.perf_counter()
    await asyncio.gather(*(apply(e, m) for e in event_ids for m in members))
    decided = time.perf_counter() - started
    stop_at = time.perf_counter()
    watching = False
    await watcher
    await conn.close()
    counts = []
    for event_id in event_ids:
        event = await api.call("GET", f"{events_url}/v1/events/{event_id}")
        counts.append(event["registrations"])
    exact = all(c["confirmed"] <= capacity for c in counts) and all(
        c["confirmed"] == min(capacity, len(members)) for c in counts
    )
    delivery = [max(0.0, seen[k] - t) for k, t in answered.items() if k in seen]
    return {
        "applications": len(event_ids) * len(members),
        "decided_s": decided,
        "statuses": statuses,
        "counts": counts,
        "exact": exact,
        "delivery_delays": delivery,
        "deliveries_seen": len(delivery),
    }
