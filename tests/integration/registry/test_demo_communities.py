"""The demo Nawatwithi communities load through the registry's API after the demo members,
with their villages' real DOPA names and the village's members as their producers."""

from __future__ import annotations

import httpx
import pytest

from devstack.demo import communities
from devstack.demo import registry as demo_registry
from tests.conftest import ADMIN_TOKEN

pytestmark = pytest.mark.integration


async def test_the_demo_communities_load_once_with_their_producers(
    registry: httpx.AsyncClient,
) -> None:
    await demo_registry.load_demo_data("http://registry", ADMIN_TOKEN, client=registry)

    loaded = await communities.load_demo_data("http://registry", ADMIN_TOKEN, client=registry)
    again = await communities.load_demo_data("http://registry", ADMIN_TOKEN, client=registry)

    assert loaded == {"communities": len(communities.COMMUNITIES), "producers": 5}
    assert again == {"communities": 0, "producers": 0}
    public = await registry.get("/v1/public/communities", params={"province_code": "90"})
    items = {c["name_th"]: c for c in public.json()["items"]}
    koyo = items["ชุมชนท่องเที่ยว OTOP นวัตวิถีบ้านเกาะยอ"]
    assert koyo["village"]["subdistrict_name_th"] == "เกาะยอ"
    assert koyo["village"]["district_name_th"] == "เมืองสงขลา"
    assert koyo["producer_count"] == 1
    page = await registry.get(f"/v1/public/communities/{koyo['community_id']}")
    [producer] = page.json()["producers"]
    assert producer["name_th"] == "กลุ่มวิสาหกิจชุมชนทอผ้าพื้นเมืองเกาะยอ"
    assert producer["products"], "the weavers' products are on the page"
