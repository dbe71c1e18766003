"""Mukdahan's KBO project loads through the APIs from the registry's demo network: 20
producers and 20 KBO committee members in their quotas, 50,000 THB grants within the budget
with the first instalment paid to some, plans, one nomination for the province; and loads
only once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devstack.demo.projects import PROJECT, load_demo_data
from devstack.demo.registry import load_demo_data as load_registry_demo
from tests.conftest import ADMIN_TOKEN
from tests.infrastructure import Servers
from tests.integration.events.stack import running_stack
from tests.integration.events.staff_calls import registrations

pytestmark = pytest.mark.integration


async def test_mukdahans_kbo_project_loads_with_grants_plans_and_one_nomination(
    servers: Servers, topics: list[str]
) -> None:
    async with running_stack(servers) as stack:
        await load_registry_demo("http://registry", ADMIN_TOKEN, client=stack.registry)
        counts = await load_demo_data(
            "http://events", "http://registry", ADMIN_TOKEN, client=stack.both
        )
        assert counts["participants"] == 40
        assert (counts["grants"], counts["disbursements"], counts["nominations"]) == (20, 8, 1)

        found = (
            await stack.events.get("/v1/events", params={"kind": "development_project"})
        ).json()["items"]
        [event] = [e for e in found if e["title_th"] == PROJECT["title_th"]]
        assert event["starts_at"][5:10] == "06-07"
        event_id = event["event_id"]
        taken = [r["quota"] for r in await registrations(stack.events, event_id)]
        assert sorted(taken) == sorted(q["label"] for q in PROJECT["quotas"] for _ in range(20))

        project = (await stack.events.get(f"/v1/projects/{event_id}")).json()
        assert Decimal(project["allocated"]) <= Decimal(project["budget"])
        assert project["allocated"] == "1000000.00"
        assert project["disbursed"] == "200000.00"
        plans = (await stack.events.get(f"/v1/projects/{event_id}/plans")).json()["items"]
        recorded = [p for p in plans if p["goal_th"]]
        assert len({p["member_id"] for p in recorded}) == 20
        assert all(p["target_stars"] and p["actions"] for p in recorded)
        nominations = (await stack.events.get(f"/v1/projects/{event_id}/nominations")).json()
        assert [n["province_code"] for n in nominations["items"]] == ["49"]

        again = await load_demo_data(
            "http://events", "http://registry", ADMIN_TOKEN, client=stack.both
        )
        assert not any(again.values())
