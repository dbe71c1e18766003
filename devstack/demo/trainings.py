"""Songkhla's network training, loaded through the events service's API like its own report
(15–16 March, 91,000 THB): one OTOP officer and one network president from each of the
province's 16 districts and two provincial officers (34 participants by name, not members),
eight agenda topics, attendance per session, some expenses, certificates of attendance.

It is dated on the last 15–16 March already over when loading (the training has taken place,
so attendance can be recorded) from `data/events_trainings.json`. Loads once: when a training
of that title is already in the host province, nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import geothai
import httpx

from devstack.demo.client import DemoApi, demo_api, demo_file
from shared.timeutil import BANGKOK, now_bangkok

TRAINING: dict[str, Any] = demo_file("events_trainings.json")


def _at(day: date, hhmm: str) -> datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), BANGKOK)


def first_day(now: datetime, training: Mapping[str, Any] = TRAINING) -> date:
    """The training's first day: the last one (of its month and day) already over."""
    year = now.year
    while True:
        start = date(year, training["month"], training["day"])
        if _at(start + timedelta(days=training["days"] - 1), training["ends"]) < now:
            return start
        year -= 1


def event_body(start: date, training: Mapping[str, Any] = TRAINING) -> dict[str, Any]:
    starts = _at(start, training["starts"])
    ends = _at(start + timedelta(days=training["days"] - 1), training["ends"])
    keys = ("kind", "title_th", "title_en", "description_th", "host_province_code", "venue_th")
    return {
        **{key: training[key] for key in keys},
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "registration_opens_at": (starts - timedelta(days=30)).isoformat(),
        "registration_closes_at": (starts - timedelta(days=2)).isoformat(),
        "capacity": training["capacity"],
        "budget": training["budget"],
        "quotas": training["quotas"],
    }


def participants(training: Mapping[str, Any] = TRAINING) -> list[dict[str, Any]]:
    """One OTOP officer and one network president a district, then two provincial officers."""
    province = training["host_province_code"]
    first, last = training["names"]["first"], training["names"]["last"]
    people: list[dict[str, Any]] = []

    def name(i: int) -> str:
        return f"{first[i % len(first)]} {last[(i * 5 + 3) % len(last)]}"

    for district in geothai.districts(province):
        people.append(
            {
                "kind": "official",
                "name_th": name(len(people)),
                "position_th": "นักวิชาการพัฒนาชุมชน ผู้รับผิดชอบงาน OTOP",
                "province_code": province,
                "district_code": district.code,
                "organisation": f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
            }
        )
        people.append(
            {
                "kind": "office_holder",
                "name_th": name(len(people)),
                "position_th": f"ประธานเครือข่าย OTOP อำเภอ{district.name_th}",
                "province_code": province,
                "district_code": district.code,
                "organisation": f"เครือข่าย OTOP อำเภอ{district.name_th}",
            }
        )
    host = geothai.province(province)
    for _ in range(2):
        people.append(
            {
                "kind": "official",
                "name_th": name(len(people)),
                "position_th": "นักวิชาการพัฒนาชุมชนชำนาญการ",
                "province_code": province,
                "organisation": f"สำนักงานพัฒนาชุมชนจังหวัด{host.name_th if host else ''}",
            }
        )
    return people


async def _already_loaded(api: DemoApi, url: str) -> bool:
    found = await api.all_items(
        f"{url}/v1/events", kind=TRAINING["kind"], province=TRAINING["host_province_code"]
    )
    return any(e["title_th"] == TRAINING["title_th"] for e in found)


async def _load(api: DemoApi, url: str) -> dict[str, int]:
    counts = {"trainings": 0, "participants": 0, "sessions": 0, "attendances": 0, "expenses": 0}
    if await _already_loaded(api, url):
        return counts
    start = first_day(now_bangkok())
    event = await api.call("POST", f"{url}/v1/events", event_body(start))
    base = f"{url}/v1/events/{event['event_id']}"
    await api.call("POST", f"{base}/publish")
    counts["trainings"] += 1
    registered = []
    for person in participants():
        registered.append(await api.call("POST", f"{base}/participants", person))
    counts["participants"] = len(registered)
    absences = {int(i): set(missed) for i, missed in TRAINING["absences"].items()}
    for index, session in enumerate(TRAINING["sessions"]):
        day = start + timedelta(days=session["day"] - 1)
        body = {
            "title_th": session["title_th"],
            "title_en": session["title_en"],
            "starts_at": _at(day, session["from"]).isoformat(),
            "ends_at": _at(day, session["to"]).isoformat(),
            "speakers": session["speakers"],
            "room": "ห้องสกายเล้าจ์ ชั้น 8",
        }
        planned = await api.call("POST", f"{base}/sessions", body)
        counts["sessions"] += 1
        present = [
            r["registration_id"]
            for i, r in enumerate(registered)
            if index not in absences.get(i, set())
        ]
        await api.call(
            "POST",
            f"{base}/sessions/{planned['session_id']}/attendance",
            {"registration_ids": present},
        )
        counts["attendances"] += len(present)
    rule = {"certificate_min_sessions": TRAINING["certificate_min_sessions"]}
    await api.call("PUT", f"{base}/certificate-rule", rule)
    for expense in TRAINING["expenses"]:
        spent_on = start + timedelta(days=expense["day"] - 1)
        body = {**{k: expense[k] for k in ("item_th", "amount")}, "spent_on": spent_on.isoformat()}
        await api.call("POST", f"{base}/expenses", body)
        counts["expenses"] += 1
    await api.call("POST", f"{base}/certificates/issue")
    return counts


async def load_demo_data(
    events_url: str, admin_token: str, *, client: httpx.AsyncClient | None = None
) -> dict[str, int]:
    """Load the training; returns how many of each thing were loaded."""
    async with demo_api(admin_token, client) as api:
        return await _load(api, events_url)


async def load_stack_demo(urls: Mapping[str, str], admin_token: str) -> dict[str, int]:
    return await load_demo_data(urls["events"], admin_token)
