"""The registry's community routes over HTTP on the real database and broker: DOPA village
checks, the district's scope, the events on registry.communities.v1, and the public routes
with public fields only."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest

from shared.contracts.communities import CommunityMemberJoined, CommunityRegistered
from shared.identity.tokens import StaffTokenSigner
from tests.infrastructure import Servers
from tests.integration.registry.community_payloads import KHU_TAO_VILLAGE, community_payload
from tests.integration.registry.helpers import assert_problem, change_status, list_product, register
from tests.integration.registry.staff_tokens import (
    HAT_YAI_OFFICER,
    MUEANG_SONGKHLA_OFFICER,
    SONGKHLA_COMMITTEE,
    as_staff,
)
from tests.kafka_probe import KafkaProbe, event_of_type

pytestmark = pytest.mark.integration

COMMUNITIES = "registry.communities.v1"


async def _community(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/v1/communities", json=community_payload(**overrides))
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == f"/v1/communities/{response.json()['community_id']}"
    body: dict[str, Any] = response.json()
    return body


async def _active_member_with_product(client: httpx.AsyncClient) -> dict[str, Any]:
    member = await register(client)
    assert (await change_status(client, member["member_id"], "active")).status_code == 200
    await list_product(client, member["member_id"])
    return member


@pytest.mark.parametrize(
    "village, detail",
    [
        ({"subdistrict_code": "900106"}, "is not in district 9011"),
        ({"subdistrict_code": "901199"}, "there is no subdistrict"),
        ({"district_code": "4001"}, "is not in province 90"),
        ({"village_no": 51}, "village number 51"),
    ],
)
async def test_a_village_not_in_the_dopa_reference_is_refused_with_a_clear_problem(
    registry: httpx.AsyncClient, village: dict[str, Any], detail: str
) -> None:
    response = await registry.post(
        "/v1/communities", json=community_payload(village={**KHU_TAO_VILLAGE, **village})
    )
    assert_problem(response, 422, detail)


@pytest.mark.parametrize(
    "village", [{"village_no": 0}, {"village_no": "สาม"}, {"subdistrict_code": None}]
)
async def test_a_malformed_village_number_or_code_is_a_422(
    registry: httpx.AsyncClient, village: dict[str, Any]
) -> None:
    response = await registry.post(
        "/v1/communities", json=community_payload(village={**KHU_TAO_VILLAGE, **village})
    )
    assert_problem(response, 422)


async def test_staff_outside_the_district_are_refused_and_any_staff_may_read(
    registry: httpx.AsyncClient, staff_signer: StaffTokenSigner
) -> None:
    outsider = as_staff(staff_signer, MUEANG_SONGKHLA_OFFICER)
    refused = await registry.post("/v1/communities", json=community_payload(), headers=outsider)
    assert_problem(refused, 403, "9011")

    officer = as_staff(staff_signer, HAT_YAI_OFFICER)
    created = await registry.post("/v1/communities", json=community_payload(), headers=officer)
    assert created.status_code == 201, created.text
    path = f"/v1/communities/{created.json()['community_id']}"

    assert_problem(await registry.patch(path, json={"name_en": "X"}, headers=outsider), 403)
    assert_problem(await registry.post(f"{path}/withdraw", json={}, headers=outsider), 403)
    member = await _active_member_with_product(registry)
    join = {"member_id": member["member_id"]}
    assert_problem(await registry.post(f"{path}/members", json=join, headers=outsider), 403)

    reader = as_staff(staff_signer, SONGKHLA_COMMITTEE)
    assert (await registry.get(path, headers=reader)).json()["name_th"].startswith("ชุมชน")
    listed = await registry.get("/v1/communities", params={"district": "9011"}, headers=reader)
    assert [c["community_id"] for c in listed.json()["items"]] == [created.json()["community_id"]]
    elsewhere = await registry.get("/v1/communities", params={"district": "9001"}, headers=reader)
    assert elsewhere.json()["items"] == []


async def test_registration_and_joining_are_published_on_the_communities_topic(
    registry: httpx.AsyncClient, servers: Servers
) -> None:
    async with KafkaProbe(servers.bootstrap_servers, [COMMUNITIES]) as probe:
        community = await _community(registry)
        community_id = community["community_id"]
        member = await _active_member_with_product(registry)
        joined = await registry.post(
            f"/v1/communities/{community_id}/members", json={"member_id": member["member_id"]}
        )
        assert joined.status_code == 200, joined.text

        [registered] = await probe.wait_for(event_of_type("community.registered", community_id))
        [join] = await probe.wait_for(event_of_type("community.member_joined", community_id))

    assert registered.topic == COMMUNITIES and registered.key == community_id
    data = CommunityRegistered.model_validate(registered.json()["data"])
    assert data.village.subdistrict_name_th == "คูเต่า" and data.village.village_no == 3
    assert data.contact.line_id == "@khutao"
    joined_data = CommunityMemberJoined.model_validate(join.json()["data"])
    assert str(joined_data.member_id) == member["member_id"] and joined_data.version == 2


async def test_a_member_joins_only_one_community_and_can_leave(
    registry: httpx.AsyncClient,
) -> None:
    first = await _community(registry)
    second = await _community(registry, name_th="ชุมชนบ้านควนลัง")
    member = await _active_member_with_product(registry)
    join = {"member_id": member["member_id"]}

    ok = await registry.post(f"/v1/communities/{first['community_id']}/members", json=join)
    assert ok.status_code == 200 and ok.json()["member_ids"] == [member["member_id"]]
    again = await registry.post(f"/v1/communities/{second['community_id']}/members", json=join)
    assert_problem(again, 409, "another community")

    left = await registry.delete(
        f"/v1/communities/{first['community_id']}/members/{member['member_id']}"
    )
    assert left.status_code == 200 and left.json()["member_ids"] == []
    moved = await registry.post(f"/v1/communities/{second['community_id']}/members", json=join)
    assert moved.status_code == 200, moved.text
    unknown = await registry.post(
        f"/v1/communities/{uuid.uuid4()}/members", json={"member_id": str(uuid.uuid4())}
    )
    assert_problem(unknown, 404)


async def test_a_member_joining_two_communities_at_once_joins_only_one(
    registry: httpx.AsyncClient,
) -> None:
    communities = [await _community(registry, name_th=f"ชุมชนบ้านทดสอบ {n}") for n in range(1, 5)]
    member = await _active_member_with_product(registry)
    join = {"member_id": member["member_id"]}

    answers = await asyncio.gather(
        *(
            registry.post(f"/v1/communities/{c['community_id']}/members", json=join)
            for c in communities
        )
    )

    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409], [a.text for a in answers]
    for refused in (a for a in answers if a.status_code == 409):
        assert_problem(refused, 409)
    async with httpx.AsyncClient(transport=registry._transport, base_url="http://r") as public:
        found = await public.get("/v1/public/communities", params=join)
    [joined] = found.json()["items"]
    [winner] = [a.json() for a in answers if a.status_code == 200]
    assert joined["community_id"] == winner["community_id"]


async def test_the_public_page_shows_public_fields_producers_and_their_listed_products(
    registry: httpx.AsyncClient,
) -> None:
    community = await _community(registry)
    community_id = community["community_id"]
    member = await _active_member_with_product(registry)
    await registry.post(
        f"/v1/communities/{community_id}/members", json={"member_id": member["member_id"]}
    )
    public = httpx.AsyncClient(transport=registry._transport, base_url="http://registry")

    async with public:
        page = await public.get(f"/v1/public/communities/{community_id}")
        assert page.status_code == 200, page.text
        body = page.json()
        by_province = await public.get("/v1/public/communities", params={"province_code": "90"})
        by_member = await public.get(
            "/v1/public/communities", params={"member_id": member["member_id"]}
        )
        elsewhere = await public.get("/v1/public/communities", params={"province_code": "40"})
        bad = await public.get("/v1/public/communities", params={"province_code": "9"})

    assert body["story_th"] == community_payload()["story_th"]
    assert not {"version", "status", "member_ids", "withdrawn_reason"} & body.keys()
    [producer] = body["producers"]
    assert producer["name_th"] == member["name_th"]
    # Only the member's public name: no contact person, phone, e-mail or address.
    assert set(producer) == {"member_id", "name_th", "name_en", "member_type", "products"}
    [product] = producer["products"]
    assert (product["name_th"], product["category"], product["price"]) == (
        "ข้าวเกรียบปลาสงขลา",
        "food",
        "85.50",
    )
    assert "นางสมศรี" not in page.text and "0812345678" not in page.text
    assert [c["community_id"] for c in by_province.json()["items"]] == [community_id]
    assert [c["community_id"] for c in by_member.json()["items"]] == [community_id]
    assert elsewhere.json()["items"] == []
    assert_problem(bad, 422)


async def test_a_withdrawn_community_leaves_the_public_pages(registry: httpx.AsyncClient) -> None:
    community = await _community(registry)
    community_id = community["community_id"]

    withdrawn = await registry.post(
        f"/v1/communities/{community_id}/withdraw", json={"reason": "ยุบรวมกับชุมชนข้างเคียง"}
    )

    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    async with httpx.AsyncClient(transport=registry._transport, base_url="http://r") as public:
        assert_problem(await public.get(f"/v1/public/communities/{community_id}"), 404)
        listed = await public.get("/v1/public/communities")
    assert listed.json()["items"] == []
    again = await registry.patch(f"/v1/communities/{community_id}", json={"name_en": "New"})
    assert_problem(again, 409, "withdrawn")


async def test_a_suspended_producer_leaves_the_public_page_but_stays_in_the_community(
    registry: httpx.AsyncClient,
) -> None:
    community = await _community(registry)
    community_id = community["community_id"]
    member = await _active_member_with_product(registry)
    await registry.post(
        f"/v1/communities/{community_id}/members", json={"member_id": member["member_id"]}
    )
    suspended = await change_status(registry, member["member_id"], "suspended", "ค้างส่งเอกสาร")
    assert suspended.status_code == 200, suspended.text

    async with httpx.AsyncClient(transport=registry._transport, base_url="http://r") as public:
        page = (await public.get(f"/v1/public/communities/{community_id}")).json()
        [summary] = (await public.get("/v1/public/communities")).json()["items"]

    assert page["producers"] == [] and summary["producer_count"] == 0
    staff_view = (await registry.get(f"/v1/communities/{community_id}")).json()
    assert staff_view["member_ids"] == [member["member_id"]]
