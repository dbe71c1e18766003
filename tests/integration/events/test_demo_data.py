"""The demo calendar loads through the API once the registry's demo members have reached the
events service through Kafka, and loads only once."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from icalendar import Calendar

from devstack.demo.events import EVENTS, load_demo_data
from devstack.demo.registry import load_demo_data as load_registry_demo
from tests.backlogs import skip_backlogs
from tests.conftest import ADMIN_TOKEN
from tests.infrastructure import Servers
from tests.integration.events.stack import Stack, running_stack
from tests.integration.events.staff_calls import registrations

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def loaded(
    servers: Servers, session_topics: list[str]
) -> AsyncIterator[tuple[Stack, dict[str, int]]]:
    await skip_backlogs(servers.bootstrap_servers)
    async with running_stack(servers) as stack:
        await load_registry_demo("http://registry", ADMIN_TOKEN, client=stack.registry)
        counts = await load_demo_data(
            "http://events", "http://registry", ADMIN_TOKEN, client=stack.both
        )
        yield stack, counts


async def _events(stack: Stack, **params: Any) -> list[dict[str, Any]]:
    response = await stack.events.get("/v1/events", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_year_of_events_across_the_south_khon_kaen_and_mukdahan(
    loaded: tuple[Stack, dict[str, int]],
) -> None:
    stack, counts = loaded
    assert counts["events"] == len(EVENTS)
    events = await _events(stack)
    assert len(events) == len(EVENTS)
    kinds = Counter(e["kind"] for e in events)
    assert set(kinds) == {"showcase", "fair", "training", "workshop", "development_project"}
    provinces = {e["host_province_code"] for e in events}
    assert {"90", "40", "49"} <= provinces
    assert any(p in provinces for p in ("80", "84", "92", "94"))
    first, last = events[0]["starts_at"], events[-1]["starts_at"]
    assert first[:7] < last[:7]
    titles = {e["title_th"] for e in events}
    assert "2 ทศวรรษ OTOP ภาคใต้" in titles
    course = next(e for e in events if e["budget"] == "91000.00")
    assert (course["capacity"], course["capacity_unit"]) == (34, "seats")
    project = next(e for e in events if e["kind"] == "development_project" and e["quotas"])
    assert any("D" in q["segments"] for q in project["quotas"])
    assert Counter(e["status"] for e in events)["cancelled"] == 1


async def test_demo_members_are_registered_confirmed_waitlisted_and_in_quotas(
    loaded: tuple[Stack, dict[str, int]],
) -> None:
    stack, counts = loaded
    assert counts["registrations"] > 30
    statuses: Counter[str] = Counter()
    quotas: Counter[str] = Counter()
    booths = 0
    for event in await _events(stack):
        for registration in await registrations(stack.events, event["event_id"]):
            statuses[registration["status"]] += 1
            quotas[registration["quota"] or ""] += 1
            booths += registration["booth"] is not None
            assert registration["member_name_th"]
    assert statuses["confirmed"] > 20
    assert statuses["waitlisted"] >= 1
    assert statuses["cancelled"] >= 1  # the cancelled event's registrations
    assert statuses["pending_approval"] >= 1
    assert quotas["ผู้ผลิตกลุ่ม D"] >= 1
    assert booths >= 10


async def test_the_feed_carries_the_demo_calendar_and_a_second_load_loads_nothing(
    loaded: tuple[Stack, dict[str, int]],
) -> None:
    stack, _ = loaded
    feed = Calendar.from_ical((await stack.events.get("/v1/calendar.ics")).content)
    assert len(feed.walk("VEVENT")) == len(EVENTS)
    again = await load_demo_data("http://events", "http://registry", ADMIN_TOKEN, client=stack.both)
    assert again == {"events": 0, "registrations": 0}
    assert len(await _events(stack)) == len(EVENTS)
