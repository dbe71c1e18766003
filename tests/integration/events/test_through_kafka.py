"""The registry and the events service running together over the real broker: members the
registry registers become eligible here through Kafka, and the showcase scenario staff run is
visible step by step on the events topics.

One registry and one events app (with its Kafka consumers) serve the whole module: joining a
consumer group is slow on the embedded broker."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.backlogs import skip_backlogs
from tests.conftest import eventually
from tests.infrastructure import Servers
from tests.integration.events.stack import Stack, running_stack
from tests.integration.events.staff_calls import published_event
from tests.integration.registry.helpers import SITES, list_product, register_active
from tests.kafka_probe import KafkaProbe, Received, event_of_type

pytestmark = pytest.mark.integration

SHOWCASES = "events.showcases.v1"
REGISTRATIONS = "events.registrations.v1"


@pytest.fixture(scope="module")
async def stack(servers: Servers, session_topics: list[str]) -> AsyncIterator[Stack]:
    await skip_backlogs(servers.bootstrap_servers)
    async with running_stack(servers) as running:
        yield running


async def _known_here(stack: Stack, member_id: str, **expected: Any) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        response = await stack.events.get(f"/v1/members/{member_id}")
        if response.status_code != 200:
            return None
        profile: dict[str, Any] = response.json()
        return profile if all(profile[k] == v for k, v in expected.items()) else None

    found: dict[str, Any] = await eventually(check, timeout=60)
    return found


async def _producer(stack: Stack, segment: str = "B", category: str = "food") -> str:
    """A member registered, activated and with a product listed, through the registry."""
    member = await register_active(stack.registry, site=SITES["hat_yai"])
    await list_product(
        stack.registry,
        member["member_id"],
        sku=f"SKU-{uuid.uuid4().hex[:10]}",
        segment=segment,
        category=category,
    )
    return str(member["member_id"])


async def test_a_member_registered_in_the_registry_becomes_eligible_here_through_kafka(
    stack: Stack,
) -> None:
    event = await published_event(
        stack.events,
        kind="development_project",
        capacity=2,
        quotas=[{"label": "กลุ่ม D", "places": 2, "segments": ["D"]}],
    )
    member_id = await _producer(stack, segment="D")
    profile = await _known_here(stack, member_id, status="active", segments=["D"])
    assert profile["province_code"] == "90"
    response = await stack.events.post(
        f"/v1/events/{event['event_id']}/registrations", json={"member_id": member_id}
    )
    assert response.status_code == 201, response.text
    assert (response.json()["status"], response.json()["quota"]) == ("confirmed", "กลุ่ม D")

    # The registry suspends the member: its registration is withdrawn through Kafka too.
    suspended = await stack.registry.post(
        f"/v1/members/{member_id}/status", json={"status": "suspended"}
    )
    assert suspended.status_code == 200, suspended.text

    async def withdrawn() -> bool:
        found = await stack.events.get(f"/v1/registrations/{response.json()['registration_id']}")
        return found.json()["cancel_reason"] == "member_suspended"

    await eventually(withdrawn, timeout=60)


def _data(message: Received) -> dict[str, Any]:
    data: dict[str, Any] = message.json()["data"]
    return data


async def test_a_showcase_with_three_booths_confirms_three_waitlists_two_and_promotes_on_cancel(
    stack: Stack,
) -> None:
    members = [
        await _producer(stack, category=category)
        for category in ("food", "food", "textiles_and_clothing", "food", "non_food_herbal")
    ]
    for member_id in members:
        await _known_here(stack, member_id, status="active", listed_products=1)

    async with KafkaProbe(stack.servers.bootstrap_servers, [SHOWCASES, REGISTRATIONS]) as probe:
        event = await published_event(
            stack.events, kind="showcase", capacity=3, title_th="2 ทศวรรษ OTOP ภาคใต้"
        )
        [published] = await probe.wait_for(event_of_type("event.published", event["event_id"]))
        assert published.topic == SHOWCASES and published.key == event["event_id"]
        assert _data(published)["capacity_unit"] == "booths"

        applied = []
        for member_id in members:
            response = await stack.events.post(
                f"/v1/events/{event['event_id']}/registrations", json={"member_id": member_id}
            )
            assert response.status_code == 201, response.text
            applied.append(response.json())
        assert [a["status"] for a in applied] == ["confirmed"] * 3 + ["waitlisted"] * 2
        booths = {a["registration_id"]: a["booth"] for a in applied[:3]}
        assert len({(b["zone"], b["booth_number"]) for b in booths.values()}) == 3

        def of(event_type: str, registration: dict[str, Any]) -> Any:
            return event_of_type(event_type, registration["registration_id"])

        for registration in applied[:3]:
            [confirmed] = await probe.wait_for(of("registration.confirmed", registration))
            assert confirmed.topic == REGISTRATIONS
            assert confirmed.key == registration["registration_id"]
            assert _data(confirmed)["event"]["title_th"] == "2 ทศวรรษ OTOP ภาคใต้"
            [booth] = await probe.wait_for(of("booth.assigned", registration))
            assert (_data(booth)["zone"], _data(booth)["booth_number"]) == (
                registration["booth"]["zone"],
                registration["booth"]["booth_number"],
            )
            assert _data(booth)["version"] > _data(confirmed)["version"]
        positions = []
        for registration in applied[3:]:
            [waitlisted] = await probe.wait_for(of("registration.waitlisted", registration))
            positions.append(_data(waitlisted)["position"])
        assert positions == [1, 2]

        leaving = applied[0]
        cancelled = await stack.events.post(
            f"/v1/registrations/{leaving['registration_id']}/cancel"
        )
        assert cancelled.status_code == 200, cancelled.text
        [gone] = await probe.wait_for(of("registration.cancelled", leaving))
        assert (_data(gone)["previous_status"], _data(gone)["reason"]) == (
            "confirmed",
            "member_cancelled",
        )
        first_waiting = applied[3]
        [promoted] = await probe.wait_for(of("registration.promoted", first_waiting))
        assert _data(promoted)["member_id"] == members[3]
        [freed] = await probe.wait_for(of("booth.assigned", first_waiting))
        assert (_data(freed)["zone"], _data(freed)["booth_number"]) == (
            leaving["booth"]["zone"],
            leaving["booth"]["booth_number"],
        )
        assert _data(freed)["assigned_by"] == "automatic"
        await probe.settle(1.0)
        assert not [
            r
            for r in probe.received
            if r.json()["aggregate_id"] == applied[4]["registration_id"]
            and r.json()["event_type"] != "registration.waitlisted"
        ], "the second waitlisted member stays waitlisted"

    now = (await stack.events.get(f"/v1/registrations/{first_waiting['registration_id']}")).json()
    assert now["status"] == "confirmed"
    assert now["booth"]["booth_number"] == leaving["booth"]["booth_number"]
