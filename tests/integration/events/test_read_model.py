"""The read model of the registry's members and products: duplicates and out-of-order
deliveries do not corrupt it; a message that cannot be read goes to the DLQ."""

from __future__ import annotations

import uuid

import httpx

from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    ProductCategory,
    ProductRated,
)
from shared.messaging.consumer import IncomingMessage, Outcome
from shared.service.runtime import runtime_of
from tests.infrastructure import Servers
from tests.integration.events.registry_feed import (
    RegistryFeed,
    listed,
    message,
    registered,
    status_changed,
)
from tests.kafka_probe import KafkaProbe


async def _profile(events: httpx.AsyncClient, member_id: uuid.UUID) -> httpx.Response:
    return await events.get(f"/v1/members/{member_id}")


async def test_a_member_appears_with_its_segments_stars_and_roles(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    member_id = await registry_feed.member(
        segment=DevelopmentSegment.D, category=ProductCategory.TEXTILES_AND_CLOTHING, stars=4
    )
    profile = (await _profile(events, member_id)).json()
    assert profile["status"] == "active"
    assert profile["segments"] == ["D"]
    assert profile["best_stars"] == 4
    assert profile["main_category"] == "textiles_and_clothing"
    assert profile["name_th"] == "กลุ่มแม่บ้านเกษตรกรบ้านควนลัง"


async def test_a_repeated_event_is_processed_once(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    member_id = uuid.uuid4()
    incoming = message(member_id, registered(member_id))
    consumer = runtime_of(events.app).consumers["registry.members.v1"]  # type: ignore[attr-defined]
    assert await consumer.handle(incoming) is Outcome.PROCESSED
    assert await consumer.handle(incoming) is Outcome.DUPLICATE


async def test_events_out_of_order_never_roll_the_member_back(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    member_id = uuid.uuid4()
    # The activation (version 2) arrives before the registration (version 1).
    await registry_feed.send(
        member_id, status_changed(member_id, MemberStatus.ACTIVE, 2, MemberStatus.PENDING)
    )
    assert (await _profile(events, member_id)).status_code == 404  # details not known yet
    await registry_feed.send(member_id, registered(member_id, province="49"))
    profile = (await _profile(events, member_id)).json()
    assert (profile["status"], profile["province_code"]) == ("active", "49")
    # A stale snapshot (version 1 again, as a new event id) changes nothing.
    await registry_feed.send(member_id, registered(member_id, province="40"))
    assert (await _profile(events, member_id)).json()["province_code"] == "49"


async def test_a_rating_before_its_listing_and_a_stale_listing_keep_the_newest_stars(
    events: httpx.AsyncClient, registry_feed: RegistryFeed
) -> None:
    member_id = await registry_feed.member(segment=None, stars=None)
    product_id = uuid.uuid4()
    rating = ProductRated(
        product_id=product_id,
        member_id=member_id,
        version=2,
        sku="SKU-KRAJOOD",
        round_year=2024,
        stars=5,
        current_stars=5,
        rated_on="2024-08-15",  # type: ignore[arg-type]
    )
    await registry_feed.send(product_id, rating)
    await registry_feed.send(
        product_id, listed(member_id, product_id=product_id, segment=DevelopmentSegment.C)
    )
    profile = (await _profile(events, member_id)).json()
    assert profile["best_stars"] == 5
    assert profile["segments"] == ["C"]


async def test_a_message_that_is_not_an_event_goes_to_the_dlq_with_the_reason(
    events: httpx.AsyncClient, servers: Servers
) -> None:
    consumer = runtime_of(events.app).consumers["registry.members.v1"]  # type: ignore[attr-defined]
    async with KafkaProbe(servers.bootstrap_servers, ["registry.members.v1.dlq"]) as probe:
        outcome = await consumer.handle(
            IncomingMessage(
                topic="registry.members.v1", partition=0, offset=7, key=b"k", value=b"{not json"
            )
        )
        assert outcome is Outcome.DEAD_LETTERED
        [dead] = await probe.wait_for(lambda r: r.value == b"{not json")
    assert "not an event envelope" in dead.headers["dlq.error"]
    assert dead.headers["dlq.consumer"] == "events.registry-members"
