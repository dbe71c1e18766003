"""A development project's outcome read from the registry's own `product.rated` events over
the real broker: the rating at selection is the one before, the latest rating received after
the project ended is the one after, and the project's messages reach the events topic."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from shared.timeutil import now_bangkok
from tests.conftest import eventually
from tests.infrastructure import Servers
from tests.integration.events.project_calls import plans, select
from tests.integration.events.stack import Stack, running_stack
from tests.integration.events.staff_calls import published_event
from tests.integration.registry.helpers import SITES, list_product, rate, register_active
from tests.kafka_probe import KafkaProbe, event_of_type

pytestmark = pytest.mark.integration

SHOWCASES = "events.showcases.v1"


@pytest.fixture
async def stack(servers: Servers, topics: list[str]) -> AsyncIterator[Stack]:
    async with running_stack(servers) as running:
        yield running


async def test_stars_before_and_after_come_from_the_registrys_ratings_over_kafka(
    stack: Stack,
) -> None:
    member = await register_active(stack.registry, site=SITES["hat_yai"])
    member_id = str(member["member_id"])
    product = await list_product(
        stack.registry, member_id, sku=f"SKU-{uuid.uuid4().hex[:10]}", segment="D"
    )
    assert (await rate(stack.registry, product["product_id"], 2022, 2)).status_code == 201

    async def rated_here() -> bool:
        found = await stack.events.get(f"/v1/members/{member_id}")
        return found.status_code == 200 and found.json()["best_stars"] == 2

    await eventually(rated_here, timeout=60)
    now = now_bangkok()
    ends = now + timedelta(seconds=20)
    async with KafkaProbe(stack.servers.bootstrap_servers, [SHOWCASES]) as probe:
        event = await published_event(
            stack.events,
            kind="development_project",
            title_th="พี่สอนน้อง เพื่อนช่วยเพื่อน กลุ่ม D",
            capacity=5,
            budget="50000.00",
            starts_at=(now - timedelta(hours=1)).isoformat(),
            ends_at=ends.isoformat(),
            registration_opens_at=(now - timedelta(hours=1)).isoformat(),
            registration_closes_at=ends.isoformat(),
        )
        event_id = str(event["event_id"])
        rules = await stack.events.put(
            f"/v1/projects/{event_id}/rules", json={"segments": ["D"], "province_codes": ["90"]}
        )
        assert rules.status_code == 200, rules.text
        chosen = await select(stack.events, event_id, member_id)
        assert chosen[0]["status"] == "confirmed"
        [selected] = await probe.wait_for(
            event_of_type("project.participants_selected", event_id), timeout=60
        )
    data: dict[str, Any] = selected.json()["data"]
    assert data["participants"][0]["products"][0]["stars_before"] == 2
    [before] = await plans(stack.events, event_id)
    assert (before["stars_before"], before["stars_after"]) == (2, None)

    async def project_ended() -> bool:
        return now_bangkok() > ends

    await eventually(project_ended, timeout=60, interval=0.5)
    assert (await rate(stack.registry, product["product_id"], 2024, 4)).status_code == 201

    async def outcome() -> dict[str, Any] | None:
        [plan] = await plans(stack.events, event_id)
        return plan if plan["stars_after"] is not None else None

    after = await eventually(outcome, timeout=60)
    assert (after["stars_before"], after["stars_after"]) == (2, 4)
